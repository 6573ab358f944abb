/* libnl 3.7's private layouts of the object and cache type tables, declared the way libnl's
 * plug-in libraries (libnl-nf, -idiag, -xfrm) declare them, for tests that define their own
 * cache types against libnlrs and Debian's libnl alike (see plugin-abi.md). Shared by
 * tests/compat/objcache-plugin.h and tests/compat-netns/cache-linktype.h. Also the 72 bytes
 * of struct nl_msg that Debian's libnl-route reads directly (tests/compat/msg-private.c,
 * tests/compat-netns/msg-private-recv.c). */
#ifndef LIBNL_PRIVATE_H_
#define LIBNL_PRIVATE_H_

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <netlink/netlink.h>
#include <netlink/cache.h>
#include <netlink/object.h>

struct nl_object_ops {
	char *oo_name;
	size_t oo_size;
	uint32_t oo_id_attrs;
	void (*oo_constructor)(struct nl_object *);
	void (*oo_free_data)(struct nl_object *);
	int (*oo_clone)(struct nl_object *, struct nl_object *);
	void (*oo_dump[3])(struct nl_object *, struct nl_dump_params *);
	uint64_t (*oo_compare)(struct nl_object *, struct nl_object *, uint64_t, int);
	int (*oo_update)(struct nl_object *, struct nl_object *);
	void (*oo_keygen)(struct nl_object *, uint32_t *, uint32_t);
	char *(*oo_attrs2str)(int, char *, size_t);
	uint32_t (*oo_id_attrs_get)(struct nl_object *);
};

/* Offsets (DWARF of libnl 3.7.0): 0 4 8 20 32 48 56 64; 72 bytes. The credentials are spelled
 * out so that this header does not depend on _GNU_SOURCE for struct ucred. */
struct nl_msg {
	int nm_protocol;
	int nm_flags;
	struct sockaddr_nl nm_src;
	struct sockaddr_nl nm_dst;
	struct {
		pid_t pid;
		uid_t uid;
		gid_t gid;
	} nm_creds;
	struct nlmsghdr *nm_nlh;
	size_t nm_size;
	int nm_refcnt;
};

struct nl_msgtype {
	int mt_id;
	int mt_act;
	char *mt_name;
};

struct nl_af_group {
	int ag_family;
	int ag_group;
};

struct nl_parser_param {
	int (*pp_cb)(struct nl_object *, struct nl_parser_param *);
	void *pp_arg;
};

struct nl_cache_ops {
	char *co_name;
	int co_hdrsize;
	int co_protocol;
	int co_hash_size;
	unsigned int co_flags;
	unsigned int co_refcnt;
	struct nl_af_group *co_groups;
	int (*co_request_update)(struct nl_cache *, struct nl_sock *);
	int (*co_msg_parser)(struct nl_cache_ops *, struct sockaddr_nl *, struct nlmsghdr *,
			     struct nl_parser_param *);
	int (*co_event_filter)(struct nl_cache *, struct nl_object *);
	int (*co_include_event)(struct nl_cache *, struct nl_object *, change_func_t,
				change_func_v2_t, void *);
	void (*reserved[8])(void);
	struct nl_object_ops *co_obj_ops;
	struct nl_cache_ops *co_next;
	struct nl_cache *co_major_cache;
	void *co_genl;
	struct nl_msgtype co_msgtypes[];
};

#endif
