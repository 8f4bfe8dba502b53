/*
 * jarena.c - per-thread arena for the jansson values of a request (see
 * jarena.h).  Chunks are bump-allocated; freeing an arena pointer does
 * nothing; anything else is malloc memory and goes to free().
 */
#include <jansson.h>
#include <pthread.h>
#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include "view/jarena.h"

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/asan_interface.h>
#define POISON(p, n) ASAN_POISON_MEMORY_REGION(p, n)
#define UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION(p, n)
#else
#define POISON(p, n) ((void)(p), (void)(n))
#define UNPOISON(p, n) ((void)(p), (void)(n))
#endif

#define CHUNK_SIZE (128u * 1024u)
#define KEEP_BYTES (1024u * 1024u)   /* kept for the thread's next request */
#define ALIGN 16u

struct chunk {
	struct chunk *next;
	size_t cap, used;
	alignas(ALIGN) unsigned char data[];
};

struct arena {
	struct chunk *head;   /* the chunk being filled; older ones follow */
	int depth;
	bool paused;
};

static _Thread_local struct arena arena;
static pthread_key_t exit_key;     /* frees a thread's chunks when it exits */

static bool in_arena(const struct arena *a, const void *p)
{
	const unsigned char *b = p;
	for (const struct chunk *c = a->head; c; c = c->next)
		if (b >= c->data && b < c->data + c->cap)
			return true;
	return false;
}

static void *arena_malloc(size_t n)
{
	struct arena *a = &arena;
	struct chunk *c;
	void *p;

	if (a->depth == 0 || a->paused)
		return malloc(n);
	n = (n + ALIGN - 1) & ~(size_t)(ALIGN - 1);
	if (!n)
		n = ALIGN;
	c = a->head;
	if (!c || c->cap - c->used < n) {
		/* Reuse a kept chunk behind the head if the head is full. */
		struct chunk **pp = c ? &c->next : &a->head;
		size_t cap = n > CHUNK_SIZE ? n : CHUNK_SIZE;
		while (*pp && ((*pp)->used || (*pp)->cap < n))
			pp = &(*pp)->next;
		if (*pp && *pp != c) {
			struct chunk *k = *pp;
			*pp = k->next;        /* move the empty kept chunk to the head */
			k->next = a->head;
			a->head = k;
			c = k;
		} else {
			c = malloc(sizeof(*c) + cap);
			if (!c)
				return NULL;
			c->cap = cap;
			c->used = 0;
			POISON(c->data, cap);
			if (!a->head)
				pthread_setspecific(exit_key, a);
			c->next = a->head;
			a->head = c;
		}
	}
	p = c->data + c->used;
	c->used += n;
	UNPOISON(p, n);
	return p;
}

static void arena_free(void *p)
{
	if (!p)
		return;
	/* Arena memory goes at jarena_end.  (After the request, or on another
	 * thread, an arena pointer must never get here at all: that would be a
	 * value outliving its request; ASan builds catch it by the poisoning.) */
	if (in_arena(&arena, p))
		return;
	free(p);
}

static pthread_once_t installed = PTHREAD_ONCE_INIT;

static void free_chunks(void *arg)
{
	struct arena *a = arg;
	while (a->head) {
		struct chunk *c = a->head;
		a->head = c->next;
		free(c);
	}
}

static void install(void)
{
	pthread_key_create(&exit_key, free_chunks);
	json_set_alloc_funcs(arena_malloc, arena_free);
}

void jarena_install(void)
{
	pthread_once(&installed, install);
}

void jarena_begin(void)
{
	arena.depth++;
}

void jarena_end(void)
{
	struct arena *a = &arena;
	struct chunk **pp = &a->head;
	size_t kept = 0;

	if (a->depth == 0 || --a->depth > 0)
		return;
	/* Keep up to KEEP_BYTES of chunks, emptied and poisoned; free the rest. */
	while (*pp) {
		struct chunk *c = *pp;
		if (kept + c->cap <= KEEP_BYTES) {
			kept += c->cap;
			c->used = 0;
			POISON(c->data, c->cap);
			pp = &c->next;
		} else {
			*pp = c->next;
			free(c);
		}
	}
}

bool jarena_pause(void)
{
	bool was = arena.paused;
	arena.paused = true;
	return was;
}

void jarena_resume(bool was_paused)
{
	arena.paused = was_paused;
}

size_t jarena_used(void)
{
	size_t n = 0;
	for (const struct chunk *c = arena.head; c; c = c->next)
		n += c->used;
	return n;
}

void jarena_drop(json_t *v)
{
	if (arena.depth > 0 && !arena.paused)
		return;
	json_decref(v);
}

json_t *jarena_pin(json_t *v)
{
	if (v)
		v->refcount = (size_t)-1;
	return v;
}

void jarena_unpin(json_t *v)
{
	if (!v)
		return;
	v->refcount = 1;
	json_decref(v);
}
