/*
 * tagform.c - the tag form's recipients and the child page's tag form
 * (see tagform.h).
 */
#include "api/tagform.h"
#include "model/caseteam.h"
#include "view/jv.h"

static void recipient_cb(void *ctx, const struct member_row *m)
{
	json_t *arr = ctx, *j;
	if (!m->account_id || m->to_date[0])
		return;
	j = json_object();
	jv_set_int(j, "id", m->account_id);
	jv_set_str(j, "name", m->name);
	jv_set_bool(j, "checked", false);
	json_array_append_new(arr, j);
}

enum err tagform_recipients(struct request *req, int64_t case_id, json_t **out)
{
	json_t *arr = json_array();
	enum err e = caseteam_list(app_db(req->app), case_id, recipient_cb, arr);
	if (e) {
		json_decref(arr);
		arr = NULL;
	}
	*out = arr;
	return e;
}

enum err tagform_child_model(struct request *req, const struct access_answer *ans, json_t *m)
{
	json_t *f, *members;
	enum err e;

	/* The form names the child's team: only for those who see it. */
	if (req->wants_json || !ans->can_record || !ans->case_id || !(ans->d.fields & FIELD_CHILDS_TEAM))
		return ERR_OK;
	e = tagform_recipients(req, ans->case_id, &members);
	if (e)
		return e;
	f = json_object();
	jv_set_str(f, "prefix", "ctag");
	jv_set_bool(f, "back_child", true);
	jv_set(f, "v", json_pack("{s:s}", "text", ""));
	jv_set(f, "members", members);
	jv_set(m, "tag_form", f);
	return ERR_OK;
}
