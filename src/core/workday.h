/*
 * workday.h - calendar dates and the Finnish working-day calendar.
 *
 * Working days are Monday to Friday except Finnish public holidays: New
 * Year's Day, Epiphany, Good Friday, Easter Monday, May Day, Ascension Day,
 * Midsummer Eve and Day, All Saints' Day, Independence Day, Christmas Eve,
 * Christmas Day and Boxing Day.  Movable holidays are computed from Easter
 * (the anonymous Gregorian algorithm), never tabled.
 */
#ifndef MAJAKKA_WORKDAY_H
#define MAJAKKA_WORKDAY_H

#include <stdbool.h>
#include <stdint.h>
#include "core/err.h"

struct date {
	int y, m, d;
};

/* Strict "YYYY-MM-DD" (years 1800-2999); ERR_INVALID for anything else,
 * including impossible dates such as 2026-02-30. */
enum err date_parse(const char *s, struct date *out);
/* "YYYY-MM-DD" into out. */
void date_format(struct date d, char out[11]);
bool date_valid(struct date d);
bool date_is_leap(int y);
int date_days_in_month(int y, int m);
/* Days since 1970-01-01 (proleptic Gregorian) and back. */
int64_t date_to_days(struct date d);
struct date date_from_days(int64_t days);
/* 1 = Monday ... 7 = Sunday. */
int date_weekday(struct date d);
struct date date_add_days(struct date d, int64_t n);
/* Add months, clamping to the month's last day (Nov 30 + 3 = Feb 28/29). */
struct date date_add_months(struct date d, int months);
int date_cmp(struct date a, struct date b);
/* Today in Finland's calendar (UTC date is close enough except near midnight;
 * uses Europe/Helsinki via localtime_r when TZ says so). */
struct date date_today(void);

/* The name key of the holiday on d ("easter_monday", ...), or NULL. */
const char *workday_holiday(struct date d);
bool workday_is_working_day(struct date d);
/* The nth working day after d (d itself not counted); n >= 0. */
struct date workday_add(struct date d, int n);
/* d itself when a working day, else the next working day. */
struct date workday_next_or_same(struct date d);
/* Working days after a up to and including b (0 when b <= a). */
int workday_count_between(struct date a, struct date b);
/* Easter Sunday of year y. */
struct date workday_easter(int y);

#endif
