/*
 * clock.h - wall-clock and monotonic time, ISO-8601 formatting.
 *
 * Timestamps in the database are UTC ISO-8601 strings ("2026-11-24T10:15:00Z")
 * so they sort and compare as text; dates are "YYYY-MM-DD".
 */
#ifndef MAJAKKA_CLOCK_H
#define MAJAKKA_CLOCK_H

#include <stdint.h>
#include <time.h>

/* Seconds since the epoch, UTC. Tests may override with clock_set_fake(). */
int64_t clock_now(void);
/* Monotonic milliseconds, for timeouts and rate limits. */
int64_t clock_mono_ms(void);
/* For tests: make clock_now() return t (0 restores the real clock). */
void clock_set_fake(int64_t t);
/* "YYYY-MM-DDTHH:MM:SSZ" into out (at least 21 bytes). */
void clock_iso(int64_t t, char out[static 21]);

#endif
