/*
 * validate.c - shared input validation (see validate.h).
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "core/buf.h"
#include "core/str.h"
#include "model/validate.h"

enum err validate_fail(struct field_error *fe, const char *field, const char *reason,
		       const char *fmt, ...)
{
	va_list ap;
	if (fe) {
		snprintf(fe->field_buf, sizeof(fe->field_buf), "%s", field);
		fe->field = fe->field_buf;
		fe->reason = reason;
		va_start(ap, fmt);
		vsnprintf(fe->message, sizeof(fe->message), fmt, ap);
		va_end(ap);
	}
	return ERR_INVALID;
}

enum err validate_text(const char *s, const char *field, size_t min, size_t max,
		       bool multiline, struct field_error *fe)
{
	size_t n = s ? strlen(s) : 0, chars;

	if (!s)
		s = "";
	if (!str_utf8_valid(s, n))
		return validate_fail(fe, field, "invalid_utf8", "%s is not valid UTF-8 text", field);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c < 0x20 && !(multiline && (c == '\n' || c == '\r' || c == '\t'))) || c == 0x7f)
			return validate_fail(fe, field, "invalid_chars",
					     "%s contains control characters; remove them", field);
	}
	chars = str_utf8_len(s, n);
	if (min && chars == 0)
		return validate_fail(fe, field, "required", "%s is required", field);
	if (chars < min)
		return validate_fail(fe, field, "too_short", "%s must be at least %zu characters", field, min);
	if (chars > max)
		return validate_fail(fe, field, "too_long", "%s must be at most %zu characters (now %zu)",
				     field, max, chars);
	return ERR_OK;
}

bool validate_has_hidden(const char *s)
{
	const unsigned char *u = (const unsigned char *)(s ? s : "");

	for (; *u; u++) {
		if (u[0] == 0xe2 && u[1] == 0x80 &&
		    ((u[2] >= 0x8b && u[2] <= 0x8d) || (u[2] >= 0xaa && u[2] <= 0xae)))
			return true;                                    /* U+200B-200D, U+202A-202E */
		if (u[0] == 0xe2 && u[1] == 0x81 && (u[2] == 0xa0 || (u[2] >= 0xa6 && u[2] <= 0xa9)))
			return true;                                    /* U+2060, U+2066-2069 */
		if (u[0] == 0xef && u[1] == 0xbb && u[2] == 0xbf)
			return true;                                    /* U+FEFF */
	}
	return false;
}

enum err validate_name(const char *s, const char *field, size_t min, size_t max, struct field_error *fe)
{
	enum err e = validate_text(s, field, min, max, false, fe);
	if (!e && validate_has_hidden(s))
		e = validate_fail(fe, field, "hidden_chars",
				  "%s contains invisible or text-direction characters (U+200B-200D, U+202A-202E,"
				  " U+2060, U+2066-2069, U+FEFF); remove them", field);
	return e;
}

/* Is the UTF-8 sequence at s (n bytes left) a space of some kind?  Its
 * length into *len. */
static bool is_space_at(const unsigned char *s, size_t n, size_t *len)
{
	*len = 1;
	if (s[0] == ' ' || s[0] == '\t' || s[0] == '\n' || s[0] == '\r' || s[0] == '\v' || s[0] == '\f')
		return true;
	if (n >= 2 && s[0] == 0xc2 && s[1] == 0xa0) {                 /* U+00A0 */
		*len = 2;
		return true;
	}
	if (n >= 3 && s[0] == 0xe2 && s[1] == 0x80 &&
	    ((s[2] >= 0x80 && s[2] <= 0x8d) || s[2] == 0xa8 || s[2] == 0xa9 || s[2] == 0xaf)) {
		*len = 3;                                               /* U+2000-200D, 2028, 2029, 202F */
		return true;
	}
	if (n >= 3 && ((s[0] == 0xe2 && s[1] == 0x81 && (s[2] == 0x9f || s[2] == 0xa0)) ||  /* U+205F, 2060 */
		       (s[0] == 0xe3 && s[1] == 0x80 && s[2] == 0x80) ||                    /* U+3000 */
		       (s[0] == 0xef && s[1] == 0xbb && s[2] == 0xbf))) {                   /* U+FEFF */
		*len = 3;
		return true;
	}
	return false;
}

enum err validate_not_blank(const char *s, const char *field, struct field_error *fe)
{
	size_t n = s ? strlen(s) : 0, len;
	const unsigned char *u = (const unsigned char *)s;

	if (!n)
		return validate_fail(fe, field, "required", "%s is required", field);
	for (size_t i = 0; i < n; i += len)
		if (!is_space_at(u + i, n - i, &len))
			return ERR_OK;
	return validate_fail(fe, field, "blank", "%s contains only spaces or blank lines; write the entry", field);
}

enum err validate_username(const char *s, const char *field, struct field_error *fe)
{
	size_t n = s ? strlen(s) : 0;

	if (!n)
		return validate_fail(fe, field, "required", "%s is required", field);
	if (n < 2 || n > 32)
		return validate_fail(fe, field, "length", "%s must be 2-32 characters", field);
	if (!(s[0] >= 'a' && s[0] <= 'z'))
		return validate_fail(fe, field, "invalid_chars", "%s must start with a letter a-z", field);
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-'))
			return validate_fail(fe, field, "invalid_chars",
					     "%s may contain only a-z, 0-9, '.', '_' and '-'", field);
	}
	return ERR_OK;
}

enum err validate_phone(const char *s, const char *field, struct field_error *fe)
{
	size_t n = s ? strlen(s) : 0, digits = 0;

	if (n > 32)
		return validate_fail(fe, field, "too_long", "%s must be at most 32 characters", field);
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c >= '0' && c <= '9')
			digits++;
		else if (!strchr(" +-()", c))
			return validate_fail(fe, field, "invalid_chars",
					     "%s may contain only digits, spaces, '+', '-' and parentheses", field);
	}
	if (n && digits < 5)
		return validate_fail(fe, field, "too_short", "%s needs at least 5 digits", field);
	return ERR_OK;
}

enum err validate_enum(const char *s, const char *field, const char *const *choices,
		       struct field_error *fe)
{
	struct buf b;
	enum err e;

	for (int i = 0; s && choices[i]; i++)
		if (!strcmp(s, choices[i]))
			return ERR_OK;
	buf_init(&b, 200);
	for (int i = 0; choices[i]; i++)
		buf_appendf(&b, "%s%s", i ? ", " : "", choices[i]);
	e = validate_fail(fe, field, s && *s ? "unknown_value" : "required",
			  "%s must be one of: %s", field, buf_str(&b));
	buf_release(&b);
	return e;
}

enum err validate_id(const char *s, const char *field, int64_t *out, struct field_error *fe)
{
	if (!s || !*s)
		return validate_fail(fe, field, "required", "%s is required", field);
	if (str_to_i64(s, 1, INT64_MAX, out))
		return validate_fail(fe, field, "invalid_number", "%s must be a positive whole number", field);
	return ERR_OK;
}
