/*
 * home.c - the health check and the OpenAPI document (the front page is work.c).
 */
#include <string.h>
#include "api/handlers.h"
#include "api/render.h"
#include "view/jv.h"

void api_health(struct request *req, struct auth_state *a)
{
	struct app *app = req->app;
	json_t *m = json_object();
	(void)a;
	jv_set_str(m, "status", app_db(app) ? "ok" : "degraded");
	jv_set_bool(m, "demo", app->demo);
	render_json(req, 200, m);
}

void api_openapi(struct request *req, struct auth_state *a)
{
	struct app *app = req->app;
	(void)a;
	buf_reset(&req->out);
	buf_append(&req->out, app->openapi, app->openapi_len);
	request_set(req, 200, "application/json");
}
