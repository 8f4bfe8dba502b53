/*
 * log.h - diagnostics to stderr, one line per event, with UTC timestamp.
 *
 * Detailed error messages belong here, never in answers to clients.
 * Never log personal data (names, identity codes, journal text).
 */
#ifndef MAJAKKA_LOG_H
#define MAJAKKA_LOG_H

enum log_level { LOG_DEBUG, LOG_INFO, LOG_WARN, LOG_ERROR };

void log_set_level(enum log_level lvl);
void log_msg(enum log_level lvl, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#define log_debug(...) log_msg(LOG_DEBUG, __VA_ARGS__)
#define log_info(...) log_msg(LOG_INFO, __VA_ARGS__)
#define log_warn(...) log_msg(LOG_WARN, __VA_ARGS__)
#define log_error(...) log_msg(LOG_ERROR, __VA_ARGS__)

#endif
