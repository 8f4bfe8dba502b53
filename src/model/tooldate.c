/*
 * tooldate.c - see tooldate.h.
 */
#include "core/workday.h"
#include "model/tooldate.h"

enum err tooldate_past_or_today(const char *s, const char *field, char out[11], struct field_error *fe)
{
	struct date d;

	if (!s || !*s) {
		date_format(date_today(), out);
		return ERR_OK;
	}
	if (date_parse(s, &d))
		return validate_fail(fe, field, "invalid_date", "%s must be a real date as YYYY-MM-DD", field);
	if (date_cmp(d, date_today()) > 0)
		return validate_fail(fe, field, "future", "%s cannot be in the future", field);
	date_format(d, out);
	return ERR_OK;
}
