/*
 * libnlrs: the four C-variadic entry points of the library, nl_dump(), nl_dump_line(),
 * nl_socket_add_memberships() and nl_socket_drop_memberships().
 *
 * Stable Rust cannot define a function taking "...", so these are written in C and built by
 * build.rs with the cc crate. All va_list handling stays here: the text of a dump is formatted
 * with vfprintf()/vsnprintf() and the group list is read with va_arg(); the rest is done by the
 * non-variadic Rust functions declared below (src/ffi/utils.rs, src/ffi/socket.rs). Nothing
 * here depends on the processor or on the layout of va_list.
 *
 * The definitions are checked against the public prototypes: this file includes our own
 * <netlink/utils.h> and <netlink/socket.h>, so any difference is a compile error.
 *
 * How the four symbols end up exported from libnlrs.so is explained in src/ffi/variadic.rs.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>

#include <netlink/netlink.h>
#include <netlink/socket.h>
#include <netlink/utils.h>

/*
 * The Rust halves. They are #[no_mangle] Rust functions; declaring them hidden here makes the
 * linker hide them in libnlrs.so too (the strictest visibility of all references wins), so
 * they never become part of the library's ABI.
 */
#define NLRS_INTERNAL __attribute__((visibility("hidden")))

/* nl_dump checks, nl_dump_line's new line; 1 when there is a target for the text, with
 * *stream set when that target is dp_fd. */
NLRS_INTERNAL int nlrs_va_dump_begin(struct nl_dump_params *params, const char *fmt, int newline,
				     FILE **stream);
/* Hands formatted, NUL-terminated text to dp_cb or appends it to dp_buf. */
NLRS_INTERNAL void nlrs_va_dump_text(struct nl_dump_params *params, char *text);
/* Socket checks, then joins (add != 0) or leaves one group; 0 for group 0. */
NLRS_INTERNAL int nlrs_va_membership(struct nl_sock *sk, int group, int add);

/* Most dump lines are short: format them on the stack, longer text in one malloc'd buffer. */
#define DUMP_STACK_TEXT 256

__attribute__((format(printf, 3, 0))) static void vdump(struct nl_dump_params *params, int newline,
							const char *fmt, va_list ap)
{
	char small[DUMP_STACK_TEXT];
	char *text = small;
	FILE *stream = NULL;
	va_list again;
	int n;

	if (!nlrs_va_dump_begin(params, fmt, newline, &stream))
		return;
	if (stream) {
		vfprintf(stream, fmt, ap);
		return;
	}
	va_copy(again, ap);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	if (n >= 0 && (size_t)n >= sizeof(small)) {
		text = malloc((size_t)n + 1);
		if (text && vsnprintf(text, (size_t)n + 1, fmt, again) < 0)
			n = -1;
	}
	va_end(again);
	if (n >= 0 && text)
		nlrs_va_dump_text(params, text);
	if (text != small)
		free(text);
}

void nl_dump(struct nl_dump_params *params, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vdump(params, 0, fmt, ap);
	va_end(ap);
}

void nl_dump_line(struct nl_dump_params *params, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vdump(params, 1, fmt, ap);
	va_end(ap);
}

/* The first call also reports an unusable socket for an empty list (group 0). */
static int memberships(struct nl_sock *sk, int group, va_list ap, int add)
{
	int err;

	for (;;) {
		err = nlrs_va_membership(sk, group, add);
		if (err < 0 || group == 0)
			return err;
		group = va_arg(ap, int);
	}
}

int nl_socket_add_memberships(struct nl_sock *sk, int group, ...)
{
	va_list ap;
	int err;

	va_start(ap, group);
	err = memberships(sk, group, ap, 1);
	va_end(ap);
	return err;
}

int nl_socket_drop_memberships(struct nl_sock *sk, int group, ...)
{
	va_list ap;
	int err;

	va_start(ap, group);
	err = memberships(sk, group, ap, 0);
	va_end(ap);
	return err;
}
