/*
 * fuzz_json.c - libFuzzer target: the strict JSON body validator (UTF-8,
 * nesting depth, duplicate keys, one object).
 */
#include <stddef.h>
#include <stdint.h>
#include "api/input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct field_error fe = { 0 };
	json_t *j = NULL;
	if (input_parse_json((const char *)data, size, &j, &fe) == ERR_OK)
		json_decref(j);
	return 0;
}
