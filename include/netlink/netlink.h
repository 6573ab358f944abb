/* libnlrs: libnl-3 compatible API — the umbrella header every libnl program includes. */
#ifndef NETLINK_NETLINK_H_
#define NETLINK_NETLINK_H_

#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <stdlib.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/time.h>
#include <netdb.h>
#include <netlink/netlink-compat.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/genetlink.h>
#include <linux/netfilter/nfnetlink.h>
#include <netinet/tcp.h>
#include <netlink/version.h>
#include <netlink/errno.h>
#include <netlink/types.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Handles used across the API (opaque). */
struct nl_msg;
struct nl_sock;
struct nl_cb;
struct nl_cache;
struct nl_cache_ops;
struct nl_object;
struct nl_parser_param;
struct ucred;

/* Debug level; set from the NLDBG environment variable when the library loads. */
extern int nl_debug;

#ifdef __cplusplus
}
#endif

#endif
