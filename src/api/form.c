/*
 * form.c - a refused form shown again with what was typed and what to fix
 * (see form.h).
 */
#include <stdio.h>
#include <string.h>
#include "api/form.h"
#include "api/render.h"
#include "view/jv.h"

/* Never shown again: the session's token comes from the page itself, and a
 * password is not echoed into HTML. */
static bool kept(const char *name)
{
	return strcmp(name, "csrf") && strcmp(name, "password");
}

const char *form_posted(struct request *req, const char *name)
{
	const char *v = request_form(req, name);
	return v ? v : "";
}

void form_fail(struct request *req, json_t *page, json_t *form, const char *prefix,
	       const struct form_field *fields, const struct field_error *fe)
{
	json_t *v = json_object_get(form, "v"), *items = json_array(), *item = json_object();
	const struct form_field *f = NULL;
	char id[96], msg[512];

	if (!json_is_object(v)) {
		v = json_object();
		json_object_set_new(form, "v", v);
	}
	for (size_t i = 0; i < req->nform; i++)
		if (kept(req->form[i].key))
			jv_set_str(v, req->form[i].key, req->form[i].value);
	jv_set_bool(form, "invalid", true);
	for (int i = 0; fe && fe->field && fields[i].name && !f; i++)
		if (!strcmp(fields[i].name, fe->field))
			f = &fields[i];
	if (fe && fe->field)
		render_field_message(req, fe, f ? f->label : NULL, msg, sizeof(msg));
	else
		snprintf(msg, sizeof(msg), "%s", render_t(req, "error.invalid"));
	jv_set_str(item, "message", msg);
	if (f) {
		json_t *err = json_object(), *e = json_object();
		snprintf(id, sizeof(id), "#%s%s%s", prefix, *prefix ? "-" : "", f->name);
		jv_set_str(item, "href", id);
		snprintf(id, sizeof(id), "%s%s%s-err", prefix, *prefix ? "-" : "", f->name);
		jv_set_str(e, "id", id);
		jv_set_str(e, "message", msg);
		/* One error at a time today: it is the first. */
		jv_set_bool(e, "first", true);
		jv_set(err, f->name, e);
		jv_set(form, "err", err);
	}
	json_array_append_new(items, item);
	jv_set(page, "form_summary", json_pack("{s:o}", "items", items));
}

void form_select(json_t *arr, const char *key, const char *value)
{
	size_t i;
	json_t *o;

	json_array_foreach(arr, i, o) {
		json_t *k = json_object_get(o, key);
		char num[24];
		const char *s = NULL;
		if (json_is_string(k)) {
			s = json_string_value(k);
		} else if (json_is_integer(k)) {
			snprintf(num, sizeof(num), "%lld", (long long)json_integer_value(k));
			s = num;
		}
		json_object_set_new(o, "selected", json_boolean(s && value && !strcmp(s, value)));
	}
}
