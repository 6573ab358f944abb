/* nl_msg_dump and the msg.h string helpers on malformed input and NULLs (libnlrs only: libnl
 * reads out of bounds or crashes on several of these). Must not crash; valgrind clean. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/netlink.h>
#include <netlink/netlink.h>
#include <netlink/errno.h>
#include <netlink/msg.h>

static int failed;

static void check(int cond, const char *what)
{
	printf("%s - %s\n", cond ? "ok" : "not ok", what);
	if (!cond)
		failed = 1;
}

/* Dumps msg into a freshly allocated string (caller frees). */
static char *dump(struct nl_msg *msg)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	if (!f)
		abort();
	nl_msg_dump(msg, f);
	fclose(f);
	return text;
}

static int has(const char *text, const char *needle)
{
	return strstr(text, needle) != NULL;
}

static const char *END_LINE =
	"---------------------------  END NETLINK MESSAGE   ---------------------------\n";

static int ends_with(const char *text, const char *tail)
{
	size_t a = strlen(text), b = strlen(tail);

	return a >= b && strcmp(text + a - b, tail) == 0;
}

int main(void)
{
	struct nl_msg *m;
	char *t;
	char buf[16];

	/* nlmsg_len below one header: header block only. */
	m = nlmsg_alloc();
	nlmsg_put(m, 1, 2, 0x20, 0, 0);
	nlmsg_hdr(m)->nlmsg_len = 8;
	t = dump(m);
	check(has(t, "    .nlmsg_len = 8\n") && !has(t, "PAYLOAD") && ends_with(t, END_LINE),
	      "nlmsg_len smaller than the header");
	free(t);
	nlmsg_hdr(m)->nlmsg_len = 0xffffffff;
	t = dump(m);
	check(has(t, "    .nlmsg_len = -1\n") && !has(t, "PAYLOAD"), "nlmsg_len 0xffffffff");
	free(t);
	nlmsg_free(m);

	/* libnl-compat: libnl reads past the buffer here, we cut the payload at its end. */
	m = nlmsg_alloc_size(64);
	nlmsg_put(m, 1, 2, 0x20, 0, 0);
	nlmsg_hdr(m)->nlmsg_len = 0x7fffffff;
	t = dump(m);
	check(has(t, "    .nlmsg_len = 2147483647\n") && has(t, "  [PAYLOAD] 48 octets\n"),
	      "nlmsg_len beyond the buffer is cut at the buffer end");
	free(t);
	nlmsg_free(m);

	/* libnl-compat: libnl reads the 20-byte error block past a 16-byte buffer; we only print
	 * the ERRORMSG line. */
	m = nlmsg_alloc_size(16);
	nlmsg_hdr(m)->nlmsg_type = NLMSG_ERROR;
	nlmsg_hdr(m)->nlmsg_len = 8;
	t = dump(m);
	check(has(t, "  [ERRORMSG] 20 octets\n---------------------------  END") &&
		      !has(t, ".error ="),
	      "error block outside the buffer is not read");
	free(t);
	nlmsg_free(m);

	/* Attribute lengths beyond the message and zero-length attributes. */
	m = nlmsg_alloc();
	nlmsg_set_proto(m, NETLINK_USERSOCK);
	nlmsg_put(m, 1, 2, 0x20, 0, 0);
	{
		uint16_t a[6] = { 200, 1, 0, 2, 3, 3 };

		nlmsg_append(m, a, sizeof(a), 0);
	}
	t = dump(m);
	check(has(t, "  [PAYLOAD] 12 octets\n    c8 00 01 00 00 00 02 00 03 00 03 00"),
	      "bogus attribute lengths dump as raw payload");
	free(t);
	nlmsg_set_proto(m, NETLINK_GENERIC);
	nlmsg_hdr(m)->nlmsg_len = 17;
	t = dump(m);
	check(has(t, "  [PAYLOAD] 1 octets\n") && !has(t, "GENERIC NETLINK HEADER"),
	      "generic message shorter than its genetlink header");
	free(t);
	nlmsg_free(m);

	/* libnl-compat: libnl crashes on a NULL message or stream; we print nothing. */
	t = dump(NULL);
	check(t != NULL && t[0] == '\0', "NULL message prints nothing");
	free(t);
	m = nlmsg_alloc();
	nl_msg_dump(m, NULL);
	check(1, "NULL stream is ignored");
	nlmsg_free(m);

	/* libnl-compat: libnl writes past the buffer for size 0; we write nothing. */
	memset(buf, 'X', sizeof(buf));
	check(nl_nlmsg_flags2str(NLM_F_REQUEST, buf, 0) == buf && buf[0] == 'X',
	      "flags2str with size 0 leaves the buffer alone");
	check(nl_nlmsg_flags2str(NLM_F_REQUEST, NULL, 0) == NULL, "flags2str NULL buffer");
	check(nl_nlmsgtype2str(NLMSG_DONE, NULL, 0) == NULL, "type2str NULL buffer");
	memset(buf, 'X', sizeof(buf));
	check(nl_nlmsgtype2str(NLMSG_DONE, buf, 0) == buf && buf[0] == 'X',
	      "type2str with size 0 leaves the buffer alone");

	/* libnl-compat: libnl crashes on NULL; we return -NLE_INVAL. */
	check(nl_str2nlmsgtype(NULL) == -NLE_INVAL, "str2nlmsgtype(NULL)");
	check(nl_msg_parse(NULL, NULL, NULL) == -NLE_INVAL, "nl_msg_parse(NULL)");

	return failed;
}
