/*
 * validate.h - input validation shared by every model: one place for the
 * rules on text, names, phone numbers and identifiers, and one shape for the
 * error that tells the user which field to fix and how.
 */
#ifndef MAJAKKA_VALIDATE_H
#define MAJAKKA_VALIDATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "core/err.h"

struct field_error {
	const char *field;   /* the input's name, e.g. "username" (points into field_buf) */
	const char *reason;  /* stable key: "required", "too_long", "invalid_chars", ... */
	char message[256];   /* English sentence saying what to fix (API) */
	char field_buf[64];  /* a copy: the name may come from a request body freed before the answer */
};

/* Set fe and return ERR_INVALID. */
enum err validate_fail(struct field_error *fe, const char *field, const char *reason,
		       const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Text of min..max characters (code points), valid UTF-8, no control
 * characters (newlines allowed when multiline).  NULL counts as "". */
enum err validate_text(const char *s, const char *field, size_t min, size_t max,
		       bool multiline, struct field_error *fe);
/* A name: validate_text (one line), and no character that hides itself or
 * turns the text around it (reason "hidden_chars"): the bidirectional
 * embeddings, overrides and isolates U+202A-202E, U+2066-2069 and the
 * zero-width U+200B-200D, U+2060, U+FEFF. */
enum err validate_name(const char *s, const char *field, size_t min, size_t max, struct field_error *fe);
/* Does s (valid UTF-8) hold such a character? */
bool validate_has_hidden(const char *s);
/* Text that says something: refused (reason "blank") when it has only
 * spaces, tabs, blank lines or Unicode spaces (no-break, ideographic,
 * zero-width...).  Empty or NULL text is "required". */
enum err validate_not_blank(const char *s, const char *field, struct field_error *fe);
/* Login name: 2..32 of a-z 0-9 . _ - starting with a letter. */
enum err validate_username(const char *s, const char *field, struct field_error *fe);
/* Phone number: optional, digits, spaces, +, -, (), at most 32. */
enum err validate_phone(const char *s, const char *field, struct field_error *fe);
/* One of the NULL-terminated choices. */
enum err validate_enum(const char *s, const char *field, const char *const *choices,
		       struct field_error *fe);
/* A positive id given as text. */
enum err validate_id(const char *s, const char *field, int64_t *out, struct field_error *fe);

#endif
