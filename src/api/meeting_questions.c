/*
 * meeting_questions.c - the administrator's page of the questions always
 * asked in client meetings (seed 003): GET /admin/meeting-questions lists
 * the organisation's sets (child, youth, family × first, follow-up) with
 * every question, the retired ones too; a form adds a question to a set,
 * and each question has its own form to change its texts and place or to
 * retire it (and take it back).  The forms post to /admin/meeting-questions
 * and /admin/meeting-questions/{id}, which meetings.c's
 * meeting_question_save_api handles as it does the API; a refused form comes
 * back here (meeting_questions_again) with what was typed.
 *
 * Access: the route table asks ACT_ORG_ADMIN; the questions are the
 * organisation's practice, no client data.
 */
#include <stdio.h>
#include <string.h>
#include "api/form.h"
#include "api/handlers.h"
#include "api/meeting_questions.h"
#include "api/render.h"
#include "model/meeting.h"
#include "view/jv.h"

static const struct form_field question_fields[] = {
	{ "audience", "polish.q_audience" }, { "stage", "polish.q_stage" }, { "position", "polish.q_position" },
	{ "text_fi", "tools2.text_fi" }, { "text_sv", "tools2.text_sv" }, { "text_en", "tools2.text_en" },
	{ "active", "polish.q_active" }, { NULL, NULL }
};

struct qa_acc {
	struct request *req;
	json_t *sets;
};

static json_t *set_of(struct qa_acc *acc, const char *audience, const char *stage)
{
	char key[24], label[64];
	size_t i;
	json_t *s;

	snprintf(key, sizeof(key), "%s.%s", audience, stage);
	json_array_foreach(acc->sets, i, s)
		if (!strcmp(json_string_value(json_object_get(s, "key")), key))
			return s;
	s = json_object();
	snprintf(label, sizeof(label), "meetings.set.%s", key);
	jv_set_str(s, "key", key);
	jv_set_str(s, "label", render_t(acc->req, label));
	jv_set(s, "questions", json_array());
	json_array_append_new(acc->sets, s);
	return s;
}

static void question_cb(void *ctx, const struct meeting_question_row *q)
{
	struct qa_acc *acc = ctx;
	json_t *j = json_object(), *form = json_object(), *v = json_object();
	const char *lang = acc->req->lang ? acc->req->lang : "fi";
	char prefix[32];

	jv_set_int(j, "id", q->id);
	jv_set_str(j, "audience", q->audience);
	jv_set_str(j, "stage", q->stage);
	jv_set_int(j, "position", q->position);
	jv_set_str(j, "text", !strcmp(lang, "sv") ? q->text_sv : !strcmp(lang, "en") ? q->text_en : q->text_fi);
	jv_set_str(j, "text_fi", q->text_fi);
	jv_set_str(j, "text_sv", q->text_sv);
	jv_set_str(j, "text_en", q->text_en);
	jv_set_bool(j, "active", q->active);
	if (!acc->req->wants_json) {
		snprintf(prefix, sizeof(prefix), "q%lld", (long long)q->id);
		jv_set_str(form, "prefix", prefix);
		jv_set_int(v, "position", q->position);
		jv_set_str(v, "text_fi", q->text_fi);
		jv_set_str(v, "text_sv", q->text_sv);
		jv_set_str(v, "text_en", q->text_en);
		jv_set(form, "v", v);
		jv_set(j, "form", form);
	}
	json_array_append_new(json_object_get(set_of(acc, q->audience, q->stage), "questions"), j);
}

/* The page's model; ERR_* from the model. */
static enum err questions_model(struct request *req, struct auth_state *a, json_t **out)
{
	struct qa_acc acc = { req, json_array() };
	json_t *m = json_object(), *form = json_object(), *v = json_object();
	enum err e;

	/* Every set shows, in the model's order, even before it has questions. */
	for (int i = 0; meeting_audiences[i]; i++)
		for (int k = 0; meeting_stages[k]; k++)
			set_of(&acc, meeting_audiences[i], meeting_stages[k]);
	e = meeting_questions(app_db(req->app), a->p.county_id, false, question_cb, &acc);
	jv_set(m, "sets", acc.sets);
	jv_set_str(v, "audience", "family");
	jv_set_str(v, "stage", "first");
	jv_set(form, "v", v);
	jv_set(form, "audiences", render_options(req, meeting_audiences, "polish.audience", "family"));
	jv_set(form, "stages", render_options(req, meeting_stages, "polish.stage", "first"));
	jv_set(m, "new_form", form);
	if (e) {
		json_decref(m);
		return e;
	}
	*out = m;
	return ERR_OK;
}

void meeting_questions_page(struct request *req, struct auth_state *a)
{
	json_t *m = NULL;
	enum err e = questions_model(req, a, &m);
	if (e)
		render_error(req, e, NULL);
	else
		render_view(req, 200, "meeting_questions", "polish.questions_title", m);
}

void meeting_questions_again(struct request *req, struct auth_state *a, int64_t id, const struct field_error *fe)
{
	json_t *m = NULL, *form = NULL, *s, *q;
	size_t i, k;
	char prefix[32] = "new";
	enum err e = questions_model(req, a, &m);

	if (e) {
		render_error(req, e, NULL);
		return;
	}
	if (!id) {
		form = json_object_get(m, "new_form");
		jv_set(form, "audiences", render_options(req, meeting_audiences, "polish.audience", form_posted(req, "audience")));
		jv_set(form, "stages", render_options(req, meeting_stages, "polish.stage", form_posted(req, "stage")));
	} else {
		snprintf(prefix, sizeof(prefix), "q%lld", (long long)id);
		json_array_foreach(json_object_get(m, "sets"), i, s)
			json_array_foreach(json_object_get(s, "questions"), k, q)
				if (json_integer_value(json_object_get(q, "id")) == id)
					form = json_object_get(q, "form");
	}
	if (!form) {
		json_decref(m);
		render_error(req, ERR_NOT_FOUND, NULL);
		return;
	}
	jv_set_bool(form, "invalid", true);
	form_fail(req, m, form, prefix, question_fields, fe);
	render_view(req, 422, "meeting_questions", "polish.questions_title", m);
}
