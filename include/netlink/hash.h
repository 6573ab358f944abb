/* libnlrs: libnl-3 compatible API — lookup3 hashing. */
#ifndef CCAN_HASH_H
#define CCAN_HASH_H
#include <stdint.h>
#include <stdlib.h>
#include <endian.h>

#ifdef __LITTLE_ENDIAN
#define HAVE_LITTLE_ENDIAN 1
#elif __BIG_ENDIAN
#define HAVE_BIG_ENDIAN 1
#else
#error Unknown endianness.  Failure in endian.h
#endif

/* Hash of num elements at p. */
#define __nl_hash(p, num, base) nl_hash_any((p), (num) * sizeof(*(p)), (base))

uint32_t nl_hash_any(const void *key, size_t length, uint32_t base);

#endif /* HASH_H */
