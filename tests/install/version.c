/* Built by tests/install.rs through each installed pkg-config file (nlrs.pc and the compat
 * libnl-*.pc): the umbrella header resolves to our headers and the program links and runs
 * against the installed library. */
#include <netlink/netlink.h>
#include <netlink/version.h>

int main(void)
{
	printf("LIBNL_VERSION %s\n", LIBNL_VERSION);
	printf("nl_ver %d.%d.%d num=0x%x macro=0x%x\n", nl_ver_maj, nl_ver_min, nl_ver_mic,
	       nl_ver_num, LIBNL_VER_NUM);
	printf("nl_debug %d\n", nl_debug);
	return nl_ver_num == LIBNL_VER_NUM ? 0 : 1;
}
