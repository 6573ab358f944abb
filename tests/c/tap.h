/* Shared by the self-checking programs in tests/c: TAP-style "ok - ..." / "not ok - ..."
 * lines and a failure count for the exit status.
 *   CHECK(cond)        names the check by its expression (and line, when it fails)
 *   CHECK(cond, name)  names it by a string */
#ifndef NLRS_TESTS_TAP_H
#define NLRS_TESTS_TAP_H

#include <stdio.h>

static int tap_failed;

#define TAP_CHECK_EXPR(cond)                                                \
	do {                                                                \
		if (cond)                                                   \
			printf("ok - %s\n", #cond);                         \
		else {                                                      \
			printf("not ok - %s (line %d)\n", #cond, __LINE__); \
			tap_failed++;                                       \
		}                                                           \
	} while (0)

#define TAP_CHECK_NAMED(cond, name)                                        \
	do {                                                               \
		if (cond)                                                  \
			printf("ok - %s\n", name);                         \
		else {                                                     \
			printf("not ok - %s (line %d)\n", name, __LINE__); \
			tap_failed++;                                      \
		}                                                          \
	} while (0)

#define TAP_PICK(_1, _2, which, ...) which
#define CHECK(...) TAP_PICK(__VA_ARGS__, TAP_CHECK_NAMED, TAP_CHECK_EXPR, unused)(__VA_ARGS__)

#endif
