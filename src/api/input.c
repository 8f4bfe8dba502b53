/*
 * input.c - strict field input from JSON or forms (see input.h).
 */
#include <string.h>
#include "api/input.h"
#include "core/str.h"

static int depth_of(json_t *v)
{
	int best = 0;
	if (json_is_object(v)) {
		const char *k;
		json_t *c;
		json_object_foreach(v, k, c) {
			int d = depth_of(c);
			if (d > best)
				best = d;
		}
		return best + 1;
	}
	if (json_is_array(v)) {
		size_t i;
		json_t *c;
		json_array_foreach(v, i, c) {
			int d = depth_of(c);
			if (d > best)
				best = d;
		}
		return best + 1;
	}
	return 0;
}

/* Cheap pre-check so a hostile body cannot make the parser recurse deeply. */
static bool nesting_ok(const char *s, size_t n)
{
	int depth = 0;
	bool in_str = false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (in_str) {
			if (c == '\\')
				i++;
			else if (c == '"')
				in_str = false;
		} else if (c == '"') {
			in_str = true;
		} else if (c == '{' || c == '[') {
			if (++depth > INPUT_MAX_DEPTH)
				return false;
		} else if (c == '}' || c == ']') {
			depth--;
		}
	}
	return true;
}

enum err input_parse_json(const char *s, size_t n, json_t **out, struct field_error *fe)
{
	json_error_t jerr;
	json_t *j;

	*out = NULL;
	if (!str_utf8_valid(s, n))
		return validate_fail(fe, "body", "invalid_utf8", "the request body is not valid UTF-8");
	if (!nesting_ok(s, n))
		return validate_fail(fe, "body", "too_deep", "the JSON body is nested more than %d levels",
				     INPUT_MAX_DEPTH);
	j = json_loadb(s, n, JSON_REJECT_DUPLICATES, &jerr);
	if (!j)
		return validate_fail(fe, "body", "invalid_json", "the body is not valid JSON: %s (line %d, column %d)",
				     jerr.text, jerr.line, jerr.column);
	if (!json_is_object(j) || depth_of(j) > INPUT_MAX_DEPTH) {
		json_decref(j);
		return validate_fail(fe, "body", "not_object", "the body must be one JSON object");
	}
	*out = j;
	return ERR_OK;
}

enum err input_init(struct input *in, struct request *req, const char *const *known,
		    struct field_error *fe)
{
	const char *ct = request_header(req, "Content-Type");
	enum err e = ERR_OK;

	in->req = req;
	in->json = NULL;
	if (ct && !strncmp(ct, "application/json", 16)) {
		const char *k;
		json_t *v;
		e = input_parse_json(buf_str(&req->body), req->body.len, &in->json, fe);
		if (e)
			return e;
		json_object_foreach(in->json, k, v) {
			bool ok = false;
			for (int i = 0; known && known[i]; i++)
				if (!strcmp(known[i], k))
					ok = true;
			if (!ok)
				return validate_fail(fe, k, "unknown_field",
						     "unknown field %s; remove it", k);
		}
		return ERR_OK;
	}
	if (ct && !strncmp(ct, "application/x-www-form-urlencoded", 33))
		return ERR_OK;  /* parsed by the dispatcher, which needs its csrf field */
	if (req->body.len)
		return validate_fail(fe, "body", "unsupported_type",
				     "send the body as application/json or application/x-www-form-urlencoded");
	return ERR_OK;
}

void input_release(struct input *in)
{
	json_decref(in->json);
	in->json = NULL;
}

enum err input_str(struct input *in, const char *field, const char **out, struct field_error *fe)
{
	*out = NULL;
	if (in->json) {
		json_t *v = json_object_get(in->json, field);
		if (!v || json_is_null(v))
			return ERR_OK;
		if (!json_is_string(v))
			return validate_fail(fe, field, "not_string", "%s must be a string", field);
		if (strlen(json_string_value(v)) != json_string_length(v))
			return validate_fail(fe, field, "invalid_chars", "%s must not contain NUL characters", field);
		*out = json_string_value(v);
		return ERR_OK;
	}
	*out = request_form(in->req, field);
	return ERR_OK;
}

enum err input_copy(struct input *in, const char *field, char *dst, size_t sz, struct field_error *fe)
{
	const char *v = NULL;
	enum err e = input_str(in, field, &v, fe);
	if (e || !v)
		return e;
	if (strlen(v) >= sz) {
		/* Counted in characters: a field whose buffer holds only ASCII
		 * (codes, dates) is not "too long" for an Ä, it has a wrong character. */
		size_t chars = str_utf8_len(v, strlen(v));
		if (chars < sz)
			return validate_fail(fe, field, "invalid_chars", "%s contains characters that are not allowed here", field);
		return validate_fail(fe, field, "too_long", "%s must be at most %zu characters (now %zu)", field, sz - 1, chars);
	}
	str_lcpy(dst, v, sz);
	return ERR_OK;
}

enum err input_int(struct input *in, const char *field, int64_t *out, bool *present,
		   struct field_error *fe)
{
	*present = false;
	if (in->json) {
		json_t *v = json_object_get(in->json, field);
		if (!v || json_is_null(v))
			return ERR_OK;
		if (!json_is_integer(v))
			return validate_fail(fe, field, "not_integer", "%s must be a whole number", field);
		*out = json_integer_value(v);
		*present = true;
		return ERR_OK;
	} else {
		const char *s = request_form(in->req, field);
		if (!s || !*s)
			return ERR_OK;
		if (str_to_i64(s, INT64_MIN, INT64_MAX, out))
			return validate_fail(fe, field, "not_integer", "%s must be a whole number", field);
		*present = true;
		return ERR_OK;
	}
}

enum err input_bool(struct input *in, const char *field, bool *out, bool *present,
		    struct field_error *fe)
{
	*present = false;
	*out = false;
	if (in->json) {
		json_t *v = json_object_get(in->json, field);
		if (!v || json_is_null(v))
			return ERR_OK;
		if (!json_is_boolean(v))
			return validate_fail(fe, field, "not_boolean", "%s must be true or false", field);
		*out = json_is_true(v);
		*present = true;
		return ERR_OK;
	} else {
		const char *s = request_form(in->req, field);
		if (!s)
			return ERR_OK;
		*present = true;
		*out = !strcmp(s, "1") || !strcmp(s, "on") || !strcmp(s, "true");
		return ERR_OK;
	}
}

enum err input_int_list(struct input *in, const char *field, int64_t *out, int max, int *n,
			struct field_error *fe)
{
	*n = 0;
	if (in->json) {
		json_t *v = json_object_get(in->json, field), *x;
		size_t i;
		if (!v || json_is_null(v))
			return ERR_OK;
		if (!json_is_array(v))
			return validate_fail(fe, field, "not_array", "%s must be an array of ids", field);
		json_array_foreach(v, i, x) {
			if (!json_is_integer(x) || json_integer_value(x) <= 0)
				return validate_fail(fe, field, "not_integer", "%s must contain positive whole numbers", field);
			if (*n == max)
				return validate_fail(fe, field, "too_many", "%s may have at most %d entries", field, max);
			out[(*n)++] = json_integer_value(x);
		}
		return ERR_OK;
	}
	for (size_t i = 0; i < in->req->nform; i++) {
		int64_t v;
		if (strcmp(in->req->form[i].key, field))
			continue;
		if (str_to_i64(in->req->form[i].value, 1, INT64_MAX, &v))
			return validate_fail(fe, field, "not_integer", "%s must contain positive whole numbers", field);
		if (*n == max)
			return validate_fail(fe, field, "too_many", "%s may have at most %d entries", field, max);
		out[(*n)++] = v;
	}
	return ERR_OK;
}
