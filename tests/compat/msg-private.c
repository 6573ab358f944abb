/*
 * Differential test: the members of libnl's private struct nl_msg (as Debian's libnl-route
 * reads them, e.g. msg->nm_nlh) after each message operation: alloc, put, append, expand,
 * set_proto/src/dst/creds, get/put, inherit, convert. Pointers are printed relative to
 * nlmsg_hdr(msg) or to the struct. Also writes members directly and reads them back through
 * the API (libnl's getters read the struct).
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include <netlink/netlink.h>
#include <netlink/msg.h>

#include "libnl-private.h"

static void show(const char *tag, struct nl_msg *m)
{
	const struct nl_msg *p = m;

	printf("%-14s proto=%d flags=%d src=%u/%u/%u/%u dst=%u/%u/%u/%u creds=%d/%u/%u\n", tag,
	       p->nm_protocol, p->nm_flags, p->nm_src.nl_family, p->nm_src.nl_pad, p->nm_src.nl_pid,
	       p->nm_src.nl_groups, p->nm_dst.nl_family, p->nm_dst.nl_pad, p->nm_dst.nl_pid,
	       p->nm_dst.nl_groups, (int)p->nm_creds.pid, (unsigned)p->nm_creds.uid,
	       (unsigned)p->nm_creds.gid);
	printf("%-14s nlh==hdr=%d size=%zu max=%zu refcnt=%d len=%u type=%u flags=0x%x seq=%u "
	       "pid=%u\n",
	       "", p->nm_nlh == nlmsg_hdr(m), p->nm_size, nlmsg_get_max_size(m), p->nm_refcnt,
	       p->nm_nlh->nlmsg_len, p->nm_nlh->nlmsg_type, p->nm_nlh->nlmsg_flags,
	       p->nm_nlh->nlmsg_seq, p->nm_nlh->nlmsg_pid);
}

static long rel(const void *a, const void *base)
{
	return a ? (long)((const char *)a - (const char *)base) : -1;
}

static void layout(void)
{
	printf("sizeof=%zu nlh@%zu size@%zu refcnt@%zu creds@%zu\n", sizeof(struct nl_msg),
	       offsetof(struct nl_msg, nm_nlh), offsetof(struct nl_msg, nm_size),
	       offsetof(struct nl_msg, nm_refcnt), offsetof(struct nl_msg, nm_creds));
}

static void build(void)
{
	struct sockaddr_nl src = { .nl_family = AF_NETLINK, .nl_pid = 77, .nl_groups = 5 };
	struct sockaddr_nl dst = { .nl_family = AF_NETLINK, .nl_pid = 99, .nl_groups = 0 };
	struct ucred cr = { .pid = 1234, .uid = 56, .gid = 78 };
	char payload[40];
	struct nl_msg *m = nlmsg_alloc();

	show("alloc", m);
	if (!nlmsg_put(m, 11, 22, 33, 8, 0x301))
		printf("nlmsg_put failed\n");
	show("put", m);
	memset(payload, 0xab, sizeof(payload));
	printf("append=%d\n", nlmsg_append(m, payload, 10, NLMSG_ALIGNTO));
	show("append", m);
	printf("reserve@hdr+%ld\n", rel(nlmsg_reserve(m, 3, 0), nlmsg_hdr(m)));
	show("reserve", m);

	nlmsg_set_proto(m, NETLINK_ROUTE);
	show("set_proto", m);
	nlmsg_set_src(m, &src);
	show("set_src", m);
	nlmsg_set_dst(m, &dst);
	show("set_dst", m);
	printf("creds before: %ld\n", rel(nlmsg_get_creds(m), m));
	nlmsg_set_creds(m, &cr);
	show("set_creds", m);
	printf("get_src@%ld get_dst@%ld get_creds@%ld\n", rel(nlmsg_get_src(m), m),
	       rel(nlmsg_get_dst(m), m), rel(nlmsg_get_creds(m), m));

	nlmsg_get(m);
	show("get", m);
	nlmsg_get(m);
	show("get", m);
	nlmsg_free(m);
	show("put", m);
	nlmsg_free(m);
	show("put", m);

	/* Large enough that realloc moves the buffer (to its own mapping); nm_nlh must follow. */
	printf("expand=%d\n", nlmsg_expand(m, 1 << 20));
	show("expand", m);
	printf("expand small=%d\n", nlmsg_expand(m, 100));
	show("expand small", m);

	/* What libnl-route does: edit the header through nm_nlh, read it back through the API. */
	m->nm_nlh->nlmsg_type = 19;
	m->nm_nlh->nlmsg_seq = 0;
	printf("type via api=%u seq=%u\n", nlmsg_hdr(m)->nlmsg_type, nlmsg_hdr(m)->nlmsg_seq);
	/* Members written directly are what the getters return. */
	m->nm_protocol = 16;
	printf("proto via api=%d\n", nlmsg_get_proto(m));
	m->nm_src.nl_pid = 4242;
	printf("src pid via api=%u\n", nlmsg_get_src(m)->nl_pid);
	m->nm_dst.nl_groups = 8;
	printf("dst groups via api=%u\n", nlmsg_get_dst(m)->nl_groups);
	m->nm_flags = 0;
	printf("creds cleared: %ld\n", rel(nlmsg_get_creds(m), m));
	m->nm_flags = 1;
	m->nm_creds.uid = 4321;
	printf("creds back: %ld uid=%u\n", rel(nlmsg_get_creds(m), m), nlmsg_get_creds(m)->uid);
	nlmsg_free(m);
}

static void others(void)
{
	struct nlmsghdr h = { .nlmsg_len = 16,
			      .nlmsg_type = 20,
			      .nlmsg_flags = 0x5,
			      .nlmsg_seq = 9,
			      .nlmsg_pid = 8 };
	unsigned char raw[32] = { 0 };
	struct nlmsghdr *rh = (struct nlmsghdr *)raw;
	struct nl_msg *m;

	m = nlmsg_alloc_size(100);
	show("alloc_size 100", m);
	nlmsg_free(m);
	m = nlmsg_alloc_size(3);
	show("alloc_size 3", m);
	nlmsg_free(m);
	m = nlmsg_alloc_simple(RTM_GETLINK, NLM_F_DUMP);
	show("alloc_simple", m);
	nlmsg_free(m);
	m = nlmsg_inherit(&h);
	show("inherit", m);
	nlmsg_free(m);
	m = nlmsg_inherit(NULL);
	show("inherit NULL", m);
	nlmsg_free(m);

	rh->nlmsg_len = 22;
	rh->nlmsg_type = 18;
	memset(raw + 16, 0x5a, 6);
	m = nlmsg_convert(rh);
	show("convert 22", m);
	printf("convert data ok=%d\n", memcmp(nlmsg_hdr(m), raw, 22) == 0);
	nlmsg_free(m);
	rh->nlmsg_len = 16;
	m = nlmsg_convert(rh);
	show("convert 16", m);
	nlmsg_free(m);

	nlmsg_set_default_size(256);
	m = nlmsg_alloc();
	show("default 256", m);
	nlmsg_free(m);
}

int main(void)
{
	layout();
	build();
	others();
	return 0;
}
