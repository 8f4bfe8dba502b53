/*
 * access.c - the one door to client data (see access.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/clock.h"
#include "core/str.h"
#include "core/workday.h"
#include "core/log.h"
#include "model/access.h"
#include "model/breakglass.h"
#include "model/consent.h"
#include "model/factcache.h"
#include "model/org.h"
#include "model/partners.h"
#include "model/role.h"

void access_ctx_init(struct access_ctx *ax, const struct principal *p, const char *ip)
{
	memset(ax, 0, sizeof(*ax));
	ax->p = p;
	str_lcpy(ax->ip, ip ? ip : "", sizeof(ax->ip));
}

void access_ctx_release(struct access_ctx *ax)
{
	free(ax->log);
	ax->log = NULL;
	ax->nlog = ax->caplog = 0;
}

void access_entry(const struct access_ctx *ax, struct audit_entry *e, const char *action,
		  const char *object_type, int64_t object_id, const struct decision *d)
{
	memset(e, 0, sizeof(*e));
	if (ax->p && ax->p->account_id) {
		e->account_id = ax->p->account_id;
		str_lcpy(e->username, ax->p->username, sizeof(e->username));
		str_lcpy(e->role, role_name(ax->p->role), sizeof(e->role));
	} else {
		str_lcpy(e->username, "-", sizeof(e->username));
		str_lcpy(e->role, "-", sizeof(e->role));
	}
	e->action = action;
	e->object_type = object_type;
	e->object_id = object_id;
	e->basis = d ? d->basis : "none";
	e->outcome = d ? (d->allow ? "allowed" : "denied") : "allowed";
	if (d && !d->allow && d->why)
		str_lcpy(e->reason, d->why, sizeof(e->reason));
	str_lcpy(e->ip, ax->ip, sizeof(e->ip));
}

enum err access_log_add(struct access_ctx *ax, const struct audit_entry *e)
{
	if (ax->nlog == ax->caplog) {
		size_t cap = ax->caplog ? ax->caplog * 2 : 4;
		struct audit_entry *p;
		if (cap > ACCESS_LOG_MAX)
			return ERR_TOO_LARGE;
		p = realloc(ax->log, cap * sizeof(*p));
		if (!p)
			return ERR_NOMEM;
		ax->log = p;
		ax->caplog = cap;
	}
	ax->log[ax->nlog++] = *e;
	return ERR_OK;
}

void access_log_drop(struct access_ctx *ax, const char *log_action)
{
	size_t kept = 0;
	for (size_t i = 0; i < ax->nlog; i++)
		if (strcmp(ax->log[i].action, log_action))
			ax->log[kept++] = ax->log[i];
	ax->nlog = kept;
}

enum err access_case_facts(struct db *db, const struct case_row *c, const struct principal *p,
			   struct policy_object *out)
{
	enum err e = childcase_policy_facts(db, c, p, out);
	if (!e && p->kind == KIND_WORKER && !out->on_childs_team && !principal_in_team(p, c->team_id))
		e = breakglass_active(db, p->account_id, c->id, &out->glass_grant);
	/* What consents, legal bases and authority grants open to a partner. */
	if (!e)
		e = consent_policy_facts(db, c->id, p, out);
	return e;
}

/* A child's case from the facts in memory (loaded at ax->gen): its ids
 * into out->c, the facts for ax's principal into facts.  ERR_TOO_LARGE when
 * the case does not fit an entry: read it the long way. */
static enum err load_child_cached(const struct access_ctx *ax, struct db *db, int64_t child_id,
				  struct access_answer *out, struct policy_object *facts)
{
	struct case_facts f;
	char today[11], now[21];
	enum err e;

	if (!factcache_get(ax->facts, child_id, ax->gen, &f)) {
		e = factcache_load(db, child_id, &f);
		if (e)
			return e;
		factcache_put(ax->facts, ax->gen, &f);
	}
	out->c.id = f.case_id;
	out->c.child_id = f.child_id;
	out->c.team_id = f.team_id;
	out->c.area_id = f.area_id;
	out->c.county_id = f.county_id;
	out->person_id = f.child_id;
	out->case_id = f.case_id;
	date_format(date_today(), today);
	clock_iso(clock_now(), now);
	factcache_policy_object(&f, ax->p, today, now, facts);
	return ERR_OK;
}

/* Load the object and its facts. */
static enum err load(const struct access_ctx *ax, struct db *db, struct objref o, struct access_answer *out,
		     struct policy_object *facts)
{
	const struct principal *p = ax->p;
	enum err e;

	switch (o.kind) {
	case OBJ_CHILD:
		/* Family members' facts (guardianship, blocks) are not kept. */
		if (ax->facts && !p->person_id) {
			e = load_child_cached(ax, db, o.id, out, facts);
			if (e != ERR_TOO_LARGE)
				return e;
			memset(out, 0, sizeof(*out));
		}
		e = childcase_by_child(db, o.id, &out->c);
		break;
	case OBJ_CASE:
		e = childcase_get(db, o.id, &out->c);
		break;
	case OBJ_PERSON:
		out->person_id = o.id;
		e = person_policy_object(db, o.id, p, facts, &out->case_id);
		if (!e && out->case_id && p->kind == KIND_WORKER && !facts->on_childs_team &&
		    !principal_in_team(p, facts->team_id))
			e = breakglass_active(db, p->account_id, out->case_id, &facts->glass_grant);
		if (!e && out->case_id)
			e = consent_policy_facts(db, out->case_id, p, facts);
		return e;
	default:
		return ERR_INVALID;
	}
	if (!e) {
		out->c_full = true;
		out->person_id = out->c.child_id;
		out->case_id = out->c.id;
		e = access_case_facts(db, &out->c, p, facts);
	}
	return e;
}

enum err access_answer_case(struct db *db, struct access_answer *ans)
{
	enum err e;

	if (ans->c_full || !ans->c.id)
		return ERR_OK;
	if (!db)
		return ERR_UNAVAILABLE;
	e = childcase_get(db, ans->c.id, &ans->c);
	if (!e)
		ans->c_full = true;
	return e;
}

/* The disclosure log: a partner reading more than the minimum data set, or
 * reading at all under an authority grant, is a disclosure outside the
 * organisation.  One entry per consent or grant the read rests on, its
 * basis the consent's ("consent", a legal basis, "authority_grant") and its
 * reason naming the row and the fields it opened, in the hash-chained
 * access log. */
static enum err log_disclosures(struct access_ctx *ax, struct db *db, const struct access_answer *ans)
{
	struct consent_basis b[CONSENT_BASES_MAX];
	unsigned beyond = ans->d.fields & ~(unsigned)FIELDS_MINIMUM;
	bool granted = ans->d.basis && !strcmp(ans->d.basis, "authority_grant");
	int n = 0;
	enum err e;

	if (!ans->d.allow || ans->d.audience != AUD_PARTNER || (!beyond && !granted))
		return ERR_OK;
	e = consent_bases_for(db, ans->case_id, ax->p, b, CONSENT_BASES_MAX, &n);
	for (int i = 0; !e && i < n; i++) {
		struct audit_entry de;
		struct decision d = ans->d;
		unsigned opened = b[i].fields & beyond;
		size_t len;
		if (!opened && !b[i].grant)
			continue;
		/* The entry keeps a pointer until it is committed: a static name. */
		d.basis = "authority_grant";
		for (int k = 0; !b[i].grant && consent_bases[k]; k++)
			if (!strcmp(consent_bases[k], b[i].basis))
				d.basis = consent_bases[k];
		access_entry(ax, &de, "disclose", "case", ans->case_id, &d);
		de.person_id = ans->person_id;
		de.case_id = ans->case_id;
		len = (size_t)snprintf(de.reason, sizeof(de.reason), "%s %lld:", b[i].grant ? "grant" : "consent",
				       (long long)b[i].id);
		for (int f = 0; f < FIELD__COUNT && len < sizeof(de.reason); f++)
			if (opened & (1u << f))
				len += (size_t)snprintf(de.reason + len, sizeof(de.reason) - len, " %s",
							field_name((enum field)(1u << f)));
		if (!opened && len < sizeof(de.reason))
			snprintf(de.reason + len, sizeof(de.reason) - len, " minimum");
		e = access_log_add(ax, &de);
	}
	return e;
}

enum err access_check(struct access_ctx *ax, struct db *db, struct objref o, enum action a,
		      const char *log_action, struct access_answer *out)
{
	return access_check_fields(ax, db, o, a, 0, log_action, out);
}

enum err access_log_row(struct access_ctx *ax, const struct case_row *c, const struct decision *d)
{
	struct audit_entry e;
	access_entry(ax, &e, "list", "case", c->id, d);
	e.person_id = c->child_id;
	e.case_id = c->id;
	return access_log_add(ax, &e);
}

enum err access_team(struct access_ctx *ax, struct db *db, int64_t team_id, enum action a,
		     const char *object_type, const char *log_action, struct decision *d)
{
	struct team_row t;
	struct policy_object o = { 0 };
	struct audit_entry ae;
	enum err e = db ? org_get_team(db, team_id, &t) : ERR_UNAVAILABLE;

	memset(d, 0, sizeof(*d));
	if (!e && t.county_id != ax->p->county_id)
		e = ERR_NOT_FOUND;
	if (e)
		return e;
	o.team_id = t.id;
	o.area_id = t.area_id;
	o.county_id = t.county_id;
	*d = policy_decide(ax->p, a, &o);
	if (log_action) {
		access_entry(ax, &ae, log_action, object_type, 0, d);
		e = access_log_add(ax, &ae);
		if (e)
			return e;
	}
	return d->allow ? ERR_OK : ERR_DENIED;
}

enum err access_log_created(struct access_ctx *ax, int64_t person_id, int64_t case_id, const char *basis)
{
	struct audit_entry ae;
	struct decision d = { true, AUD_CASE_WORKER, FIELD__ALL, basis, NULL };
	access_entry(ax, &ae, "create", "person", person_id, &d);
	ae.person_id = person_id;
	ae.case_id = case_id;
	return access_log_add(ax, &ae);
}

enum err access_search_hit(struct access_ctx *ax, const struct person_hit *h, struct decision *d,
			   bool *may_break_glass)
{
	struct audit_entry e;
	struct decision shown;

	*may_break_glass = false;
	if (h->policy_err) {
		*d = (struct decision){ false, AUD_NONE, 0, "none", "incomplete_case" };
	} else {
		*d = policy_decide(ax->p, ACT_CLIENT_LIST, &h->policy);
	}
	if (d->allow) {
		access_entry(ax, &e, "search", "person", h->id, d);
	} else {
		/* The principal learns that a person matched: an existence
		 * disclosure, allowed, on its own basis. */
		shown = (struct decision){ true, AUD_NONE, 0, "existence_only", NULL };
		*may_break_glass = !h->policy_err && h->case_id &&
				   policy_decide(ax->p, ACT_BREAK_GLASS, &h->policy).allow;
		access_entry(ax, &e, "search_match", "person", h->id, &shown);
	}
	e.person_id = h->id;
	e.case_id = h->policy_case_id;
	return access_log_add(ax, &e);
}

enum err access_glass_open(struct db *db, struct access_ctx *ax, const struct access_answer *ans,
			   const char *reason, int minutes, struct breakglass_grant *out)
{
	struct audit_entry e;
	enum err err = access_commit(db, ax);

	if (!err)
		err = breakglass_insert(db, ax->p->account_id, ans->case_id, reason, minutes, out);
	if (err)
		return err;
	/* The access log names the grant; the reason is kept whole with it. */
	access_entry(ax, &e, "break_glass", "case", ans->case_id, &(struct decision){ true, AUD_BREAK_GLASS,
		     FIELD__ALL, "break_glass", NULL });
	e.person_id = ans->person_id;
	e.case_id = ans->case_id;
	str_lcpy(e.reason, out->reason, sizeof(e.reason));
	return audit_append(db, &e, 1);
}

struct glass_job {
	struct access_ctx *ax;
	const struct access_answer *ans;
	int minutes;
	struct breakglass_grant *out;
};

static enum err glass_run(struct db *db, void *arg)
{
	struct glass_job *g = arg;
	return access_glass_open(db, g->ax, g->ans, g->out->reason, g->minutes, g->out);
}

enum err access_break_glass(struct access_ctx *ax, struct db *db, struct writer *w, int64_t child_id,
			    const char *reason, int minutes, struct access_answer *ans,
			    struct breakglass_grant *out, struct field_error *fe)
{
	struct glass_job g = { ax, ans, minutes, out };
	enum err err;

	/* The reason first: a refusal for a bad reason is not a decision. */
	err = breakglass_reason(reason, out->reason, sizeof(out->reason), fe);
	if (err)
		return err;
	err = access_check(ax, db, (struct objref){ OBJ_CHILD, child_id }, ACT_BREAK_GLASS, "break_glass", ans);
	if (err)
		return err;
	/* The decision, the grant and its entry commit together. */
	err = w ? writer_run(w, glass_run, &g) : ERR_UNAVAILABLE;
	if (!err)
		ax->nlog = 0;
	return err;
}

struct write_job {
	struct access_ctx *ax;
	enum err (*fn)(struct db *db, void *arg);
	void *arg;
	const struct audit_entry *extra;
	const int64_t *object_id;
};

static enum err write_run(struct db *db, void *arg)
{
	struct write_job *w = arg;
	enum err e = w->fn(db, w->arg);
	if (!e)
		e = access_commit(db, w->ax);
	if (!e && w->extra) {
		struct audit_entry x = *w->extra;
		if (w->object_id)
			x.object_id = *w->object_id;
		e = audit_append(db, &x, 1);
	}
	return e;
}

enum err access_write_entry(struct access_ctx *ax, struct writer *wr, enum err (*fn)(struct db *db, void *arg),
			    void *arg, const struct audit_entry *extra, const int64_t *object_id)
{
	struct write_job w = { ax, fn, arg, extra, object_id };
	enum err e = wr ? writer_run(wr, write_run, &w) : ERR_UNAVAILABLE;
	if (!e)
		ax->nlog = 0;
	return e;
}

enum err access_write(struct access_ctx *ax, struct writer *wr, enum err (*fn)(struct db *db, void *arg), void *arg)
{
	return access_write_entry(ax, wr, fn, arg, NULL, NULL);
}

enum err access_append(struct db *db, const struct audit_entry *e)
{
	return audit_append(db, e, 1);
}

void access_log_index_behind(struct db *db, void *arg)
{
	enum err e = audit_index_behind(db, AUDIT_INDEX_SLICE);
	(void)arg;
	if (e)
		log_error("access log: the per-person index was not brought up to date: %s", err_code(e));
}

enum err access_commit(struct db *db, const struct access_ctx *ax)
{
	return ax->nlog ? audit_append(db, ax->log, ax->nlog) : ERR_OK;
}

enum err access_check_fields(struct access_ctx *ax, struct db *db, struct objref o, enum action a,
			     unsigned need, const char *log_action, struct access_answer *out)
{
	struct policy_object facts = { 0 };
	struct audit_entry e;
	enum err err;

	memset(out, 0, sizeof(*out));
	err = db ? load(ax, db, o, out, &facts) : ERR_UNAVAILABLE;
	/* A partner on the child's team who takes part in the joint client
	 * plan reads the plan (not kept in memory: asked each time). */
	if (!err && ax->p->kind == KIND_PARTNER && facts.on_childs_team && out->case_id)
		err = childcase_plan_participant(db, out->case_id, ax->p->account_id, &facts.plan_participant);
	if (err)
		return err;
	out->d = policy_decide(ax->p, a, &facts);
	if (out->d.allow && (out->d.fields & need) != need)
		out->d = (struct decision){ false, AUD_NONE, 0, "none", "field_not_permitted" };
	out->can_write = policy_decide(ax->p, ACT_CLIENT_WRITE, &facts).allow;
	out->can_record = policy_decide(ax->p, ACT_RECORD_WRITE, &facts).allow;
	access_entry(ax, &e, log_action, out->case_id ? "case" : "person",
		     out->case_id ? out->case_id : out->person_id, &out->d);
	e.person_id = out->person_id;
	e.case_id = out->case_id;
	err = access_log_add(ax, &e);
	if (!err && a == ACT_CLIENT_READ)
		err = log_disclosures(ax, db, out);
	if (err)
		return err;
	return out->d.allow ? ERR_OK : ERR_DENIED;
}

/* ---- consultations ---------------------------------------------------------- */

enum err access_check_consultation(struct access_ctx *ax, struct db *db, int64_t consultation_id, int64_t case_id,
				   int64_t consultant_id, bool open, enum action a, const char *log_action,
				   struct access_answer *out, bool *may_answer)
{
	struct policy_object facts = { 0 };
	struct audit_entry e;
	enum err err;

	memset(out, 0, sizeof(*out));
	err = db ? childcase_get(db, case_id, &out->c) : ERR_UNAVAILABLE;
	if (!err)
		err = access_case_facts(db, &out->c, ax->p, &facts);
	if (err)
		return err;
	out->c_full = true;
	out->person_id = out->c.child_id;
	out->case_id = out->c.id;
	facts.consultant = ax->p->account_id == consultant_id;
	facts.consultation_open = open;
	out->d = a == ACT_CLIENT_READ ? policy_consultation_read(ax->p, &facts) : policy_decide(ax->p, a, &facts);
	out->can_write = policy_decide(ax->p, ACT_CLIENT_WRITE, &facts).allow;
	out->can_record = policy_decide(ax->p, ACT_RECORD_WRITE, &facts).allow;
	if (may_answer)
		*may_answer = policy_decide(ax->p, ACT_CONSULTATION_ANSWER, &facts).allow;
	access_entry(ax, &e, log_action, "consultation", consultation_id, &out->d);
	e.person_id = out->person_id;
	e.case_id = out->case_id;
	err = access_log_add(ax, &e);
	if (err)
		return err;
	/* The consultant answering a second time is a conflict with the
	 * consultation's state (409), not a question of access. */
	if (!out->d.allow && out->d.why && !strcmp(out->d.why, "consultation_answered"))
		return ERR_CONFLICT;
	return out->d.allow ? ERR_OK : ERR_DENIED;
}

/* ---- multi-agency work: invitations and assessments ----------------------- */

enum err access_multiagency(struct access_ctx *ax, struct db *db, enum action a, int64_t id,
			    const char *log_action, struct access_answer *out)
{
	struct policy_object facts = { 0 };
	struct audit_entry e;
	int64_t case_id = 0;
	const char *type = a == ACT_INVITATION ? "mapping_invitation" : "assessment";
	enum err err = db ? ERR_OK : ERR_UNAVAILABLE;

	memset(out, 0, sizeof(*out));
	if (!err && a == ACT_INVITATION) {
		struct mapping_invitation inv;
		err = mapping_get(db, id, &inv);
		case_id = inv.case_id;
		if (!err)
			err = partners_invitation_facts(db, id, ax->p->account_id, &facts);
	} else if (!err && a == ACT_ASSESSMENT) {
		struct assessment_row r;
		err = assessment_get(db, id, &r);
		case_id = r.case_id;
		if (!err)
			err = partners_assessment_facts(db, id, ax->p->account_id, &facts);
	} else if (!err) {
		err = ERR_INVALID;
	}
	if (!err)
		err = childcase_get(db, case_id, &out->c);
	if (!err) {
		struct policy_object part = facts;
		out->c_full = true;
		out->person_id = out->c.child_id;
		out->case_id = out->c.id;
		err = access_case_facts(db, &out->c, ax->p, &facts);
		facts.inviter = part.inviter;
		facts.invitee = part.invitee;
		facts.invitee_said_yes = part.invitee_said_yes;
		facts.participant = part.participant;
	}
	if (err)
		return err;
	out->d = policy_decide(ax->p, a, &facts);
	out->can_write = policy_decide(ax->p, ACT_CLIENT_WRITE, &facts).allow;
	out->can_record = policy_decide(ax->p, ACT_RECORD_WRITE, &facts).allow;
	access_entry(ax, &e, log_action, type, id, &out->d);
	e.person_id = out->person_id;
	e.case_id = out->case_id;
	err = access_log_add(ax, &e);
	if (err)
		return err;
	return out->d.allow ? ERR_OK : ERR_DENIED;
}

enum err access_disclose(struct access_ctx *ax, const struct access_answer *ans, const char *object_type,
			 int64_t object_id)
{
	struct audit_entry e;

	if (!ax->p || ax->p->kind != KIND_PARTNER || !ans->d.allow)
		return ERR_OK;
	access_entry(ax, &e, "disclose", object_type, object_id, &ans->d);
	e.person_id = ans->person_id;
	e.case_id = ans->case_id;
	/* What was disclosed: the fields, named. */
	for (int i = 0, n = 0; i < FIELD__COUNT; i++)
		if (ans->d.fields & (1u << i)) {
			int w = snprintf(e.reason + n, sizeof(e.reason) - (size_t)n, "%s%s", n ? "," : "",
					 field_name((enum field)(1u << i)));
			if (w < 0 || (size_t)w >= sizeof(e.reason) - (size_t)n)
				break;
			n += w;
		}
	return access_log_add(ax, &e);
}
