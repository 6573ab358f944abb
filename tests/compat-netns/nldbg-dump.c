/* netns-env: NLDBG=1 */
/* netns-env: NLDBG=2 */
/* netns-env: NLDBG=3 */
/* netns-env: NLDBG=4 */
/* netns-stderr: dbg-levels */
/*
 * NLDBG environment on the socket paths: allocate and connect a socket, dump lo, a request with
 * an ack, a kernel error, a non-blocking receive with nothing pending. The DBG lines differ in
 * file:line and wording between the libraries, so the harness compares only which levels
 * appear (and that none exceeds NLDBG); stdout must be identical.
 */
#include "nstest.h"

int main(void)
{
	struct nl_sock *sk;
	struct nl_msg *m;
	struct ifinfomsg ifi;

	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("nl_debug = %d\n", nl_debug);
	sk = ns_sock();
	m = ns_getlink(0);
	ns_send(sk, m, "dump");
	nlmsg_free(m);
	ns_rc("nl_recvmsgs_default", nl_recvmsgs_default(sk));

	m = ns_setmtu(1, 65000);
	ns_send(sk, m, "setlink");
	nlmsg_free(m);
	ns_rc("nl_wait_for_ack", nl_wait_for_ack(sk));

	m = nlmsg_alloc_simple(RTM_DELLINK, 0);
	memset(&ifi, 0, sizeof(ifi));
	ifi.ifi_index = 999;
	nlmsg_append(m, &ifi, sizeof(ifi), NLMSG_ALIGNTO);
	ns_send(sk, m, "dellink");
	nlmsg_free(m);
	ns_rc("nl_wait_for_ack", nl_wait_for_ack(sk));

	nl_socket_set_nonblocking(sk);
	ns_rc("nl_recvmsgs_default (nothing pending)", nl_recvmsgs_default(sk));
	nl_socket_free(sk);
	return 0;
}
