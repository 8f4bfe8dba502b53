/*
 * home.c - the front page, the health check and the OpenAPI document.
 */
#include <string.h>
#include "api/handlers.h"
#include "api/render.h"
#include "model/org.h"

void page_home(struct request *req, struct auth_state *a)
{
	json_t *me = me_model(req, a);
	json_t *cards = json_array();
	struct db *db = app_db(req->app);

	for (int i = 0; db && i < a->p.nteams; i++) {
		struct team_row t;
		json_t *phones = json_array();
		if (org_get_team(db, a->p.teams[i], &t))
			continue;
		if (t.phone1[0]) json_array_append_new(phones, json_string(t.phone1));
		if (t.phone2[0]) json_array_append_new(phones, json_string(t.phone2));
		if (t.phone3[0]) json_array_append_new(phones, json_string(t.phone3));
		json_array_append_new(cards, json_pack("{s:I, s:s, s:s, s:o, s:s}", "id", (json_int_t)t.id,
			"name", t.name, "kind_label", render_label(req, "team_kind", t.kind),
			"phones", phones, "hours", t.hours));
	}
	json_object_set_new(me, "cards", cards);
	json_object_set_new(me, "is_admin", json_boolean(policy_decide(&a->p, ACT_ACCOUNT_ADMIN, NULL, NULL).allow));
	render_view(req, 200, "home", "home.title", me);
}

void api_health(struct request *req, struct auth_state *a)
{
	struct app *app = req->app;
	(void)a;
	render_json(req, 200, json_pack("{s:s, s:b}", "status", app_db(app) ? "ok" : "degraded",
					"demo", app->demo));
}

void api_openapi(struct request *req, struct auth_state *a)
{
	struct app *app = req->app;
	(void)a;
	buf_reset(&req->out);
	buf_append(&req->out, app->openapi, app->openapi_len);
	request_set(req, 200, "application/json");
}
