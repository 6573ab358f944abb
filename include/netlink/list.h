/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libnlrs: intrusive doubly linked lists (libnl 3.7 compatible API).
 *
 * A list is a ring of struct nl_list_head nodes; the head node is embedded
 * in the owner and every element embeds a node of its own.
 */

#ifndef NETLINK_LIST_H_
#define NETLINK_LIST_H_

#include <stddef.h>

struct nl_list_head {
	struct nl_list_head *next;
	struct nl_list_head *prev;
};

/* Makes @list an empty ring (points at itself both ways). */
static inline void NL_INIT_LIST_HEAD(struct nl_list_head *list)
{
	list->next = list;
	list->prev = list;
}

/* Links @obj between the adjacent nodes @prev and @next. */
static inline void __nl_list_add(struct nl_list_head *obj, struct nl_list_head *prev,
				 struct nl_list_head *next)
{
	prev->next = obj;
	obj->prev = prev;
	next->prev = obj;
	obj->next = next;
}

/* Appends @obj at the end of the ring headed by @head. */
static inline void nl_list_add_tail(struct nl_list_head *obj, struct nl_list_head *head)
{
	__nl_list_add(obj, head->prev, head);
}

/* Inserts @obj right after @head. */
static inline void nl_list_add_head(struct nl_list_head *obj, struct nl_list_head *head)
{
	__nl_list_add(obj, head, head->next);
}

/* Unlinks @obj from its ring (its own pointers are left as they were). */
static inline void nl_list_del(struct nl_list_head *obj)
{
	obj->next->prev = obj->prev;
	obj->prev->next = obj->next;
}

/* Non-zero when the ring headed by @head has no elements. */
static inline int nl_list_empty(struct nl_list_head *head)
{
	return head->next == head;
}

/* The structure of type @type whose member @member is at @ptr. */
#define nl_container_of(ptr, type, member)                             \
	({                                                             \
		const __typeof__(((type *)0)->member) *__mptr = (ptr); \
		(type *)((char *)__mptr - (offsetof(type, member)));   \
	})

#define nl_list_entry(ptr, type, member) nl_container_of(ptr, type, member)

#define nl_list_at_tail(pos, head, member) ((pos)->member.next == (head))

#define nl_list_at_head(pos, head, member) ((pos)->member.prev == (head))

#define NL_LIST_HEAD(name) struct nl_list_head name = { &(name), &(name) }

#define nl_list_first_entry(head, type, member) nl_list_entry((head)->next, type, member)

#define nl_list_for_each_entry(pos, head, member)                         \
	for (pos = nl_list_entry((head)->next, __typeof__(*pos), member); \
	     &(pos)->member != (head);                                    \
	     (pos) = nl_list_entry((pos)->member.next, __typeof__(*(pos)), member))

#define nl_list_for_each_entry_safe(pos, n, head, member)                  \
	for (pos = nl_list_entry((head)->next, __typeof__(*pos), member),  \
	    n = nl_list_entry(pos->member.next, __typeof__(*pos), member); \
	     &(pos)->member != (head);                                     \
	     pos = n, n = nl_list_entry(n->member.next, __typeof__(*n), member))

#define nl_init_list_head(head)        \
	do {                           \
		(head)->next = (head); \
		(head)->prev = (head); \
	} while (0)

#endif
