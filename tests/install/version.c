/* Built by tests/install.rs through each installed pkg-config file (nlrs.pc and the compat
 * libnl-*.pc): the umbrella header resolves to our headers and the program links and runs
 * against the installed library. It calls the variadic functions too, which are C code in
 * libnlrs (src/ffi/variadic.c): they must be exported by the shared and present in the static
 * library. */
#include <netlink/netlink.h>
#include <netlink/socket.h>
#include <netlink/utils.h>
#include <netlink/version.h>

int main(void)
{
	struct nl_sock *sk = nl_socket_alloc();
	struct nl_dump_params dp = { 0 };
	char buf[64] = "";

	dp.dp_buf = buf;
	dp.dp_buflen = sizeof(buf);
	nl_dump_line(&dp, "%s %d %.2f", "dump", 7, 2.5);
	nl_dump(&dp, "|%c", 'x');
	printf("%s\n", buf);
	printf("memberships %d\n", sk ? nl_socket_add_memberships(sk, 1, 2, 0) : 1);
	nl_socket_free(sk);
	printf("LIBNL_VERSION %s\n", LIBNL_VERSION);
	printf("nl_ver %d.%d.%d num=0x%x macro=0x%x\n", nl_ver_maj, nl_ver_min, nl_ver_mic,
	       nl_ver_num, LIBNL_VER_NUM);
	printf("nl_debug %d\n", nl_debug);
	return nl_ver_num == LIBNL_VER_NUM ? 0 : 1;
}
