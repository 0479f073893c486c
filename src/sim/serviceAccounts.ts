import { timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { AtlasError } from './errors.js';
import { AccessListEntryRecord, RoleAssignmentRecord, type Principal } from './principals.js';
import { ALNUM } from './random.js';
import { isOrgRole, type GroupRole, type OrgRole } from './roles.js';
import { Table } from './table.js';
import type { World } from './world.js';

export const CLIENT_ID_PREFIX = 'mdb_sa_id_';
export const SECRET_PREFIX = 'mdb_sa_sk_';

export const ServiceAccountSecretRecord = z.object({
  id: z.string(),
  /** Full secret; returned to the client only in the response that created it. */
  secret: z.string(),
  createdAt: z.number(),
  expiresAt: z.number(),
  lastUsedAt: z.number().optional(),
});
export type ServiceAccountSecret = z.infer<typeof ServiceAccountSecretRecord>;

export const ServiceAccountRecord = z.object({
  clientId: z.string(),
  orgId: z.string(),
  name: z.string(),
  description: z.string(),
  createdAt: z.number(),
  ...RoleAssignmentRecord,
  secrets: z.array(ServiceAccountSecretRecord),
  accessList: z.array(AccessListEntryRecord),
});
export type ServiceAccount = z.infer<typeof ServiceAccountRecord>;

/** Service accounts: OAuth 2.0 client-credentials principals of organizations. */
export class ServiceAccounts extends Table<ServiceAccount> {
  constructor(private readonly world: World) {
    super('serviceAccounts', ServiceAccountRecord, (s) => s.clientId, (s) => ({ orgId: s.orgId }));
  }

  create(
    orgId: string,
    input: { name: string; description: string; orgRoles: OrgRole[]; groupRoles?: Record<string, GroupRole[]>; secretExpiresAfterHours: number },
  ): { account: ServiceAccount; secret: ServiceAccountSecret } {
    this.world.orgs.get(orgId);
    for (const r of input.orgRoles) if (!isOrgRole(r)) throw new AtlasError('INVALID_ENUM_VALUE', [r]);
    const now = this.world.clock.now();
    const account: ServiceAccount = {
      clientId: CLIENT_ID_PREFIX + this.world.ids.next(),
      orgId,
      name: input.name,
      description: input.description,
      createdAt: now,
      orgRoles: [...new Set(input.orgRoles)],
      groupRoles: input.groupRoles ?? {},
      secrets: [],
      accessList: [],
    };
    const secret = this.newSecret(account, input.secretExpiresAfterHours);
    this.insert(account);
    return { account, secret };
  }

  /** Adds a secret to the account; the caller returns its full value exactly once. */
  newSecret(account: ServiceAccount, expiresAfterHours: number): ServiceAccountSecret {
    const now = this.world.clock.now();
    const secret: ServiceAccountSecret = {
      id: this.world.ids.next(),
      secret: SECRET_PREFIX + this.world.random.chars(40, ALNUM),
      createdAt: now,
      expiresAt: now + expiresAfterHours * 3_600_000,
    };
    account.secrets.push(secret);
    return secret;
  }

  /**
   * The account whose unexpired secret matches, or undefined. Compares in constant time
   * per secret so a timing probe learns nothing about prefixes.
   */
  verifySecret(clientId: string, secret: string): ServiceAccount | undefined {
    const account = this.rows.get(clientId);
    if (!account) return undefined;
    const now = this.world.clock.now();
    const given = Buffer.from(secret);
    for (const s of account.secrets) {
      const stored = Buffer.from(s.secret);
      if (stored.length === given.length && timingSafeEqual(stored, given) && now < s.expiresAt) {
        s.lastUsedAt = now;
        return account;
      }
    }
    return undefined;
  }

  delete(clientId: string): ServiceAccount | undefined {
    return this.remove(clientId);
  }

  listByOrg(orgId: string): ServiceAccount[] {
    return [...this.rows.values()].filter((s) => s.orgId === orgId);
  }

  static principal(s: ServiceAccount): Principal {
    return {
      kind: 'SERVICE_ACCOUNT',
      id: s.clientId,
      name: s.clientId,
      orgId: s.orgId,
      orgRoles: s.orgRoles,
      groupRoles: s.groupRoles,
      accessList: s.accessList,
    };
  }
}
