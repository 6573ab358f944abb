/* libnlrs: libnl-3 compatible API — kernel netlink structures.
 *
 * The kernel's own definitions come from <linux/netlink.h>; this header exists because
 * libnl's handlers.h includes it. */
#ifndef __NETLINK_KERNEL_H_
#define __NETLINK_KERNEL_H_

#endif
