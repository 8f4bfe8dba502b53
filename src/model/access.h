/*
 * access.h - the one door to client data.
 *
 * Every read and write of a child's case or a person's data goes through
 * here: load the facts about the object (one loader per kind), ask the pure
 * policy_decide (model/policy.h), and add the access-log entry, allowed or
 * denied, with its basis.  The answer says which fields this principal may
 * see (struct decision's fields); callers show those and nothing else.
 *
 * The entries gather in an access_ctx, one per request.  Reads make them
 * durable before the answer leaves (the caller submits them to the writer,
 * see access_commit); writes append them in the same transaction as the data
 * (access_write), so data and log commit together or not at all.
 *
 * Modelled on git's object access: one door, many callers.  Handlers in
 * api/ render what comes back; they never decide access themselves.
 */
#ifndef MAJAKKA_ACCESS_H
#define MAJAKKA_ACCESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "audit/audit.h"
#include "db/db.h"
#include "db/writer.h"
#include "model/childcase.h"
#include "model/person.h"
#include "model/policy.h"

/* The most log entries one request may gather: a list longer than this is
 * refused rather than shown without its log. */
#define ACCESS_LOG_MAX 4096

/* The kinds of objects that hold client data. */
enum access_kind { OBJ_CHILD, OBJ_CASE, OBJ_PERSON, OBJ__COUNT };

struct objref {
	enum access_kind kind;
	int64_t id;
};

/* One request's principal and its pending access-log entries. */
struct factcache;
struct access_ctx {
	const struct principal *p;  /* account_id 0: nobody is logged in */
	struct factcache *facts;    /* cases' facts in memory, or NULL: read them */
	int64_t gen;                /* the access generation facts are good for */
	char ip[48];
	struct audit_entry *log;
	size_t nlog, caplog;
};

void access_ctx_init(struct access_ctx *ax, const struct principal *p, const char *ip);
void access_ctx_release(struct access_ctx *ax);

/* Fill e for this principal (who, role, ip) about object_type/object_id with
 * decision d (NULL: an allowed action that is not a policy decision). */
void access_entry(const struct access_ctx *ax, struct audit_entry *e, const char *action,
		  const char *object_type, int64_t object_id, const struct decision *d);
/* Add e to the pending entries.  ERR_TOO_LARGE past ACCESS_LOG_MAX. */
enum err access_log_add(struct access_ctx *ax, const struct audit_entry *e);
/* Take back the pending entries of action log_action (a list that will not
 * be shown after all: nobody saw those rows). */
void access_log_drop(struct access_ctx *ax, const char *log_action);

/* What the door answers about one object. */
struct access_answer {
	struct decision d;
	struct case_row c;    /* the case (OBJ_CHILD, OBJ_CASE; a person's case when they have one) */
	int64_t person_id;
	int64_t case_id;      /* 0 when the person has no case */
	bool c_full;          /* c is the whole row; else only its ids (see access_answer_case) */
	bool can_write;       /* the same principal may change the case */
	bool can_record;      /* ... and may add own records to it */
};

/* May ax's principal do a on the object?  Loads the facts, decides, and logs
 * under log_action ("read", "update", ...).  ERR_OK when allowed; ERR_DENIED
 * when refused (logged; out->d.why says why); ERR_NOT_FOUND, ERR_TOO_LARGE
 * (log full) or a storage error otherwise. */
enum err access_check(struct access_ctx *ax, struct db *db, struct objref o, enum action a,
		      const char *log_action, struct access_answer *out);
/* Make ans->c the case's whole row (name, phase, deadlines...): a check
 * served from memory (model/factcache.h) fills only its ids, which is all
 * a decision needs.  No-op when it is whole already or there is no case. */
enum err access_answer_case(struct db *db, struct access_answer *ans);
/* The facts about a case already loaded (lists, writes that re-check). */
enum err access_case_facts(struct db *db, const struct case_row *c, const struct principal *p,
			   struct policy_object *out);

/* Log that the principal saw child c as a list row or search hit on basis d.
 * ERR_TOO_LARGE when the request holds ACCESS_LOG_MAX entries already: the
 * row must then not be shown. */
enum err access_log_row(struct access_ctx *ax, const struct case_row *c, const struct decision *d);

/* May the principal do a on the client data of team_id as a whole (open a
 * new case in it, record a contact for it, list its children)?  Decided on
 * that team; logged as log_action on object_type unless log_action is NULL
 * (a list logs its rows instead).  ERR_NOT_FOUND when p's organisation has
 * no such team; ERR_DENIED. */
enum err access_team(struct access_ctx *ax, struct db *db, int64_t team_id, enum action a,
		     const char *object_type, const char *log_action, struct decision *d);
/* The created object's own entry (person_id, case_id), once it has an id. */
enum err access_log_created(struct access_ctx *ax, int64_t person_id, int64_t case_id, const char *basis);

/* A search hit.  Allowed (d->allow): shown, logged as "search".  Outside
 * the principal's access: only its existence is disclosed, and that goes to
 * the person's log as "search_match" on basis "existence_only";
 * *may_break_glass then says whether this principal may open its case by
 * breaking the glass. */
enum err access_search_hit(struct access_ctx *ax, const struct person_hit *h, struct decision *d,
			   bool *may_break_glass);

/* Break the glass: ax's principal states reason to read child_id's case
 * for minutes.  Decided by ACT_BREAK_GLASS; the reason checked by
 * breakglass_reason (ERR_INVALID with fe); the grant and its log entry
 * commit together.  ERR_DENIED (logged) when this principal may not. */
struct breakglass_grant;
enum err access_break_glass(struct access_ctx *ax, struct db *db, struct writer *w, int64_t child_id,
			    const char *reason, int minutes, struct access_answer *ans,
			    struct breakglass_grant *out, struct field_error *fe);

/* The grant itself, on db inside the caller's transaction: ax's pending
 * entries (the ACT_BREAK_GLASS decision in ans), the grant of reason (checked
 * by breakglass_reason) for minutes, and its own log entry.  The writer's job
 * of access_break_glass; the demo calls it in its transaction. */
enum err access_glass_open(struct db *db, struct access_ctx *ax, const struct access_answer *ans,
			   const char *reason, int minutes, struct breakglass_grant *out);

/* Run fn on the writer connection together with ax's pending entries, in one
 * transaction: the data and its log commit together or not at all.  On
 * success the entries are no longer pending. */
enum err access_write(struct access_ctx *ax, struct writer *w, enum err (*fn)(struct db *db, void *arg),
		      void *arg);
/* The same with one more entry, e, whose object_id is read from *object_id
 * after fn ran (a created object's new id); object_id may be NULL. */
enum err access_write_entry(struct access_ctx *ax, struct writer *w, enum err (*fn)(struct db *db, void *arg),
			    void *arg, const struct audit_entry *e, const int64_t *object_id);
/* Inside a write (fn of access_write, on the writer connection): append e
 * now, in that transaction.  For the entries of rows the write creates when
 * there are several (model/grant.c's requests). */
enum err access_append(struct db *db, const struct audit_entry *e);
/* The writer's after-batch work (db/writer.h writer_set_after_batch): keep
 * the access log's per-person index behind its rows (audit_index_behind).
 * A failure is logged and tried again after the next batch. */
void access_log_index_behind(struct db *db, void *arg);

/* Append ax's pending entries (on the writer connection, inside its
 * transaction): the job a read submits before its answer leaves. */
enum err access_commit(struct db *db, const struct access_ctx *ax);

/* A mapping invitation (ACT_INVITATION) or a multi-agency assessment
 * (ACT_ASSESSMENT) of id, about a child: the child's case facts and the
 * principal's part in the object (inviter, invitee who said yes,
 * participant: model/partners.h), decided and logged under log_action on
 * object_type "mapping_invitation" / "assessment" with the child's person
 * and case.  out->c is the whole case row.  ERR_NOT_FOUND, ERR_DENIED. */
enum err access_multiagency(struct access_ctx *ax, struct db *db, enum action a, int64_t id,
			    const char *log_action, struct access_answer *out);
/* The child's summary (ans->d.fields) is shown to a partner professional
 * outside the organisation: log the disclosure ("disclose", basis the
 * decision's) on object_type/object_id.  No-op for the organisation's own
 * workers.  The one call that a disclosure log will take over. */
enum err access_disclose(struct access_ctx *ax, const struct access_answer *ans, const char *object_type,
			 int64_t object_id);

/* access_check, and the answer must also include every field of need
 * (enum field bits): the genogram and timeline need FIELD_TOOLBOX.  An
 * audience allowed the object but not those fields is refused, and logged
 * as refused, with why "field_not_permitted" (a partner sees the toolbox
 * only when a consent opens it). */
enum err access_check_fields(struct access_ctx *ax, struct db *db, struct objref o, enum action a,
			     unsigned need, const char *log_action, struct access_answer *out);


/* ---- consultations (model/consultation.h) ---- */
/* May the principal do a (ACT_CLIENT_READ: policy_consultation_read;
 * ACT_CONSULTATION_ANSWER) on a
 * consultation about case_id whose named consultant is consultant_id, open
 * while it waits for its answer?  The case's facts plus the consultation's
 * (consultant, consultation_open); logged as log_action on object_type
 * "consultation" consultation_id, with the child and the case; *may_answer
 * (may be NULL) says whether ACT_CONSULTATION_ANSWER would be allowed.  ERR_OK,
 * ERR_DENIED (logged), ERR_NOT_FOUND, or a storage error. */
enum err access_check_consultation(struct access_ctx *ax, struct db *db, int64_t consultation_id, int64_t case_id,
				   int64_t consultant_id, bool open, enum action a, const char *log_action,
				   struct access_answer *out, bool *may_answer);
#endif
