/* nl_msg_parse against libnl 3.7.0 for messages no cache type claims: the callback is never
 * called and the result is -NLE_MSGTYPE_NOSUPPORT. */
#include <stdio.h>

#include <linux/netlink.h>
#include <netlink/netlink.h>
#include <netlink/errno.h>
#include <netlink/msg.h>

static int called;

static void cb(struct nl_object *obj, void *arg)
{
	(void)obj;
	(void)arg;
	called++;
}

int main(void)
{
	static const int protos[] = { -1, NETLINK_USERSOCK, NETLINK_GENERIC, 999 };
	static const int types[] = { 0, NLMSG_NOOP, NLMSG_ERROR, NLMSG_DONE, 0x11, 0x20, 0xffff };
	unsigned i, j;

	for (i = 0; i < sizeof(protos) / sizeof(protos[0]); i++) {
		for (j = 0; j < sizeof(types) / sizeof(types[0]); j++) {
			struct nl_msg *m = nlmsg_alloc();
			int r;

			if (protos[i] != -1)
				nlmsg_set_proto(m, protos[i]);
			nlmsg_put(m, 1, 2, types[j], 4, NLM_F_REQUEST);
			r = nl_msg_parse(m, cb, &called);
			printf("proto %d type %#x: %d (%s) called=%d\n", protos[i], types[j], r,
			       r == -NLE_MSGTYPE_NOSUPPORT ? "NLE_MSGTYPE_NOSUPPORT" : "other",
			       called);
			r = nl_msg_parse(m, NULL, NULL);
			printf("  no callback: %d\n", r);
			nlmsg_free(m);
		}
	}
	return 0;
}
