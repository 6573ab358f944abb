/* libnlrs: libnl-3 compatible API — compatibility stub; include <netlink/object.h>. */
#ifndef NETLINK_DUMMY_OBJECT_API_H_
#define NETLINK_DUMMY_OBJECT_API_H_

#include <netlink/netlink.h>
#if defined(__has_include)
#if __has_include(<netlink/utils.h>)
#include <netlink/utils.h>
#endif
#endif
#include <netlink/object.h>

#endif
