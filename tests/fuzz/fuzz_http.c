/*
 * fuzz_http.c - libFuzzer target: raw bytes through the real HTTP server.
 *
 * Before the first input a demo database is created in a temporary
 * directory ($TMPDIR, else /dev/shm, else /tmp; removed at exit, or by the
 * next run when this one crashed), and the application, its writer and the
 * HTTP server are started as `majakka serve` starts them (one worker thread,
 * default timeouts).  Each input is one client connection: one end of a
 * socketpair is handed to the server, the input is written to the other
 * end, which is then half-closed, and the answer is read until the server
 * closes the connection.
 *
 * Inputs may name a live session: @SESSION@ and @CSRF@ are replaced by the
 * session token and CSRF token of the social worker "sanna", @ADMIN@ and
 * @ADMINCSRF@ by those of "admin".  A session that an input ended (logout)
 * is opened again before the next input that names it.
 *
 * FUZZ_HTTP_ECHO=1 copies every answer to standard error (for writing seeds).
 *
 * Invariants (a breach aborts the run): the server closes every connection
 * soon after the client's end of input (within CLIENT_TIMEOUT_MS); what it
 * sends starts with an HTTP/1.x status line; the first answer is never a
 * 500, which would mean an input reached an unexpected internal error.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>
#include "api/app.h"
#include "auth/password.h"
#include "auth/session.h"
#include "core/buf.h"
#include "core/clock.h"
#include "core/log.h"
#include "core/str.h"
#include "db/migrate.h"
#include "http/server.h"
#include "model/account.h"
#include "model/demo.h"

/* Well under the server's header and request timeouts (10 s, 30 s), so a
 * connection the server forgot is caught here, not closed by its reaper. */
#define CLIENT_TIMEOUT_MS 5000

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct fuzz_session {
	const char *username;
	const char *token_mark;   /* replaced by the session token */
	const char *csrf_mark;    /* replaced by the CSRF token */
	int64_t account_id;
	char token[TOKEN_STR_MAX];
	char csrf[TOKEN_STR_MAX];
};

static struct fuzz_session sessions[] = {
	{ "admin", "@ADMIN@", "@ADMINCSRF@", 0, "", "" },
	{ "sanna", "@SESSION@", "@CSRF@", 0, "", "" },
};
#define NSESSIONS (sizeof(sessions) / sizeof(sessions[0]))

static char tmpdir[PATH_MAX];
static char db_path[PATH_MAX + 16];
static struct app app;
static struct http_server *srv;
static struct db *rdb;  /* the harness's own read connection */
static bool echo;       /* FUZZ_HTTP_ECHO=1: copy answers to stderr */

static void remove_db_files(void);

static void die(const char *what)
{
	fprintf(stderr, "fuzz_http: %s\n", what);
	remove_db_files();
	abort();
}

/* The checkout: the directory above build/fuzz/ holding templates/. */
static void find_assets(char *out, size_t n)
{
	char exe[PATH_MAX], t[PATH_MAX + 16];
	ssize_t len = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	struct stat st;

	if (getenv("MAJAKKA_ASSETS")) {
		str_lcpy(out, getenv("MAJAKKA_ASSETS"), n);
		return;
	}
	str_lcpy(out, ".", n);
	if (len <= 0)
		return;
	exe[len] = 0;
	for (int up = 0; up < 4; up++) {
		str_lcpy(exe, dirname(exe), sizeof(exe));
		snprintf(t, sizeof(t), "%s/templates", exe);
		if (stat(t, &st) == 0) {
			str_lcpy(out, exe, n);
			return;
		}
	}
}

static void remove_dir_files(const char *dir)
{
	static const char *const names[] = { "demo.db", "demo.db-wal", "demo.db-shm", "demo.db-journal" };
	char p[PATH_MAX + 32];

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		snprintf(p, sizeof(p), "%s/%s", dir, names[i]);
		unlink(p);
	}
	rmdir(dir);
}

static void remove_db_files(void)
{
	if (tmpdir[0])
		remove_dir_files(tmpdir);
}

/* Directories left by runs that crashed (majakka-fuzz-http-PID-XXXXXX
 * whose process is gone). */
static void sweep_stale(const char *base)
{
	DIR *d = opendir(base);
	struct dirent *de;
	char p[PATH_MAX];

	if (!d)
		return;
	while ((de = readdir(d))) {
		long pid;
		char *end;
		if (strncmp(de->d_name, "majakka-fuzz-http-", 18))
			continue;
		pid = strtol(de->d_name + 18, &end, 10);
		if (end == de->d_name + 18 || *end != '-' || pid <= 0 || pid == (long)getpid() ||
		    kill((pid_t)pid, 0) == 0 || errno != ESRCH)
			continue;
		snprintf(p, sizeof(p), "%s/%s", base, de->d_name);
		remove_dir_files(p);
	}
	closedir(d);
}

static void shutdown_all(void)
{
	if (srv) {
		http_server_quiesce(srv);
		app_begin_shutdown(&app, 5000);
		http_server_stop(srv);
		srv = NULL;
		app_release(&app);
	}
	db_close(rdb);
	rdb = NULL;
	remove_db_files();
}

static enum err create_demo(void)
{
	char hash[PASSWORD_HASH_MAX];
	struct db *db = NULL;
	enum err e;

	e = db_open(&db, db_path, DB_CREATE);
	if (!e)
		e = migrate_up(db, NULL);
	if (!e)
		e = password_hash(DEMO_PASSWORD, hash) ? ERR_NOMEM : ERR_OK;
	if (!e)
		e = demo_create(db, hash);
	db_close(db);
	return e;
}

static enum err session_run(struct db *db, void *arg)
{
	struct fuzz_session *s = arg;
	return session_create(db, s->account_id, clock_now(), s->token, s->csrf);
}

/* Open the session again when an input logged it out (or it expired). */
static void session_ensure(struct fuzz_session *s)
{
	struct session_info info;

	if (s->token[0] && !session_lookup(rdb, s->token, clock_now(), app.session_idle,
					   app.session_absolute, &info))
		return;
	if (writer_run(app.writer, session_run, s))
		die("cannot open a session");
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *base = getenv("TMPDIR");
	char assets[PATH_MAX], static_dir[PATH_MAX + 16];
	struct http_config cfg;
	struct http_app hooks;
	struct stat st;

	(void)argc;
	(void)argv;
	signal(SIGPIPE, SIG_IGN);
	echo = getenv("FUZZ_HTTP_ECHO") && !strcmp(getenv("FUZZ_HTTP_ECHO"), "1");
	log_set_level(LOG_ERROR);
	if (!base || !*base)
		base = stat("/dev/shm", &st) == 0 && S_ISDIR(st.st_mode) ? "/dev/shm" : "/tmp";
	sweep_stale(base);
	snprintf(tmpdir, sizeof(tmpdir), "%s/majakka-fuzz-http-%ld-XXXXXX", base, (long)getpid());
	if (!mkdtemp(tmpdir)) {
		tmpdir[0] = 0;
		die("cannot create a temporary directory");
	}
	snprintf(db_path, sizeof(db_path), "%s/demo.db", tmpdir);
	atexit(shutdown_all);

	if (auth_init())
		die("cannot initialise libsodium");
	password_set_min_cost();
	if (create_demo())
		die("cannot create the demo database");
	find_assets(assets, sizeof(assets));
	if (app_init(&app, db_path, assets))
		die("cannot start the application (run from the checkout or set MAJAKKA_ASSETS)");
	if (db_open(&rdb, db_path, DB_READWRITE))
		die("cannot open the database");
	for (size_t i = 0; i < NSESSIONS; i++) {
		struct account_row acc;
		char hash[256];
		if (account_get_login(rdb, sessions[i].username, &acc, hash, sizeof(hash)))
			die("demo account missing");
		sessions[i].account_id = acc.id;
		session_ensure(&sessions[i]);
	}

	http_config_defaults(&cfg);
	cfg.port = 0;
	cfg.threads = 1;
	snprintf(static_dir, sizeof(static_dir), "%s/static", assets);
	cfg.static_dir = static_dir;
	hooks.ctx = &app;
	hooks.dispatch = app_dispatch;
	hooks.commit = app_commit;
	hooks.release = app_request_release;
	if (http_server_start(&srv, &cfg, &hooks))
		die("cannot start the HTTP server");
	return 0;
}

/* The token a mark at data[0..size) stands for (its length in *mlen), or NULL. */
static const char *mark_at(const uint8_t *data, size_t size, size_t *mlen)
{
	for (size_t k = 0; k < NSESSIONS; k++) {
		const char *marks[2] = { sessions[k].token_mark, sessions[k].csrf_mark };
		for (int m = 0; m < 2; m++) {
			size_t ml = strlen(marks[m]);
			if (size >= ml && !memcmp(data, marks[m], ml)) {
				session_ensure(&sessions[k]);
				*mlen = ml;
				return m ? sessions[k].csrf : sessions[k].token;
			}
		}
	}
	return NULL;
}

/* The input with every session mark replaced by its token. */
static char *substitute(const uint8_t *data, size_t size, size_t *outlen)
{
	struct buf b;
	size_t i = 0;

	buf_init(&b, 64u * 1024 * 1024);
	while (i < size) {
		const uint8_t *at = memchr(data + i, '@', size - i);
		size_t run = at ? (size_t)(at - (data + i)) : size - i, mlen = 0;
		const char *rep;

		buf_append(&b, data + i, run);
		i += run;
		if (i == size)
			break;
		rep = mark_at(data + i, size - i, &mlen);
		if (rep) {
			buf_appends(&b, rep);
			i += mlen;
		} else {
			buf_appendc(&b, '@');
			i++;
		}
	}
	return buf_detach(&b, outlen);
}

/* The first 12 bytes of what the server sent (none when it just closed). */
static void check_status(const char *head, size_t n)
{
	if (n == 0)
		return;
	if (n < 12 || (memcmp(head, "HTTP/1.1 ", 9) && memcmp(head, "HTTP/1.0 ", 9)))
		die("the answer does not start with an HTTP/1.x status line");
	if (!memcmp(head + 9, "500", 3))
		die("the answer is 500 Internal Server Error");
}

/* Write msg to fd and read the answer until the server closes; the socket
 * is non-blocking, so a server answering pipelined requests while the rest
 * still arrives never blocks either side. */
static void converse(int fd, const char *msg, size_t len)
{
	int64_t deadline = clock_mono_ms() + CLIENT_TIMEOUT_MS;
	size_t off = 0, nhead = 0;
	bool wr_open = true;
	char rbuf[16384], head[13];

	if (len == 0) {
		shutdown(fd, SHUT_WR);
		wr_open = false;
	}
	for (;;) {
		struct pollfd p = { .fd = fd, .events = POLLIN | (wr_open ? POLLOUT : 0) };
		int64_t left = deadline - clock_mono_ms();
		int r;

		if (left <= 0)
			die("the server did not close the connection after the client's end of input");
		r = poll(&p, 1, (int)left);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			die("poll failed");
		if (p.revents & (POLLIN | POLLHUP | POLLERR)) {
			ssize_t n = recv(fd, rbuf, sizeof(rbuf), 0);
			if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) {
				check_status(head, nhead);
				return;  /* closed (or reset) by the server */
			}
			for (ssize_t k = 0; k < n && nhead < sizeof(head) - 1; k++)
				head[nhead++] = rbuf[k];
			if (n > 0 && echo)
				fwrite(rbuf, 1, (size_t)n, stderr);
		}
		if (wr_open && (p.revents & POLLOUT)) {
			ssize_t n = send(fd, msg + off, len - off, MSG_NOSIGNAL);
			if (n > 0)
				off += (size_t)n;
			else if (n < 0 && errno != EAGAIN && errno != EINTR)
				off = len;  /* the server closed its side: stop writing */
			if (off == len) {
				shutdown(fd, SHUT_WR);
				wr_open = false;
			}
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int sv[2];
	size_t len;
	char *msg;

	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv))
		die("socketpair failed");
	if (http_server_add_socket(srv, sv[0])) {
		/* The server closed its end; a full server is not a finding. */
		close(sv[1]);
		return 0;
	}
	if (fcntl(sv[1], F_SETFL, O_NONBLOCK))
		die("fcntl failed");
	msg = substitute(data, size, &len);
	converse(sv[1], msg ? msg : "", msg ? len : 0);
	free(msg);
	close(sv[1]);
	return 0;
}
