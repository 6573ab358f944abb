/* netlink/route/link/veth.h against the kernel (tests/route.rs): veth links and their peer
 * object (changes to the peer go into the request), the request bytes, pairs created with
 * rtnl_link_veth_add and with rtnl_link_add, read back and deleted. */
#include <netlink/netlink.h>
#include <netlink/route/link.h>
#include <netlink/route/link/veth.h>
#include <stdio.h>
#include <unistd.h>

static void hex(const char *what, int err, struct nl_msg *m)
{
	struct nlmsghdr *h;

	printf("%s: %d", what, err);
	if (err >= 0) {
		h = nlmsg_hdr(m);
		printf(" flags %#x ", h->nlmsg_flags);
		for (unsigned i = 16; i < h->nlmsg_len; i++)
			printf("%02x", ((unsigned char *)h)[i]);
		nlmsg_free(m);
	}
	printf("\n");
}

static void kernel(struct nl_sock *sk, const char *name)
{
	struct rtnl_link *k;
	int err = rtnl_link_get_kernel(sk, 0, name, &k);

	printf("  %s: %d", name, err);
	if (!err) {
		printf(" type %s veth %d mtu %u peer-index %d", rtnl_link_get_type(k),
		       rtnl_link_is_veth(k), rtnl_link_get_mtu(k), rtnl_link_get_link(k) > 0);
		rtnl_link_put(k);
	}
	printf("\n");
}

int main(void)
{
	struct nl_sock *sk = nl_socket_alloc();
	struct rtnl_link *l, *p, *q, *plain;
	struct nl_msg *m;
	int err;

	setvbuf(stdout, NULL, _IONBF, 0);
	l = rtnl_link_veth_alloc();
	p = rtnl_link_veth_get_peer(l);
	q = rtnl_link_veth_get_peer(l);
	printf("veth %d peer %d same %d peer type %s\n", rtnl_link_is_veth(l), p != NULL, p == q,
	       p ? rtnl_link_get_type(p) : "-");
	rtnl_link_put(q);
	err = rtnl_link_build_add_request(l, NLM_F_CREATE | NLM_F_EXCL, &m);
	hex("bare", err, m);
	rtnl_link_set_name(l, "va");
	rtnl_link_set_name(p, "vb");
	rtnl_link_set_mtu(p, 1400);
	rtnl_link_set_ns_pid(p, 1);
	err = rtnl_link_build_add_request(l, NLM_F_CREATE | NLM_F_EXCL, &m);
	hex("named", err, m);
	rtnl_link_put(p);
	rtnl_link_veth_release(l);

	plain = rtnl_link_alloc();
	printf("plain veth %d\n", rtnl_link_is_veth(plain));
	rtnl_link_set_type(plain, "veth");
	p = rtnl_link_veth_get_peer(plain);
	printf("set_type veth: veth %d peer %d\n", rtnl_link_is_veth(plain), p != NULL);
	err = rtnl_link_build_add_request(plain, 0, &m);
	hex("set_type", err, m);
	rtnl_link_put(p);
	rtnl_link_put(plain);

	if (nl_connect(sk, NETLINK_ROUTE) < 0)
		return 1;
	printf("veth_add pid 0: %d\n", rtnl_link_veth_add(sk, "vx0", "vx1", 0));
	printf("veth_add: %d\n", rtnl_link_veth_add(sk, "vx0", "vx1", getpid()));
	printf("veth_add again: %d\n", rtnl_link_veth_add(sk, "vx0", "vx1", getpid()));
	kernel(sk, "vx0");
	kernel(sk, "vx1");

	l = rtnl_link_veth_alloc();
	rtnl_link_set_name(l, "vp0");
	p = rtnl_link_veth_get_peer(l);
	rtnl_link_set_name(p, "vp1");
	rtnl_link_set_mtu(p, 1300);
	printf("add: %d\n", rtnl_link_add(sk, l, NLM_F_CREATE | NLM_F_EXCL));
	kernel(sk, "vp0");
	kernel(sk, "vp1");
	printf("delete: %d\n", rtnl_link_delete(sk, l));
	kernel(sk, "vp0");
	kernel(sk, "vp1");
	rtnl_link_put(p);
	rtnl_link_veth_release(l);
	nl_socket_free(sk);
	return 0;
}
