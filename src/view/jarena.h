/*
 * jarena.h - the jansson values of one request live in a per-thread arena.
 *
 * A page's view model is hundreds of small jansson objects, strings and
 * hash tables; allocating and freeing each with malloc was a fifth of a
 * child page's cost.  Between jarena_begin() and jarena_end() on a thread,
 * every jansson allocation of that thread is carved from the thread's arena
 * and freeing one is free of charge; jarena_end() forgets them all at once.
 * Outside a begin/end pair (and on other threads) jansson uses malloc and
 * free as before.
 *
 * The rule that comes with it: no jansson value made inside a request may
 * outlive the request.  Values kept longer (caches) are made between
 * jarena_pause() and jarena_resume().  ASan builds poison the arena at
 * jarena_end(), so a value used after its request is a test failure.
 */
#ifndef MAJAKKA_JARENA_H
#define MAJAKKA_JARENA_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

/* Route jansson's allocations through the arena (once per process,
 * before threads start; calling it again does nothing). */
void jarena_install(void);
/* Start collecting this thread's jansson allocations; nests. */
void jarena_begin(void);
/* The outermost end forgets everything allocated since its begin. */
void jarena_end(void);
/* Allocate with malloc until jarena_resume() (for values kept after the
 * request); returns the state to pass to jarena_resume(). */
bool jarena_pause(void);
void jarena_resume(bool was_paused);
/* Done with v: inside a request nothing (the whole tree goes at
 * jarena_end, without walking it), outside json_decref. */
void jarena_drop(json_t *v);
/* A cached value shared by requests: made immortal (jansson's incref and
 * decref leave it alone, as they do true/false/null), so that request trees
 * may hold it and be dropped without walking.  jarena_unpin frees it. */
json_t *jarena_pin(json_t *v);
void jarena_unpin(json_t *v);
/* Bytes the arena of this thread holds now (tests, benchmarks). */
size_t jarena_used(void);

#endif
