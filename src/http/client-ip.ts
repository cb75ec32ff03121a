import type { IncomingMessage } from 'node:http';
import { BlockList, isIP } from 'node:net';

/**
 * Which peers may tell us the client's address in X-Forwarded-For: only the reverse proxies listed in
 * TRUSTED_PROXIES (addresses or CIDR blocks). Trusting every private address let anyone on the same network
 * choose the address the login throttle and the rate limits count against.
 */
export type ProxyTrust = (ip: string) => boolean;

export interface Cidr {
  address: string;
  prefix: number;
  family: 'ipv4' | 'ipv6';
}

/** "10.0.0.0/8", "fd00::/8" or a single address; null when it is neither. */
export function parseCidr(entry: string): Cidr | null {
  const [address = '', prefixText, ...rest] = entry.trim().split('/');
  if (rest.length > 0) return null;
  const version = isIP(address);
  if (version === 0) return null;
  const bits = version === 4 ? 32 : 128;
  if (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) return null;
  const prefix = prefixText === undefined ? bits : Number(prefixText);
  if (prefix > bits) return null;
  return { address, prefix, family: version === 4 ? 'ipv4' : 'ipv6' };
}

/** A comma-separated TRUSTED_PROXIES value; the first malformed entry is returned as `error`. */
export function parseCidrList(value: string): { cidrs: Cidr[] } | { error: string } {
  const cidrs: Cidr[] = [];
  for (const entry of value.split(',').map((e) => e.trim()).filter(Boolean)) {
    const cidr = parseCidr(entry);
    if (!cidr) return { error: entry };
    cidrs.push(cidr);
  }
  return { cidrs };
}

/** The trust check for a list of blocks; an empty list trusts no proxy. */
export function proxyTrust(cidrs: readonly Cidr[]): ProxyTrust {
  if (cidrs.length === 0) return () => false;
  const list = new BlockList();
  for (const c of cidrs) list.addSubnet(c.address, c.prefix, c.family);
  return (ip) => {
    const plain = ip.startsWith('::ffff:') && isIP(ip.slice(7)) === 4 ? ip.slice(7) : ip;
    const version = isIP(plain);
    return version !== 0 && list.check(plain, version === 4 ? 'ipv4' : 'ipv6');
  };
}

/** The client's address: the socket peer, or the nearest untrusted hop of X-Forwarded-For behind a trusted proxy. */
export function clientIp(req: IncomingMessage, trusted: ProxyTrust): string {
  let ip = req.socket.remoteAddress ?? 'unknown';
  const xff = req.headers['x-forwarded-for'];
  if (typeof xff === 'string' && trusted(ip)) {
    const hops = xff.split(',').map((h) => h.trim()).filter(Boolean);
    for (let i = hops.length - 1; i >= 0; i--) {
      ip = hops[i]!;
      if (!trusted(ip)) break;
    }
  }
  return ip;
}
