/*
 * writer.h - the single writer connection and its group commit.
 *
 * Every write in Majakka runs as a job on one writer thread.  The thread takes
 * all jobs that are waiting, runs each inside its own SAVEPOINT of one
 * transaction, and COMMITs once (synchronous=FULL: one fsync for the whole
 * batch).  A job's completion is reported only after that COMMIT, so nothing
 * is acknowledged before it is durable; a job that fails is rolled back alone
 * and the others in the batch still commit.
 */
#ifndef MAJAKKA_WRITER_H
#define MAJAKKA_WRITER_H

#include <stdbool.h>
#include "core/err.h"
#include "db/db.h"

struct writer;

struct writer_job {
	/* Runs on the writer thread inside the batch transaction. */
	enum err (*run)(struct db *db, void *arg);
	void *arg;
	/* Called on the writer thread after COMMIT (or failure) with the result.
	 * NULL for jobs submitted with writer_run(), which waits instead. */
	void (*done)(struct writer_job *job, enum err result);
	/* private */
	enum err result;
	bool finished;
	struct writer_job *next;
};

/* Open the writer connection on path and start the thread. */
enum err writer_start(struct writer **out, const char *path);
/* Finish every queued job, stop the thread, close the connection. */
void writer_stop(struct writer *w);
/* Queue a job; job->done is called later.  ERR_UNAVAILABLE after stop. */
enum err writer_submit(struct writer *w, struct writer_job *job);
/* Queue a job and wait until it is committed; returns its result. */
enum err writer_run(struct writer *w, enum err (*run)(struct db *db, void *arg), void *arg);

/* Have fn(db, arg) run on the writer's connection after every batch, once
 * the batch's jobs have been told their results: work that no answer waits
 * for (audit_index_behind).  fn runs outside any transaction and opens its
 * own; its errors are its own to report.  Set before the first job. */
void writer_set_after_batch(struct writer *w, void (*fn)(struct db *db, void *arg), void *arg);

/* Figures for benchmarks: batches committed and jobs in them. */
void writer_stats(struct writer *w, long long *batches, long long *jobs);
/* How often the commit delay waited for more jobs (see writer.c). */
long long writer_delays(struct writer *w);

#endif
