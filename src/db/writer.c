/*
 * writer.c - the group-committing writer thread (see writer.h).
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <time.h>
#include "core/log.h"
#include "db/writer.h"

#define BATCH_MAX 512
/* Commit delay (PostgreSQL's commit_delay): when the last transaction held
 * more than one job, other requests are in flight; waiting this long lets
 * their jobs share the next transaction and its fsync.  A lone writer is
 * never delayed, and neither is a queue with a synchronous job in it
 * (writer_run): its caller holds a server thread while it waits. */
#define LINGER_NS 2000000L
#define LINGER_ENOUGH 32           /* no need to wait with this many queued */

struct writer {
	struct db *db;
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t wake;      /* jobs queued or stopping */
	pthread_cond_t finished;  /* some synchronous job finished */
	struct writer_job *head, *tail;
	int queued;
	int waiting;              /* synchronous jobs queued */
	bool stopping;
	long long batches, jobs, delays;
	void (*after)(struct db *db, void *arg);  /* writer_set_after_batch */
	void *after_arg;
};

static void run_batch(struct writer *w, struct writer_job *batch)
{
	enum err e = db_begin(w->db);
	int n = 0;

	for (struct writer_job *j = batch; j; j = j->next) {
		n++;
		if (e) {
			j->result = e;
			continue;
		}
		j->result = db_savepoint(w->db);
		if (!j->result)
			j->result = j->run(w->db, j->arg);
		if (j->result) {
			if (db_rollback_to(w->db)) {
				/* The transaction is unusable (after an I/O error SQLite
				 * may have rolled it back whole): fail the rest too, as a
				 * storage failure when that was the cause. */
				e = j->result == ERR_IO ? ERR_IO : ERR_DB;
			}
		} else if (db_release(w->db)) {
			j->result = e = ERR_DB;
		}
	}
	if (!e)
		e = db_commit(w->db);
	if (e) {
		/* Nothing of the batch is durable: no job may report success.
		 * SQLite has already rolled back after most I/O errors; roll back
		 * what is left so the connection is ready for the next batch. */
		log_error("writer: batch of %d job%s not committed (%s)", n, n == 1 ? "" : "s", err_code(e));
		if (db_in_transaction(w->db) && db_rollback(w->db))
			log_error("writer: rollback failed: %s", db_errmsg(w->db));
		for (struct writer_job *j = batch; j; j = j->next)
			if (!j->result)
				j->result = e;
	}
	w->batches++;
	w->jobs += n;
}

static void *writer_main(void *arg)
{
	struct writer *w = arg;
	int last_n = 0;           /* jobs in the last transaction */

	pthread_mutex_lock(&w->mu);
	for (;;) {
		struct writer_job *batch, *last;
		int n = 1;

		while (!w->head && !w->stopping)
			pthread_cond_wait(&w->wake, &w->mu);
		if (!w->head && w->stopping)
			break;
		if (last_n > 1 && w->queued < LINGER_ENOUGH && !w->waiting && !w->stopping) {
			struct timespec until;
			w->delays++;
			clock_gettime(CLOCK_MONOTONIC, &until);
			until.tv_nsec += LINGER_NS;
			if (until.tv_nsec >= 1000000000L) {
				until.tv_sec++;
				until.tv_nsec -= 1000000000L;
			}
			/* Every enqueue wakes us: stop waiting at once for a
			 * synchronous job, a full enough queue or stop. */
			while (w->queued < LINGER_ENOUGH && !w->waiting && !w->stopping &&
			       pthread_cond_timedwait(&w->wake, &w->mu, &until) != ETIMEDOUT)
				;
		}
		batch = last = w->head;
		while (last->next && n < BATCH_MAX) {
			last = last->next;
			n++;
		}
		for (struct writer_job *j = batch; j != last->next; j = j->next)
			if (!j->done)
				w->waiting--;
		w->head = last->next;
		w->queued -= n;
		last_n = n;
		if (!w->head)
			w->tail = NULL;
		last->next = NULL;
		pthread_mutex_unlock(&w->mu);

		run_batch(w, batch);

		pthread_mutex_lock(&w->mu);
		for (struct writer_job *j = batch, *next; j; j = next) {
			next = j->next;
			j->next = NULL;
			if (j->done) {
				pthread_mutex_unlock(&w->mu);
				j->done(j, j->result);  /* may free j */
				pthread_mutex_lock(&w->mu);
			} else {
				j->finished = true;
			}
		}
		pthread_cond_broadcast(&w->finished);
		if (w->after) {
			pthread_mutex_unlock(&w->mu);
			w->after(w->db, w->after_arg);
			pthread_mutex_lock(&w->mu);
		}
	}
	pthread_mutex_unlock(&w->mu);
	return NULL;
}

void writer_set_after_batch(struct writer *w, void (*fn)(struct db *db, void *arg), void *arg)
{
	pthread_mutex_lock(&w->mu);
	w->after = fn;
	w->after_arg = arg;
	pthread_mutex_unlock(&w->mu);
}

enum err writer_start(struct writer **out, const char *path)
{
	struct writer *w = calloc(1, sizeof(*w));
	enum err e;

	*out = NULL;
	if (!w)
		return ERR_NOMEM;
	e = db_open(&w->db, path, DB_READWRITE);
	if (e) {
		free(w);
		return e;
	}
	pthread_mutex_init(&w->mu, NULL);
	{
		pthread_condattr_t ca;
		pthread_condattr_init(&ca);
		pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
		pthread_cond_init(&w->wake, &ca);
		pthread_condattr_destroy(&ca);
	}
	pthread_cond_init(&w->finished, NULL);
	if (pthread_create(&w->thread, NULL, writer_main, w)) {
		db_close(w->db);
		free(w);
		return ERR_NOMEM;
	}
	*out = w;
	return ERR_OK;
}

void writer_stop(struct writer *w)
{
	if (!w)
		return;
	pthread_mutex_lock(&w->mu);
	w->stopping = true;
	pthread_cond_broadcast(&w->wake);
	pthread_mutex_unlock(&w->mu);
	pthread_join(w->thread, NULL);
	db_close(w->db);
	pthread_mutex_destroy(&w->mu);
	pthread_cond_destroy(&w->wake);
	pthread_cond_destroy(&w->finished);
	free(w);
}

static enum err enqueue_locked(struct writer *w, struct writer_job *job)
{
	if (w->stopping)
		return ERR_UNAVAILABLE;
	job->next = NULL;
	job->finished = false;
	job->result = ERR_OK;
	if (w->tail)
		w->tail->next = job;
	else
		w->head = job;
	w->tail = job;
	w->queued++;
	if (!job->done)
		w->waiting++;
	pthread_cond_signal(&w->wake);
	return ERR_OK;
}

enum err writer_submit(struct writer *w, struct writer_job *job)
{
	enum err e;
	pthread_mutex_lock(&w->mu);
	e = enqueue_locked(w, job);
	pthread_mutex_unlock(&w->mu);
	return e;
}

enum err writer_run(struct writer *w, enum err (*run)(struct db *db, void *arg), void *arg)
{
	struct writer_job job = { .run = run, .arg = arg };
	enum err e;

	pthread_mutex_lock(&w->mu);
	e = enqueue_locked(w, &job);
	while (!e && !job.finished)
		pthread_cond_wait(&w->finished, &w->mu);
	pthread_mutex_unlock(&w->mu);
	return e ? e : job.result;
}

void writer_stats(struct writer *w, long long *batches, long long *jobs)
{
	pthread_mutex_lock(&w->mu);
	*batches = w->batches;
	*jobs = w->jobs;
	pthread_mutex_unlock(&w->mu);
}

long long writer_delays(struct writer *w)
{
	long long n;
	pthread_mutex_lock(&w->mu);
	n = w->delays;
	pthread_mutex_unlock(&w->mu);
	return n;
}
