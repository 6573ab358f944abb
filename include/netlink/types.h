/* libnlrs: libnl-3 compatible API — shared public types. */
#ifndef __NETLINK_TYPES_H_
#define __NETLINK_TYPES_H_

#include <stdio.h>

/* How much of an object a dump prints. */
enum nl_dump_type {
	NL_DUMP_LINE,
	NL_DUMP_DETAILS,
	NL_DUMP_STATS,
	__NL_DUMP_MAX,
};
#define NL_DUMP_MAX (__NL_DUMP_MAX - 1)

/* Where and how a dump is written (80 bytes on LP64, same layout as libnl 3.7). */
struct nl_dump_params {
	enum nl_dump_type dp_type; /* amount of detail */
	int dp_prefix;		   /* spaces in front of each line */
	int dp_print_index;	   /* print the cache index of each object */
	int dp_dump_msgtype;	   /* prefix each object with its message type */
	void (*dp_cb)(struct nl_dump_params *, char *); /* receives output text */
	void (*dp_nl_cb)(struct nl_dump_params *, int); /* called at each new line */
	void *dp_data;					/* for the callbacks */
	FILE *dp_fd;					/* output stream */
	char *dp_buf;					/* or: output buffer */
	size_t dp_buflen;				/* its size */
	int dp_pre_dump;				/* library-internal */
	int dp_ivar;					/* library-internal */
	unsigned int dp_line;				/* library-internal line counter */
};

#endif
