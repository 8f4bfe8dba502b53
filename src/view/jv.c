/*
 * jv.c - cheap view-model building (see jv.h).
 */
#include <string.h>
#include "core/buf.h"
#include "core/str.h"
#include "view/jv.h"

/* Copy s with every byte that does not start valid UTF-8 replaced by U+FFFD. */
static json_t *str_repaired(const char *s, size_t n)
{
	struct buf b;
	json_t *v;
	size_t i = 0;

	buf_init(&b, n * 3 + 1);
	while (i < n) {
		size_t k = 1;
		while (k <= 4 && i + k <= n && !str_utf8_valid(s + i, k))
			k++;
		if (k <= 4 && i + k <= n) {
			buf_append(&b, s + i, k);
			i += k;
		} else {
			buf_append(&b, "\xEF\xBF\xBD", 3);
			i++;
		}
	}
	v = json_stringn_nocheck(b.data ? b.data : "", b.len);
	buf_release(&b);
	return v;
}

json_t *jv_str(const char *s)
{
	size_t n;

	if (!s)
		return json_stringn_nocheck("", 0);
	n = strlen(s);
	if (str_utf8_valid(s, n))
		return json_stringn_nocheck(s, n);
	return str_repaired(s, n);
}
