/*
 * genl-families.c - list the generic netlink families the kernel knows, in the spirit of
 * `genl-ctrl-list -d`: id, name, version, user header size and highest attribute of every
 * family, its operations with their capability flags, and its multicast groups.
 *
 * Two views of the same controller data:
 *   - a raw CTRL_CMD_GETFAMILY dump (genl_send_simple + a NL_CB_VALID callback) whose
 *     messages are parsed with genlmsg_parse() and nla_parse_nested() for the ops and groups;
 *   - the "genl/family" cache (genl_ctrl_alloc_cache), read with the genl_family_get_*
 *     getters and genl_ctrl_search_by_name(), to cross-check every family of the dump.
 *
 * Usage: genl-families           (no privileges needed)
 * Exit status 0 when both views agree, 1 otherwise.
 */
#include <stdio.h>
#include <string.h>

#include <linux/genetlink.h>
#include <netlink/netlink.h>
#include <netlink/genl/genl.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/family.h>

static struct nla_policy ctrl_policy[CTRL_ATTR_MAX + 1] = {
	[CTRL_ATTR_FAMILY_ID] = { .type = NLA_U16 },
	[CTRL_ATTR_FAMILY_NAME] = { .type = NLA_STRING, .maxlen = GENL_NAMSIZ },
	[CTRL_ATTR_VERSION] = { .type = NLA_U32 },
	[CTRL_ATTR_HDRSIZE] = { .type = NLA_U32 },
	[CTRL_ATTR_MAXATTR] = { .type = NLA_U32 },
	[CTRL_ATTR_OPS] = { .type = NLA_NESTED },
	[CTRL_ATTR_MCAST_GROUPS] = { .type = NLA_NESTED },
};

static struct nla_policy op_policy[CTRL_ATTR_OP_MAX + 1] = {
	[CTRL_ATTR_OP_ID] = { .type = NLA_U32 },
	[CTRL_ATTR_OP_FLAGS] = { .type = NLA_U32 },
};

static struct nla_policy grp_policy[CTRL_ATTR_MCAST_GRP_MAX + 1] = {
	[CTRL_ATTR_MCAST_GRP_NAME] = { .type = NLA_STRING },
	[CTRL_ATTR_MCAST_GRP_ID] = { .type = NLA_U32 },
};

struct state {
	struct nl_cache *cache;
	int families;
	int mismatches;
};

static void print_flags(uint32_t flags)
{
	static const struct {
		uint32_t bit;
		const char *name;
	} names[] = {
		{ GENL_ADMIN_PERM, "admin-perm" },	   { GENL_CMD_CAP_DO, "has-doit" },
		{ GENL_CMD_CAP_DUMP, "has-dump" },	   { GENL_CMD_CAP_HASPOL, "has-policy" },
		{ GENL_UNS_ADMIN_PERM, "uns-admin-perm" },
	};
	const char *sep = "";
	size_t i;

	printf("<");
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (flags & names[i].bit) {
			printf("%s%s", sep, names[i].name);
			sep = ",";
			flags &= ~names[i].bit;
		}
	}
	if (flags)
		printf("%s0x%x", sep, flags);
	printf(">");
}

/* Compares what the dump said with the cache's object for the same family. */
static void cross_check(struct state *st, const char *name, int id, uint32_t version)
{
	struct genl_family *f = genl_ctrl_search_by_name(st->cache, name);

	if (!f) {
		printf("    !! not in the genl/family cache\n");
		st->mismatches++;
		return;
	}
	if ((int)genl_family_get_id(f) != id || genl_family_get_version(f) != version ||
	    strcmp(genl_family_get_name(f), name) != 0) {
		printf("    !! cache says id 0x%04x version %u\n", genl_family_get_id(f),
		       genl_family_get_version(f));
		st->mismatches++;
	}
	genl_family_put(f);
}

static int family_cb(struct nl_msg *msg, void *arg)
{
	struct state *st = arg;
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	struct nlattr *tb[CTRL_ATTR_MAX + 1];
	struct nlattr *nest;
	const char *name;
	uint32_t version = 0;
	int id, err, rem;

	err = genlmsg_parse(nlh, 0, tb, CTRL_ATTR_MAX, ctrl_policy);
	if (err < 0) {
		fprintf(stderr, "genlmsg_parse: %s\n", nl_geterror(err));
		return NL_SKIP;
	}
	if (!tb[CTRL_ATTR_FAMILY_ID] || !tb[CTRL_ATTR_FAMILY_NAME])
		return NL_SKIP;
	id = nla_get_u16(tb[CTRL_ATTR_FAMILY_ID]);
	name = nla_get_string(tb[CTRL_ATTR_FAMILY_NAME]);
	if (tb[CTRL_ATTR_VERSION])
		version = nla_get_u32(tb[CTRL_ATTR_VERSION]);
	st->families++;
	printf("0x%04x %s version %u\n", id, name, version);
	printf("    hdrsize %u maxattr %u\n",
	       tb[CTRL_ATTR_HDRSIZE] ? nla_get_u32(tb[CTRL_ATTR_HDRSIZE]) : 0,
	       tb[CTRL_ATTR_MAXATTR] ? nla_get_u32(tb[CTRL_ATTR_MAXATTR]) : 0);

	if (tb[CTRL_ATTR_OPS]) {
		nla_for_each_nested(nest, tb[CTRL_ATTR_OPS], rem) {
			struct nlattr *ot[CTRL_ATTR_OP_MAX + 1];

			if (nla_parse_nested(ot, CTRL_ATTR_OP_MAX, nest, op_policy) < 0 ||
			    !ot[CTRL_ATTR_OP_ID])
				continue;
			printf("      op %u ", nla_get_u32(ot[CTRL_ATTR_OP_ID]));
			print_flags(ot[CTRL_ATTR_OP_FLAGS] ? nla_get_u32(ot[CTRL_ATTR_OP_FLAGS])
							   : 0);
			printf("\n");
		}
	}
	if (tb[CTRL_ATTR_MCAST_GROUPS]) {
		nla_for_each_nested(nest, tb[CTRL_ATTR_MCAST_GROUPS], rem) {
			struct nlattr *gt[CTRL_ATTR_MCAST_GRP_MAX + 1];

			if (nla_parse_nested(gt, CTRL_ATTR_MCAST_GRP_MAX, nest, grp_policy) < 0 ||
			    !gt[CTRL_ATTR_MCAST_GRP_ID] || !gt[CTRL_ATTR_MCAST_GRP_NAME])
				continue;
			printf("      grp %s (0x%x)\n",
			       nla_get_string(gt[CTRL_ATTR_MCAST_GRP_NAME]),
			       nla_get_u32(gt[CTRL_ATTR_MCAST_GRP_ID]));
		}
	}
	cross_check(st, name, id, version);
	return NL_OK;
}

int main(void)
{
	struct state st = { 0 };
	struct nl_sock *sk;
	int err;

	sk = nl_socket_alloc();
	if (!sk) {
		fprintf(stderr, "nl_socket_alloc failed\n");
		return 1;
	}
	err = genl_connect(sk);
	if (err < 0) {
		fprintf(stderr, "genl_connect: %s\n", nl_geterror(err));
		goto out;
	}
	err = genl_ctrl_alloc_cache(sk, &st.cache);
	if (err < 0) {
		fprintf(stderr, "genl_ctrl_alloc_cache: %s\n", nl_geterror(err));
		goto out;
	}
	printf("nlctrl resolves to 0x%04x\n", genl_ctrl_resolve(sk, "nlctrl"));

	nl_socket_modify_cb(sk, NL_CB_VALID, NL_CB_CUSTOM, family_cb, &st);
	err = genl_send_simple(sk, GENL_ID_CTRL, CTRL_CMD_GETFAMILY, 1, NLM_F_DUMP);
	if (err >= 0)
		err = nl_recvmsgs_default(sk);
	if (err < 0) {
		fprintf(stderr, "family dump: %s\n", nl_geterror(err));
		goto out;
	}
	printf("%d families in the dump, %d in the cache, %d mismatches\n", st.families,
	       nl_cache_nitems(st.cache), st.mismatches);
	err = st.families == nl_cache_nitems(st.cache) && st.mismatches == 0 ? 0 : -1;
out:
	nl_cache_free(st.cache);
	nl_socket_free(sk);
	return err < 0 ? 1 : 0;
}
