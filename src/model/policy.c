/*
 * policy.c - the access policy (see policy.h).  Every rule is here.
 */
#include <string.h>
#include "core/buf.h"
#include "core/str.h"
#include "model/policy.h"

static const struct decision DENY_DEFAULT = { false, AUD_NONE, 0, "none", "not_permitted" };

const char *action_name(enum action a)
{
	static const char *const names[ACT__COUNT] = {
		[ACT_ORG_READ] = "org_read",
		[ACT_ORG_ADMIN] = "org_admin",
		[ACT_ACCOUNT_ADMIN] = "account_admin",
		[ACT_CLIENT_READ] = "client_read",
		[ACT_CLIENT_LIST] = "client_list",
		[ACT_CLIENT_SEARCH] = "client_search",
		[ACT_CLIENT_WRITE] = "client_write",
		[ACT_RECORD_WRITE] = "record_write",
		[ACT_ACCESS_LOG_READ] = "access_log_read",
		[ACT_AUDIT_REPORT] = "audit_report",
		[ACT_UNIT_REPORT] = "unit_report",
		[ACT_GRANT_APPROVE] = "grant_approve",
		[ACT_BREAK_GLASS] = "break_glass",
		[ACT_INVITATION] = "invitation",
		[ACT_ASSESSMENT] = "assessment",
		[ACT_CONSULTATION_ANSWER] = "consultation_answer",
		[ACT_FAMILY_WRITE] = "family_write",
		[ACT_QUESTION_BANK] = "question_bank",
	};
	return a < ACT__COUNT ? names[a] : "unknown";
}

const char *audience_name(enum audience a)
{
	static const char *const names[AUD__COUNT] = {
		[AUD_NONE] = "none",
		[AUD_CASE_WORKER] = "case_worker",
		[AUD_BREAK_GLASS] = "break_glass",
		[AUD_MANAGER] = "manager",
		[AUD_PARTNER] = "partner",
		[AUD_FAMILY] = "family",
		[AUD_ADMIN] = "admin",
		[AUD_CONSULTANT] = "consultant",
	};
	return a < AUD__COUNT ? names[a] : "unknown";
}

const char *field_name(enum field f)
{
	static const char *const names[FIELD__COUNT] = {
		"name", "age", "team", "childs_team", "case", "clocks", "identity",
		"family", "notifications", "journal", "own_records", "practice", "toolbox",
		"plan", "assessment", "consents", "services",
	};
	for (int i = 0; i < FIELD__COUNT; i++)
		if ((unsigned)f == 1u << i)
			return names[i];
	return "unknown";
}

unsigned policy_fields(enum audience aud)
{
	switch (aud) {
	case AUD_CASE_WORKER:
	case AUD_BREAK_GLASS:
		return FIELD__ALL;
	case AUD_MANAGER:
		return FIELD_NAME | FIELD_AGE | FIELD_TEAM | FIELD_CASE | FIELD_CLOCKS;
	case AUD_PARTNER:
		return FIELDS_MINIMUM;
	case AUD_FAMILY:
		return FIELD_NAME | FIELD_AGE | FIELD_TEAM | FIELD_CHILDS_TEAM | FIELD_OWN_RECORDS | FIELD_PLAN;
	case AUD_CONSULTANT:
		return FIELDS_MINIMUM;
	default:
		return 0;
	}
}

unsigned policy_summary_fields(const struct policy_object *o)
{
	return FIELDS_MINIMUM | (o ? o->consent_fields : 0);
}

bool policy_may_record_family_view(const struct decision *d)
{
	return d && d->allow && d->audience == AUD_CASE_WORKER;
}

bool principal_in_team(const struct principal *p, int64_t team_id)
{
	for (int i = 0; i < p->nteams; i++)
		if (p->teams[i] == team_id)
			return true;
	return false;
}

bool principal_leads_team(const struct principal *p, int64_t team_id)
{
	for (int i = 0; i < p->nlead; i++)
		if (p->lead_teams[i] == team_id)
			return true;
	return false;
}

bool principal_has_client_access(const struct principal *p)
{
	switch (p->kind) {
	case KIND_WORKER:
		return p->role != ROLE_ADMIN && (p->nteams > 0 || (p->role == ROLE_MANAGER && p->area_id));
	case KIND_PARTNER:
	case KIND_FAMILY:
		return true;
	default:
		return false;
	}
}

static struct decision allow(const char *basis, enum audience aud, unsigned fields)
{
	struct decision d = { true, aud, fields, basis, NULL };
	return d;
}

static struct decision deny(const char *why)
{
	struct decision d = { false, AUD_NONE, 0, "none", why };
	return d;
}

static bool manages_unit(const struct principal *p, const struct policy_object *o)
{
	return principal_leads_team(p, o->team_id) ||
	       (p->role == ROLE_MANAGER && p->area_id && o->area_id == p->area_id);
}

static struct decision worker_client(const struct principal *p, enum action a, const struct policy_object *o)
{
	bool on_team;

	if (!o)
		return deny("no_object");
	if (o->county_id != p->county_id)
		return deny("other_organisation");
	on_team = principal_in_team(p, o->team_id) || o->on_childs_team;
	if (a == ACT_BREAK_GLASS) {
		if (on_team)
			return deny("on_team_already");
		if (!principal_has_client_access(p))
			return deny("access_not_approved");
		return allow("worker", AUD_NONE, 0);
	}
	if (on_team)
		return allow(principal_in_team(p, o->team_id) ? "own_team" : "childs_team", AUD_CASE_WORKER,
			     FIELD__ALL);
	if (o->glass_grant && principal_has_client_access(p)) {
		if (a == ACT_CLIENT_WRITE || a == ACT_RECORD_WRITE)
			return deny("break_glass_read_only");
		return allow("break_glass", AUD_BREAK_GLASS, FIELD__ALL);
	}
	/* The consultant named on an open consultation reads what it is
	 * about: the consultation and the child's minimum data set. */
	if (a == ACT_CLIENT_READ && o->consultant && o->consultation_open)
		return allow("consultant", AUD_CONSULTANT, policy_fields(AUD_CONSULTANT));
	if (a == ACT_CLIENT_LIST && manages_unit(p, o))
		return allow(principal_leads_team(p, o->team_id) ? "team_lead" : "area_manager", AUD_MANAGER,
			     policy_fields(AUD_MANAGER));
	return deny("not_on_team");
}

/* A mapping invitation or an assessment about a child: the child's team
 * sees it whole; the inviter, an invitee and a participant see what their
 * part needs (an invitee who has not said yes: the child's name and age,
 * to tell whether they know the child). */
static struct decision multiagency(const struct principal *p, enum action a, const struct policy_object *o)
{
	if (!o)
		return deny("no_object");
	if (o->county_id != p->county_id)
		return deny("other_organisation");
	if (p->kind == KIND_WORKER && (principal_in_team(p, o->team_id) || o->on_childs_team))
		return allow(principal_in_team(p, o->team_id) ? "own_team" : "childs_team", AUD_CASE_WORKER,
			     FIELD__ALL);
	if (a == ACT_INVITATION) {
		if (o->inviter)
			return allow("inviter", AUD_PARTNER, policy_summary_fields(o) | FIELD_ASSESSMENT);
		if (o->invitee)
			return allow("invitee", AUD_PARTNER,
				     o->invitee_said_yes ? policy_summary_fields(o) : FIELD_NAME | FIELD_AGE);
		return deny("not_invited");
	}
	if (o->participant)
		return allow("participant", AUD_PARTNER, policy_summary_fields(o) | FIELD_ASSESSMENT);
	return deny("not_participant");
}

static struct decision worker(const struct principal *p, enum action a, const struct policy_object *o)
{
	if (p->role == ROLE_ADMIN) {
		switch (a) {
		case ACT_ORG_READ:
		case ACT_ORG_ADMIN:
		case ACT_ACCOUNT_ADMIN:
		case ACT_AUDIT_REPORT:
		case ACT_UNIT_REPORT:
			return allow("admin", AUD_ADMIN, 0);
		default:
			return deny("admin_sees_no_client_data");
		}
	}
	switch (a) {
	case ACT_ORG_READ:
		return allow("worker", AUD_NONE, 0);
	case ACT_CLIENT_READ:
	case ACT_CLIENT_LIST:
	case ACT_CLIENT_WRITE:
	case ACT_RECORD_WRITE:
	case ACT_ACCESS_LOG_READ:
	case ACT_BREAK_GLASS:
		return worker_client(p, a, o);
	case ACT_INVITATION:
	case ACT_ASSESSMENT:
		return multiagency(p, a, o);
	case ACT_CLIENT_SEARCH:
		if (principal_has_client_access(p))
			return allow("worker", AUD_NONE, 0);
		return deny("access_not_approved");
	case ACT_AUDIT_REPORT:
		/* The rows are those of the reader's own children, team or area
		 * (model/breakglass.c): any worker with client access may ask. */
		if (principal_has_client_access(p))
			return allow(p->role == ROLE_MANAGER || p->nlead ? "manager" : "worker", AUD_NONE, 0);
		return deny("access_not_approved");
	case ACT_UNIT_REPORT:
		if (p->role == ROLE_MANAGER || p->role == ROLE_TEAM_LEAD || p->nlead)
			return allow("manager", AUD_MANAGER, 0);
		return deny("managers_only");
	case ACT_FAMILY_WRITE:
		return deny("family_only");
	case ACT_GRANT_APPROVE:
		if (!o)
			return deny("no_object");
		if (o->is_self)
			return deny("own_grant");
		if (o->county_id != p->county_id)
			return deny("other_organisation");
		if (manages_unit(p, o))
			return allow(principal_leads_team(p, o->team_id) ? "team_lead" : "area_manager", AUD_MANAGER, 0);
		return deny("not_responsible_manager");
	case ACT_CONSULTATION_ANSWER:
		/* Only the consultant named on it, once. */
		if (!o)
			return deny("no_object");
		if (o->county_id != p->county_id)
			return deny("other_organisation");
		if (!o->consultant)
			return deny("not_consultant");
		if (!o->consultation_open)
			return deny("consultation_answered");
		return allow("consultant", AUD_CONSULTANT, policy_fields(AUD_CONSULTANT));
	case ACT_QUESTION_BANK:
		/* The organisation's own practice: any worker with client work. */
		if (principal_has_client_access(p))
			return allow("worker", AUD_NONE, 0);
		return deny("access_not_approved");
	default:
		return deny("admin_only");
	}
}

static struct decision partner(const struct principal *p, enum action a, const struct policy_object *o)
{
	(void)p;
	switch (a) {
	case ACT_ORG_READ:
	case ACT_CLIENT_SEARCH:
		return allow("authenticated", AUD_NONE, 0);
	case ACT_CLIENT_READ:
	case ACT_CLIENT_LIST:
	case ACT_RECORD_WRITE:
		if (o && o->on_childs_team)
			return allow("childs_team", AUD_PARTNER, FIELDS_MINIMUM | o->consent_fields |
				     (o->plan_participant ? FIELD_PLAN : 0u));
		/* Another authority with a live time-limited grant reads; it
		 * records nothing of its own. */
		if (o && o->authority_grant && a != ACT_RECORD_WRITE)
			return allow("authority_grant", AUD_PARTNER, FIELDS_MINIMUM | o->consent_fields);
		return deny("not_on_childs_team");
	case ACT_INVITATION:
	case ACT_ASSESSMENT:
		return multiagency(p, a, o);
	default:
		return deny("not_permitted");
	}
}

static struct decision family(const struct principal *p, enum action a, const struct policy_object *o)
{
	switch (a) {
	case ACT_ORG_READ:
		return allow("authenticated", AUD_NONE, 0);
	case ACT_CLIENT_READ:
	case ACT_CLIENT_LIST:
	case ACT_ACCESS_LOG_READ:
		if (!o)
			return deny("no_object");
		if (o->is_self)
			return allow("self", AUD_FAMILY, policy_fields(AUD_FAMILY));
		if (o->is_guardian && p->role == ROLE_PARENT) {
			if (o->guardian_blocked)
				return deny("safety_block");
			return allow("guardian", AUD_FAMILY, policy_fields(AUD_FAMILY));
		}
		return deny("not_own_family");
	case ACT_FAMILY_WRITE:
		/* The portal itself (no object); one's own family's plan and views. */
		if (!o)
			return allow("authenticated", AUD_FAMILY, 0);
		if (o->is_self)
			return allow("self", AUD_FAMILY, policy_fields(AUD_FAMILY));
		if (o->is_guardian && p->role == ROLE_PARENT && !o->guardian_blocked)
			return allow("guardian", AUD_FAMILY, policy_fields(AUD_FAMILY));
		return deny(o->is_guardian && o->guardian_blocked ? "safety_block" : "not_own_family");
	default:
		return deny("not_permitted");
	}
}

struct decision policy_decide(const struct principal *p, enum action a, const struct policy_object *obj)
{
	if (!p || !p->account_id || a >= ACT__COUNT)
		return DENY_DEFAULT;
	if (role_kind(p->role) != p->kind)
		return DENY_DEFAULT;
	switch (p->kind) {
	case KIND_WORKER:
		return worker(p, a, obj);
	case KIND_PARTNER:
		return partner(p, a, obj);
	case KIND_FAMILY:
		return family(p, a, obj);
	default:
		return DENY_DEFAULT;
	}
}

struct decision policy_consultation_read(const struct principal *p, const struct policy_object *obj)
{
	struct decision d = policy_decide(p, ACT_CLIENT_READ, obj);
	if (d.allow && !(d.fields & FIELD_PRACTICE) && d.audience != AUD_CONSULTANT)
		return deny("no_practice_access");
	return d;
}

/* ---- docs/ACCESS.md, made from the rules above -------------------------- */

static enum err md_fields(struct buf *m, struct decision d)
{
	bool first = true;
	enum err e = ERR_OK;
	if (!d.allow)
		return buf_appendf(m, " no (%s) |", d.why);
	if (!d.fields)
		return buf_appends(m, " yes |");
	if (d.fields == FIELD__ALL)
		return buf_appends(m, " all |");
	for (int i = 0; i < FIELD__COUNT; i++)
		if (d.fields & (1u << i)) {
			if (!e)
				e = buf_appendf(m, "%s%s", first ? " " : ", ", field_name((enum field)(1u << i)));
			first = false;
		}
	return e ? e : buf_appends(m, " |");
}

/* A principal of role r in team 1 of area 1, county 1. */
static struct principal sample(enum role r, bool in_team)
{
	struct principal p = { .account_id = 7, .role = r, .kind = role_kind(r), .county_id = 1 };
	if (r == ROLE_MANAGER)
		p.area_id = 1;
	if (r == ROLE_TEAM_LEAD) {
		p.lead_teams[p.nlead++] = 2;
		p.teams[p.nteams++] = 2;
	}
	if (in_team)
		p.teams[p.nteams++] = 1;
	else if (p.kind == KIND_WORKER && r != ROLE_ADMIN && r != ROLE_MANAGER && r != ROLE_TEAM_LEAD)
		p.teams[p.nteams++] = 3;
	if (p.kind == KIND_FAMILY)
		p.person_id = 9;
	return p;
}

/* A consultation on a case of team 1: who reads it (client_read with the
 * consultation's facts) and who may answer it. */
static enum err policy_consultation_markdown(struct buf *m)
{
	struct scenario {
		const char *who;
		enum role role;
		bool in_team;
		struct policy_object o;
	};
	const struct scenario sc[] = {
		{ "social worker of the owning team (asked it)", ROLE_SOCIAL_WORKER, true, { 1, 1, 1 } },
		{ "consulting social worker named on it, not on the team, waiting", ROLE_CONSULTING_SOCIAL_WORKER,
		  false, { 1, 1, 1, .consultant = true, .consultation_open = true } },
		{ "consulting social worker named on it, not on the team, answered", ROLE_CONSULTING_SOCIAL_WORKER,
		  false, { 1, 1, 1, .consultant = true } },
		{ "family therapist named on it, on the owning team, waiting", ROLE_FAMILY_THERAPIST, true,
		  { 1, 1, 1, .consultant = true, .consultation_open = true } },
		{ "consulting social worker not named on it", ROLE_CONSULTING_SOCIAL_WORKER, false,
		  { 1, 1, 1, .consultation_open = true } },
		{ "area manager of the case's area", ROLE_MANAGER, false, { 1, 1, 1, .consultation_open = true } },
		{ "partner on the child's team", ROLE_PARTNER, false,
		  { 1, 1, 1, .on_childs_team = true, .consultation_open = true } },
		{ "administrator", ROLE_ADMIN, false, { 1, 1, 1, .consultation_open = true } },
	};
	enum err e = buf_appends(m, "\n| who (object: a consultation on a child's case) | read (client_read) | consultation_answer |\n"
				    "|---|---|---|\n");
	for (size_t i = 0; i < sizeof(sc) / sizeof(sc[0]); i++) {
		struct principal p = sample(sc[i].role, sc[i].in_team);
		if (!e) e = buf_appendf(m, "| %s |", sc[i].who);
		if (!e) e = md_fields(m, policy_consultation_read(&p, &sc[i].o));
		if (!e) e = md_fields(m, policy_decide(&p, ACT_CONSULTATION_ANSWER, &sc[i].o));
		if (!e) e = buf_appendf(m, "\n");
	}
	return e;
}

/* Mapping invitations and assessments about a child of team 1 (model/partners.h). */
static enum err policy_table_multiagency(struct buf *m)
{
	enum err e = ERR_OK;
	struct scenario {
		const char *who;
		enum role role;
		bool in_team;
		struct policy_object o;
	};
	const struct scenario sc[] = {
		{ "social worker of the owning team", ROLE_SOCIAL_WORKER, true, { 1, 1, 1 } },
		{ "worker of another team, invited, not yet answered yes", ROLE_SOCIAL_WORKER, false,
		  { 1, 1, 1, .invitee = true } },
		{ "worker of another team, not invited", ROLE_SOCIAL_WORKER, false, { 1, 1, 1 } },
		{ "area manager of the case's area", ROLE_MANAGER, false, { 1, 1, 1 } },
		{ "partner who sent the invitation", ROLE_PARTNER, false, { 1, 1, 1, .on_childs_team = true, .inviter = true } },
		{ "partner invited, not yet answered yes", ROLE_PARTNER, false, { 1, 1, 1, .invitee = true } },
		{ "partner invited, answered yes", ROLE_PARTNER, false,
		  { 1, 1, 1, .invitee = true, .invitee_said_yes = true } },
		{ "partner invited, answered yes, consent to family", ROLE_PARTNER, false,
		  { 1, 1, 1, .invitee = true, .invitee_said_yes = true, .consent_fields = FIELD_FAMILY } },
		{ "partner taking part in the assessment", ROLE_PARTNER, false, { 1, 1, 1, .participant = true } },
		{ "partner on the child's team, not invited", ROLE_PARTNER, false, { 1, 1, 1, .on_childs_team = true } },
		{ "partner of another organisation, invited", ROLE_PARTNER, false, { 1, 1, 2, .invitee = true } },
		{ "guardian", ROLE_PARENT, false, { 1, 1, 1, .is_guardian = true } },
		{ "administrator", ROLE_ADMIN, false, { 1, 1, 1, .invitee = true, .participant = true } },
	};
	if (!e) e = buf_appendf(m, "\n| who (object: a mapping invitation, an assessment) | %s | %s |\n|---|---|---|\n",
				action_name(ACT_INVITATION), action_name(ACT_ASSESSMENT));
	for (size_t i = 0; i < sizeof(sc) / sizeof(sc[0]); i++) {
		struct principal p = sample(sc[i].role, sc[i].in_team);
		if (!e) e = buf_appendf(m, "| %s |", sc[i].who);
		if (!e) e = md_fields(m, policy_decide(&p, ACT_INVITATION, &sc[i].o));
		if (!e) e = md_fields(m, policy_decide(&p, ACT_ASSESSMENT, &sc[i].o));
		if (!e) e = buf_appendf(m, "\n");
	}
	return e;
}

enum err policy_table_markdown(struct buf *m)
{
	enum err e = ERR_OK;
	static const enum action case_acts[] = { ACT_CLIENT_READ, ACT_CLIENT_LIST, ACT_CLIENT_WRITE,
						  ACT_RECORD_WRITE, ACT_ACCESS_LOG_READ, ACT_BREAK_GLASS,
						  ACT_FAMILY_WRITE };
	static const enum action org_acts[] = { ACT_ORG_READ, ACT_ORG_ADMIN, ACT_ACCOUNT_ADMIN,
						 ACT_CLIENT_SEARCH, ACT_AUDIT_REPORT, ACT_UNIT_REPORT,
						 ACT_QUESTION_BANK };
	struct scenario {
		const char *who;
		enum role role;
		bool in_team;
		struct policy_object o;
	};
	/* The case is owned by team 1 (area 1, county 1); the team lead leads team 2. */
	const struct scenario sc[] = {
		{ "social worker of the owning team", ROLE_SOCIAL_WORKER, true, { 1, 1, 1 } },
		{ "family worker of another team, on the child's team", ROLE_FAMILY_WORKER, false,
		  { 1, 1, 1, .on_childs_team = true } },
		{ "worker of another team", ROLE_SOCIAL_WORKER, false, { 1, 1, 1 } },
		{ "worker of another team, break-the-glass grant", ROLE_SOCIAL_WORKER, false,
		  { 1, 1, 1, .glass_grant = true } },
		{ "team lead of the owning team", ROLE_TEAM_LEAD, true, { 1, 1, 1 } },
		{ "team lead of another team", ROLE_TEAM_LEAD, false, { 1, 1, 1 } },
		{ "area manager of the case's area", ROLE_MANAGER, false, { 1, 1, 1 } },
		{ "area manager of another area", ROLE_MANAGER, false, { 1, 2, 1 } },
		{ "worker of another organisation", ROLE_SOCIAL_WORKER, false, { 1, 1, 2 } },
		{ "partner on the child's team", ROLE_PARTNER, false, { 1, 1, 1, .on_childs_team = true } },
		{ "partner on the child's team, consent to family and notifications", ROLE_PARTNER, false,
		  { 1, 1, 1, .on_childs_team = true, .consent_fields = FIELD_FAMILY | FIELD_NOTIFICATIONS } },
		{ "partner not on the child's team", ROLE_PARTNER, false, { 1, 1, 1 } },
		{ "partner on the child's team, taking part in the joint client plan", ROLE_PARTNER, false,
		  { 1, 1, 1, .on_childs_team = true, .plan_participant = true } },
		{ "partner not on the child's team, consent to the plan", ROLE_PARTNER, false,
		  { 1, 1, 1, .consent_fields = FIELD_PLAN } },
		{ "another authority (partner account), time-limited grant to identity", ROLE_PARTNER, false,
		  { 1, 1, 1, .authority_grant = true, .consent_fields = FIELD_IDENTITY } },
		{ "the child (family portal)", ROLE_CHILD, false, { 1, 1, 1, .is_self = true } },
		{ "guardian", ROLE_PARENT, false, { 1, 1, 1, .is_guardian = true } },
		{ "guardian under a safety block", ROLE_PARENT, false,
		  { 1, 1, 1, .is_guardian = true, .guardian_blocked = true } },
		{ "administrator", ROLE_ADMIN, false, { 1, 1, 1 } },
	};
	static const enum role roles[] = { ROLE_SOCIAL_WORKER, ROLE_FAMILY_THERAPIST, ROLE_COORDINATOR,
					   ROLE_TEAM_LEAD, ROLE_MANAGER, ROLE_ADMIN, ROLE_PARTNER,
					   ROLE_PARENT, ROLE_CHILD };
	if (!e) e = buf_appendf(m, "| who (object: a child's case) |");
	for (size_t j = 0; j < sizeof(case_acts) / sizeof(case_acts[0]); j++)
		if (!e) e = buf_appendf(m, " %s |", action_name(case_acts[j]));
	if (!e) e = buf_appendf(m, "\n|---|");
	for (size_t j = 0; j < sizeof(case_acts) / sizeof(case_acts[0]); j++)
		if (!e) e = buf_appendf(m, "---|");
	if (!e) e = buf_appendf(m, "\n");
	for (size_t i = 0; i < sizeof(sc) / sizeof(sc[0]); i++) {
		struct principal p = sample(sc[i].role, sc[i].in_team);
		if (!e) e = buf_appendf(m, "| %s |", sc[i].who);
		for (size_t j = 0; j < sizeof(case_acts) / sizeof(case_acts[0]); j++)
			if (!e) e = md_fields(m, policy_decide(&p, case_acts[j], &sc[i].o));
		if (!e) e = buf_appendf(m, "\n");
	}
	if (!e) e = buf_appendf(m, "\n| role (object: the organisation) |");
	for (size_t j = 0; j < sizeof(org_acts) / sizeof(org_acts[0]); j++)
		if (!e) e = buf_appendf(m, " %s |", action_name(org_acts[j]));
	if (!e) e = buf_appendf(m, "\n|---|");
	for (size_t j = 0; j < sizeof(org_acts) / sizeof(org_acts[0]); j++)
		if (!e) e = buf_appendf(m, "---|");
	if (!e) e = buf_appendf(m, "\n");
	for (size_t i = 0; i < sizeof(roles) / sizeof(roles[0]); i++) {
		struct principal p = sample(roles[i], true);
		if (!e) e = buf_appendf(m, "| %s |", role_name(roles[i]));
		for (size_t j = 0; j < sizeof(org_acts) / sizeof(org_acts[0]); j++)
			if (!e) e = md_fields(m, policy_decide(&p, org_acts[j], NULL));
		if (!e) e = buf_appendf(m, "\n");
	}
	if (!e) e = policy_consultation_markdown(m);
	if (!e) e = policy_table_multiagency(m);
	return e;
}
