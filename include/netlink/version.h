/* libnlrs: libnl-3 compatible API — library version (the libnl API level emulated). */
#ifndef NETLINK_VERSION_H_
#define NETLINK_VERSION_H_

#define LIBNL_STRING "libnl 3.7.0"
#define LIBNL_VERSION "3.7.0"

#define LIBNL_VER_MAJ 3
#define LIBNL_VER_MIN 7
#define LIBNL_VER_MIC 0
#define LIBNL_VER(maj, min) ((maj) << 8 | (min))
#define LIBNL_VER_NUM LIBNL_VER(LIBNL_VER_MAJ, LIBNL_VER_MIN)

#define LIBNL_CURRENT 226
#define LIBNL_REVISION 0
#define LIBNL_AGE 26

/* The same numbers, as read from the library at run time. */
extern const int nl_ver_num;
extern const int nl_ver_maj;
extern const int nl_ver_min;
extern const int nl_ver_mic;

#endif
