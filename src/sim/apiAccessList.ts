import { AtlasError } from './errors.js';
import { parseCidr, type Cidr } from './cidr.js';
import { canonicalAddress, isSingleAddress } from './networkAddress.js';
import type { AccessListEntry } from './principals.js';

/** One entry as a client sends it: an address or a block, never both. */
export interface AccessListInput {
  cidrBlock?: string | undefined;
  ipAddress?: string | undefined;
}

/** Canonical text of a parsed block (IPv6 in Java's form, as every access list writes it). */
function canonical(c: Cidr): Cidr {
  const address = canonicalAddress(c);
  return { ...c, address, text: `${address}/${c.prefix}` };
}

/** The entry a request asks for, validated: 400 when it names neither, both, or a malformed value. */
export function parseAccessListInput(input: AccessListInput): { cidrBlock: string; ipAddress?: string } {
  const { cidrBlock, ipAddress } = input;
  if (cidrBlock !== undefined && ipAddress !== undefined) throw new AtlasError('BAD_WHITELIST_ADD_REQUEST', []);
  if (cidrBlock === undefined && ipAddress === undefined) throw new AtlasError('MISSING_ONE_OF_ATTRIBUTES', ['ipAddress', 'cidrBlock']);
  if (ipAddress !== undefined) {
    const p = ipAddress.includes('/') ? null : parseCidr(ipAddress);
    if (!p) throw new AtlasError('INVALID_IP_ADDRESS_OR_CIDR_NOTATION', [ipAddress]);
    const c = canonical(p);
    return { cidrBlock: c.text, ipAddress: c.address };
  }
  // The document's pattern allows the slash percent-encoded, as in paths. A block must
  // name its prefix: a bare address in `cidrBlock` is not CIDR notation.
  const text = cidrBlock!.replace(/%2f/gi, '/');
  const p = text.includes('/') ? parseCidr(text) : null;
  if (!p) throw new AtlasError('INVALID_CIDR_BLOCK', [cidrBlock]);
  const c = canonical(p);
  // A block of one address also shows as `ipAddress` (recorded: `192.168.0.229/32` with `192.168.0.229`).
  return isSingleAddress(c) ? { cidrBlock: c.text, ipAddress: c.address } : { cidrBlock: c.text };
}

/**
 * The entry a path names (`/accessList/{ipAddress}`): an address, or a block with its
 * slash percent-encoded (`10.0.0.0%2F8`, decoded by the router). Malformed is 400, as
 * for the same value in a body.
 */
export function parseAccessListPath(value: string): string {
  const c = parseCidr(value);
  if (!c) throw new AtlasError('INVALID_IP_ADDRESS_OR_CIDR_NOTATION', [value]);
  return canonical(c).text;
}

/** The text a path or link uses for an entry: the bare address for one address, else the block. */
export function accessListPathValue(e: AccessListEntry): string {
  return e.ipAddress ?? e.cidrBlock;
}

/**
 * Validates a batch of new entries against a principal's list, all or nothing: a
 * malformed entry, the same block twice in one request (400 DUPLICATE_ADDRESSES_IN_INPUT)
 * or a block already on the list (409 ADDRESS_ALREADY_IN_WHITELIST: the document lists
 * a 409 for these operations and a duplicate is the only conflict they can have)
 * rejects the whole request before anything is added.
 */
export function newAccessListEntries(existing: readonly AccessListEntry[], inputs: readonly AccessListInput[], now: number): AccessListEntry[] {
  const parsed = inputs.map(parseAccessListInput);
  const seen = new Set<string>();
  for (const p of parsed) {
    if (seen.has(p.cidrBlock)) throw new AtlasError('DUPLICATE_ADDRESSES_IN_INPUT', []);
    seen.add(p.cidrBlock);
  }
  for (const p of parsed) {
    if (existing.some((e) => e.cidrBlock === p.cidrBlock)) throw new AtlasError('ADDRESS_ALREADY_IN_WHITELIST', [p.ipAddress ?? p.cidrBlock]);
  }
  return parsed.map((p) => ({ ...p, created: now, count: 0 }));
}

/** Index of the entry for a path value, or -1. */
export function findAccessListEntry(list: readonly AccessListEntry[], pathValue: string): number {
  const cidr = parseAccessListPath(pathValue);
  return list.findIndex((e) => e.cidrBlock === cidr);
}
