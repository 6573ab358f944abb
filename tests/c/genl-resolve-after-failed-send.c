/* libnl-compat: a genl_ctrl_resolve on an unconnected socket uses up a sequence number although
 * nothing was sent, in libnl 3.7 and in libnlrs alike. libnl's expected number then stays behind,
 * so every later resolve on that socket fails with -NLE_OBJ_NOTFOUND; libnlrs moves the expected
 * number over the unsent one: after connecting, resolving works. */
#include <netlink/netlink.h>
#include <netlink/genl/genl.h>
#include <netlink/genl/ctrl.h>

#include "tap.h"

int main(void)
{
	struct nl_sock *sk = nl_socket_alloc();
	int id;

	CHECK(sk != NULL, "socket allocated");
	CHECK(genl_ctrl_resolve(sk, "nlctrl") == -NLE_OBJ_NOTFOUND,
	      "resolve on an unconnected socket fails");
	CHECK(genl_connect(sk) == 0, "genl_connect");
	id = genl_ctrl_resolve(sk, "nlctrl");
	CHECK(id == GENL_ID_CTRL, "resolve after connecting finds nlctrl");
	id = genl_ctrl_resolve(sk, "nlctrl");
	CHECK(id == GENL_ID_CTRL, "and keeps working");
	nl_socket_free(sk);
	return tap_failed;
}
