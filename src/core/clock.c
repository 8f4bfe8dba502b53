/*
 * clock.c - time sources and ISO formatting (see clock.h).
 */
#include <stdatomic.h>
#include "core/clock.h"

static _Atomic int64_t fake_now;

int64_t clock_now(void)
{
	int64_t f = atomic_load(&fake_now);
	struct timespec ts;

	if (f)
		return f;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec;
}

int64_t clock_mono_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void clock_set_fake(int64_t t)
{
	atomic_store(&fake_now, t);
}

void clock_iso(int64_t t, char out[static 21])
{
	time_t tt = (time_t)t;
	struct tm tm;
	gmtime_r(&tt, &tm);
	strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}
