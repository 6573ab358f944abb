/*
 * libnl-compat: libnl starts every socket's sequence numbers at time(NULL), so anyone can guess
 * the number of the next request; libnlrs starts them at a random number from getrandom(2)
 * (the time only when the system has no random source), in 1..2^31-1 like libnl's. The first
 * nl_socket_use_seq returns the starting number.
 */
#include <stdint.h>
#include <time.h>

#include <netlink/netlink.h>
#include <netlink/socket.h>

#include "tap.h"

#define N 16

int main(void)
{
	uint32_t seq[N];
	int64_t now = (int64_t)time(NULL);
	int i, in_range = 1, near_time = 0, distinct = 0;

	for (i = 0; i < N; i++) {
		struct nl_sock *sk = nl_socket_alloc();

		if (!sk)
			return 2;
		seq[i] = nl_socket_use_seq(sk);
		nl_socket_free(sk);
		if (seq[i] == 0 || seq[i] > INT32_MAX)
			in_range = 0;
		if ((int64_t)seq[i] >= now - 5 && (int64_t)seq[i] <= now + 5)
			near_time++;
		if (i > 0 && seq[i] != seq[0])
			distinct = 1;
	}
	CHECK(in_range, "initial sequence numbers are in 1..2^31-1");
	CHECK(distinct, "sockets allocated in the same second start at different numbers");
	CHECK(near_time == 0, "no socket starts at the current time");
	return tap_failed ? 1 : 0;
}
