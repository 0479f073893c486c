import { z } from 'zod';
import type { OperationSpec } from '../operation.js';
import { PAGING_QUERY } from '../operation.js';
import { AtlasDate, ObjectId, paginated } from '../schemas/common.js';
import { optional, readOnly } from '../schemas/input.js';
import { GROUP_ROLES, ORG_ROLES } from '../roles.js';

const OktaIdpId = z.string().regex(/^[a-f0-9]{20}$/);

/** ConnectedOrgConfigRoleAssignment: an organization role (`orgId`) or a project role (`groupId`). */
const RoleAssignment = z.strictObject({
  groupId: ObjectId.optional(),
  orgId: ObjectId.optional(),
  role: z.enum([...ORG_ROLES, ...GROUP_ROLES]),
});
const RoleAssignmentInput = z.strictObject({
  groupId: optional(ObjectId),
  orgId: optional(ObjectId),
  role: optional(z.enum([...ORG_ROLES, ...GROUP_ROLES])),
});

/** AuthFederationRoleMapping. */
export const RoleMappingView = z.strictObject({
  externalGroupName: z.string(),
  id: ObjectId,
  roleAssignments: z.array(RoleAssignment),
});
export const RoleMappingInput = z.strictObject({
  externalGroupName: z.string().min(1).max(200),
  id: readOnly,
  roleAssignments: optional(z.array(RoleAssignmentInput)),
});

/** ConnectedOrgConfig; `userConflicts` is always empty: the simulator has no federated users. */
export const ConnectedOrgConfigView = z.strictObject({
  dataAccessIdentityProviderIds: z.array(z.string()),
  domainAllowList: z.array(z.string()),
  domainRestrictionEnabled: z.boolean(),
  identityProviderId: OktaIdpId.optional(),
  orgId: ObjectId,
  postAuthRoleGrants: z.array(z.enum(ORG_ROLES)),
  roleMappings: z.array(RoleMappingView),
  userConflicts: z.array(z.never()),
});
export const ConnectedOrgConfigInput = z.strictObject({
  dataAccessIdentityProviderIds: optional(z.array(z.string())),
  domainAllowList: optional(z.array(z.string())),
  domainRestrictionEnabled: z.boolean(),
  identityProviderId: optional(OktaIdpId),
  orgId: readOnly,
  postAuthRoleGrants: optional(z.array(z.enum(ORG_ROLES))),
  roleMappings: optional(z.array(RoleMappingInput)),
  userConflicts: readOnly,
});

/** OrgFederationSettings. */
export const OrgFederationSettingsView = z.strictObject({
  federatedDomains: z.array(z.string()),
  hasRoleMappings: z.boolean(),
  id: ObjectId,
  identityProviderId: OktaIdpId.optional(),
  identityProviderStatus: z.enum(['ACTIVE', 'INACTIVE']),
});

/** FederationOidcWorkforceIdentityProvider / …Workload… (2023-11-15): workload providers lack the workforce attributes. */
export const OidcIdentityProviderView = z.strictObject({
  associatedDomains: z.array(z.string()).optional(),
  associatedOrgs: z.array(ConnectedOrgConfigView),
  audience: z.string(),
  authorizationType: z.enum(['GROUP', 'USER']),
  clientId: z.string().optional(),
  createdAt: AtlasDate,
  description: z.string().optional(),
  displayName: z.string(),
  groupsClaim: z.string().optional(),
  id: ObjectId,
  idpType: z.enum(['WORKFORCE', 'WORKLOAD']),
  issuerUri: z.string(),
  oktaIdpId: OktaIdpId,
  protocol: z.literal('OIDC'),
  requestedScopes: z.array(z.string()).optional(),
  updatedAt: AtlasDate,
  userClaim: z.string(),
});

const OIDC_INPUT = {
  associatedDomains: optional(z.array(z.string())),
  audience: optional(z.string()),
  authorizationType: optional(z.enum(['GROUP', 'USER'])),
  clientId: optional(z.string()),
  description: optional(z.string()),
  displayName: optional(z.string().min(1).max(50)),
  groupsClaim: optional(z.string()),
  idpType: optional(z.enum(['WORKFORCE', 'WORKLOAD'])),
  issuerUri: optional(z.string()),
  protocol: optional(z.enum(['SAML', 'OIDC'])),
  requestedScopes: optional(z.array(z.string())),
  userClaim: optional(z.string()),
};

/** FederationOidcIdentityProviderUpdate: the body that creates an OIDC provider. */
export const OidcIdentityProviderCreate = z.strictObject(OIDC_INPUT);

/** FederationIdentityProviderUpdate: OIDC attributes, and SAML ones (which an OIDC provider refuses). */
export const IdentityProviderUpdate = z.strictObject({
  ...OIDC_INPUT,
  pemFileInfo: optional(z.unknown()),
  requestBinding: optional(z.enum(['HTTP-POST', 'HTTP-REDIRECT'])),
  responseSignatureAlgorithm: optional(z.enum(['SHA-1', 'SHA-256'])),
  slug: optional(z.string()),
  ssoDebugEnabled: optional(z.boolean()),
  ssoUrl: optional(z.string()),
  status: optional(z.enum(['ACTIVE', 'INACTIVE'])),
});

const V = '2023-01-01';
const V_IDP = '2023-11-15';
const FED = '/api/atlas/v2/federationSettings/{federationSettingsId}';
const ORG = `${FED}/connectedOrgConfigs/{orgId}`;
const IDP = `${FED}/identityProviders`;
/**
 * Every operation takes Organization Owner (the document). Where the path names the
 * organization (`connectedOrgConfigs/{orgId}`, `orgs/{orgId}`), of that organization;
 * elsewhere of one of the organizations connected to the federation, which the handler
 * finds (`scopeFrom: 'request'`).
 */
const ownerOfOrg = { scope: 'org', anyOf: ['ORG_OWNER'] } as const;
const ownerInFederation = { scope: 'org', anyOf: ['ORG_OWNER'], scopeFrom: 'request' } as const;

/** Federated authentication. Atlas documents no rate-limit bucket for it. */
export const federationOperations = [
  {
    operationId: 'getFederationSettings',
    method: 'GET',
    path: '/api/atlas/v2/orgs/{orgId}/federationSettings',
    versions: [{ date: V, response: OrgFederationSettingsView }],
    status: 200,
    rateLimit: null,
    access: ownerOfOrg,
  },
  {
    operationId: 'deleteFederationApp',
    method: 'DELETE',
    path: FED,
    versions: [{ date: V }],
    status: 204,
    rateLimit: null,
    access: ownerInFederation,
  },
  {
    operationId: 'listConnectedOrgConfigs',
    method: 'GET',
    path: `${FED}/connectedOrgConfigs`,
    versions: [{ date: V, response: paginated(ConnectedOrgConfigView) }],
    status: 200,
    rateLimit: null,
    access: ownerInFederation,
    query: { itemsPerPage: PAGING_QUERY.itemsPerPage!, pageNum: PAGING_QUERY.pageNum! },
    paged: true,
  },
  {
    operationId: 'getConnectedOrgConfig',
    method: 'GET',
    path: ORG,
    versions: [{ date: V, response: ConnectedOrgConfigView }],
    status: 200,
    rateLimit: null,
    access: ownerOfOrg,
  },
  {
    operationId: 'updateConnectedOrgConfig',
    method: 'PATCH',
    path: ORG,
    versions: [{ date: V, request: ConnectedOrgConfigInput, response: ConnectedOrgConfigView }],
    status: 200,
    rateLimit: null,
    access: ownerOfOrg,
  },
  {
    operationId: 'removeConnectedOrgConfig',
    method: 'DELETE',
    path: ORG,
    versions: [{ date: V }],
    status: 204,
    rateLimit: null,
    access: ownerOfOrg,
  },
  {
    operationId: 'listRoleMappings',
    method: 'GET',
    path: `${ORG}/roleMappings`,
    versions: [{ date: V, response: paginated(RoleMappingView) }],
    status: 200,
    rateLimit: null,
    access: ownerOfOrg,
  },
  {
    operationId: 'createRoleMapping',
    method: 'POST',
    path: `${ORG}/roleMappings`,
    versions: [{ date: V, request: RoleMappingInput, response: RoleMappingView }],
    status: 200,
    rateLimit: null,
    access: ownerOfOrg,
  },
  {
    operationId: 'getRoleMapping',
    method: 'GET',
    path: `${ORG}/roleMappings/{id}`,
    versions: [{ date: V, response: RoleMappingView }],
    status: 200,
    rateLimit: null,
    access: ownerOfOrg,
  },
  {
    operationId: 'updateRoleMapping',
    method: 'PUT',
    path: `${ORG}/roleMappings/{id}`,
    versions: [{ date: V, request: RoleMappingInput, response: RoleMappingView }],
    status: 200,
    rateLimit: null,
    access: ownerOfOrg,
  },
  {
    operationId: 'deleteRoleMapping',
    method: 'DELETE',
    path: `${ORG}/roleMappings/{id}`,
    versions: [{ date: V }],
    status: 204,
    rateLimit: null,
    access: ownerOfOrg,
  },
  {
    operationId: 'listIdentityProviders',
    method: 'GET',
    path: IDP,
    versions: [{ date: V, response: paginated(OidcIdentityProviderView) }],
    status: 200,
    rateLimit: null,
    access: ownerInFederation,
    query: {
      itemsPerPage: PAGING_QUERY.itemsPerPage!,
      pageNum: PAGING_QUERY.pageNum!,
      protocol: { type: 'string', multi: true, enum: ['SAML', 'OIDC'] },
      idpType: { type: 'string', multi: true, enum: ['WORKFORCE', 'WORKLOAD'] },
    },
    paged: true,
  },
  {
    operationId: 'createIdentityProvider',
    method: 'POST',
    path: IDP,
    versions: [{ date: V_IDP, request: OidcIdentityProviderCreate, response: OidcIdentityProviderView }],
    status: 200,
    rateLimit: null,
    access: ownerInFederation,
  },
  {
    operationId: 'getIdentityProvider',
    method: 'GET',
    path: `${IDP}/{identityProviderId}`,
    versions: [{ date: V_IDP, response: OidcIdentityProviderView }],
    status: 200,
    rateLimit: null,
    access: ownerInFederation,
  },
  {
    operationId: 'updateIdentityProvider',
    method: 'PATCH',
    path: `${IDP}/{identityProviderId}`,
    versions: [{ date: V_IDP, request: IdentityProviderUpdate, response: OidcIdentityProviderView }],
    status: 200,
    rateLimit: null,
    access: ownerInFederation,
  },
  {
    operationId: 'deleteIdentityProvider',
    method: 'DELETE',
    path: `${IDP}/{identityProviderId}`,
    versions: [{ date: V_IDP }],
    status: 204,
    rateLimit: null,
    access: ownerInFederation,
  },
  {
    operationId: 'revokeJwksFromIdentityProvider',
    method: 'DELETE',
    path: `${IDP}/{identityProviderId}/jwks`,
    versions: [{ date: V_IDP }],
    status: 204,
    rateLimit: null,
    access: ownerInFederation,
  },
  {
    operationId: 'getIdentityProviderMetadata',
    method: 'GET',
    path: `${IDP}/{identityProviderId}/metadata.xml`,
    versions: [{ date: V, response: z.string() }],
    status: 200,
    rateLimit: null,
    access: ownerInFederation,
  },
] as const satisfies readonly OperationSpec[];
