/* libnlrs: libnl-3 compatible API — the generic netlink controller (family lookup). */
#ifndef NETLINK_GENL_CTRL_H_
#define NETLINK_GENL_CTRL_H_

#include <netlink/netlink.h>
#include <netlink/cache.h>
#include <netlink/addr.h>

#ifdef __cplusplus
extern "C" {
#endif

struct genl_family;

/* Dumps all families into a new "genl/family" cache. */
extern int genl_ctrl_alloc_cache(struct nl_sock *, struct nl_cache **);
/* Family lookups in such a cache (new reference or NULL). */
extern struct genl_family *genl_ctrl_search(struct nl_cache *, int);
extern struct genl_family *genl_ctrl_search_by_name(struct nl_cache *, const char *);
/* One request to the controller: family id, or multicast group id. */
extern int genl_ctrl_resolve(struct nl_sock *, const char *);
extern int genl_ctrl_resolve_grp(struct nl_sock *sk, const char *family, const char *grp);

#ifdef __cplusplus
}
#endif

#endif
