/*
 * embed.h - files compiled into the binary (see scripts/embed.sh).
 */
#ifndef MAJAKKA_EMBED_H
#define MAJAKKA_EMBED_H

struct embedded {
	const char *name;
	const char *text;
};

/* The SQL migrations of schema/, in file-name order; NULL-name terminated. */
extern const struct embedded embedded_schema[];

#endif
