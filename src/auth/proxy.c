/*
 * proxy.c - trusted proxies and X-Forwarded-For (see proxy.h).
 */
#include <arpa/inet.h>
#include <string.h>
#include "auth/proxy.h"
#include "core/str.h"

static const unsigned char v4mapped[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff };

/* Parse an IPv4 or IPv6 address (exactly, no spaces) into 16 bytes. */
static bool parse_addr(const char *s, unsigned char out[16])
{
	unsigned char a4[4];
	if (inet_pton(AF_INET, s, a4) == 1) {
		memcpy(out, v4mapped, 12);
		memcpy(out + 12, a4, 4);
		return true;
	}
	return inet_pton(AF_INET6, s, out) == 1;
}

static void format_addr(const unsigned char a[16], char out[PROXY_ADDR_MAX])
{
	if (!memcmp(a, v4mapped, 12))
		inet_ntop(AF_INET, a + 12, out, PROXY_ADDR_MAX);
	else
		inet_ntop(AF_INET6, a, out, PROXY_ADDR_MAX);
}

static bool in_net(const struct proxy_net *n, const unsigned char a[16])
{
	unsigned full = n->bits / 8, rest = n->bits % 8;
	if (memcmp(n->addr, a, full))
		return false;
	return !rest || ((n->addr[full] ^ a[full]) & (0xff << (8 - rest)) & 0xff) == 0;
}

static bool trusted_bin(const struct proxy_list *pl, const unsigned char a[16])
{
	for (size_t i = 0; i < pl->n; i++)
		if (in_net(&pl->net[i], a))
			return true;
	return false;
}

enum err proxy_list_add(struct proxy_list *pl, const char *spec)
{
	char addr[PROXY_ADDR_MAX];
	const char *slash = strchr(spec, '/');
	size_t len = slash ? (size_t)(slash - spec) : strlen(spec);
	struct proxy_net n = { 0 };
	int64_t bits = -1;

	if (len == 0 || len >= sizeof(addr))
		return ERR_INVALID;
	memcpy(addr, spec, len);
	addr[len] = 0;
	if (!parse_addr(addr, n.addr))
		return ERR_INVALID;
	if (slash && str_to_i64(slash + 1, 0, strchr(addr, ':') ? 128 : 32, &bits))
		return ERR_INVALID;
	if (bits < 0)
		n.bits = 128;
	else
		n.bits = (unsigned)bits + (strchr(addr, ':') ? 0 : 96);
	/* Clear the host bits, so 10.1.2.3/8 means 10.0.0.0/8. */
	for (unsigned b = n.bits; b < 128; b++)
		n.addr[b / 8] &= (unsigned char)~(0x80 >> (b % 8));
	if (pl->n >= PROXY_MAX)
		return ERR_TOO_LARGE;
	pl->net[pl->n++] = n;
	return ERR_OK;
}

bool proxy_trusted(const struct proxy_list *pl, const char *addr)
{
	unsigned char a[16];
	return pl->n && addr && parse_addr(addr, a) && trusted_bin(pl, a);
}

/* One element of X-Forwarded-For, s[0..n): an address, optionally with a
 * port ("192.0.2.1:4711", "[2001:db8::1]:4711", "[2001:db8::1]") and
 * surrounding spaces. */
static bool parse_element(const char *s, size_t n, unsigned char out[16])
{
	char t[PROXY_ADDR_MAX + 8];
	const char *colon;

	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (n == 0 || n >= sizeof(t))
		return false;
	memcpy(t, s, n);
	t[n] = 0;
	if (t[0] == '[') {
		char *end = strchr(t, ']');
		if (!end || (end[1] && end[1] != ':'))
			return false;
		*end = 0;
		return inet_pton(AF_INET6, t + 1, out) == 1;
	}
	colon = strchr(t, ':');
	if (colon && !strchr(colon + 1, ':'))  /* one colon: IPv4 with a port */
		t[colon - t] = 0;
	return parse_addr(t, out);
}

void proxy_client_addr(const struct proxy_list *pl, const char *peer, const char *const *xff, size_t nxff,
		       char out[PROXY_ADDR_MAX])
{
	unsigned char cur[16], a[16];

	if (!peer || !parse_addr(peer, cur)) {
		str_lcpy(out, peer ? peer : "", PROXY_ADDR_MAX);
		return;
	}
	if (trusted_bin(pl, cur)) {
		for (size_t h = nxff; h-- > 0;) {
			const char *v = xff[h];
			size_t end = v ? strlen(v) : 0;
			while (end > 0) {
				size_t start = end;
				while (start > 0 && v[start - 1] != ',')
					start--;
				if (!parse_element(v + start, end - start, a))
					goto done;  /* not an address: the last trusted hop stands */
				memcpy(cur, a, 16);
				if (!trusted_bin(pl, cur))
					goto done;
				end = start ? start - 1 : 0;
			}
		}
	}
done:
	format_addr(cur, out);
}
