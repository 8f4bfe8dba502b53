/*
 * consent.c - the child's disclosure and safety page and its API: consents
 * and legal bases for partner organisations, time-limited authority grants,
 * safety blocks on a parent, matters tagged to the child's team; a person's
 * data as the access layer allows it (the address never shown under
 * non-disclosure).  Every read and write goes through api/access.h: the
 * door decides and logs; this file renders what it answers.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "api/access.h"
#include "api/children.h"
#include "api/form.h"
#include "api/handlers.h"
#include "api/input.h"
#include "api/render.h"
#include "api/tagform.h"
#include "core/str.h"
#include "core/workday.h"
#include "model/block.h"
#include "model/consent.h"
#include "model/person.h"
#include "model/tag.h"
#include "view/jv.h"

static struct writer *writer_of(struct request *req)
{
	return req->app ? ((struct app *)req->app)->writer : NULL;
}

/* Field bits as [names] and as one translated line. */
static json_t *fields_json(unsigned fields)
{
	json_t *a = json_array();
	for (int i = 0; i < FIELD__COUNT; i++)
		if (fields & (1u << i))
			json_array_append_new(a, jv_str(field_name((enum field)(1u << i))));
	return a;
}

static json_t *fields_label(struct request *req, unsigned fields)
{
	char out[1024];
	size_t len = 0;
	out[0] = 0;
	for (int i = 0; i < FIELD__COUNT && len < sizeof(out); i++)
		if (fields & (1u << i))
			len += (size_t)snprintf(out + len, sizeof(out) - len, "%s%s", len ? ", " : "",
						render_label(req, "consent.field", field_name((enum field)(1u << i))));
	return jv_str(out);
}

/* The field groups of a JSON array of names or the repeated form field
 * "fields".  ERR_INVALID naming "fields" for a name a consent cannot open. */
static enum err fields_input(struct input *in, unsigned *out, struct field_error *fe)
{
	*out = 0;
	if (in->json) {
		json_t *v = json_object_get(in->json, "fields"), *x;
		size_t i;
		if (!v || json_is_null(v))
			return ERR_OK;
		if (!json_is_array(v))
			return validate_fail(fe, "fields", "not_array", "fields must be an array of field group names");
		json_array_foreach(v, i, x) {
			unsigned bit = json_is_string(x) ? consent_field_bit(json_string_value(x)) : 0;
			if (!bit)
				return validate_fail(fe, "fields", "unknown_value", "fields: not a field group a consent opens");
			*out |= bit;
		}
		return ERR_OK;
	}
	for (size_t i = 0; i < in->req->nform; i++) {
		unsigned bit;
		if (strcmp(in->req->form[i].key, "fields"))
			continue;
		bit = consent_field_bit(in->req->form[i].value);
		if (!bit)
			return validate_fail(fe, "fields", "unknown_value", "fields: not a field group a consent opens");
		*out |= bit;
	}
	return ERR_OK;
}

/* ---- the page model ------------------------------------------------------- */

struct acc {
	struct request *req;
	json_t *arr;
	int64_t child_id;
};

static void consent_cb(void *ctx, const struct consent_row *r)
{
	struct acc *a = ctx;
	json_t *j = json_object();
	jv_set_int(j, "id", r->id);
	jv_set_str(j, "basis", r->basis);
	jv_set(j, "basis_label", render_label_json(a->req, "consent.basis", r->basis));
	jv_set_bool(j, "is_consent", !strcmp(r->basis, "consent"));
	if (r->given_by) {
		json_t *g = json_object();
		jv_set_int(g, "id", r->given_by);
		jv_set_str(g, "name", r->given_by_name);
		jv_set(j, "given_by", g);
	}
	jv_set_str(j, "organisation", r->organisation);
	jv_set(j, "fields", fields_json(r->fields));
	jv_set(j, "fields_label", fields_label(a->req, r->fields));
	jv_set_str(j, "valid_from", r->valid_from);
	jv_set_str(j, "valid_to", r->valid_to);
	jv_set_str(j, "note", r->note);
	jv_set_str(j, "created_at", r->created_at);
	jv_set_str(j, "created_by", r->created_by_name);
	jv_set_str(j, "ended_at", r->ended_at);
	jv_set_str(j, "ended_by", r->ended_by_name);
	jv_set_bool(j, "active", r->active);
	jv_set_int(j, "child_id", a->child_id);
	json_array_append_new(a->arr, j);
}

static void grant_cb(void *ctx, const struct authority_grant_row *r)
{
	struct acc *a = ctx;
	json_t *j = json_object();
	jv_set_int(j, "id", r->id);
	if (r->account_id) {
		json_t *x = json_object();
		jv_set_int(x, "id", r->account_id);
		jv_set_str(x, "name", r->account_name);
		jv_set(j, "account", x);
	}
	jv_set_str(j, "organisation", r->organisation);
	jv_set(j, "fields", fields_json(r->fields));
	jv_set(j, "fields_label", fields_label(a->req, r->fields));
	jv_set_str(j, "reason", r->reason);
	jv_set_str(j, "expires_at", r->expires_at);
	jv_set_str(j, "created_at", r->created_at);
	jv_set_str(j, "created_by", r->created_by_name);
	jv_set_str(j, "revoked_at", r->revoked_at);
	jv_set_bool(j, "active", r->active);
	json_array_append_new(a->arr, j);
}

static void block_cb(void *ctx, const struct block_row *r)
{
	struct acc *a = ctx;
	json_t *j = json_object(), *p = json_object(), *c = json_object();
	jv_set_int(j, "id", r->id);
	jv_set_int(p, "id", r->person_id);
	jv_set_str(p, "name", r->person_name);
	jv_set(j, "person", p);
	jv_set_int(c, "id", r->child_id);
	jv_set_str(c, "name", r->child_name);
	jv_set(j, "child", c);
	jv_set_str(j, "reason", r->reason);
	jv_set(j, "reason_label", render_label_json(a->req, "consent.block_reason", r->reason));
	jv_set_str(j, "note", r->note);
	jv_set_str(j, "set_at", r->set_at);
	jv_set_str(j, "set_by", r->set_by_name);
	jv_set_str(j, "lifted_at", r->lifted_at);
	jv_set_str(j, "lifted_by", r->lifted_by_name);
	jv_set_str(j, "lift_note", r->lift_note);
	jv_set_bool(j, "active", r->active);
	json_array_append_new(a->arr, j);
}

static void tag_cb(void *ctx, const struct tag_row *r)
{
	struct acc *a = ctx;
	json_t *j = json_object();
	jv_set_int(j, "id", r->id);
	jv_set_str(j, "text", r->text);
	jv_set_str(j, "created_at", r->created_at);
	jv_set_str(j, "created_by", r->created_by_name);
	jv_set_str(j, "recipients", r->recipients);
	jv_set_int(j, "unseen", r->unseen);
	json_array_append_new(a->arr, j);
}

static void disclosure_cb(void *ctx, const struct disclosure_row *r)
{
	struct acc *a = ctx;
	json_t *j = json_object();
	jv_set_int(j, "id", r->id);
	jv_set_str(j, "at", r->at);
	jv_set_str(j, "username", r->username);
	jv_set_str(j, "name", r->name);
	jv_set_str(j, "organisation", r->organisation);
	jv_set_str(j, "basis", r->basis);
	jv_set(j, "basis_label", render_label_json(a->req, "basis", r->basis));
	jv_set_str(j, "reason", r->reason);
	{
		/* "consent 7: plan assessment": the fields opened, in words. */
		const char *colon = strchr(r->reason, ':');
		unsigned bits = 0;
		char word[32];
		for (const char *q = colon ? colon + 1 : ""; *q;) {
			size_t n = 0;
			while (*q == ' ')
				q++;
			while (q[n] && q[n] != ' ')
				n++;
			if (n && n < sizeof(word)) {
				memcpy(word, q, n);
				word[n] = 0;
				bits |= consent_field_bit(word);
			}
			q += n;
		}
		jv_set(j, "fields_label", fields_label(a->req, bits));
	}
	json_array_append_new(a->arr, j);
}

/* The child and the guardians: who may consent. */
static void giver_cb(void *ctx, const struct relation_row *r)
{
	struct acc *a = ctx;
	json_t *j;
	if (!r->guardian)
		return;
	j = json_object();
	jv_set_int(j, "id", r->person_id);
	jv_set_str(j, "name", r->name);
	jv_set_bool(j, "selected", false);
	json_array_append_new(a->arr, j);
}

/* The child's parents: whom a safety block may name. */
static void parent_cb(void *ctx, const struct relation_row *r)
{
	struct acc *a = ctx;
	json_t *j;
	if (strcmp(r->kind, "parent") && strcmp(r->kind, "adoptive_parent") && strcmp(r->kind, "foster_parent"))
		return;
	j = json_object();
	jv_set_int(j, "id", r->person_id);
	jv_set_str(j, "name", r->name);
	jv_set_bool(j, "selected", false);
	json_array_append_new(a->arr, j);
}

/* Members with an account on the child's team today: whom a tag may reach. */
static json_t *field_choices(struct request *req, unsigned checked)
{
	json_t *a = json_array();
	for (int i = 0; consent_field_names[i]; i++) {
		json_t *j = json_object();
		jv_set_str(j, "value", consent_field_names[i]);
		jv_set(j, "label", render_label_json(req, "consent.field", consent_field_names[i]));
		jv_set_bool(j, "checked", (checked & consent_field_bit(consent_field_names[i])) != 0);
		json_array_append_new(a, j);
	}
	return a;
}

/* The page model: NULL when a part cannot be read (the page would look
 * complete without it). */
static json_t *consent_model(struct request *req, struct access_answer *ans)
{
	struct db *db = app_db(req->app);
	struct person_row *child = malloc(sizeof(*child));
	struct acc acc = { .req = req, .child_id = ans->c.child_id };
	json_t *m = json_object(), *jc = json_object(), *givers = NULL, *members = NULL;
	enum err e = child ? person_get(db, ans->c.child_id, child) : ERR_NOMEM;

	if (!e) {
		jv_set_int(jc, "id", child->id);
		jv_set_str(jc, "name", ans->c.child_name[0] ? ans->c.child_name : child->first_names);
		jv_set(m, "child", jc);
		jc = NULL;
		acc.arr = json_array();
		e = consent_list(db, ans->c.child_id, consent_cb, &acc);
		jv_set(m, "consents", acc.arr);
	}
	if (!e) {
		acc.arr = json_array();
		e = authority_grant_list(db, ans->c.child_id, grant_cb, &acc);
		jv_set(m, "authority_grants", acc.arr);
	}
	if (!e) {
		acc.arr = json_array();
		e = block_list(db, 0, ans->c.child_id, block_cb, &acc);
		jv_set(m, "blocks", acc.arr);
	}
	if (!e) {
		acc.arr = json_array();
		e = tag_list_case(db, ans->c.id, tag_cb, &acc);
		jv_set(m, "tags", acc.arr);
	}
	if (!e) {
		/* The disclosure log: the newest 50 (all in the child's access log). */
		acc.arr = json_array();
		e = consent_disclosures(db, ans->c.child_id, 50, disclosure_cb, &acc);
		jv_set(m, "disclosures", acc.arr);
	}
	if (!e && ans->can_write && !req->wants_json) {
		char today[11];
		json_t *g = json_object();
		givers = json_array();
		jv_set_int(g, "id", child->id);
		jv_set_str(g, "name", ans->c.child_name[0] ? ans->c.child_name : child->first_names);
		jv_set_bool(g, "selected", false);
		json_array_append_new(givers, g);
		acc.arr = givers;
		e = relation_list(db, ans->c.child_id, giver_cb, &acc);
		if (!e)
			e = tagform_recipients(req, ans->c.id, &members);
		date_format(date_today(), today);
		if (!e) {
			json_t *f = json_object(), *v = json_object();
			jv_set_str(v, "basis", "consent");
			jv_set_str(v, "valid_from", today);
			jv_set(f, "v", v);
			jv_set(f, "bases", render_options(req, consent_bases, "consent.basis", "consent"));
			jv_set(f, "givers", givers);
			jv_set(f, "field_choices", field_choices(req, 0));
			jv_set(m, "consent_form", f);
			f = json_object();
			jv_set_str(f, "prefix", "tag");
			jv_set(f, "v", json_object());
			jv_set(f, "members", members);
			jv_set(m, "tag_form", f);
			givers = members = NULL;
			f = json_object();
			acc.arr = json_array();
			e = relation_list(db, ans->c.child_id, parent_cb, &acc);
			jv_set(f, "v", json_object());
			jv_set(f, "parents", acc.arr);
			jv_set(f, "reasons", render_options(req, block_reasons, "consent.block_reason", "violence"));
			jv_set(m, "block_form", f);
		}
		if (!e) {
			/* An authority grant: another authority's partner account (or
			 * organisation) reads the child's data for some hours. */
			json_t *f = json_object(), *accounts = partner_account_choices(req, ans->c.county_id);
			if (!accounts)
				e = ERR_UNAVAILABLE;
			jv_set(f, "v", json_pack("{s:s, s:s, s:s}", "hours", "72", "reason", "", "organisation", ""));
			jv_set(f, "accounts", accounts ? accounts : json_array());
			jv_set(f, "field_choices", field_choices(req, 0));
			jv_set_int(f, "hours_max", AUTHORITY_HOURS_MAX);
			jv_set(m, "grant_form", f);
		}
		if (!e) {
			/* Lifting a block in force: its own form with the reason. */
			json_t *b;
			size_t i;
			json_array_foreach(json_object_get(m, "blocks"), i, b) {
				json_t *f;
				char prefix[40];
				if (!json_is_true(json_object_get(b, "active")))
					continue;
				f = json_object();
				snprintf(prefix, sizeof(prefix), "lift%lld", (long long)json_integer_value(json_object_get(b, "id")));
				jv_set_str(f, "prefix", prefix);
				jv_set(f, "v", json_pack("{s:s}", "note", ""));
				jv_set(b, "lift_form", f);
			}
		}
	}
	json_decref(givers);
	json_decref(members);
	json_decref(jc);
	free(child);
	if (e) {
		json_decref(m);
		return NULL;
	}
	jv_set_bool(m, "can_write", ans->can_write);
	jv_set_bool(m, "has_consents", json_array_size(json_object_get(m, "consents")) > 0);
	jv_set_bool(m, "has_grants", json_array_size(json_object_get(m, "authority_grants")) > 0);
	jv_set_bool(m, "has_blocks", json_array_size(json_object_get(m, "blocks")) > 0);
	jv_set_bool(m, "has_tags", json_array_size(json_object_get(m, "tags")) > 0);
	jv_set_bool(m, "has_disclosures", json_array_size(json_object_get(m, "disclosures")) > 0);
	return m;
}

/* Read the child for this page: the door decides, and the page needs the
 * consents' fields (workers on the child's team, break-the-glass). */
static bool consent_access(struct request *req, struct auth_state *a, int64_t child_id, enum action act,
			   const char *log_action, struct access_answer *ans)
{
	if (!access_child(req, a, child_id, act, log_action, ans))
		return false;
	if (!(ans->d.fields & FIELD_CONSENTS)) {
		struct field_error fe = { 0 };
		validate_fail(&fe, "consents", "not_permitted", "consents and safety blocks are for the child's team");
		render_error(req, ERR_DENIED, &fe);
		return false;
	}
	return access_answer_case(app_db(req->app), ans) == ERR_OK;
}

void consent_view(struct request *req, struct auth_state *a)
{
	struct access_answer ans;
	json_t *m;

	if (!consent_access(req, a, req->param[0], ACT_CLIENT_READ, "read", &ans))
		return;
	m = consent_model(req, &ans);
	if (!m) {
		render_error(req, ERR_UNAVAILABLE, NULL);
		return;
	}
	render_view(req, 200, "consent", "consent.title", m);
}

static const struct form_field consent_fields[] = {
	{ "basis", "consent.basis_label" }, { "given_by", "consent.given_by" },
	{ "organisation", "consent.organisation" }, { "fields", "consent.fields" },
	{ "valid_from", "consent.valid_from" }, { "valid_to", "consent.valid_to" },
	{ "note", "consent.note" }, { NULL, NULL } };
static const struct form_field block_fields[] = {
	{ "person_id", "consent.block_person" }, { "reason", "consent.block_reason_label" },
	{ "note", "consent.block_note" }, { NULL, NULL } };
static const struct form_field tag_fields[] = {
	{ "text", "consent.tag_text" }, { "recipients", "consent.tag_recipients" }, { NULL, NULL } };
static const struct form_field grant_fields[] = {
	{ "account_id", "polish.grant_account" }, { "organisation", "polish.grant_organisation" },
	{ "fields", "consent.fields" }, { "reason", "polish.grant_reason" }, { "hours", "polish.grant_hours" },
	{ NULL, NULL } };
static const struct form_field lift_fields[] = { { "note", "polish.lift_note" }, { NULL, NULL } };

/* A refused tag form keeps the recipients chosen (its members[].checked). */
static void tag_keep_recipients(struct request *req, json_t *f)
{
	json_t *x;
	size_t i;
	json_array_foreach(json_object_get(f, "members"), i, x) {
		char id[24];
		bool on = false;
		snprintf(id, sizeof(id), "%lld", (long long)json_integer_value(json_object_get(x, "id")));
		for (size_t k = 0; k < req->nform; k++)
			on |= !strcmp(req->form[k].key, "recipients") && !strcmp(req->form[k].value, id);
		jv_set_bool(x, "checked", on);
	}
}

/* A refused form: the page again (422) with what was typed, or the error.
 * FORM_LIFT's form is the one of block block_id. */
enum consent_form { FORM_CONSENT, FORM_TAG, FORM_BLOCK, FORM_GRANT, FORM_LIFT };

static void form_again_block(struct request *req, struct auth_state *a, int64_t child_id, enum consent_form kind,
			     int64_t block_id, enum err e, const struct field_error *fe)
{
	struct access_answer ans;
	json_t *m, *f = NULL;
	char prefix[40];

	if (!((e == ERR_INVALID || e == ERR_CONFLICT) && !req->wants_json && req->nform)) {
		render_error(req, e, fe);
		return;
	}
	if (!consent_access(req, a, child_id, ACT_CLIENT_READ, "read", &ans))
		return;
	m = consent_model(req, &ans);
	if (!m) {
		render_error(req, ERR_UNAVAILABLE, NULL);
		return;
	}
	snprintf(prefix, sizeof(prefix), "%s", kind == FORM_TAG ? "tag" : kind == FORM_BLOCK ? "block" :
		 kind == FORM_GRANT ? "grant" : "consent");
	if (kind == FORM_LIFT) {
		json_t *b;
		size_t i;
		json_array_foreach(json_object_get(m, "blocks"), i, b)
			if (json_integer_value(json_object_get(b, "id")) == block_id)
				f = json_object_get(b, "lift_form");
		snprintf(prefix, sizeof(prefix), "lift%lld", (long long)block_id);
	} else {
		f = json_object_get(m, kind == FORM_TAG ? "tag_form" : kind == FORM_BLOCK ? "block_form" :
				       kind == FORM_GRANT ? "grant_form" : "consent_form");
	}
	if (!f) {
		render_error(req, e, fe);
		json_decref(m);
		return;
	}
	jv_set_bool(f, "invalid", true);
	form_fail(req, m, f, prefix,
		  kind == FORM_TAG ? tag_fields : kind == FORM_BLOCK ? block_fields : kind == FORM_GRANT ? grant_fields :
		  kind == FORM_LIFT ? lift_fields : consent_fields, fe);
	if (kind == FORM_LIFT) {
		/* nothing to choose */
	} else if (kind == FORM_GRANT) {
		struct input in = { .req = req };
		struct field_error scratch = { 0 };
		unsigned bits = 0;
		fields_input(&in, &bits, &scratch);
		form_select(json_object_get(f, "accounts"), "id", form_posted(req, "account_id"));
		jv_set(f, "field_choices", field_choices(req, bits));
	} else if (kind == FORM_TAG) {
		tag_keep_recipients(req, f);
	} else if (kind == FORM_BLOCK) {
		form_select(json_object_get(f, "parents"), "id", form_posted(req, "person_id"));
		jv_set(f, "reasons", render_options(req, block_reasons, "consent.block_reason", form_posted(req, "reason")));
	} else {
		struct input in = { .req = req };
		struct field_error scratch = { 0 };
		unsigned bits = 0;
		fields_input(&in, &bits, &scratch);
		jv_set(f, "bases", render_options(req, consent_bases, "consent.basis", form_posted(req, "basis")));
		form_select(json_object_get(f, "givers"), "id", form_posted(req, "given_by"));
		jv_set(f, "field_choices", field_choices(req, bits));
	}
	render_view(req, 422, "consent", "consent.title", m);
}

static void form_again(struct request *req, struct auth_state *a, int64_t child_id, enum consent_form kind, enum err e,
		       const struct field_error *fe)
{
	form_again_block(req, a, child_id, kind, 0, e, fe);
}

static void done(struct request *req, int64_t child_id, int status, json_t *j)
{
	char loc[80];
	if (req->wants_json) {
		render_json(req, status, j);
		return;
	}
	json_decref(j);
	snprintf(loc, sizeof(loc), "/children/%lld/consents", (long long)child_id);
	render_redirect(req, loc);
}

/* The extra access-log entry of a write: what was written, and why. */
static void entry_for(struct auth_state *a, struct audit_entry *e, const char *action, const char *object_type,
		      int64_t person_id, int64_t case_id, const struct decision *d, const char *reason)
{
	access_entry(&a->ax, e, action, object_type, 0, d);
	e->person_id = person_id;
	e->case_id = case_id;
	str_lcpy(e->reason, reason ? reason : "", sizeof(e->reason));
}

struct consent_w {
	struct consent_new c;
	int64_t id;
	struct field_error *fe;
};

static enum err consent_run(struct db *db, void *arg)
{
	struct consent_w *w = arg;
	return consent_add(db, &w->c, &w->id, w->fe);
}

void consent_create(struct request *req, struct auth_state *a)
{
	static const char *const f[] = { "basis", "given_by", "organisation", "fields", "valid_from", "valid_to",
					 "note", NULL };
	struct field_error fe = { 0 };
	struct consent_w w = { .fe = &fe };
	struct access_answer ans;
	struct audit_entry ae;
	struct input in = { 0 };
	char why[256];
	bool present;
	enum err e;

	if (!consent_access(req, a, req->param[0], ACT_CLIENT_WRITE, "update", &ans))
		return;
	w.c.child_id = ans.c.child_id;
	w.c.created_by = a->p.account_id;
	e = input_init(&in, req, f, &fe);
	if (!e) e = input_str(&in, "basis", &w.c.basis, &fe);
	if (!e) e = input_int(&in, "given_by", &w.c.given_by, &present, &fe);
	if (!e) e = input_str(&in, "organisation", &w.c.organisation, &fe);
	if (!e) e = fields_input(&in, &w.c.fields, &fe);
	if (!e) e = input_str(&in, "valid_from", &w.c.valid_from, &fe);
	if (!e) e = input_str(&in, "valid_to", &w.c.valid_to, &fe);
	if (!e) e = input_str(&in, "note", &w.c.note, &fe);
	if (!e) {
		snprintf(why, sizeof(why), "%s: %s", w.c.basis ? w.c.basis : "", w.c.organisation ? w.c.organisation : "");
		entry_for(a, &ae, "consent_add", "consent", ans.c.child_id, ans.c.id, &ans.d, why);
		e = access_write_entry(&a->ax, writer_of(req), consent_run, &w, &ae, &w.id);
	}
	if (e)
		form_again(req, a, ans.c.child_id, FORM_CONSENT, e, &fe);
	else
		done(req, ans.c.child_id, 201, json_pack("{s:I}", "consent_id", (json_int_t)w.id));
	input_release(&in);
}

struct end_w {
	int64_t child_id, id, by;
	bool grant;
	struct field_error *fe;
};

static enum err end_run(struct db *db, void *arg)
{
	struct end_w *w = arg;
	return w->grant ? authority_grant_revoke(db, w->child_id, w->id, w->by, w->fe)
			: consent_end(db, w->child_id, w->id, w->by, w->fe);
}

static void end_common(struct request *req, struct auth_state *a, bool grant)
{
	struct field_error fe = { 0 };
	struct end_w w = { .id = req->param[1], .by = a->p.account_id, .grant = grant, .fe = &fe };
	struct access_answer ans;
	struct audit_entry ae;
	char why[64];
	enum err e;

	if (!consent_access(req, a, req->param[0], ACT_CLIENT_WRITE, "update", &ans))
		return;
	w.child_id = ans.c.child_id;
	snprintf(why, sizeof(why), "%s %lld", grant ? "grant" : "consent", (long long)w.id);
	entry_for(a, &ae, grant ? "authority_grant_revoke" : "consent_end", grant ? "authority_grant" : "consent",
		  ans.c.child_id, ans.c.id, &ans.d, why);
	ae.object_id = w.id;
	e = access_write_entry(&a->ax, writer_of(req), end_run, &w, &ae, NULL);
	if (e)
		render_error(req, e, &fe);
	else
		done(req, ans.c.child_id, 200, json_pack(grant ? "{s:I, s:b}" : "{s:I, s:b}",
							  grant ? "grant_id" : "consent_id", (json_int_t)w.id,
							  grant ? "revoked" : "ended", 1));
}

void consent_end_api(struct request *req, struct auth_state *a)
{
	end_common(req, a, false);
}

void authority_grant_revoke_api(struct request *req, struct auth_state *a)
{
	end_common(req, a, true);
}

struct grant_w {
	struct authority_grant_new g;
	int64_t id;
	struct field_error *fe;
};

static enum err grant_run(struct db *db, void *arg)
{
	struct grant_w *w = arg;
	return authority_grant_add(db, &w->g, &w->id, w->fe);
}

/* POST /api/v1/children/{id}/authority-grants {account_id | organisation,
 * fields, reason, hours}: another authority reads the child's data for a
 * while. */
void authority_grant_create(struct request *req, struct auth_state *a)
{
	static const char *const f[] = { "account_id", "organisation", "fields", "reason", "hours", NULL };
	struct field_error fe = { 0 };
	struct grant_w w = { .fe = &fe };
	struct access_answer ans;
	struct audit_entry ae;
	struct input in = { 0 };
	int64_t hours = 0;
	bool present;
	enum err e;

	if (!consent_access(req, a, req->param[0], ACT_CLIENT_WRITE, "update", &ans))
		return;
	w.g.child_id = ans.c.child_id;
	w.g.created_by = a->p.account_id;
	e = input_init(&in, req, f, &fe);
	if (!e) e = input_int(&in, "account_id", &w.g.account_id, &present, &fe);
	if (!e) e = input_str(&in, "organisation", &w.g.organisation, &fe);
	if (!e) e = fields_input(&in, &w.g.fields, &fe);
	if (!e) e = input_str(&in, "reason", &w.g.reason, &fe);
	if (!e) e = input_int(&in, "hours", &hours, &present, &fe);
	if (!e) {
		w.g.hours = hours > AUTHORITY_HOURS_MAX ? AUTHORITY_HOURS_MAX + 1 : (int)hours;
		entry_for(a, &ae, "authority_grant", "authority_grant", ans.c.child_id, ans.c.id, &ans.d,
			  w.g.reason ? w.g.reason : "");
		e = access_write_entry(&a->ax, writer_of(req), grant_run, &w, &ae, &w.id);
	}
	if (e)
		form_again(req, a, ans.c.child_id, FORM_GRANT, e, &fe);
	else
		done(req, ans.c.child_id, 201, json_pack("{s:I}", "grant_id", (json_int_t)w.id));
	input_release(&in);
}

/* ---- tags ------------------------------------------------------------------- */

struct tag_w {
	struct tag_new t;
	int64_t id;
	struct field_error *fe;
};

static enum err tag_run(struct db *db, void *arg)
{
	struct tag_w *w = arg;
	return tag_add(db, &w->t, &w->id, w->fe);
}

/* A refused tag from the child page: the child page again with it. */
static void tag_again_child(struct request *req, struct auth_state *a, int64_t child_id, enum err e,
			    const struct field_error *fe)
{
	struct access_answer ans;
	json_t *m, *f;

	if (!((e == ERR_INVALID || e == ERR_CONFLICT) && !req->wants_json && req->nform)) {
		render_error(req, e, fe);
		return;
	}
	if (!access_child(req, a, child_id, ACT_CLIENT_READ, "read", &ans))
		return;
	m = child_model(req, a, &ans);
	if (!m) {
		render_error(req, ERR_UNAVAILABLE, NULL);
		return;
	}
	f = json_object_get(m, "tag_form");
	if (!f) {
		json_decref(m);
		render_error(req, e, fe);
		return;
	}
	jv_set_bool(f, "invalid", true);
	form_fail(req, m, f, "ctag", tag_fields, fe);
	tag_keep_recipients(req, f);
	render_view(req, 422, "child", "child.title", m);
}

void tag_create(struct request *req, struct auth_state *a)
{
	static const char *const f[] = { "text", "recipients", "back", NULL };
	const char *back = request_form(req, "back");
	bool from_child = back && !strcmp(back, "child") && !req->wants_json;
	struct field_error fe = { 0 };
	struct tag_w w = { .fe = &fe };
	struct access_answer ans;
	struct audit_entry ae;
	struct input in = { 0 };
	int64_t rec[TAG_RECIPIENTS_MAX + 1];
	enum err e;

	if (!access_child(req, a, req->param[0], ACT_RECORD_WRITE, "create", &ans))
		return;
	w.t.case_id = ans.case_id;
	w.t.created_by = a->p.account_id;
	w.t.recipients = rec;
	e = input_init(&in, req, f, &fe);
	if (!e) e = input_str(&in, "text", &w.t.text, &fe);
	if (!e) e = input_int_list(&in, "recipients", rec, TAG_RECIPIENTS_MAX + 1, &w.t.nrecipients, &fe);
	if (!e) {
		entry_for(a, &ae, "tag", "tag", ans.person_id, ans.case_id, &ans.d, "");
		e = access_write_entry(&a->ax, writer_of(req), tag_run, &w, &ae, &w.id);
	}
	if (e && from_child) {
		tag_again_child(req, a, ans.person_id, e, &fe);
	} else if (e) {
		form_again(req, a, ans.person_id, FORM_TAG, e, &fe);
	} else if (from_child) {
		char loc[80];
		snprintf(loc, sizeof(loc), "/children/%lld#ctag-h", (long long)ans.person_id);
		render_redirect(req, loc);
	} else {
		done(req, ans.person_id, 201, json_pack("{s:I}", "tag_id", (json_int_t)w.id));
	}
	input_release(&in);
}

void tag_list_api(struct request *req, struct auth_state *a)
{
	struct access_answer ans;
	struct acc acc = { .req = req };

	if (!access_child(req, a, req->param[0], ACT_CLIENT_READ, "read", &ans))
		return;
	acc.arr = json_array();
	if (tag_list_case(app_db(req->app), ans.case_id, tag_cb, &acc)) {
		json_decref(acc.arr);
		render_error(req, ERR_UNAVAILABLE, NULL);
		return;
	}
	render_json(req, 200, json_pack("{s:o}", "tags", acc.arr));
}

struct seen_w {
	int64_t id, account_id;
};

static enum err seen_run(struct db *db, void *arg)
{
	struct seen_w *w = arg;
	return tag_mark_seen(db, w->id, w->account_id);
}

void tag_seen(struct request *req, struct auth_state *a)
{
	struct seen_w w = { req->param[0], a->p.account_id };
	struct access_answer ans;
	int64_t case_id;
	enum err e = tag_case(app_db(req->app), w.id, w.account_id, &case_id);

	if (e) {
		render_error(req, e, NULL);
		return;
	}
	if (!access_case(req, a, case_id, ACT_CLIENT_READ, "tag_seen", &ans))
		return;
	e = access_write_req(req, seen_run, &w);
	if (e)
		render_error(req, e, NULL);
	else if (req->wants_json)
		render_json(req, 200, json_pack("{s:I, s:b}", "tag_id", (json_int_t)w.id, "seen", 1));
	else
		render_redirect(req, "/");
}

struct mine_acc {
	struct request *req;
	json_t *arr;
	bool too_long;
};

static void mine_cb(void *ctx, const struct tag_row *r, const struct case_row *c, const struct decision *d)
{
	struct mine_acc *m = ctx;
	struct auth_state *a = m->req->auth;
	json_t *j;
	if (!d->allow || m->too_long)
		return;
	if (access_log_row(&a->ax, c, d)) {
		m->too_long = true;
		return;
	}
	j = json_object();
	jv_set_int(j, "id", r->id);
	jv_set_int(j, "child_id", r->child_id);
	jv_set_str(j, "child_name", r->child_name);
	jv_set_str(j, "text", r->text);
	jv_set_str(j, "created_at", r->created_at);
	jv_set_str(j, "created_by", r->created_by_name);
	json_array_append_new(m->arr, j);
}

json_t *tags_mine(struct request *req, struct auth_state *a)
{
	struct mine_acc m = { req, json_array(), false };
	if (tag_list_unseen(app_db(req->app), &a->p, mine_cb, &m) || m.too_long) {
		json_decref(m.arr);
		return NULL;
	}
	return m.arr;
}

/* ---- safety blocks ------------------------------------------------------------ */

struct block_w {
	int64_t person_id, child_id, by, id;
	const char *reason, *note;
	bool lift;
	struct field_error *fe;
};

static enum err block_run(struct db *db, void *arg)
{
	struct block_w *w = arg;
	if (w->lift)
		return block_lift(db, w->person_id, w->id, w->note, w->by, w->fe);
	return block_set(db, w->person_id, w->child_id, w->reason, w->note, w->by, &w->id, w->fe);
}

/* POST /api/v1/persons/{id}/blocks {child_id, reason, note}: the parent
 * {id} sees nothing of the child from the very next request.  Decided as a
 * change of the child's case. */
void block_create(struct request *req, struct auth_state *a)
{
	static const char *const f[] = { "child_id", "reason", "note", NULL };
	struct field_error fe = { 0 };
	struct block_w w = { .person_id = req->param[0], .by = a->p.account_id, .fe = &fe };
	struct access_answer ans;
	struct audit_entry ae;
	struct input in = { 0 };
	char why[256];
	bool present = false;
	enum err e = input_init(&in, req, f, &fe);

	if (!e) e = input_int(&in, "child_id", &w.child_id, &present, &fe);
	if (!e && !present)
		e = validate_fail(&fe, "child_id", "required", "child_id (the child the parent is blocked from) is required");
	if (!e) e = input_str(&in, "reason", &w.reason, &fe);
	if (!e) e = input_str(&in, "note", &w.note, &fe);
	if (e) {
		render_error(req, e, &fe);
		input_release(&in);
		return;
	}
	if (!access_child(req, a, w.child_id, ACT_CLIENT_WRITE, "update", &ans)) {
		input_release(&in);
		return;
	}
	/* Who set it and why, in the blocked person's own log too. */
	snprintf(why, sizeof(why), "%s: %s", w.reason ? w.reason : "", w.note ? w.note : "");
	entry_for(a, &ae, "block_set", "safety_block", w.person_id, ans.case_id, &ans.d, why);
	e = access_write_entry(&a->ax, writer_of(req), block_run, &w, &ae, &w.id);
	if (e)
		render_error(req, e, &fe);
	else
		render_json(req, 201, json_pack("{s:I}", "block_id", (json_int_t)w.id));
	input_release(&in);
}

/* POST /children/{id}/blocks (the consents page's form): person_id,
 * reason, note.  As block_create, with the form pattern. */
void block_create_page(struct request *req, struct auth_state *a)
{
	static const char *const f[] = { "person_id", "reason", "note", NULL };
	struct field_error fe = { 0 };
	struct block_w w = { .by = a->p.account_id, .fe = &fe };
	struct access_answer ans;
	struct audit_entry ae;
	struct input in = { 0 };
	char why[256];
	bool present = false;
	enum err e;

	if (!consent_access(req, a, req->param[0], ACT_CLIENT_WRITE, "update", &ans))
		return;
	w.child_id = ans.c.child_id;
	e = input_init(&in, req, f, &fe);
	if (!e) e = input_int(&in, "person_id", &w.person_id, &present, &fe);
	if (!e && !present)
		e = validate_fail(&fe, "person_id", "required", "choose the parent to block");
	if (!e) e = input_str(&in, "reason", &w.reason, &fe);
	if (!e) e = input_str(&in, "note", &w.note, &fe);
	if (!e) {
		snprintf(why, sizeof(why), "%s: %s", w.reason ? w.reason : "", w.note ? w.note : "");
		entry_for(a, &ae, "block_set", "safety_block", w.person_id, ans.case_id, &ans.d, why);
		e = access_write_entry(&a->ax, writer_of(req), block_run, &w, &ae, &w.id);
	}
	if (e == ERR_CONFLICT && fe.field && !strcmp(fe.field, "child_id"))
		fe.field = "person_id";
	if (e)
		form_again(req, a, ans.c.child_id, FORM_BLOCK, e, &fe);
	else
		done(req, ans.c.child_id, 201, json_pack("{s:I}", "block_id", (json_int_t)w.id));
	input_release(&in);
}

void block_lift_api(struct request *req, struct auth_state *a)
{
	static const char *const f[] = { "note", NULL };
	struct field_error fe = { 0 };
	struct block_w w = { .person_id = req->param[0], .id = req->param[1], .by = a->p.account_id, .lift = true,
			     .fe = &fe };
	struct access_answer ans;
	struct audit_entry ae;
	struct input in = { 0 };
	char why[256];
	enum err e;

	/* The person first: an outsider learns nothing of which blocks exist. */
	if (!access_person(req, a, w.person_id, ACT_CLIENT_WRITE, "update", &ans))
		return;
	e = block_child(app_db(req->app), w.person_id, w.id, &w.child_id);
	if (!e) e = input_init(&in, req, f, &fe);
	if (!e) e = input_str(&in, "note", &w.note, &fe);
	if (e) {
		if (w.child_id)
			form_again_block(req, a, w.child_id, FORM_LIFT, w.id, e, &fe);
		else
			render_error(req, e, &fe);
		input_release(&in);
		return;
	}
	if (!access_child(req, a, w.child_id, ACT_CLIENT_WRITE, "update", &ans)) {
		input_release(&in);
		return;
	}
	snprintf(why, sizeof(why), "block %lld: %s", (long long)w.id, w.note ? w.note : "");
	entry_for(a, &ae, "block_lift", "safety_block", w.person_id, ans.case_id, &ans.d, why);
	ae.object_id = w.id;
	e = access_write_entry(&a->ax, writer_of(req), block_run, &w, &ae, NULL);
	if (e)
		form_again_block(req, a, w.child_id, FORM_LIFT, w.id, e, &fe);
	else
		done(req, w.child_id, 200, json_pack("{s:I, s:b}", "block_id", (json_int_t)w.id, "lifted", 1));
	input_release(&in);
}

/* GET /api/v1/persons/{id}/blocks: the blocks on this person, for those who
 * see the consents and blocks of the person's child. */
void block_list_api(struct request *req, struct auth_state *a)
{
	struct access_answer ans;
	struct acc acc = { .req = req };

	if (!access_person(req, a, req->param[0], ACT_CLIENT_READ, "read", &ans))
		return;
	if (!(ans.d.fields & FIELD_CONSENTS)) {
		struct field_error fe = { 0 };
		validate_fail(&fe, "blocks", "not_permitted", "safety blocks are for the child's team");
		render_error(req, ERR_DENIED, &fe);
		return;
	}
	acc.arr = json_array();
	if (block_list(app_db(req->app), req->param[0], 0, block_cb, &acc)) {
		json_decref(acc.arr);
		render_error(req, ERR_UNAVAILABLE, NULL);
		return;
	}
	render_json(req, 200, json_pack("{s:o}", "blocks", acc.arr));
}

/* ---- a person's data ----------------------------------------------------------- */

/* GET /api/v1/persons/{id}: what the door lets this reader see of a person.
 * The address is never shown under non-disclosure (turvakielto), to anyone:
 * the team knows it from the register, not from here. */
void person_view(struct request *req, struct auth_state *a)
{
	struct access_answer ans;
	struct person_row *p;
	json_t *j, *m;
	unsigned fields;

	if (!access_person(req, a, req->param[0], ACT_CLIENT_READ, "read", &ans))
		return;
	p = malloc(sizeof(*p));
	if (!p || person_get(app_db(req->app), req->param[0], p)) {
		free(p);
		render_error(req, ERR_UNAVAILABLE, NULL);
		return;
	}
	fields = ans.d.fields;
	j = json_object();
	jv_set_int(j, "id", p->id);
	jv_set_str(j, "kind", p->kind);
	jv_set_str(j, "first_names", p->first_names);
	jv_set_str(j, "last_name", p->last_name);
	if (fields & FIELD_AGE)
		jv_set_str(j, "birth_date", p->birth_date);
	if (fields & FIELD_IDENTITY) {
		jv_set_str(j, "hetu", p->hetu);
		jv_set_str(j, "language", p->language);
		jv_set_str(j, "phone", p->phone);
		jv_set_bool(j, "non_disclosure", p->non_disclosure);
		if (!p->non_disclosure)
			jv_set_str(j, "address", p->address);
	}
	m = json_object();
	jv_set(m, "person", j);
	jv_set_str(m, "audience", audience_name(ans.d.audience));
	jv_set(m, "fields", fields_json(fields));
	free(p);
	render_json(req, 200, m);
}
