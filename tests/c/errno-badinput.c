/* nl_geterror / nl_syserr2nlerr on out-of-range codes. */
#include <netlink/netlink.h>
#include <netlink/errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "tap.h"

int main(void)
{
	/* libnl-compat: libnl indexes its table with abs(INT_MIN) and crashes */
	CHECK(strcmp(nl_geterror(INT_MIN), "Unspecific failure") == 0);
	CHECK(strcmp(nl_geterror(INT_MAX), "Unspecific failure") == 0);
	CHECK(strcmp(nl_geterror(-NLE_MAX), "Attribute max length exceeded") == 0);
	CHECK(nl_geterror(5) == nl_geterror(-5));
	CHECK(nl_syserr2nlerr(INT_MIN) == NLE_FAILURE);
	CHECK(nl_syserr2nlerr(-22) == NLE_INVAL);
	CHECK(nl_syserr2nlerr(0) == NLE_FAILURE);
	printf("%s\n", tap_failed ? "FAILED" : "PASSED");
	return tap_failed ? 1 : 0;
}
