/* nl_msg_dump against libnl 3.7.0 for messages no libnl cache type claims (no protocol,
 * NETLINK_USERSOCK, NETLINK_GENERIC with a type other than GENL_ID_CTRL): header block, flag
 * and type names, payload hex+ASCII dumps, the generic netlink header, NLMSG_ERROR messages
 * and lengths that disagree with the data. */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <linux/netlink.h>
#include <netlink/netlink.h>
#include <netlink/msg.h>

static unsigned char pay[1024];
static int plen;

static void add16(uint16_t v)
{
	memcpy(pay + plen, &v, 2);
	plen += 2;
}

static void add(const void *d, int n)
{
	memcpy(pay + plen, d, n);
	plen += n;
}

/* An attribute, padded to 4 bytes. */
static void attr(uint16_t type, const void *d, int n)
{
	add16(4 + n);
	add16(type);
	add(d, n);
	while (plen % 4)
		pay[plen++] = 0;
}

static void dump(const char *name, struct nl_msg *m)
{
	printf("=== %s\n", name);
	fflush(stdout);
	nl_msg_dump(m, stdout);
	fflush(stdout);
}

static void run(const char *name, int proto, int type, int flags)
{
	struct nl_msg *m = nlmsg_alloc();

	if (proto >= 0)
		nlmsg_set_proto(m, proto);
	nlmsg_put(m, 0x1234, 77, type, 0, flags);
	if (plen)
		nlmsg_append(m, pay, plen, 0);
	dump(name, m);
	nlmsg_free(m);
}

static void error_msg(const char *name, int error, int len)
{
	struct nl_msg *m = nlmsg_alloc();
	struct nlmsgerr e;

	memset(&e, 0, sizeof(e));
	e.error = error;
	e.msg.nlmsg_len = 40;
	e.msg.nlmsg_type = 0x20;
	e.msg.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | NLM_F_DUMP;
	e.msg.nlmsg_seq = 0xffffffff;
	e.msg.nlmsg_pid = 99;
	nlmsg_put(m, 5, 6, NLMSG_ERROR, 0, 0);
	nlmsg_append(m, &e, len, 0);
	dump(name, m);
	nlmsg_free(m);
}

int main(void)
{
	static const int errors[] = {
		0, -1, -2, -12, -13, -95, -133, -134, -200, 5, INT_MIN, -4095
	};
	struct nl_msg *m;
	char bin[200];
	uint32_t u32 = 0x12345678;
	unsigned i;

	for (i = 0; i < sizeof(bin); i++)
		bin[i] = (char)(i * 7);

	m = nlmsg_alloc();
	dump("empty", m);
	nlmsg_free(m);

	plen = 0;
	add("\x01\x02\x03\x04", 4);
	attr(1, "A", 1);
	attr(2, &u32, 4);
	attr(3, "hello world", 12);
	attr(5, NULL, 0);
	attr(6, bin, 40);
	run("payload, no protocol", -1, 0x20, NLM_F_REQUEST | NLM_F_ACK);
	run("payload, usersock", NETLINK_USERSOCK, 0x20, NLM_F_REQUEST | NLM_F_ECHO);
	run("payload, generic 0x20", NETLINK_GENERIC, 0x20, NLM_F_REQUEST | NLM_F_DUMP);
	run("payload, generic 0x11", NETLINK_GENERIC, 0x11, NLM_F_MULTI);
	run("payload, route unknown type", NETLINK_ROUTE, 0x7f, 0);

	plen = 0;
	add(bin, 200);
	run("200 bytes", NETLINK_USERSOCK, 0xffff, 0xffff);
	for (i = 1; i <= 17; i++) {
		char name[32];

		plen = 0;
		add(bin + 30, i);
		snprintf(name, sizeof(name), "%u bytes", i);
		run(name, -1, 0x100, 0);
	}

	plen = 0;
	add("\x03\x02", 2);
	run("generic, short header", NETLINK_GENERIC, 0x20, 0);
	plen = 0;
	add("\x03\x02\x03\x04", 4);
	run("generic, header only", NETLINK_GENERIC, 0x20, 0);
	plen = 0;
	add("\x03\x02\x00\x00", 4);
	attr(1, "ab", 2);
	run("generic, attributes", NETLINK_GENERIC, 0x1f, NLM_F_REQUEST);

	/* Malformed attributes are not parsed without a cache type: raw payload. */
	plen = 0;
	attr(1, "abcd", 4);
	add16(100);
	add16(2);
	add("12345678", 8);
	add16(0);
	add16(3);
	run("bogus attribute lengths", NETLINK_USERSOCK, 0x30, 0);

	for (i = 0; i < sizeof(errors) / sizeof(errors[0]); i++) {
		char name[32];

		snprintf(name, sizeof(name), "error %d", errors[i]);
		error_msg(name, errors[i], sizeof(struct nlmsgerr));
	}
	error_msg("error, truncated", -1, 10);
	error_msg("error, exactly one header", -1, 0);

	m = nlmsg_alloc();
	nlmsg_put(m, 0xffffffff, 0x80000000, NLMSG_DONE, 0, NLM_F_MULTI);
	nlmsg_append(m, "\0\0\0\0", 4, 0);
	dump("done", m);
	nlmsg_free(m);

	m = nlmsg_alloc();
	nlmsg_put(m, 1, 2, NLMSG_NOOP, 0, 0);
	dump("noop", m);
	nlmsg_hdr(m)->nlmsg_type = NLMSG_OVERRUN;
	dump("overrun", m);
	nlmsg_hdr(m)->nlmsg_type = 0x1234;
	nlmsg_hdr(m)->nlmsg_flags = 0xffff;
	nlmsg_hdr(m)->nlmsg_len = 8;
	dump("nlmsg_len 8", m);
	nlmsg_hdr(m)->nlmsg_len = 0;
	dump("nlmsg_len 0", m);
	nlmsg_hdr(m)->nlmsg_len = 15;
	dump("nlmsg_len 15", m);
	/* Longer than what was written: libnl's buffer reads as zeros there. */
	nlmsg_hdr(m)->nlmsg_len = 50;
	dump("nlmsg_len 50", m);
	nlmsg_hdr(m)->nlmsg_type = NLMSG_ERROR;
	nlmsg_hdr(m)->nlmsg_len = 20;
	dump("error, nlmsg_len 20", m);
	nlmsg_free(m);

	m = nlmsg_alloc();
	{
		struct nlmsgerr e;

		memset(&e, 0, sizeof(e));
		e.error = -13;
		e.msg.nlmsg_type = NLMSG_DONE;
		e.msg.nlmsg_flags = NLM_F_REQUEST;
		e.msg.nlmsg_seq = 1;
		e.msg.nlmsg_pid = 2;
		nlmsg_put(m, 5, 6, NLMSG_ERROR, 0, 0);
		nlmsg_append(m, &e, sizeof(e), 0);
	}
	/* libnl reads the error block even when nlmsg_len is below one header. */
	nlmsg_hdr(m)->nlmsg_len = 8;
	dump("error, nlmsg_len 8", m);
	nlmsg_hdr(m)->nlmsg_len = 16;
	dump("error, nlmsg_len 16", m);
	nlmsg_free(m);
	return 0;
}
