/*
 * proxy.h - trusted reverse proxies, and the client address behind them.
 *
 * Behind nginx every connection comes from nginx's address, so login limits
 * by address would put every worker in one bucket.  The address a limit (or
 * the access log) counts is therefore taken from X-Forwarded-For, but only
 * when the connection comes from a proxy the operator named (`majakka serve
 * --trusted-proxy ADDR[/BITS]`): anyone else could write any address there.
 * Each proxy appends the address it received the request from, so the list
 * is read from the right, past the trusted proxies, and the first address
 * that is not one of them is the client's; what lies to its left the client
 * wrote itself and is ignored.
 */
#ifndef MAJAKKA_PROXY_H
#define MAJAKKA_PROXY_H

#include <stdbool.h>
#include <stddef.h>
#include "core/err.h"

#define PROXY_MAX 16           /* trusted proxies (addresses or networks) */
#define PROXY_ADDR_MAX 46      /* an address as text, with its NUL (INET6_ADDRSTRLEN) */

struct proxy_net {
	unsigned char addr[16];  /* IPv6; IPv4 as IPv4-mapped (::ffff:a.b.c.d) */
	unsigned bits;           /* prefix length over those 128 bits */
};

/* The trusted proxies; zero-initialised it trusts none. */
struct proxy_list {
	struct proxy_net net[PROXY_MAX];
	size_t n;
};

/* Trust "ADDR" or "ADDR/BITS", IPv4 or IPv6 (e.g. 127.0.0.1, ::1,
 * 10.0.0.0/8).  ERR_INVALID when malformed, ERR_TOO_LARGE past PROXY_MAX. */
enum err proxy_list_add(struct proxy_list *pl, const char *spec);
/* Is addr (text) one of the trusted proxies? */
bool proxy_trusted(const struct proxy_list *pl, const char *addr);

/* The client's address as text into out: peer (the connection's address)
 * unless peer is a trusted proxy, else the right-most address of the
 * X-Forwarded-For header values xff[0..nxff) (in the order received) that is
 * not a trusted proxy.  An element that is not an address ends the walk at
 * the last trusted hop; when every element is trusted the left-most one is
 * the client.  Addresses come out in canonical form (IPv4-mapped IPv6 as
 * IPv4), so one client is always spelled one way. */
void proxy_client_addr(const struct proxy_list *pl, const char *peer, const char *const *xff, size_t nxff,
		       char out[PROXY_ADDR_MAX]);

#endif
