import { z } from 'zod';
import { GROUP_ROLES, ORG_ROLES } from '../../contracts/api/roles.js';
import { AtlasError } from './errors.js';
import { OBJECT_ID } from './ids.js';
import { Table } from './table.js';
import type { World } from './world.js';

/**
 * Federated authentication: federations (the Federation Management Console's "federation
 * settings"), the organizations connected to them with their role mappings, and the
 * identity providers users and workloads sign in with.
 *
 * Rules (the document's descriptions and MongoDB's "Configure Federated Authentication"):
 * - An organization belongs to at most one federation. Every federation keeps at least
 *   one connected organization: removing the last one is refused, and deleting a
 *   federation is refused while more than one organization is connected to it.
 * - Only OIDC identity providers can be created through the API; SAML ones are made in
 *   the console. An identity provider that an organization still uses cannot be deleted.
 * - A connected organization signs its users in through one workforce identity provider
 *   (`identityProviderId`, the provider's 20-hex `oktaIdpId`) and may accept OIDC
 *   providers for database access (`dataAccessIdentityProviderIds`, their ids). Updating
 *   the configuration replaces these: left out, they are disconnected, and
 *   `domainRestrictionEnabled` goes back to false. Without a sign-in provider the
 *   configuration cannot take role mappings or post-authorization role grants.
 * - Role mappings map an IdP group to organization and project roles of the connected
 *   organization; group names are unique per organization.
 *
 * Decisions where the facts are silent:
 * - Atlas for Government offers federated authentication (its user-access page describes
 *   federated SAML/OIDC accounts), so these operations are served.
 * - There is no operation that creates a federation: every organization is made with its
 *   own, holding only itself, as if its owner had opened the Federation Management
 *   Console. An organization joins another federation by updating that federation's
 *   configuration for it, after leaving its own (deleting it, or being removed from it).
 * - Error codes that the published table lacks are named in its style (see the catalog).
 */
const RoleAssignment = z.object({ orgId: z.string().optional(), groupId: z.string().optional(), role: z.enum([...ORG_ROLES, ...GROUP_ROLES]) });
/** A role assignment as posted: the document leaves `role` optional; the rules require it. */
export type RoleAssignmentInput = Omit<RoleAssignment, 'role'> & { role?: RoleAssignment['role'] | undefined };
const RoleMapping = z.object({ id: z.string(), externalGroupName: z.string(), roleAssignments: z.array(RoleAssignment) });
export type RoleMapping = z.infer<typeof RoleMapping>;
export type RoleAssignment = z.infer<typeof RoleAssignment>;

export const FederationRecord = z.object({ id: z.string(), ownerOrgId: z.string(), created: z.number() });
export type Federation = z.infer<typeof FederationRecord>;

export const ConnectedOrgRecord = z.object({
  orgId: z.string(),
  federationId: z.string(),
  /** The workforce identity provider's `oktaIdpId`. */
  identityProviderId: z.string().optional(),
  dataAccessIdentityProviderIds: z.array(z.string()),
  domainAllowList: z.array(z.string()),
  domainRestrictionEnabled: z.boolean(),
  postAuthRoleGrants: z.array(z.enum(ORG_ROLES)),
  roleMappings: z.array(RoleMapping),
});
export type ConnectedOrg = z.infer<typeof ConnectedOrgRecord>;

export const IdentityProviderRecord = z.object({
  id: z.string(),
  oktaIdpId: z.string(),
  federationId: z.string(),
  /** The organization that owns the federation (tenant reset). */
  ownerOrgId: z.string(),
  protocol: z.enum(['SAML', 'OIDC']),
  idpType: z.enum(['WORKFORCE', 'WORKLOAD']),
  displayName: z.string(),
  description: z.string().optional(),
  issuerUri: z.string(),
  created: z.number(),
  updated: z.number(),
  associatedDomains: z.array(z.string()),
  // OIDC
  audience: z.string().optional(),
  authorizationType: z.enum(['GROUP', 'USER']).optional(),
  clientId: z.string().optional(),
  groupsClaim: z.string().optional(),
  requestedScopes: z.array(z.string()).optional(),
  userClaim: z.string().optional(),
  /** When the provider's signing keys were last dropped (`DELETE …/jwks`). */
  jwksRevoked: z.number().optional(),
});
export type IdentityProvider = z.infer<typeof IdentityProviderRecord>;

export interface OidcInput {
  protocol?: string | undefined;
  idpType?: string | undefined;
  displayName?: string | undefined;
  description?: string | undefined;
  issuerUri?: string | undefined;
  audience?: string | undefined;
  authorizationType?: 'GROUP' | 'USER' | undefined;
  clientId?: string | undefined;
  groupsClaim?: string | undefined;
  userClaim?: string | undefined;
  requestedScopes?: string[] | undefined;
  associatedDomains?: string[] | undefined;
}

/** Attributes of SAML providers: an OIDC provider refuses them. */
export interface SamlInput {
  pemFileInfo?: unknown;
  requestBinding?: string | undefined;
  responseSignatureAlgorithm?: string | undefined;
  slug?: string | undefined;
  ssoDebugEnabled?: boolean | undefined;
  ssoUrl?: string | undefined;
  status?: string | undefined;
}

export interface OrgConfigInput {
  identityProviderId?: string | undefined;
  dataAccessIdentityProviderIds?: string[] | undefined;
  domainAllowList?: string[] | undefined;
  domainRestrictionEnabled: boolean;
  postAuthRoleGrants?: Array<(typeof ORG_ROLES)[number]> | undefined;
  roleMappings?: Array<{ externalGroupName: string; roleAssignments?: RoleAssignmentInput[] | undefined }> | undefined;
}

class Federations extends Table<Federation> {
  constructor() {
    super('federations', FederationRecord, (f) => f.id, (f) => ({ orgId: f.ownerOrgId }));
  }
  add(f: Federation): void {
    this.insert(f);
  }
  drop(id: string): void {
    this.remove(id);
  }
}

class ConnectedOrgs extends Table<ConnectedOrg> {
  readonly #byFederation = new Map<string, Set<string>>();
  constructor() {
    super('federationConnectedOrgs', ConnectedOrgRecord, (c) => c.orgId, (c) => ({ orgId: c.orgId }));
  }
  protected override onInsert(c: ConnectedOrg): void {
    let s = this.#byFederation.get(c.federationId);
    if (!s) this.#byFederation.set(c.federationId, (s = new Set()));
    s.add(c.orgId);
  }
  protected override onRemove(c: ConnectedOrg): void {
    this.#byFederation.get(c.federationId)?.delete(c.orgId);
  }
  put(c: ConnectedOrg): void {
    this.insert(c);
  }
  drop(orgId: string): void {
    this.remove(orgId);
  }
  /** The federation's connected organizations, by organization id. */
  inFederation(federationId: string): ConnectedOrg[] {
    return [...(this.#byFederation.get(federationId) ?? [])].sort().map((id) => this.rows.get(id)!);
  }
}

class IdentityProviders extends Table<IdentityProvider> {
  readonly #byFederation = new Map<string, Set<string>>();
  constructor() {
    super('federationIdentityProviders', IdentityProviderRecord, (p) => p.id, (p) => ({ orgId: p.ownerOrgId }));
  }
  protected override onInsert(p: IdentityProvider): void {
    let s = this.#byFederation.get(p.federationId);
    if (!s) this.#byFederation.set(p.federationId, (s = new Set()));
    s.add(p.id);
  }
  protected override onRemove(p: IdentityProvider): void {
    this.#byFederation.get(p.federationId)?.delete(p.id);
  }
  put(p: IdentityProvider): void {
    this.insert(p);
  }
  drop(id: string): void {
    this.remove(id);
  }
  /** The federation's providers in creation order. */
  inFederation(federationId: string): IdentityProvider[] {
    return [...(this.#byFederation.get(federationId) ?? [])].map((id) => this.rows.get(id)!).sort((a, b) => a.created - b.created || (a.id < b.id ? -1 : 1));
  }
}

const OKTA_IDP_ID = /^[a-f0-9]{20}$/;

export class FederatedAuth {
  readonly federations = new Federations();
  readonly connectedOrgs = new ConnectedOrgs();
  readonly identityProviders = new IdentityProviders();

  constructor(private readonly world: World) {}

  /** Gives a new organization its own federation, holding only itself. */
  createFor(orgId: string): Federation {
    const f: Federation = { id: this.world.ids.next(), ownerOrgId: orgId, created: this.world.clock.now() };
    this.federations.add(f);
    this.connectedOrgs.put({ orgId, federationId: f.id, dataAccessIdentityProviderIds: [], domainAllowList: [], domainRestrictionEnabled: false, postAuthRoleGrants: [], roleMappings: [] });
    return f;
  }

  /** The federation, or 404 FEDERATION_SETTINGS_NOT_FOUND (also for a malformed id). */
  get(federationId: string): Federation {
    const f = OBJECT_ID.test(federationId) ? this.federations.find(federationId) : undefined;
    if (!f) throw new AtlasError('FEDERATION_SETTINGS_NOT_FOUND', [federationId]);
    return f;
  }

  /** The organizations whose owners may manage the federation. */
  connectedOrgIds(federationId: string): string[] {
    return this.connectedOrgs.inFederation(this.get(federationId).id).map((c) => c.orgId);
  }

  /** The federation an organization is connected to, or 404 FEDERATION_SETTINGS_NOT_FOUND. */
  federationOf(orgId: string): { federation: Federation; config: ConnectedOrg } {
    this.world.orgs.get(orgId);
    const config = this.connectedOrgs.find(orgId);
    if (!config) throw new AtlasError('FEDERATION_SETTINGS_NOT_FOUND', [orgId]);
    return { federation: this.get(config.federationId), config };
  }

  /**
   * Deletes the federation with its identity providers. Refused (400
   * FEDERATION_HAS_CONNECTED_ORGS) while more than one organization is connected.
   */
  deleteFederation(federationId: string): void {
    const f = this.get(federationId);
    const connected = this.connectedOrgs.inFederation(f.id);
    if (connected.length > 1) throw new AtlasError('FEDERATION_HAS_CONNECTED_ORGS', [f.id]);
    for (const c of connected) this.connectedOrgs.drop(c.orgId);
    for (const p of this.identityProviders.inFederation(f.id)) this.identityProviders.drop(p.id);
    this.federations.drop(f.id);
  }

  // --- connected organizations -------------------------------------------------------

  listConfigs(federationId: string): ConnectedOrg[] {
    return this.connectedOrgs.inFederation(this.get(federationId).id);
  }

  /** The organization's configuration in this federation, or 404 CONNECTED_ORG_CONFIG_NOT_FOUND. */
  getConfig(federationId: string, orgId: string): ConnectedOrg {
    const f = this.get(federationId);
    const c = this.connectedOrgs.find(orgId);
    if (!c || c.federationId !== f.id) throw new AtlasError('CONNECTED_ORG_CONFIG_NOT_FOUND', [orgId, federationId]);
    return c;
  }

  /**
   * Replaces the organization's configuration (see the class rules), connecting the
   * organization when it belongs to no federation yet (400
   * ORG_ALREADY_ASSOCIATED_WITH_FEDERATION when it belongs to another).
   */
  updateConfig(federationId: string, orgId: string, input: OrgConfigInput): ConnectedOrg {
    const f = this.get(federationId);
    // A configuration left behind by a federation deleted with its owning organization binds nothing.
    const found = this.connectedOrgs.find(orgId);
    const current = found && this.federations.find(found.federationId) ? found : undefined;
    if (current && current.federationId !== f.id) throw new AtlasError('ORG_ALREADY_ASSOCIATED_WITH_FEDERATION', []);
    const providers = this.identityProviders.inFederation(f.id);
    if (input.identityProviderId !== undefined) {
      const p = providers.find((q) => q.oktaIdpId === input.identityProviderId);
      if (!p || p.idpType !== 'WORKFORCE') throw new AtlasError('CONNECTED_ORG_CONFIG_IDP_NOT_IN_FEDERATION', [input.identityProviderId]);
    }
    const dataAccess = [...new Set(input.dataAccessIdentityProviderIds ?? [])];
    for (const id of dataAccess) {
      if (!providers.some((q) => q.id === id && q.protocol === 'OIDC')) throw new AtlasError('CONNECTED_ORG_CONFIG_IDP_NOT_IN_FEDERATION', [id]);
    }
    const grants = [...new Set(input.postAuthRoleGrants ?? [])];
    const wantsMappings = (input.roleMappings?.length ?? 0) > 0 || grants.length > 0;
    if (input.identityProviderId === undefined && wantsMappings) throw new AtlasError('ROLE_MAPPINGS_NEED_IDENTITY_PROVIDER', []);
    const existing = current?.roleMappings ?? [];
    let roleMappings = existing;
    if (input.roleMappings !== undefined) {
      const names = new Set<string>();
      roleMappings = input.roleMappings.map((m) => {
        if (names.has(m.externalGroupName)) throw new AtlasError('DUPLICATE_ROLE_MAPPING', [m.externalGroupName]);
        names.add(m.externalGroupName);
        const assignments = this.#checkAssignments(orgId, m.roleAssignments ?? []);
        const id = existing.find((e) => e.externalGroupName === m.externalGroupName)?.id ?? this.world.ids.next();
        return { id, externalGroupName: m.externalGroupName, roleAssignments: assignments };
      });
    }
    const next: ConnectedOrg = {
      orgId,
      federationId: f.id,
      ...(input.identityProviderId !== undefined && { identityProviderId: input.identityProviderId }),
      dataAccessIdentityProviderIds: dataAccess,
      domainAllowList: [...new Set(input.domainAllowList ?? [])],
      domainRestrictionEnabled: input.domainRestrictionEnabled,
      postAuthRoleGrants: grants,
      roleMappings,
    };
    this.connectedOrgs.put(next);
    return next;
  }

  /** Disconnects an organization; refused (400 CANNOT_REMOVE_LAST_CONNECTED_ORG) for the last one. */
  removeConfig(federationId: string, orgId: string): void {
    const c = this.getConfig(federationId, orgId);
    if (this.connectedOrgs.inFederation(c.federationId).length <= 1) throw new AtlasError('CANNOT_REMOVE_LAST_CONNECTED_ORG', [federationId]);
    this.connectedOrgs.drop(orgId);
  }

  // --- role mappings -----------------------------------------------------------------

  getRoleMapping(federationId: string, orgId: string, id: string): RoleMapping {
    const m = this.getConfig(federationId, orgId).roleMappings.find((r) => r.id === id);
    if (!m) throw new AtlasError('ROLE_MAPPING_NOT_FOUND', [id]);
    return m;
  }

  createRoleMapping(federationId: string, orgId: string, input: { externalGroupName: string; roleAssignments?: RoleAssignmentInput[] | undefined }): RoleMapping {
    const c = this.getConfig(federationId, orgId);
    if (c.roleMappings.some((m) => m.externalGroupName === input.externalGroupName)) throw new AtlasError('DUPLICATE_ROLE_MAPPING', [input.externalGroupName]);
    const m: RoleMapping = { id: this.world.ids.next(), externalGroupName: input.externalGroupName, roleAssignments: this.#checkAssignments(orgId, input.roleAssignments ?? []) };
    c.roleMappings.push(m);
    return m;
  }

  updateRoleMapping(federationId: string, orgId: string, id: string, input: { externalGroupName: string; roleAssignments?: RoleAssignmentInput[] | undefined }): RoleMapping {
    const c = this.getConfig(federationId, orgId);
    const m = this.getRoleMapping(federationId, orgId, id);
    if (c.roleMappings.some((o) => o.id !== id && o.externalGroupName === input.externalGroupName)) throw new AtlasError('DUPLICATE_ROLE_MAPPING', [input.externalGroupName]);
    m.externalGroupName = input.externalGroupName;
    m.roleAssignments = this.#checkAssignments(orgId, input.roleAssignments ?? []);
    return m;
  }

  deleteRoleMapping(federationId: string, orgId: string, id: string): void {
    const c = this.getConfig(federationId, orgId);
    this.getRoleMapping(federationId, orgId, id);
    c.roleMappings = c.roleMappings.filter((m) => m.id !== id);
  }

  /**
   * Organization roles must name the connected organization and project roles one of its
   * projects (400 INVALID_ATTRIBUTE roleAssignments; an unknown project is 404
   * GROUP_NOT_FOUND). Duplicates collapse.
   */
  #checkAssignments(orgId: string, assignments: readonly RoleAssignmentInput[]): RoleAssignment[] {
    const out: RoleAssignment[] = [];
    for (const input of assignments) {
      if (input.role === undefined) throw new AtlasError('MISSING_ATTRIBUTE', ['role']);
      const a = { ...input, role: input.role };
      const orgRole = (ORG_ROLES as readonly string[]).includes(a.role);
      if (orgRole ? a.orgId !== orgId || a.groupId !== undefined : a.groupId === undefined || a.orgId !== undefined) {
        throw new AtlasError('INVALID_ATTRIBUTE', ['roleAssignments']);
      }
      if (!orgRole && this.world.projects.get(a.groupId!).orgId !== orgId) throw new AtlasError('INVALID_ATTRIBUTE', ['roleAssignments']);
      const clean: RoleAssignment = orgRole ? { orgId, role: a.role } : { groupId: a.groupId!, role: a.role };
      if (!out.some((o) => o.role === clean.role && o.orgId === clean.orgId && o.groupId === clean.groupId)) out.push(clean);
    }
    return out;
  }

  // --- identity providers ------------------------------------------------------------

  /** Providers of the given protocols and types: SAML and WORKFORCE when the caller names none (the document). */
  listProviders(federationId: string, protocols: readonly string[] = ['SAML'], idpTypes: readonly string[] = ['WORKFORCE']): IdentityProvider[] {
    return this.identityProviders.inFederation(this.get(federationId).id).filter((p) => protocols.includes(p.protocol) && idpTypes.includes(p.idpType));
  }

  /** The provider by its id (or, as Atlas also accepts, its `oktaIdpId`), or 404 IDENTITY_PROVIDER_NOT_FOUND. */
  getProvider(federationId: string, id: string): IdentityProvider {
    const f = this.get(federationId);
    const p = OBJECT_ID.test(id) ? this.identityProviders.find(id) : OKTA_IDP_ID.test(id) ? this.identityProviders.inFederation(f.id).find((q) => q.oktaIdpId === id) : undefined;
    if (!p || p.federationId !== f.id) throw new AtlasError('IDENTITY_PROVIDER_NOT_FOUND', [id, federationId]);
    return p;
  }

  /** Creates an OIDC provider (SAML: 400 INVALID_ATTRIBUTE protocol, as only the console makes those). */
  createProvider(federationId: string, input: OidcInput): IdentityProvider {
    const f = this.get(federationId);
    if (input.protocol === undefined) throw new AtlasError('MISSING_ATTRIBUTE', ['protocol']);
    if (input.protocol !== 'OIDC') throw new AtlasError('INVALID_ATTRIBUTE', ['protocol']);
    const idpType = input.idpType ?? 'WORKFORCE';
    if (idpType !== 'WORKFORCE' && idpType !== 'WORKLOAD') throw new AtlasError('INVALID_ENUM_VALUE', [idpType, 'idpType']);
    const now = this.world.clock.now();
    const p: IdentityProvider = {
      id: this.world.ids.next(),
      oktaIdpId: this.world.random.hex(20),
      federationId: f.id,
      ownerOrgId: f.ownerOrgId,
      protocol: 'OIDC',
      idpType,
      displayName: '',
      issuerUri: '',
      created: now,
      updated: now,
      associatedDomains: [],
      requestedScopes: [],
      userClaim: 'sub',
      authorizationType: 'USER',
    };
    this.#applyOidc(p, input, true);
    this.identityProviders.put(p);
    return p;
  }

  /** Changes a provider; the protocol and type cannot change, and attributes of the other kind are refused. */
  updateProvider(federationId: string, id: string, input: OidcInput & SamlInput): IdentityProvider {
    const p = this.getProvider(federationId, id);
    if (input.protocol !== undefined && input.protocol !== p.protocol) throw new AtlasError('IDENTITY_PROVIDER_WRONG_PROTOCOL', [p.id, p.protocol]);
    if (input.idpType !== undefined && input.idpType !== p.idpType) throw new AtlasError('INVALID_ATTRIBUTE', ['idpType']);
    if (p.protocol === 'OIDC') {
      for (const k of ['pemFileInfo', 'requestBinding', 'responseSignatureAlgorithm', 'slug', 'ssoDebugEnabled', 'ssoUrl', 'status'] as const) {
        if (input[k] !== undefined) throw new AtlasError('INVALID_ATTRIBUTE', [k]);
      }
      this.#applyOidc(p, input, false);
    }
    p.updated = this.world.clock.now();
    return p;
  }

  /** Deletes a provider that no organization uses (400 IDENTITY_PROVIDER_IN_USE otherwise). */
  deleteProvider(federationId: string, id: string): void {
    const p = this.getProvider(federationId, id);
    if (this.associatedOrgs(p).length > 0) throw new AtlasError('IDENTITY_PROVIDER_IN_USE', [p.id]);
    this.identityProviders.drop(p.id);
  }

  /** Drops an OIDC provider's cached signing keys (SAML: 400 IDENTITY_PROVIDER_WRONG_PROTOCOL). */
  revokeJwks(federationId: string, id: string): void {
    const p = this.getProvider(federationId, id);
    if (p.protocol !== 'OIDC') throw new AtlasError('IDENTITY_PROVIDER_WRONG_PROTOCOL', [p.id, p.protocol]);
    p.jwksRevoked = this.world.clock.now();
    p.updated = p.jwksRevoked;
  }

  /** SAML metadata of a provider; OIDC providers have none (400 IDENTITY_PROVIDER_WRONG_PROTOCOL). */
  metadata(federationId: string, id: string): string {
    const p = this.getProvider(federationId, id);
    if (p.protocol !== 'SAML') throw new AtlasError('IDENTITY_PROVIDER_WRONG_PROTOCOL', [p.id, p.protocol]);
    return `<?xml version="1.0" encoding="UTF-8"?><md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="${p.issuerUri}"/>`;
  }

  /** The organizations that sign in with the provider or accept it for database access. */
  associatedOrgs(p: IdentityProvider): ConnectedOrg[] {
    return this.connectedOrgs.inFederation(p.federationId).filter((c) => c.identityProviderId === p.oktaIdpId || c.dataAccessIdentityProviderIds.includes(p.id));
  }

  /**
   * OIDC attributes. Required on creation: displayName, issuerUri, audience, and for
   * workforce providers clientId; `groupsClaim` whenever authorization is by GROUP.
   * Workforce-only attributes (clientId, requestedScopes, associatedDomains) are refused
   * for workload providers. Issuer URIs are unique in a federation.
   */
  #applyOidc(p: IdentityProvider, input: OidcInput, creating: boolean): void {
    const workload = p.idpType === 'WORKLOAD';
    for (const k of ['clientId', 'requestedScopes', 'associatedDomains'] as const) {
      if (workload && input[k] !== undefined) throw new AtlasError('INVALID_ATTRIBUTE', [k]);
    }
    const required = workload ? (['displayName', 'issuerUri', 'audience'] as const) : (['displayName', 'issuerUri', 'audience', 'clientId'] as const);
    if (creating) for (const k of required) if (!input[k]) throw new AtlasError('MISSING_ATTRIBUTE', [k]);
    if (input.displayName !== undefined) p.displayName = input.displayName;
    if (input.description !== undefined) p.description = input.description;
    if (input.issuerUri !== undefined) {
      if (!/^https:\/\/\S+$/.test(input.issuerUri)) throw new AtlasError('INVALID_ATTRIBUTE', ['issuerUri']);
      if (this.identityProviders.inFederation(p.federationId).some((q) => q.id !== p.id && q.issuerUri === input.issuerUri)) {
        throw new AtlasError('DUPLICATE_IDENTITY_PROVIDER_ISSUER', [input.issuerUri]);
      }
      p.issuerUri = input.issuerUri;
    }
    if (input.audience !== undefined) p.audience = input.audience;
    if (input.authorizationType !== undefined) p.authorizationType = input.authorizationType;
    if (input.groupsClaim !== undefined) p.groupsClaim = input.groupsClaim;
    if (input.userClaim !== undefined) p.userClaim = input.userClaim;
    if (!workload) {
      if (input.clientId !== undefined) p.clientId = input.clientId;
      if (input.requestedScopes !== undefined) p.requestedScopes = [...input.requestedScopes];
      if (input.associatedDomains !== undefined) p.associatedDomains = [...new Set(input.associatedDomains.map((d) => d.toLowerCase()))];
    } else {
      delete p.requestedScopes;
    }
    if (p.authorizationType === 'GROUP' && !p.groupsClaim) throw new AtlasError('MISSING_ATTRIBUTE', ['groupsClaim']);
  }
}
