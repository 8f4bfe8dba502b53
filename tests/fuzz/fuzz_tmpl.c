/*
 * fuzz_tmpl.c - libFuzzer target: compile any text as a template and render
 * it against a fixed view model; output is bounded.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "view/tmpl.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Does the template ask for a raw value anywhere: {{&name}}, also written
 * {{ &name}} (the compiler skips spaces after the braces)? */
static bool asks_raw(const char *text)
{
	for (const char *p = strstr(text, "{{"); p; p = strstr(p + 2, "{{")) {
		const char *q = p + 2;
		while (*q == ' ')
			q++;
		if (*q == '&')
			return true;
	}
	return false;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static json_t *ctx;
	struct tmpl_set *set = tmpl_set_new(NULL);
	char msg[256], *text = malloc(size + 1);
	struct buf out;

	if (!ctx)
		ctx = json_pack("{s:s, s:i, s:b, s:[{s:s},{s:s}], s:{s:{s:s}}, s:s}", "name", "<b>&\"'",
				"n", 3, "yes", 1, "list", "x", "a", "x", "b", "obj", "in", "deep", "v",
				"date", "2026-11-24T10:15:00Z");
	if (!set || !text) {
		free(text);
		tmpl_set_free(set);
		return 0;
	}
	memcpy(text, data, size);
	text[size] = 0;
	buf_init(&out, 1 << 20);
	if (tmpl_set_add(set, "t", text, msg, sizeof(msg)) == ERR_OK) {
		tmpl_render(set, "t", ctx, "fi", &out);
		/* Whatever the template, a value's markup never comes out raw
		 * unless the template asked for it with {{&...}}. */
		if (!asks_raw(text) && !strchr(text, '<') && strstr(buf_str(&out), "<b>&"))
			abort();
	}
	buf_release(&out);
	tmpl_set_free(set);
	free(text);
	return 0;
}
