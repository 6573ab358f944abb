/* libnlrs: libnl-3 compatible API — compatibility stub; include <netlink/cache.h>. */
#ifndef NETLINK_DUMMY_CACHE_API_H_
#define NETLINK_DUMMY_CACHE_API_H_

#include <netlink/netlink.h>
#include <netlink/cache.h>

#warning "You are including a deprecated header file, include <netlink/cache.h>."

#endif
