/* nl_data_*: allocation, append, clone, accessors and comparison. */
#include <netlink/netlink.h>
#include <netlink/data.h>
#include <netlink/errno.h>
#include <stdio.h>
#include <stdint.h>
#include <string.h>

/* More than any allocator gives: 1 TiB, or 3 GiB where size_t has 32 bits. */
#define HUGE (sizeof(size_t) > 4 ? SIZE_MAX >> 24 : SIZE_MAX / 4 * 3)

static int sign(int v)
{
	return (v > 0) - (v < 0);
}

static void show(const char *tag, struct nl_data *d)
{
	unsigned char *p = nl_data_get(d);
	size_t i, n = nl_data_get_size(d);

	printf("%s: size=%zu get=%s bytes=", tag, n, p ? "ptr" : "NULL");
	for (i = 0; p && i < n; i++)
		printf("%02x", p[i]);
	printf("\n");
}

int main(void)
{
	unsigned char b[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
	struct nl_data *d, *e, *f, *g, *h, *c;
	unsigned char *p;

	d = nl_data_alloc(b, 2);
	show("alloc b,2", d);
	e = nl_data_alloc(b, 3);
	f = nl_data_alloc(b + 1, 2);
	g = nl_data_alloc(b, 0);
	h = nl_data_alloc(NULL, 0);
	show("alloc b,0", g);
	show("alloc NULL,0", h);
	c = nl_data_alloc(NULL, 4);
	show("alloc NULL,4", c);
	nl_data_free(c);
	printf("alloc huge=%s\n", nl_data_alloc(NULL, HUGE) ? "ptr" : "NULL");

	printf("cmp d,e=%d f,d=%d d,f=%d\n", sign(nl_data_cmp(d, e)), sign(nl_data_cmp(f, d)),
	       sign(nl_data_cmp(d, f)));
	printf("cmp empty g,h=%d g,d=%d d,g=%d\n", nl_data_cmp(g, h), nl_data_cmp(g, d),
	       nl_data_cmp(d, g));
	printf("cmp self=%d\n", nl_data_cmp(e, e));

	printf("append b,0=%d\n", nl_data_append(d, b, 0));
	show(" ", d);
	printf("append NULL,3=%d\n", nl_data_append(d, NULL, 3));
	show(" ", d);
	printf("append b+4,4=%d\n", nl_data_append(d, b + 4, 4));
	show(" ", d);
	printf("append huge=%d\n", nl_data_append(d, b, HUGE));
	show(" ", d);
	printf("append to empty=%d\n", nl_data_append(h, b, 2));
	show(" ", h);

	c = nl_data_clone(d);
	show("clone", c);
	printf("cmp clone=%d\n", nl_data_cmp(c, d));
	p = nl_data_get(c);
	p[0] = 0x7f;
	show("clone written", c);
	show("orig", d);
	nl_data_free(c);
	c = nl_data_clone(g);
	show("clone empty", c);
	nl_data_free(c);

	nl_data_free(d);
	nl_data_free(e);
	nl_data_free(f);
	nl_data_free(g);
	nl_data_free(h);
	nl_data_free(NULL);
	return 0;
}
