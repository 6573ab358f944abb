/* libnlrs: libnl-3 compatible API — netlink messages (struct nl_msg) and header helpers. */
#ifndef NETLINK_MSG_H_
#define NETLINK_MSG_H_

#include <netlink/netlink.h>
#include <netlink/object.h>
#include <netlink/attr.h>

#ifdef __cplusplus
extern "C" {
#endif

struct nlmsghdr;

/* No padding (the pad argument of nlmsg_reserve/nlmsg_append). */
#define NL_DONTPAD 0

/* Let the socket fill in the port / sequence number when the message is completed. */
#define NL_AUTO_PORT 0
#define NL_AUTO_PID NL_AUTO_PORT
#define NL_AUTO_SEQ 0

struct nl_msg;
struct nl_tree;
struct nl_object;
struct ucred;

/* Sizes */
extern int nlmsg_size(int payload);
extern int nlmsg_total_size(int payload);
extern int nlmsg_padlen(int payload);

/* Header access */
extern void *nlmsg_data(const struct nlmsghdr *nlh);
extern int nlmsg_datalen(const struct nlmsghdr *nlh);
extern void *nlmsg_tail(const struct nlmsghdr *nlh);

/* Attribute area after a family header of hdrlen bytes */
extern struct nlattr *nlmsg_attrdata(const struct nlmsghdr *nlh, int hdrlen);
extern int nlmsg_attrlen(const struct nlmsghdr *nlh, int hdrlen);

/* Parsing */
extern int nlmsg_valid_hdr(const struct nlmsghdr *nlh, int hdrlen);
extern int nlmsg_ok(const struct nlmsghdr *nlh, int remaining);
extern struct nlmsghdr *nlmsg_next(struct nlmsghdr *nlh, int *remaining);
extern int nlmsg_parse(struct nlmsghdr *nlh, int hdrlen, struct nlattr **tb, int maxtype,
		       const struct nla_policy *policy);
extern struct nlattr *nlmsg_find_attr(struct nlmsghdr *nlh, int hdrlen, int attrtype);
extern int nlmsg_validate(struct nlmsghdr *nlh, int hdrlen, int maxtype,
			  const struct nla_policy *policy);

/* Message objects */
extern struct nl_msg *nlmsg_alloc(void);
extern struct nl_msg *nlmsg_alloc_size(size_t max);
extern struct nl_msg *nlmsg_alloc_simple(int nlmsgtype, int flags);
extern void nlmsg_set_default_size(size_t max);
extern struct nl_msg *nlmsg_inherit(struct nlmsghdr *hdr);
extern struct nl_msg *nlmsg_convert(struct nlmsghdr *hdr);
extern void *nlmsg_reserve(struct nl_msg *n, size_t len, int pad);
extern int nlmsg_append(struct nl_msg *n, void *data, size_t len, int pad);
extern int nlmsg_expand(struct nl_msg *n, size_t newlen);

extern struct nlmsghdr *nlmsg_put(struct nl_msg *n, uint32_t pid, uint32_t seq, int type,
				  int payload, int flags);
extern struct nlmsghdr *nlmsg_hdr(struct nl_msg *n);
extern void nlmsg_get(struct nl_msg *msg);
extern void nlmsg_free(struct nl_msg *msg);

/* Message metadata */
extern void nlmsg_set_proto(struct nl_msg *msg, int protocol);
extern int nlmsg_get_proto(struct nl_msg *msg);
extern size_t nlmsg_get_max_size(struct nl_msg *msg);
extern void nlmsg_set_src(struct nl_msg *msg, struct sockaddr_nl *addr);
extern struct sockaddr_nl *nlmsg_get_src(struct nl_msg *msg);
extern void nlmsg_set_dst(struct nl_msg *msg, struct sockaddr_nl *addr);
extern struct sockaddr_nl *nlmsg_get_dst(struct nl_msg *msg);
extern void nlmsg_set_creds(struct nl_msg *msg, struct ucred *creds);
extern struct ucred *nlmsg_get_creds(struct nl_msg *msg);

/* Message types and flags as text, dumping */
extern char *nl_nlmsgtype2str(int type, char *buf, size_t size);
extern int nl_str2nlmsgtype(const char *name);
extern char *nl_nlmsg_flags2str(int flags, char *buf, size_t len);
extern int nl_msg_parse(struct nl_msg *msg, void (*cb)(struct nl_object *, void *), void *arg);
extern void nl_msg_dump(struct nl_msg *msg, FILE *ofd);

/* Iterate over the attributes of a message after a family header of hdrlen bytes. */
#define nlmsg_for_each_attr(pos, nlh, hdrlen, rem) \
	nla_for_each_attr(pos, nlmsg_attrdata(nlh, hdrlen), nlmsg_attrlen(nlh, hdrlen), rem)

/* Iterate over the messages in a buffer (same expansion as libnl's, quirks included). */
#define nlmsg_for_each(pos, head, len) \
	for (int rem = len, pos = head; nlmsg_ok(pos, rem); pos = nlmsg_next(pos, &rem))

#define nlmsg_for_each_msg(pos, head, len, rem) nlmsg_for_each(pos, head, len)

#ifdef __cplusplus
}
#endif

#endif
