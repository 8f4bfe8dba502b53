/*
 * fuzz_router.c - libFuzzer target: route pattern matching on any path.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "http/router.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const patterns[] = { "/api/v1/children/{id}", "/api/v1/children/{id}/journal/{entry_id}",
						"/", "/admin/accounts/{id}", "/api/v1/teams" };
	char *path = malloc(size + 1);
	int64_t p[4];
	int n;

	if (!path)
		return 0;
	memcpy(path, data, size);
	path[size] = 0;
	for (size_t i = 0; i < sizeof(patterns) / sizeof(patterns[0]); i++)
		if (router_match(patterns[i], path, p, 4, &n))
			for (int k = 0; k < n; k++)
				if (p[k] <= 0)
					abort();
	free(path);
	return 0;
}
