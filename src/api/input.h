/*
 * input.h - read a request's fields the same way from a JSON body (API) or a
 * urlencoded form (pages), with strict types and a clear error per field.
 *
 * JSON bodies must be one object, at most INPUT_MAX_DEPTH deep, without
 * duplicate keys, and may contain only the fields the handler knows.
 */
#ifndef MAJAKKA_INPUT_H
#define MAJAKKA_INPUT_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>
#include "http/request.h"
#include "model/validate.h"

#define INPUT_MAX_DEPTH 16

struct input {
	struct request *req;
	json_t *json;  /* owned; NULL for forms */
};

/* Parse the body.  known: NULL-terminated field names accepted (JSON only;
 * forms may carry extra fields such as csrf). */
enum err input_init(struct input *in, struct request *req, const char *const *known,
		    struct field_error *fe);
void input_release(struct input *in);

/* A string field; *out NULL when absent.  ERR_INVALID when not a string. */
enum err input_str(struct input *in, const char *field, const char **out, struct field_error *fe);
/* A string field copied into dst (sz bytes) when present; longer than fits
 * is ERR_INVALID naming the field.  Absent leaves dst as it was. */
enum err input_copy(struct input *in, const char *field, char *dst, size_t sz, struct field_error *fe);
/* An integer field (JSON number or form text); *present false when absent. */
enum err input_int(struct input *in, const char *field, int64_t *out, bool *present,
		   struct field_error *fe);
/* A boolean (JSON true/false, form "1"/"on"/"true" or absent = false). */
enum err input_bool(struct input *in, const char *field, bool *out, bool *present,
		    struct field_error *fe);
/* Every value of a repeated form field, or the elements of a JSON array of integers. */
enum err input_int_list(struct input *in, const char *field, int64_t *out, int max, int *n,
			struct field_error *fe);

/* Parse JSON text into an object with the checks above (for fuzzing too). */
enum err input_parse_json(const char *s, size_t n, json_t **out, struct field_error *fe);

#endif
