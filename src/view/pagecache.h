/*
 * pagecache.h - rendered pages kept in memory, by a key that names
 * everything the page's bytes depend on.
 *
 * The store knows nothing of what a key means: api/render.c composes it
 * (session, access and content generations, day, language, format, address,
 * the access decision) so that a hit is the page the request would build.
 * A fixed number of slots in sets of eight, a key's set by its hash; a new
 * page takes an empty slot of its set, else the one least recently used.
 * Thread-safe; each hit copies the bytes out under
 * its stripe's lock, so an entry is never read while it is replaced.
 */
#ifndef MAJAKKA_PAGECACHE_H
#define MAJAKKA_PAGECACHE_H

#include <stdbool.h>
#include <stddef.h>
#include "core/buf.h"

#define PAGECACHE_SLOTS 512
/* Larger pages are not kept: 512 pages of at most this fill 64 MB. */
#define PAGECACHE_MAX_PAGE (128u * 1024u)

struct pagecache;

struct pagecache *pagecache_new(void);
void pagecache_free(struct pagecache *c);

/* The page kept under key (klen bytes): its bytes appended to out (which is
 * reset first), its status and content type (a string of static lifetime,
 * as given to pagecache_put).  False when there is none, or out could not
 * grow (then out is empty). */
bool pagecache_get(struct pagecache *c, const char *key, size_t klen, struct buf *out, int *status,
		   const char **content_type);

/* Keep body under key.  content_type must live as long as the cache (a
 * string literal).  Pages over PAGECACHE_MAX_PAGE and failed allocations
 * are silently not kept: the cache is only ever an optimisation. */
void pagecache_put(struct pagecache *c, const char *key, size_t klen, const char *body, size_t len,
		   int status, const char *content_type);

/* How many gets found their page, and how many did not (since start). */
void pagecache_counts(struct pagecache *c, unsigned long *hits, unsigned long *misses);

#endif
