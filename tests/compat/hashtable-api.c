/* nl_hash / nl_hash_any values and the public hash table API with a plug-in type. */
#include "objcache-plugin.h"
#include <netlink/hash.h>

int main(void)
{
	const char *s[] = { "", "a", "abcdefghijkl", "abcdefghijklm",
			    "Four score and seven years ago" };
	nl_hash_table_t *ht;
	struct t_obj *a, *b, *c;
	unsigned i;
	uint32_t k[3] = { 1, 2, 3 };

	for (i = 0; i < sizeof(s) / sizeof(s[0]); i++)
		printf("hash(%s)=%08x any=%08x\n", s[i], nl_hash((void *)s[i], strlen(s[i]), i),
		       nl_hash_any(s[i], strlen(s[i]), 7));
	printf("__nl_hash=%08x\n", __nl_hash(k, 3, 0));

	ht = nl_hash_table_alloc(16);
	printf("size=%d\n", ht->size);
	a = mk(&t_obj_ops, 1, 2, 3, NULL);
	b = mk(&t_obj_ops, 1, 2, 4, NULL);
	c = mk(&t_obj_ops, 9, 9, 9, NULL);
	printf("add a=%d", nl_hash_table_add(ht, O(a)));
	printf(" b=%d", nl_hash_table_add(ht, O(b)));
	printf(" c=%d refcnt=%d\n", nl_hash_table_add(ht, O(c)), a->ce_refcnt);
	printf("lookup b -> a: %d\n", nl_hash_table_lookup(ht, O(b)) == O(a));
	for (i = 0; i < 16; i++)
		if (ht->nodes[i])
			printf("bucket %u key=%u key_size=%u id=%u\n", i, ht->nodes[i]->key,
			       ht->nodes[i]->key_size, ((struct t_obj *)ht->nodes[i]->obj)->id);
	printf("del a=%d", nl_hash_table_del(ht, O(a)));
	printf(" again=%d refcnt=%d\n", nl_hash_table_del(ht, O(a)), a->ce_refcnt);
	printf("lookup a: %p\n", (void *)nl_hash_table_lookup(ht, O(a)));
	nl_hash_table_free(ht);
	printf("after free c refcnt=%d\n", c->ce_refcnt);
	printf("alloc(-1)=%p\n", (void *)nl_hash_table_alloc(-1));
	nl_object_put(O(a));
	nl_object_put(O(b));
	nl_object_put(O(c));
	return 0;
}
