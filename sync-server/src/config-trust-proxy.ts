import { isIP } from 'node:net';

/** proxy-addr's names for address ranges (Fastify's trustProxy passes them on), accepted as they are. */
const RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** What TRUST_PROXY=1 means in development: a proxy on this machine. */
const DEVELOPMENT_PROXY = ['loopback'] as const;

/**
 * Reads TRUST_PROXY: off (unset, `0`, `false`), or the proxy's addresses as a comma-separated list of IPs, CIDRs
 * (`10.0.0.0/24`, `fd00::/8`) or proxy-addr's range names (`loopback`, `linklocal`, `uniquelocal`). Only a request
 * whose peer is one of them has its X-Forwarded-For believed (Fastify trustProxy, proxy-addr); any other client
 * is known by its own address, whatever it writes in that header. A bare `1`/`true` would believe every client:
 * it is refused in production and means `loopback` in development. Returns false or the list; throws `Error`
 * naming the entry that is not an address.
 */
export function parseTrustProxy(value: string | undefined, production: boolean): readonly string[] | false {
  const text = (value ?? '').trim();
  if (text === '' || text === '0' || text === 'false') return false;
  if (text === '1' || text === 'true') {
    if (production)
      throw new Error(
        "TRUST_PROXY=1 would believe any client's X-Forwarded-For: name the proxy's addresses, e.g. TRUST_PROXY=10.0.0.5 or TRUST_PROXY=10.0.0.0/24,loopback",
      );
    return DEVELOPMENT_PROXY;
  }
  const entries = text.split(',').map((entry) => entry.trim());
  for (const entry of entries) {
    if (RANGE_NAMES.has(entry)) continue;
    const [address = '', prefix, ...rest] = entry.split('/');
    const version = isIP(address);
    const bits = version === 4 ? 32 : 128;
    const prefixOk = prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= bits);
    if (version === 0 || !prefixOk || rest.length > 0)
      throw new Error(
        `TRUST_PROXY: "${entry}" is not an IP address, a CIDR range or loopback/linklocal/uniquelocal`,
      );
  }
  return entries;
}
