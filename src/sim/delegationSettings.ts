import { z } from 'zod';
import { AtlasError } from './errors.js';
import { Table } from './table.js';
import type { World } from './world.js';

/**
 * An organization's delegation settings (`/orgs/{orgId}/delegationSettings`, 2026-08
 * document): whether MCP clients and partners may act for the organization's users, and
 * how long the refresh tokens of such delegations live. A new organization disallows both
 * (the document's defaults) and leaves the lifetimes to the system default (absent).
 */
export const DelegationSettingsRecord = z.object({
  orgId: z.string(),
  delegatedMcpAccess: z.enum(['DISALLOWED', 'READ_ONLY', 'READ_WRITE']),
  delegatedPartnerAccess: z.enum(['DISALLOWED', 'READ_WRITE']),
  idleRefreshTokenLifetime: z.number().optional(),
  maximumRefreshTokenLifetime: z.number().optional(),
});
export type DelegationSettings = z.infer<typeof DelegationSettingsRecord>;

export interface DelegationSettingsInput {
  delegatedMcpAccess?: DelegationSettings['delegatedMcpAccess'] | undefined;
  delegatedPartnerAccess?: DelegationSettings['delegatedPartnerAccess'] | undefined;
  idleRefreshTokenLifetime?: number | null | undefined;
  maximumRefreshTokenLifetime?: number | null | undefined;
}

/** "Must be between 1 and 31536000 (1 year) when provided." */
const LIFETIME = { min: 1, max: 31_536_000 };
const LIFETIMES = ['idleRefreshTokenLifetime', 'maximumRefreshTokenLifetime'] as const;

export class OrgDelegationSettings extends Table<DelegationSettings> {
  constructor(private readonly world: World) {
    super('orgDelegationSettings', DelegationSettingsRecord, (s) => s.orgId, (s) => ({ orgId: s.orgId }));
  }

  get(orgId: string): DelegationSettings {
    this.world.orgs.get(orgId);
    return this.rows.get(orgId) ?? { orgId, delegatedMcpAccess: 'DISALLOWED', delegatedPartnerAccess: 'DISALLOWED' };
  }

  /**
   * PATCH: only the fields sent change; a lifetime of null goes back to the default.
   * A lifetime outside 1 s to a year is 400 INVALID_ATTRIBUTE naming it. Decision [L]: an
   * idle lifetime longer than the maximum lifetime (both set) could never apply, so it is
   * refused the same way, naming idleRefreshTokenLifetime.
   */
  update(orgId: string, input: DelegationSettingsInput): DelegationSettings {
    const next: DelegationSettings = { ...this.get(orgId) };
    if (input.delegatedMcpAccess !== undefined) next.delegatedMcpAccess = input.delegatedMcpAccess;
    if (input.delegatedPartnerAccess !== undefined) next.delegatedPartnerAccess = input.delegatedPartnerAccess;
    for (const k of LIFETIMES) {
      const v = input[k];
      if (v === null) delete next[k];
      else if (v !== undefined) {
        if (v < LIFETIME.min || v > LIFETIME.max) throw new AtlasError('INVALID_ATTRIBUTE', [k]);
        next[k] = v;
      }
    }
    if (next.idleRefreshTokenLifetime !== undefined && next.maximumRefreshTokenLifetime !== undefined && next.idleRefreshTokenLifetime > next.maximumRefreshTokenLifetime) {
      throw new AtlasError('INVALID_ATTRIBUTE', ['idleRefreshTokenLifetime']);
    }
    return this.insert(next);
  }
}
