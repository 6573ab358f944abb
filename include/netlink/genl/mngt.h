/* libnlrs: libnl-3 compatible API — registering generic netlink families and commands. */
#ifndef NETLINK_GENL_MNGT_H_
#define NETLINK_GENL_MNGT_H_

#include <netlink/netlink.h>
#include <netlink/attr.h>
#include <netlink/list.h>

#ifdef __cplusplus
extern "C" {
#endif

struct nl_cache_ops;

/* What a command handler receives about the message being dispatched. */
struct genl_info {
	struct sockaddr_nl *who;    /* sender (may be NULL) */
	struct nlmsghdr *nlh;	    /* netlink header */
	struct genlmsghdr *genlhdr; /* generic netlink header */
	void *userhdr;		    /* family-specific header */
	struct nlattr **attrs;	    /* attributes, indexed 0..c_maxattr */
};

/* One command of a family. */
struct genl_cmd {
	int c_id;      /* command number */
	char *c_name;  /* name, used by genl_op2name() */
	int c_maxattr; /* highest attribute parsed for it */
	int (*c_msg_parser)(struct nl_cache_ops *, struct genl_cmd *, struct genl_info *,
			    void *);	  /* handler */
	struct nla_policy *c_attr_policy; /* validation policy, may be NULL */
};

/* A family as registered by the application. */
struct genl_ops {
	unsigned int o_hdrsize;		  /* family-specific header length */
	int o_id;			  /* family id (filled by the resolve functions) */
	char *o_name;			  /* family name */
	struct nl_cache_ops *o_cache_ops; /* set by genl_register() */
	struct genl_cmd *o_cmds;	  /* command table */
	int o_ncmds;			  /* entries in o_cmds */
	struct nl_list_head o_list;	  /* private: registry link */
};

extern int genl_register_family(struct genl_ops *);
extern int genl_unregister_family(struct genl_ops *);
extern int genl_handle_msg(struct nl_msg *, void *);

extern int genl_register(struct nl_cache_ops *);
extern void genl_unregister(struct nl_cache_ops *);

extern int genl_ops_resolve(struct nl_sock *, struct genl_ops *);
extern int genl_mngt_resolve(struct nl_sock *);

#ifdef __cplusplus
}
#endif

#endif
