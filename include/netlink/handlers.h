/* libnlrs: libnl-3 compatible API — callback sets for the receive loop. */
#ifndef NETLINK_HANDLERS_H_
#define NETLINK_HANDLERS_H_

#include <stdio.h>
#include <stdint.h>
#include <sys/types.h>
#include <netlink/netlink-compat.h>
#include <netlink/netlink-kernel.h>

#ifdef __cplusplus
extern "C" {
#endif

struct nlmsgerr;
struct sockaddr_nl;
struct ucred;
struct nl_cb;
struct nl_sock;
struct nl_msg;

/* Called for a received (or sent) message; returns an enum nl_cb_action. */
typedef int (*nl_recvmsg_msg_cb_t)(struct nl_msg *msg, void *arg);

/* Called for an error reply from the kernel. */
typedef int (*nl_recvmsg_err_cb_t)(struct sockaddr_nl *nla, struct nlmsgerr *nlerr, void *arg);

/* What a callback tells the receive loop. */
enum nl_cb_action {
	NL_OK,	 /* go on */
	NL_SKIP, /* skip the rest of this message */
	NL_STOP, /* stop receiving */
};

/* Which handler a callback slot gets. */
enum nl_cb_kind {
	NL_CB_DEFAULT, /* none (quiet) */
	NL_CB_VERBOSE, /* print errors and unhandled messages */
	NL_CB_DEBUG,   /* print every message */
	NL_CB_CUSTOM,  /* the caller's function */
	__NL_CB_KIND_MAX,
};

#define NL_CB_KIND_MAX (__NL_CB_KIND_MAX - 1)

/* Callback slots. */
enum nl_cb_type {
	NL_CB_VALID,	 /* regular message */
	NL_CB_FINISH,	 /* end of a multipart message */
	NL_CB_OVERRUN,	 /* data was lost */
	NL_CB_SKIPPED,	 /* message to be skipped */
	NL_CB_ACK,	 /* acknowledgement */
	NL_CB_MSG_IN,	 /* every received message */
	NL_CB_MSG_OUT,	 /* every sent message (not nl_sendto) */
	NL_CB_INVALID,	 /* malformed message */
	NL_CB_SEQ_CHECK, /* replaces the built-in sequence check */
	NL_CB_SEND_ACK,	 /* the sender asked for an ack */
	NL_CB_DUMP_INTR, /* NLM_F_DUMP_INTR is set */
	__NL_CB_TYPE_MAX,
};

#define NL_CB_TYPE_MAX (__NL_CB_TYPE_MAX - 1)

extern struct nl_cb *nl_cb_alloc(enum nl_cb_kind);
extern struct nl_cb *nl_cb_clone(struct nl_cb *);
extern struct nl_cb *nl_cb_get(struct nl_cb *);
extern void nl_cb_put(struct nl_cb *);

extern int nl_cb_set(struct nl_cb *, enum nl_cb_type, enum nl_cb_kind, nl_recvmsg_msg_cb_t, void *);
extern int nl_cb_set_all(struct nl_cb *, enum nl_cb_kind, nl_recvmsg_msg_cb_t, void *);
extern int nl_cb_err(struct nl_cb *, enum nl_cb_kind, nl_recvmsg_err_cb_t, void *);

extern void nl_cb_overwrite_recvmsgs(struct nl_cb *, int (*func)(struct nl_sock *, struct nl_cb *));
extern void nl_cb_overwrite_recv(struct nl_cb *, int (*func)(struct nl_sock *, struct sockaddr_nl *,
							     unsigned char **, struct ucred **));
extern void nl_cb_overwrite_send(struct nl_cb *, int (*func)(struct nl_sock *, struct nl_msg *));

extern enum nl_cb_type nl_cb_active_type(struct nl_cb *cb);

#ifdef __cplusplus
}
#endif

#endif
