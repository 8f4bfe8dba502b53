/*
 * policy.h - the access policy: one module decides every access.
 *
 * Deny by default.  A decision is a pure function of who asks (principal),
 * what they want (action) and facts about the object, which the access layer
 * (model/access.h) loads from storage (policy_object).  It says allow or
 * deny, on what basis, for which audience, and which fields of the object
 * that audience may see.  The basis goes to the access log with every read
 * and write of a person's data.
 *
 *   workers on the team   the child's case whole: own team's cases and the
 *                         children whose child's team they sit on; write;
 *   break-the-glass       a worker of the same organisation holding a live
 *                         grant (model/breakglass.h) reads one child's case
 *                         whole, for a while, and writes nothing;
 *   managers              figures and lists of their own unit (team lead:
 *                         the team; area manager: the area); the case only
 *                         as anyone else, on the team or by break-the-glass;
 *   partners              the minimum data set of the children whose child's
 *                         team they sit on, what a consent adds, and what
 *                         they record themselves;
 *   family members        their own family's view, unless a safety block;
 *   administrators        the organisation and accounts; no client data.
 *
 * docs/ACCESS.md is the table this implements; tests/unit/test_policy.c
 * checks the document against policy_table_markdown().
 */
#ifndef MAJAKKA_POLICY_H
#define MAJAKKA_POLICY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "core/err.h"
#include "model/role.h"

#define PRINCIPAL_MAX_TEAMS 16

/* Who is asking: the logged-in account. */
struct principal {
	int64_t account_id;
	char username[64];
	char display_name[128];
	enum account_kind kind;
	enum role role;
	int64_t county_id;
	int64_t area_id;    /* managers: the area they lead (approved), else 0 */
	int64_t person_id;  /* family members: their person record */
	int64_t teams[PRINCIPAL_MAX_TEAMS];  /* approved team memberships */
	int nteams;
	int64_t lead_teams[PRINCIPAL_MAX_TEAMS];  /* teams they lead */
	int nlead;
	char organisation[401];  /* partners: their organisation (consents name it) */
};

enum action {
	ACT_ORG_READ,         /* organisation, teams, contact cards */
	ACT_ORG_ADMIN,        /* change the organisation and teams */
	ACT_ACCOUNT_ADMIN,    /* list, create, change accounts */
	ACT_CLIENT_READ,      /* open a child's case or a person's data */
	ACT_CLIENT_LIST,      /* a child as a row of a list or a search hit */
	ACT_CLIENT_SEARCH,    /* search persons at all */
	ACT_CLIENT_WRITE,     /* change the case */
	ACT_RECORD_WRITE,     /* add an own record (journal entry) to a case */
	ACT_ACCESS_LOG_READ,  /* who has seen this person's data */
	ACT_AUDIT_REPORT,     /* the break-the-glass report (rows filtered by reader) */
	ACT_UNIT_REPORT,      /* figures of a unit: workers over the caseload cap */
	ACT_GRANT_APPROVE,    /* approve another account's client access */
	ACT_BREAK_GLASS,      /* open a case outside one's teams, with a reason */
	ACT_INVITATION,       /* read a mapping invitation about a child, answer one's own */
	ACT_ASSESSMENT,       /* read a multi-agency assessment, record one's own view */
	ACT_CONSULTATION_ANSWER, /* answer a consultation one is named on (model/consultation.h) */
	ACT_FAMILY_WRITE,     /* family portal: open it (no object); tick one's own task, record one's own view */
	ACT_QUESTION_BANK,    /* extend the organisation's bank of circular questions */
	ACT__COUNT
};

/* Who the principal is to this object: decides the fields. */
enum audience {
	AUD_NONE,
	AUD_CASE_WORKER,      /* a worker on the child's (or owning) team */
	AUD_BREAK_GLASS,      /* a worker under a live break-the-glass grant */
	AUD_MANAGER,          /* a manager of the unit (lists and figures) */
	AUD_PARTNER,          /* a partner professional on the child's team */
	AUD_FAMILY,           /* the child or a guardian */
	AUD_ADMIN,
	AUD_CONSULTANT,       /* the consultant named on an open consultation */
	AUD__COUNT
};

/* The fields of a child's case, as bits of a mask. */
enum field {
	FIELD_NAME          = 1u << 0,   /* the child's name */
	FIELD_AGE           = 1u << 1,   /* birth date */
	FIELD_TEAM          = 1u << 2,   /* owning team, its contact card, the responsible worker */
	FIELD_CHILDS_TEAM   = 1u << 3,   /* the child's team: who works with the child */
	FIELD_CASE          = 1u << 4,   /* phase, legal basis, phase history, opened */
	FIELD_CLOCKS        = 1u << 5,   /* legal clocks and next deadline */
	FIELD_IDENTITY      = 1u << 6,   /* identity code, language, phone, address */
	FIELD_FAMILY        = 1u << 7,   /* parents and close network */
	FIELD_NOTIFICATIONS = 1u << 8,   /* child welfare notifications */
	FIELD_JOURNAL       = 1u << 9,   /* every journal entry */
	FIELD_OWN_RECORDS   = 1u << 10,  /* the entries the principal recorded */
	FIELD_PRACTICE      = 1u << 11,  /* systemic meetings' records, traffic lights, consultations */
	FIELD_TOOLBOX       = 1u << 12,  /* genogram, timeline, three houses, helping map, hypotheses */
	FIELD_PLAN          = 1u << 13,  /* the joint client plan: goals, tasks, reviews */
	FIELD_ASSESSMENT    = 1u << 14,  /* multi-agency assessment and mapping invitations */
	FIELD_CONSENTS      = 1u << 15,  /* consents, safety blocks, the disclosure log */
	FIELD_SERVICES      = 1u << 16,  /* the family view: services each member uses */
	FIELD__ALL          = (1u << 17) - 1
};
#define FIELD__COUNT 17

/* The minimum data set a partner on the child's team sees. */
#define FIELDS_MINIMUM (FIELD_NAME | FIELD_AGE | FIELD_TEAM | FIELD_CHILDS_TEAM | FIELD_OWN_RECORDS)

/* Facts about a client object, loaded by the access layer. */
struct policy_object {
	int64_t team_id;      /* owning team of the case */
	int64_t area_id;
	int64_t county_id;
	bool on_childs_team;  /* the principal sits on this child's team now */
	bool is_self;         /* the principal's own person record */
	bool is_guardian;     /* the principal is a guardian of this child */
	bool guardian_blocked;/* a safety block on this guardian's access */
	bool glass_grant;     /* the principal holds a live break-the-glass grant */
	unsigned consent_fields; /* fields a consent or legal basis opens to partners */
	/* Loaded only for a consultation (model/consultation.c): the principal
	 * is the consultant named on it, and it waits for its answer. */
	bool consultant;
	bool consultation_open;
	bool plan_participant;   /* a partner takes part in the child's joint client plan (FIELD_PLAN) */
	/* Mapping invitations and assessments (model/partners.h), per object: */
	bool inviter;         /* the principal sent this mapping invitation */
	bool invitee;         /* the principal is invited to it */
	bool invitee_said_yes;/* ... and answered yes to at least one question */
	bool participant;     /* the principal takes part in this assessment */
	bool authority_grant; /* a partner holds a live time-limited authority grant (model/consent.h) */
};

struct decision {
	bool allow;
	enum audience audience;
	unsigned fields;      /* enum field bits this audience may see (0 if denied) */
	const char *basis;    /* "own_team", "childs_team", "area_manager",
	                         "team_lead", "break_glass", "self", "guardian",
	                         "admin", "worker", "manager", "authenticated",
	                         "none" */
	const char *why;      /* stable key explaining a denial, or NULL */
};

const char *action_name(enum action a);
const char *audience_name(enum audience a);
const char *field_name(enum field f);

/* Decide.  obj may be NULL for actions not about a client object. */
struct decision policy_decide(const struct principal *p, enum action a, const struct policy_object *obj);

/* Read a consultation (model/consultation.h) whose facts are obj: the
 * child's ACT_CLIENT_READ, allowed only to an audience that sees the
 * child's practice (FIELD_PRACTICE) or to the consultant named on it while
 * it is open; anyone else is refused ("no_practice_access"). */
struct decision policy_consultation_read(const struct principal *p, const struct policy_object *obj);

/* The fields an audience sees (before consents). */
unsigned policy_fields(enum audience aud);

/* The shared summary of a child's basic facts that goes to those outside
 * the child's team who take part (an invitee who answered yes, a
 * participant of an assessment): the minimum data set and what the family
 * has consented to.  The one place that says what the consent allows. */
unsigned policy_summary_fields(const struct policy_object *o);
/* May the principal decided d record the family's own view (as the family's,
 * with the family) in an assessment: only a worker on the child's team. */
bool policy_may_record_family_view(const struct decision *d);

bool principal_in_team(const struct principal *p, int64_t team_id);
bool principal_leads_team(const struct principal *p, int64_t team_id);
/* May this account hold client data at all: an approved team membership,
 * an approved area (managers), or a partner or family account. */
bool principal_has_client_access(const struct principal *p);

/* docs/ACCESS.md's tables, made from the code: audience x object x action
 * -> allowed and fields, appended to out.  ERR_TOO_LARGE past out's bound. */
struct buf;
enum err policy_table_markdown(struct buf *out);

#endif
