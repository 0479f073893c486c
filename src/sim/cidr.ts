import { BlockList, isIP } from 'node:net';

/** An IPv4 or IPv6 block in canonical text form (`10.0.0.0/8`, `2001:db8::/32`). */
export interface Cidr {
  address: string;
  prefix: number;
  family: 4 | 6;
  /** `address/prefix` as given (address normalised, host bits kept). */
  text: string;
}

/** Strips the IPv4-mapped prefix that dual-stack sockets report (`::ffff:127.0.0.1`). */
export function normalizeIp(ip: string): string {
  return ip.startsWith('::ffff:') && isIP(ip.slice(7)) === 4 ? ip.slice(7) : ip;
}

/** Parses `a.b.c.d`, `a.b.c.d/n` or an IPv6 equivalent; a bare address becomes /32 or /128. */
export function parseCidr(text: string): Cidr | null {
  if (typeof text !== 'string' || text.length > 64) return null;
  const slash = text.indexOf('/');
  const address = slash < 0 ? text : text.slice(0, slash);
  const family = isIP(address);
  if (family !== 4 && family !== 6) return null;
  const max = family === 4 ? 32 : 128;
  let prefix = max;
  if (slash >= 0) {
    const p = text.slice(slash + 1);
    if (!/^\d{1,3}$/.test(p)) return null;
    prefix = Number(p);
    if (prefix > max) return null;
  }
  // Leading zeros in IPv4 octets are ambiguous (octal in some parsers); refuse them.
  if (family === 4 && address.split('.').some((o) => o.length > 1 && o.startsWith('0'))) return null;
  const addr = family === 6 ? address.toLowerCase() : address;
  return { address: addr, prefix, family, text: `${addr}/${prefix}` };
}

/** True when `ip` lies inside any of the blocks. */
export function ipInAny(ip: string, blocks: readonly string[]): boolean {
  const addr = normalizeIp(ip);
  const family = isIP(addr);
  if (!family) return false;
  const list = new BlockList();
  for (const b of blocks) {
    const c = parseCidr(b);
    if (c) list.addSubnet(c.address, c.prefix, c.family === 4 ? 'ipv4' : 'ipv6');
  }
  return list.check(addr, family === 4 ? 'ipv4' : 'ipv6');
}
