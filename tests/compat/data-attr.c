/* nla_put_addr / nla_put_data and the *_alloc_attr constructors (needs msg.h and attr.h). */
#include <netlink/netlink.h>
#include <netlink/msg.h>
#include <netlink/attr.h>
#include <netlink/addr.h>
#include <netlink/data.h>
#include <stdio.h>

int main(void)
{
	unsigned char b[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
	struct nl_msg *m = nlmsg_alloc(), *sm = nlmsg_alloc_size(20);
	struct nl_addr *a = nl_addr_build(AF_INET6, b, 5), *z = nl_addr_alloc(0);
	struct nl_data *e = nl_data_alloc(b, 3), *g = nl_data_alloc(b, 0), *ad;
	struct nl_addr *r;
	struct nlmsghdr *nh;
	unsigned char *p;
	char buf[64];
	unsigned int i;

	printf("put_addr %d\n", nla_put_addr(m, 0x10003, a));
	printf("put_data %d\n", nla_put_data(m, -1, e));
	printf("put_data0 %d\n", nla_put_data(m, 5, g));
	printf("put_addr0 %d\n", nla_put_addr(m, 6, z));
	nh = nlmsg_hdr(m);
	p = (unsigned char *)nh;
	for (i = 16; i < nh->nlmsg_len; i++)
		printf("%02x", p[i]);
	printf("\n");

	r = nl_addr_alloc_attr((struct nlattr *)(p + 16), AF_INET);
	printf("alloc_attr fam=%d len=%u pfx=%u str=%s\n", nl_addr_get_family(r),
	       nl_addr_get_len(r), nl_addr_get_prefixlen(r), nl_addr2str(r, buf, sizeof(buf)));
	nl_addr_put(r);
	r = nl_addr_alloc_attr((struct nlattr *)(p + 16), AF_MPLS);
	printf("alloc_attr mpls fam=%d len=%u pfx=%u\n", nl_addr_get_family(r), nl_addr_get_len(r),
	       nl_addr_get_prefixlen(r));
	nl_addr_put(r);
	ad = nl_data_alloc_attr((struct nlattr *)(p + 16));
	printf("data_alloc_attr size=%zu\n", nl_data_get_size(ad));
	nl_data_free(ad);

	printf("small msg put_addr %d\n", nla_put_addr(sm, 1, a));
	printf("small msg put_data %d\n", nla_put_data(sm, 1, e));

	nlmsg_free(m);
	nlmsg_free(sm);
	nl_addr_put(a);
	nl_addr_put(z);
	nl_data_free(e);
	nl_data_free(g);
	return 0;
}
