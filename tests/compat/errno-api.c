/* nl_geterror, nl_perror (stderr redirected to stdout) and nl_syserr2nlerr. */
#include <netlink/netlink.h>
#include <netlink/errno.h>
#include <stdio.h>
#include <unistd.h>

int main(void)
{
	int e;

	for (e = -40; e <= 40; e++)
		printf("%d: %s\n", e, nl_geterror(e));
	printf("%s|%s\n", nl_geterror(2147483647), nl_geterror(-2147483647));
	for (e = -3; e < 140; e++)
		printf("syserr %d -> %d\n", e, nl_syserr2nlerr(e));
	printf("syserr extremes %d %d\n", nl_syserr2nlerr(-2147483647 - 1),
	       nl_syserr2nlerr(2147483647));
	printf("NLE_MAX=%d NLE_ATTRSIZE=%d NLE_NOADDR=%d\n", NLE_MAX, NLE_ATTRSIZE, NLE_NOADDR);

	fflush(stdout);
	dup2(1, 2);
	nl_perror(-7, "hello");
	nl_perror(7, "");
	nl_perror(0, NULL);
	nl_perror(-99, "x");
	nl_perror(-34, "y: z");
	nl_perror(-NLE_NOMEM, "%s %d");
	return 0;
}
