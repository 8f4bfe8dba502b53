/*
 * seal_syslog.c - checkpoint lines to syslog (see seal.h); apart from
 * seal.c because <syslog.h> and core/log.h both define LOG_INFO.
 */
#include <pthread.h>
#include <syslog.h>
#include "audit/seal.h"

static pthread_once_t once = PTHREAD_ONCE_INIT;

static void open_log(void)
{
	openlog("majakka-audit", LOG_PID | LOG_NDELAY, LOG_AUTHPRIV);
}

void seal_syslog(const char *line)
{
	pthread_once(&once, open_log);
	syslog(LOG_NOTICE, "%.*s", (int)strcspn(line, "\n"), line);
}
