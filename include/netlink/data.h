/* libnlrs: libnl-3 compatible API — abstract data buffers. */
#ifndef NETLINK_DATA_H_
#define NETLINK_DATA_H_

#include <netlink/netlink.h>

#ifdef __cplusplus
extern "C" {
#endif

struct nlattr;

/* Opaque byte buffer with its size. */
struct nl_data;

/* Creation and release */
extern struct nl_data *nl_data_alloc(const void *, size_t);
extern struct nl_data *nl_data_alloc_attr(const struct nlattr *);
extern struct nl_data *nl_data_clone(const struct nl_data *);
extern int nl_data_append(struct nl_data *, const void *, size_t);
extern void nl_data_free(struct nl_data *);

/* Access */
extern void *nl_data_get(const struct nl_data *);
extern size_t nl_data_get_size(const struct nl_data *);

/* Comparison */
extern int nl_data_cmp(const struct nl_data *, const struct nl_data *);

#ifdef __cplusplus
}
#endif

#endif
