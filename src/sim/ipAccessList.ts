import { z } from 'zod';
import { AtlasError } from './errors.js';
import { canonicalCidr, isNetworkAddress, isSingleAddress, parseAddress, parseBlock } from './networkAddress.js';
import { checkDeleteAfter, ProjectScopedTable } from './projectScopedTable.js';
import type { Actor, World } from './world.js';

/**
 * One entry of a project's IP access list (Atlas: NetworkPermissionEntry). Its identity
 * is `entry`: the canonical CIDR block (`192.0.2.1/32`, `10.0.0.0/8`, `2001:db8::/32`)
 * or the AWS security group id.
 */
export const NetworkPermissionEntryRecord = z.object({
  groupId: z.string(),
  entry: z.string(),
  kind: z.enum(['CIDR', 'AWS_SECURITY_GROUP']),
  comment: z.string().optional(),
  /** Epoch ms when the entry goes away (temporary entries). */
  deleteAfter: z.number().optional(),
  created: z.number(),
});
export type NetworkPermissionEntry = z.infer<typeof NetworkPermissionEntryRecord>;

/** One element of the POST body (the request contract's output). */
export interface NetworkPermissionInput {
  ipAddress?: string | undefined;
  cidrBlock?: string | undefined;
  awsSecurityGroup?: string | undefined;
  comment?: string | undefined;
  /** Epoch ms, already parsed from the ISO 8601 `deleteAfterDate`. */
  deleteAfter?: number | undefined;
}

export const MAX_COMMENT_LENGTH = 80;

/** `sg-` and 8 or 17 hex digits, optionally after the owning account (`123456789012/sg-…`). */
const SECURITY_GROUP = /^(?:\d{12}\/)?sg-(?:[0-9a-f]{8}|[0-9a-f]{17})$/;

const keyOf = (groupId: string, entry: string): string => `${groupId}\0${entry}`;
const keyOfEntry = (e: NetworkPermissionEntry): string => keyOf(e.groupId, e.entry);

/** The fields of the wire view, derived from the entry's identity. */
export function entryAddresses(e: NetworkPermissionEntry): { cidrBlock?: string; ipAddress?: string; awsSecurityGroup?: string } {
  if (e.kind === 'AWS_SECURITY_GROUP') return { awsSecurityGroup: e.entry };
  const block = parseBlock(e.entry)!;
  return isSingleAddress(block) ? { cidrBlock: e.entry, ipAddress: e.entry.slice(0, e.entry.lastIndexOf('/')) } : { cidrBlock: e.entry };
}

/**
 * Project IP access lists (`/groups/{groupId}/accessList`).
 *
 * Decisions where the facts are unclear:
 * - Posting an entry that already exists is not an error: the entry takes the posted
 *   comment and `deleteAfterDate` (NETWORK_PERMISSION_ENTRY_UPDATED when one changed).
 *   Atlas has no PUT or PATCH for entries and does have an UPDATED event type, and the
 *   Atlas CLI and Terraform re-post entries freely (wire-facts D.3: "generally
 *   idempotent"). The same entry twice in one request is 400 DUPLICATE_ADDRESSES_IN_INPUT.
 * - A request is all or nothing: every entry is checked before any is stored.
 * - A block with host bits set (`10.0.0.5/24`) is 400 INVALID_CIDR_BLOCK rather than
 *   silently widened, so that what a client reads back is what it wrote.
 * - AWS security groups need VPC peering in Atlas; the simulator does not model peering
 *   yet, so security-group entries are accepted without it (refusing them all would make
 *   the entry type unusable).
 * - Temporary entries disappear at `deleteAfterDate` on the simulation clock, checked
 *   lazily on every read or write of the project's list; that expiry logs no event.
 * - `GET …/status` answers ACTIVE: the simulator applies entries to every provider at once.
 */
export class IpAccessList extends ProjectScopedTable<NetworkPermissionEntry> {
  constructor(private readonly world: World) {
    super('ipAccessList', NetworkPermissionEntryRecord, keyOfEntry, world.clock);
  }

  /**
   * The entry named in a path (`192.0.2.1`, `192.0.2.1%2F32`, `10.0.0.0%2F8`,
   * `sg-0123abcd`, already decoded). 400 INVALID_IP_ADDRESS_OR_CIDR_NOTATION for text
   * that is none of those (decision), 404 ATLAS_NETWORK_PERMISSION_ENTRY_NOT_FOUND when
   * the project has no such entry.
   */
  get(groupId: string, entryValue: string): NetworkPermissionEntry {
    this.expire(groupId);
    const identity = pathIdentity(entryValue);
    const e = this.rows.get(keyOf(groupId, identity));
    if (!e) throw new AtlasError('ATLAS_NETWORK_PERMISSION_ENTRY_NOT_FOUND', [entryValue, groupId]);
    return e;
  }

  /** Adds or updates the posted entries; returns nothing: the answer is the whole list. */
  add(groupId: string, inputs: readonly NetworkPermissionInput[], actor: Actor): void {
    this.expire(groupId);
    const now = this.clock.now();
    const checked = inputs.map((input) => checkEntry(input, now));
    const seen = new Set<string>();
    for (const c of checked) {
      if (seen.has(c.entry)) throw new AtlasError('DUPLICATE_ADDRESSES_IN_INPUT', []);
      seen.add(c.entry);
    }
    const existing = this.countIn(groupId);
    const added = checked.filter((c) => !this.rows.has(keyOf(groupId, c.entry))).length;
    // The project limit `atlas.project.security.networkAccess.entries` (default 200).
    const limit = this.world.projectSettings.limitValue(groupId, 'atlas.project.security.networkAccess.entries');
    if (existing + added > limit) throw new AtlasError('ATLAS_NETWORK_PERMISSIONS_LIMIT_EXCEEDED', [limit]);
    for (const c of checked) {
      const old = this.rows.get(keyOf(groupId, c.entry));
      const next: NetworkPermissionEntry = {
        groupId,
        entry: c.entry,
        kind: c.kind,
        ...(c.comment !== undefined && { comment: c.comment }),
        ...(c.deleteAfter !== undefined && { deleteAfter: c.deleteAfter }),
        created: old?.created ?? now,
      };
      const fields = { whitelistEntry: c.entry };
      if (!old) {
        this.insert(next);
        this.world.events.record('NETWORK_PERMISSION_ENTRY_ADDED', { groupId }, actor, fields);
      } else if (old.comment !== next.comment || old.deleteAfter !== next.deleteAfter) {
        this.replace(next);
        this.world.events.record('NETWORK_PERMISSION_ENTRY_UPDATED', { groupId }, actor, fields);
      }
    }
  }

  delete(groupId: string, entryValue: string, actor: Actor): void {
    const e = this.get(groupId, entryValue);
    this.remove(keyOfEntry(e));
    this.world.events.record('NETWORK_PERMISSION_ENTRY_REMOVED', { groupId }, actor, { whitelistEntry: e.entry });
  }

  /** `NetworkPermissionEntryStatus.STATUS` of an entry. */
  status(groupId: string, entryValue: string): 'ACTIVE' {
    this.get(groupId, entryValue);
    return 'ACTIVE';
  }

}

/**
 * One posted entry, checked: exactly one of `ipAddress`, `cidrBlock`, `awsSecurityGroup`
 * (400 MISSING_ONE_OF_THREE_ATTRIBUTES, or MULTIPLE_VALUES_SPECIFIED_FOR_ONE_NETWORK_PERMISSION_ENTRY
 * when mixed), a valid address (400 INVALID_IP_ADDRESS_OR_CIDR_NOTATION / INVALID_CIDR_BLOCK),
 * a comment of at most 80 characters (400 INVALID_NETWORK_PERMISSION_COMMENT), and a
 * `deleteAfterDate` within a week (400 EXPIRATION_DATE_IN_PAST / EXPIRATION_DATE_EXCEEDS_MAX;
 * NETWORK_PERMISSION_EXPIRATION_NOT_SUPPORTED for security groups).
 */
function checkEntry(input: NetworkPermissionInput, now: number) {
  const given = [input.ipAddress, input.cidrBlock, input.awsSecurityGroup].filter((v) => v !== undefined).length;
  if (given === 0) throw new AtlasError('MISSING_ONE_OF_THREE_ATTRIBUTES', ['ipAddress', 'cidrBlock', 'awsSecurityGroup']);
  if (given > 1) throw new AtlasError('MULTIPLE_VALUES_SPECIFIED_FOR_ONE_NETWORK_PERMISSION_ENTRY', []);
  let entry: string;
  let kind: NetworkPermissionEntry['kind'] = 'CIDR';
  if (input.ipAddress !== undefined) {
    const a = parseAddress(input.ipAddress);
    if (!a) throw new AtlasError('INVALID_IP_ADDRESS_OR_CIDR_NOTATION', [input.ipAddress]);
    entry = canonicalCidr(a);
  } else if (input.cidrBlock !== undefined) {
    const b = input.cidrBlock.includes('/') ? parseBlock(input.cidrBlock) : null;
    if (!b || !isNetworkAddress(b)) throw new AtlasError('INVALID_CIDR_BLOCK', [input.cidrBlock]);
    entry = canonicalCidr(b);
  } else {
    const sg = input.awsSecurityGroup!;
    if (!SECURITY_GROUP.test(sg)) throw new AtlasError('INVALID_ATTRIBUTE', ['awsSecurityGroup']);
    entry = sg;
    kind = 'AWS_SECURITY_GROUP';
  }
  const comment = input.comment;
  if (comment !== undefined && [...comment].length > MAX_COMMENT_LENGTH) throw new AtlasError('INVALID_NETWORK_PERMISSION_COMMENT', [comment]);
  const deleteAfter = input.deleteAfter;
  if (deleteAfter !== undefined) {
    if (kind === 'AWS_SECURITY_GROUP') throw new AtlasError('NETWORK_PERMISSION_EXPIRATION_NOT_SUPPORTED', []);
    checkDeleteAfter(deleteAfter, now);
  }
  return { entry, kind, comment: comment === '' ? undefined : comment, deleteAfter };
}

/** The identity an entry value in a path stands for. */
function pathIdentity(value: string): string {
  if (SECURITY_GROUP.test(value)) return value;
  const b = parseBlock(value);
  if (!b) throw new AtlasError('INVALID_IP_ADDRESS_OR_CIDR_NOTATION', [value]);
  return canonicalCidr(b);
}
