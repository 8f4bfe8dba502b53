/*
 * partners.h - multi-agency work (issue 15, part 1): the partner map
 * (kumppanuuskartta), the mapping invitation (kartoituskutsu) and the
 * multi-agency assessment (monitoimijainen arviointi).
 *
 * The partner map is the organisation's own register (no client data):
 * partner organisations, their services and contacts, and which partner
 * accounts belong to which organisation.  Invitations and assessments
 * concern a child's case: this module stores them and loads the facts the
 * access layer needs (partners_invitation_facts, partners_assessment_facts);
 * model/access.c decides who sees them.
 */
#ifndef MAJAKKA_PARTNERS_H
#define MAJAKKA_PARTNERS_H

#include <stdbool.h>
#include <stdint.h>
#include "db/db.h"
#include "model/policy.h"
#include "model/validate.h"

#define PARTNERS_MAX_INVITEES 30
#define PARTNERS_MAX_PARTICIPANTS 30
#define PARTNERS_SEARCH_SCAN 2000   /* organisations a search may find before the max is applied */

extern const char *const partner_kinds[];     /* school, daycare, ... */
extern const char *const mapping_answers[];   /* yes, maybe, no */
extern const char *const assessment_areas[];  /* child_strengths, ..., parenting_predictability */

struct partner_org {
	int64_t id, county_id;
	char name[401], kind[32], phone[33], email[201], address[401], description[2001];
	int children;   /* partner_team_counts: children whose team they took part in */
};

struct partner_service {
	int64_t id, org_id;
	char name[401], description[2001], contact[401], phone[33], email[201];
	bool matched;   /* the search matched this service */
};

struct partner_person {
	int64_t account_id, org_id;
	char username[64], display_name[401], title[401];
	bool matched;
};

/* Validate and insert; id set.  ERR_INVALID / ERR_CONFLICT (name taken) with fe. */
enum err partner_org_create(struct db *db, struct partner_org *o, struct field_error *fe);
enum err partner_service_create(struct db *db, int64_t county_id, struct partner_service *s,
				struct field_error *fe);
/* Make a partner account a member of org (one organisation per account). */
enum err partner_member_set(struct db *db, int64_t county_id, int64_t account_id, int64_t org_id,
			    struct field_error *fe);
enum err partner_org_get(struct db *db, int64_t county_id, int64_t id, struct partner_org *out);

/* The map: the organisations of county matching q (NULL or "": all) by
 * organisation, service, contact, role or person, in name order, each with
 * its services and people (matched set on what q found).  At most max
 * organisations. */
struct partner_map_cb {
	void (*org)(void *ctx, const struct partner_org *o);
	void (*service)(void *ctx, const struct partner_service *s);
	void (*person)(void *ctx, const struct partner_person *p);
	void *ctx;
};
enum err partner_search(struct db *db, int64_t county_id, const char *q, int max, const struct partner_map_cb *cb);
/* Figures for a unit: per partner organisation, how many children of the
 * area (area_id) or team (team_id, when area_id is 0) had one of its people
 * on their child's team.  Every organisation of the county, zeros included. */
enum err partner_team_counts(struct db *db, int64_t county_id, int64_t area_id, int64_t team_id,
			     void (*cb)(void *ctx, const struct partner_org *o), void *ctx);

/* ---- mapping invitations ---------------------------------------------- */

struct mapping_invitation {
	int64_t id, case_id, child_id, inviter_id, assessment_id;
	char inviter_name[401], message[4001], created_at[21];
	int invitees, answered;
};

struct mapping_invitee {
	int64_t invitation_id, account_id;
	char display_name[401], title[401], organisation[401];
	char has_info[8], shares_concern[8], available[8], note[2001], answered_at[21];
};

/* Invite invitees (active worker or partner accounts of county, not the
 * inviter) about case_id.  fe names "invitees" or "message". */
enum err mapping_create(struct db *db, int64_t county_id, int64_t case_id, int64_t inviter_id,
			const char *message, const int64_t *invitees, int n, int64_t *id, struct field_error *fe);
enum err mapping_get(struct db *db, int64_t id, struct mapping_invitation *out);
enum err mapping_invitees(struct db *db, int64_t id, void (*cb)(void *ctx, const struct mapping_invitee *r),
			  void *ctx);
/* The invitee's answer, once: ERR_NOT_FOUND when not invited, ERR_CONFLICT
 * (fe "answer") when answered already. */
enum err mapping_answer(struct db *db, int64_t id, int64_t account_id, const char *has_info,
			const char *shares_concern, const char *available, const char *note,
			struct field_error *fe);
/* The access facts of invitation id for account_id (inviter, invitee, said yes). */
enum err partners_invitation_facts(struct db *db, int64_t id, int64_t account_id, struct policy_object *o);
/* The invitations account_id sent (sent = true) or received, newest first, at most max. */
enum err mapping_list_mine(struct db *db, int64_t account_id, bool sent, int max,
			   void (*cb)(void *ctx, const struct mapping_invitation *r, const struct mapping_invitee *mine),
			   void *ctx);
/* How many invitations wait for account_id's answer. */
enum err mapping_unanswered(struct db *db, int64_t account_id, int *n);
/* Does the answer say yes to at least one question. */
bool mapping_said_yes(const struct mapping_invitee *r);

/* ---- multi-agency assessment ------------------------------------------- */

struct assessment_row {
	int64_t id, case_id, child_id, invitation_id, created_by;
	char title[401], creator_name[401], created_at[21];
};

struct assessment_participant {
	int64_t account_id;
	char display_name[401], title[401], organisation[401];
};

struct assessment_view {
	int64_t id, assessment_id, author_id;
	char area[40], author_name[401], text[4001], created_at[21];
	bool family;
	int rating;   /* 0: none */
};

/* Create an assessment of case_id by by; participants: accounts of county
 * (the creator is one); from an invitation (invitation_id, of the same case)
 * the invitees who said yes join too.  ERR_CONFLICT (fe "invitation_id")
 * when the invitation has its assessment already. */
enum err assessment_create(struct db *db, int64_t county_id, int64_t case_id, int64_t by, const char *title,
			   int64_t invitation_id, const int64_t *participants, int n, int64_t *id,
			   struct field_error *fe);
enum err assessment_get(struct db *db, int64_t id, struct assessment_row *out);
enum err assessment_list_case(struct db *db, int64_t case_id,
			      void (*cb)(void *ctx, const struct assessment_row *r), void *ctx);
enum err assessment_participants(struct db *db, int64_t id,
				 void (*cb)(void *ctx, const struct assessment_participant *r), void *ctx);
/* The views shown: the newest per area, author and family flag. */
enum err assessment_views(struct db *db, int64_t id, void (*cb)(void *ctx, const struct assessment_view *r),
			  void *ctx);
/* Record a view (area, rating 1-10 or 0, text; one of them required). */
enum err assessment_add_view(struct db *db, int64_t id, const char *area, int64_t author_id, bool family,
			     int rating, const char *text, int64_t *view_id, struct field_error *fe);
enum err partners_assessment_facts(struct db *db, int64_t id, int64_t account_id, struct policy_object *o);

#endif
