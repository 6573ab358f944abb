/* libnlrs: libnl-3 compatible API — netlink attributes (TLVs): sizes, parsing, building. */
#ifndef NETLINK_ATTR_H_
#define NETLINK_ATTR_H_

#include <netlink/netlink.h>
#include <netlink/object.h>
#include <netlink/addr.h>
#include <netlink/data.h>

#ifdef __cplusplus
extern "C" {
#endif

struct nlattr;
struct nl_msg;
struct nl_addr;
struct nl_data;

/* Attribute data types understood by policy validation (struct nla_policy.type). */
enum {
	NLA_UNSPEC,	   /* binary data, only the policy's minlen is checked */
	NLA_U8,		   /* 8-bit unsigned integer */
	NLA_U16,	   /* 16-bit unsigned integer */
	NLA_U32,	   /* 32-bit unsigned integer */
	NLA_U64,	   /* 64-bit unsigned integer */
	NLA_STRING,	   /* string, must end in a NUL byte */
	NLA_FLAG,	   /* flag, no payload */
	NLA_MSECS,	   /* milliseconds, 64 bit */
	NLA_NESTED,	   /* nested attributes */
	NLA_NESTED_COMPAT, /* nested attributes, compat layout */
	NLA_NUL_STRING,	   /* NUL-terminated string */
	NLA_BINARY,	   /* binary data */
	NLA_S8,		   /* 8-bit signed integer */
	NLA_S16,	   /* 16-bit signed integer */
	NLA_S32,	   /* 32-bit signed integer */
	NLA_S64,	   /* 64-bit signed integer */
	__NLA_TYPE_MAX,
};

#define NLA_TYPE_MAX (__NLA_TYPE_MAX - 1)

/* Expected type and payload length bounds of one attribute type (6 bytes). */
struct nla_policy {
	uint16_t type;	 /* one of the NLA_* types above */
	uint16_t minlen; /* minimum payload length, 0: the type's natural size */
	uint16_t maxlen; /* maximum payload length, 0: no limit */
};

/* Sizes */
extern int nla_attr_size(int payload);
extern int nla_total_size(int payload);
extern int nla_padlen(int payload);

/* Reading attributes */
extern int nla_type(const struct nlattr *nla);
extern void *nla_data(const struct nlattr *nla);
extern int nla_len(const struct nlattr *nla);
extern int nla_ok(const struct nlattr *nla, int remaining);
extern struct nlattr *nla_next(const struct nlattr *nla, int *remaining);
extern int nla_parse(struct nlattr **tb, int maxtype, struct nlattr *head, int len,
		     const struct nla_policy *policy);
extern int nla_validate(const struct nlattr *head, int len, int maxtype,
			const struct nla_policy *policy);
extern struct nlattr *nla_find(const struct nlattr *head, int len, int attrtype);

/* Payload helpers */
extern int nla_memcpy(void *dest, const struct nlattr *src, int count);
extern size_t nla_strlcpy(char *dst, const struct nlattr *nla, size_t dstsize);
extern int nla_memcmp(const struct nlattr *nla, const void *data, size_t size);
extern int nla_strcmp(const struct nlattr *nla, const char *str);

/* Building attributes */
extern struct nlattr *nla_reserve(struct nl_msg *msg, int attrtype, int attrlen);
extern int nla_put(struct nl_msg *msg, int attrtype, int datalen, const void *data);
extern int nla_put_data(struct nl_msg *msg, int attrtype, const struct nl_data *data);
extern int nla_put_addr(struct nl_msg *msg, int attrtype, struct nl_addr *addr);

/* Integers */
extern int8_t nla_get_s8(const struct nlattr *nla);
extern int nla_put_s8(struct nl_msg *msg, int attrtype, int8_t value);
extern uint8_t nla_get_u8(const struct nlattr *nla);
extern int nla_put_u8(struct nl_msg *msg, int attrtype, uint8_t value);
extern int16_t nla_get_s16(const struct nlattr *nla);
extern int nla_put_s16(struct nl_msg *msg, int attrtype, int16_t value);
extern uint16_t nla_get_u16(const struct nlattr *nla);
extern int nla_put_u16(struct nl_msg *msg, int attrtype, uint16_t value);
extern int32_t nla_get_s32(const struct nlattr *nla);
extern int nla_put_s32(struct nl_msg *msg, int attrtype, int32_t value);
extern uint32_t nla_get_u32(const struct nlattr *nla);
extern int nla_put_u32(struct nl_msg *msg, int attrtype, uint32_t value);
extern int64_t nla_get_s64(const struct nlattr *nla);
extern int nla_put_s64(struct nl_msg *msg, int attrtype, int64_t value);
extern uint64_t nla_get_u64(const struct nlattr *nla);
extern int nla_put_u64(struct nl_msg *msg, int attrtype, uint64_t value);

/* Strings */
extern char *nla_get_string(const struct nlattr *nla);
extern char *nla_strdup(const struct nlattr *nla);
extern int nla_put_string(struct nl_msg *msg, int attrtype, const char *str);

/* Flags */
extern int nla_get_flag(const struct nlattr *nla);
extern int nla_put_flag(struct nl_msg *msg, int attrtype);

/* Milliseconds */
extern unsigned long nla_get_msecs(const struct nlattr *nla);
extern int nla_put_msecs(struct nl_msg *msg, int attrtype, unsigned long msecs);

/* Nesting */
extern int nla_put_nested(struct nl_msg *msg, int attrtype, const struct nl_msg *nested);
extern struct nlattr *nla_nest_start(struct nl_msg *msg, int attrtype);
extern int nla_nest_end(struct nl_msg *msg, struct nlattr *start);
extern int nla_nest_end_keep_empty(struct nl_msg *msg, struct nlattr *start);
extern void nla_nest_cancel(struct nl_msg *msg, const struct nlattr *attr);
extern int nla_parse_nested(struct nlattr **tb, int maxtype, struct nlattr *nla,
			    const struct nla_policy *policy);
extern int nla_is_nested(const struct nlattr *attr);

/* Put helpers that jump to the caller's nla_put_failure label on error. */
#define NLA_PUT(msg, attrtype, attrlen, data)                  \
	do {                                                   \
		if (nla_put(msg, attrtype, attrlen, data) < 0) \
			goto nla_put_failure;                  \
	} while (0)

#define NLA_PUT_TYPE(msg, type, attrtype, value)              \
	do {                                                  \
		type __tmp = value;                           \
		NLA_PUT(msg, attrtype, sizeof(type), &__tmp); \
	} while (0)

#define NLA_PUT_S8(msg, attrtype, value) NLA_PUT_TYPE(msg, int8_t, attrtype, value)
#define NLA_PUT_U8(msg, attrtype, value) NLA_PUT_TYPE(msg, uint8_t, attrtype, value)
#define NLA_PUT_S16(msg, attrtype, value) NLA_PUT_TYPE(msg, int16_t, attrtype, value)
#define NLA_PUT_U16(msg, attrtype, value) NLA_PUT_TYPE(msg, uint16_t, attrtype, value)
#define NLA_PUT_S32(msg, attrtype, value) NLA_PUT_TYPE(msg, int32_t, attrtype, value)
#define NLA_PUT_U32(msg, attrtype, value) NLA_PUT_TYPE(msg, uint32_t, attrtype, value)
#define NLA_PUT_S64(msg, attrtype, value) NLA_PUT_TYPE(msg, int64_t, attrtype, value)
#define NLA_PUT_U64(msg, attrtype, value) NLA_PUT_TYPE(msg, uint64_t, attrtype, value)
#define NLA_PUT_STRING(msg, attrtype, value) NLA_PUT(msg, attrtype, (int)strlen(value) + 1, value)
#define NLA_PUT_FLAG(msg, attrtype) NLA_PUT(msg, attrtype, 0, NULL)
#define NLA_PUT_MSECS(msg, attrtype, msecs) NLA_PUT_U64(msg, attrtype, msecs)
#define NLA_PUT_ADDR(msg, attrtype, addr) \
	NLA_PUT(msg, attrtype, nl_addr_get_len(addr), nl_addr_get_binary_addr(addr))
#define NLA_PUT_DATA(msg, attrtype, data) \
	NLA_PUT(msg, attrtype, nl_data_get_size(data), nl_data_get(data))

/* Iterate over the attributes in a buffer / inside a nested attribute. */
#define nla_for_each_attr(pos, head, len, rem) \
	for (pos = head, rem = len; nla_ok(pos, rem); pos = nla_next(pos, &(rem)))

#define nla_for_each_nested(pos, nla, rem)                                               \
	for (pos = (struct nlattr *)nla_data(nla), rem = nla_len(nla); nla_ok(pos, rem); \
	     pos = nla_next(pos, &(rem)))

#ifdef __cplusplus
}
#endif

#endif
