import { parseCidr, type Cidr } from './cidr.js';

/**
 * Canonical text of addresses and blocks, so that an entry has one identity however a
 * client writes it (`2001:DB8:0::/32` and `2001:db8::/32` are the same block, written
 * `2001:db8:0:0:0:0:0:0/32`).
 */

/** The 4 or 16 bytes of an address `parseCidr` accepted. */
export function addressBytes(address: string, family: 4 | 6): number[] {
  if (family === 4) return address.split('.').map(Number);
  let text = address;
  const bytes: number[] = [];
  // An embedded IPv4 tail (`::ffff:192.0.2.1`) stands for the last two groups.
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  let tail: number[] = [];
  if (v4) {
    tail = v4[1]!.split('.').map(Number);
    text = text.slice(0, -v4[1]!.length) + '0:0';
  }
  const [head, rest] = text.includes('::') ? text.split('::') : [text, undefined];
  const groups = (s: string | undefined) => (s ? s.split(':').filter((g) => g !== '') : []);
  const left = groups(head);
  const right = groups(rest);
  const all = rest === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  for (const g of all) {
    const n = parseInt(g, 16);
    bytes.push(n >> 8, n & 0xff);
  }
  if (tail.length) bytes.splice(12, 4, ...tail);
  return bytes;
}

/**
 * IPv6 as Java's `InetAddress.getHostAddress` writes it: eight groups of lower-case hex
 * without leading zeros or `::` compression (`2001:db8:0:0:0:0:0:1`). Atlas is a Java
 * service, and this is the only IPv6 form the document's address patterns accept; every
 * access list (project, API key, service account) writes addresses this one way.
 */
export function javaIpv6(bytes: readonly number[]): string {
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i]! << 8) | bytes[i + 1]!).toString(16));
  return groups.join(':');
}

/** Canonical text of a parsed block's address: IPv4 as given, IPv6 in Java's form. */
export function canonicalAddress(c: Cidr): string {
  return c.family === 4 ? c.address : javaIpv6(addressBytes(c.address, 6));
}

/** Canonical `address/prefix` of a parsed block. */
export function canonicalCidr(c: Cidr): string {
  return `${canonicalAddress(c)}/${c.prefix}`;
}

/** True when no host bit of the block's address is set (`10.0.0.0/24`, not `10.0.0.5/24`). */
export function isNetworkAddress(c: Cidr): boolean {
  const bytes = addressBytes(c.address, c.family);
  for (let bit = c.prefix; bit < bytes.length * 8; bit++) {
    if ((bytes[bit >> 3]! >> (7 - (bit & 7))) & 1) return false;
  }
  return true;
}

/** A single address, without a prefix, or null. */
export function parseAddress(text: string): Cidr | null {
  if (typeof text !== 'string' || text.includes('/') || text.includes('%')) return null;
  return parseCidr(text);
}

/** A block `address/prefix` (a bare address counts as /32 or /128), without zone ids, or null. */
export function parseBlock(text: string): Cidr | null {
  if (typeof text !== 'string' || text.includes('%')) return null;
  return parseCidr(text);
}

/** True when the block is one address (/32 for IPv4, /128 for IPv6). */
export function isSingleAddress(c: Cidr): boolean {
  return c.prefix === (c.family === 4 ? 32 : 128);
}
