/*
 * summary.c - the small view pieces many pages share: a legal clock's
 * status, a child's row of a list (only the fields the reader may see) and
 * a team's contact card.  Pages of children, work, teams, consultations and
 * meetings build on these; this file calls none of them, so the pages do
 * not depend on each other through it.
 */
#include <string.h>
#include "api/render.h"
#include "api/summary.h"
#include "core/workday.h"
#include "view/jv.h"

json_t *clock_status_json(struct request *req, const char *kind, const char *due, bool done)
{
	struct date d, today = date_today();
	int64_t left = 0;
	const char *status = "later";

	if (done)
		status = "met";
	else if (!date_parse(due, &d)) {
		left = date_to_days(d) - date_to_days(today);
		status = left < 0 ? "overdue" : left == 0 ? "today" : left <= 7 ? "this_week" : "later";
	}
	json_t *j = json_object();
	jv_set_str(j, "kind", kind);
	jv_set(j, "kind_label", render_label_json(req, "clock", kind));
	jv_set_str(j, "due", due);
	jv_set_str(j, "status", status);
	jv_set_int(j, "days_left", left);
	jv_set_bool(j, "overdue", !strcmp(status, "overdue"));
	return j;
}

json_t *case_summary_json(struct request *req, const struct case_row *c, unsigned fields)
{
	json_t *j = json_object();

	jv_set_int(j, "child_id", c->child_id);
	jv_set_int(j, "case_id", c->id);
	jv_set_str(j, "name", c->child_name);
	if (fields & FIELD_AGE)
		jv_set_str(j, "birth_date", c->birth_date);
	if (fields & FIELD_TEAM) {
		json_t *team = json_object();
		jv_set_int(team, "id", c->team_id);
		jv_set_str(team, "name", c->team_name);
		jv_set(j, "team", team);
		if (c->responsible_id) {
			json_t *r = json_object();
			jv_set_int(r, "id", c->responsible_id);
			jv_set_str(r, "name", c->responsible_name);
			jv_set(j, "responsible", r);
		}
	}
	if (fields & FIELD_CASE) {
		jv_set_str(j, "phase", c->phase);
		jv_set(j, "phase_label", render_label_json(req, "phase", c->phase));
		jv_set_str(j, "legal_basis", c->legal_basis);
		jv_set(j, "legal_basis_label", render_label_json(req, "legal_basis", c->legal_basis));
	}
	if ((fields & FIELD_CLOCKS) && c->next_due[0])
		jv_set(j, "next_deadline", clock_status_json(req, c->next_due_kind, c->next_due, false));
	return j;
}

json_t *team_json(struct request *req, const struct team_row *t)
{
	json_t *j = json_object(), *phones = json_array();
	const char *p[3] = { t->phone1, t->phone2, t->phone3 };

	for (int i = 0; i < 3; i++)
		if (p[i][0])
			json_array_append_new(phones, jv_str(p[i]));
	jv_set_int(j, "id", t->id);
	jv_set_int(j, "area_id", t->area_id);
	jv_set_str(j, "area", t->area_name);
	jv_set_str(j, "name", t->name);
	jv_set_str(j, "kind", t->kind);
	jv_set(j, "kind_label", render_label_json(req, "team_kind", t->kind));
	jv_set(j, "phones", phones);
	jv_set_str(j, "hours", t->hours);
	jv_set_str(j, "email", t->email);
	jv_set_int(j, "members", t->members);
	return j;
}
