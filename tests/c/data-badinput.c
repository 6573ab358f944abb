/* nl_data_*: NULL arguments, oversize lengths and short attributes. */
#include <netlink/netlink.h>
#include <netlink/data.h>
#include <netlink/errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "tap.h"

int main(void)
{
	unsigned char b[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
	unsigned char attrbuf[12] = { 2, 0, 1, 0, 9, 9, 9, 9 };
	struct nl_data *d = nl_data_alloc(b, 2), *e = nl_data_alloc(b, 3), *o;

	/* libnl-compat: libnl crashes on these NULL arguments */
	CHECK(nl_data_alloc_attr(NULL) == NULL);
	CHECK(nl_data_clone(NULL) == NULL);
	CHECK(nl_data_append(NULL, b, 1) == -NLE_INVAL);
	CHECK(nl_data_get(NULL) == NULL);
	CHECK(nl_data_get_size(NULL) == 0);
	CHECK(nl_data_cmp(NULL, NULL) == -1);
	CHECK(nl_data_cmp(NULL, d) == -1);
	CHECK(nl_data_cmp(d, NULL) == -1);
	nl_data_free(NULL);

	/* attributes shorter than their header have no payload */
	CHECK(nl_data_alloc_attr((struct nlattr *)attrbuf) == NULL);
	attrbuf[0] = 8;
	o = nl_data_alloc_attr((struct nlattr *)attrbuf);
	CHECK(o && nl_data_get_size(o) == 4 && memcmp(nl_data_get(o), "\x09\x09\x09\x09", 4) == 0);
	nl_data_free(o);
	attrbuf[0] = 4;
	o = nl_data_alloc_attr((struct nlattr *)attrbuf);
	CHECK(o && nl_data_get_size(o) == 0 && nl_data_get(o) == NULL);
	nl_data_free(o);

	/* oversize lengths fail cleanly and leave the data untouched
	 * (libnl-compat: libnl wraps d_size + size and frees the buffer) */
	CHECK(nl_data_alloc(b, SIZE_MAX) == NULL);
	CHECK(nl_data_alloc(NULL, SIZE_MAX - 1) == NULL);
	CHECK(nl_data_append(d, b, SIZE_MAX) == -NLE_NOMEM);
	CHECK(nl_data_append(d, b, SIZE_MAX - 1) == -NLE_NOMEM);
	CHECK(nl_data_append(d, NULL, sizeof(size_t) > 4 ? SIZE_MAX >> 2 : SIZE_MAX / 4 * 3) ==
	      -NLE_NOMEM);
	CHECK(nl_data_get_size(d) == 2 && memcmp(nl_data_get(d), b, 2) == 0);

	/* libnl-compat: libnl reads past the shorter buffer; we compare its missing
	 * bytes as zero */
	CHECK(nl_data_cmp(d, e) == 0);
	CHECK(nl_data_cmp(e, d) > 0);

	nl_data_free(d);
	nl_data_free(e);
	printf("%s\n", tap_failed ? "FAILED" : "PASSED");
	return tap_failed ? 1 : 0;
}
