import { z } from 'zod';
import { GROUP_ROLES, ORG_ROLES, type GroupRole, type OrgRole } from './roles.js';

/**
 * What API keys and service accounts have in common: they are programmatic principals
 * of one organization, with organization roles, project roles per project, and an
 * optional IP access list.
 */
export const AccessListEntryRecord = z.object({
  cidrBlock: z.string(),
  /** Present when the entry was added as a single address. */
  ipAddress: z.string().optional(),
  created: z.number(),
  lastUsed: z.number().optional(),
  lastUsedAddress: z.string().optional(),
  count: z.number().int(),
});
export type AccessListEntry = z.infer<typeof AccessListEntryRecord>;

export const RoleAssignmentRecord = {
  orgRoles: z.array(z.enum(ORG_ROLES)),
  /** Project id -> project roles. */
  groupRoles: z.record(z.string(), z.array(z.enum(GROUP_ROLES))),
};

export type PrincipalKind = 'API_KEY' | 'SERVICE_ACCOUNT';

/** The authenticated caller, as the wire layer sees it. */
export interface Principal {
  kind: PrincipalKind;
  /** API key id, or service account client id. */
  id: string;
  /** API key public key, or service account client id: the name a user types. */
  name: string;
  orgId: string;
  orgRoles: readonly OrgRole[];
  groupRoles: Readonly<Record<string, readonly GroupRole[]>>;
  /**
   * Project roles of the teams the caller is in, per team (a user's credential only:
   * API keys and service accounts are never team members).
   */
  teamGroupRoles?: readonly Readonly<Record<string, readonly GroupRole[]>>[];
  accessList: readonly AccessListEntry[];
  /** The MongoDB Cloud user a user credential acts for. */
  userId?: string;
}
