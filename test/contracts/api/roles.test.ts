/**
 * Every operation of the catalog declares the minimum role the OpenAPI document states
 * for it ("the requesting Service Account or API Key must have the ... role").
 *
 * For each catalog operation the test finds the operation in the 2025-06 document (by
 * operationId, checking method and path), reads the role statements of its description,
 * and falls back to the `x-rolesRequirements` of the 2026-08 document where the 2025-06
 * one states none (the service-account operations). Role display names map to role ids
 * through `ROLE_DISPLAY_NAMES`. The comparison is by meaning: for every role a principal
 * can hold, the catalog's requirement and the document's must admit or refuse it alike,
 * as the dispatcher's one authorization check decides (so listing Organization Owner
 * next to Project Owner, which it implies, is neither required nor wrong).
 *
 * Where the document names something that is no role of the enums, or where the catalog
 * deliberately differs from it (e.g. `scope: 'principal'` for a list that shows each
 * caller what it can see), the operation needs an entry in DECISIONS with the reason; the
 * test fails until someone decides, and then holds the catalog to the decision.
 */
import { expect, it } from 'vitest';
import { OPERATIONS } from '../../../contracts/api/catalog.js';
import { ABSENT_IN_GOV, roleNames, statementRoles } from '../../../contracts/harness/openapi/roles.js';
import type { AccessRequirement, OperationSpec } from '../../../contracts/api/operation.js';
import { GROUP_ROLES, ORG_ROLES, ROLE_DISPLAY_NAMES, type Role } from '../../../contracts/api/roles.js';
import { authorize } from '../../../src/auth/authorize.js';
import type { Principal } from '../../../src/sim/principals.js';
import { describeWithReference, openApi2026Document, openApiDocument } from '../../support/reference.js';

/** Operations whose document statement is unusable or deliberately not followed: the decision, and why. */
const DECISIONS: Record<string, { roles: readonly Role[] | 'principal' | 'public'; why: string }> = {
  createApiKeyAccessList: {
    roles: ['ORG_MEMBER'],
    why: '"Read Write" is no Atlas role; members pass the route and the sim admits only the key itself or an Organization Owner (API_KEY_WHITELIST_ACCESS_DENIED)',
  },
  deleteApiKeyAccessListEntry: { roles: ['ORG_MEMBER'], why: 'same as createApiKeyAccessList' },
  updateApiKeyRoles: { roles: ['GROUP_OWNER'], why: 'only 2026-08 states a role, "Project Access Manager", outside the role enums; Project Owner as for the other project key operations' },
  createProjectServiceAccountAccessList: { roles: ['GROUP_OWNER'], why: '2026-08 names "Project Access Manager", outside the role enums' },
  deleteProjectServiceAccountAccessListEntry: { roles: ['GROUP_OWNER'], why: '2026-08 names "Project Access Manager", outside the role enums' },
  // Operations of features Atlas for Government lacks (contracts/api/operations/unavailableInGov.ts,
  // generated): they only ever refuse, but after the caller's role, as Atlas checks it.
  ...Object.fromEntries(
    ['createPipeline', 'deletePipeline', 'updatePipeline', 'deletePipelineRunDataset', 'triggerSnapshotIngestion'].map((id) => [
      id,
      { roles: ['GROUP_OWNER'] as const, why: 'Data Lake Pipelines (retired) state no role in either document; changes take Project Owner as elsewhere' },
    ]),
  ),
  ...Object.fromEntries(
    ['getStreamInstance', 'downloadStreamTenantAuditLogs', 'listStreamConnections', 'listPrivateLinkConnections'].map((id) => [
      id,
      { roles: ['GROUP_OWNER', 'GROUP_STREAM_PROCESSING_OWNER'] as const, why: '"Project Data Access" names no level; the other roles of the statement' },
    ]),
  ),
  ...Object.fromEntries(
    ['deleteVpcPeeringConnection', 'acceptVpcPeeringConnection', 'rejectVpcPeeringConnection'].map((id) => [
      id,
      { roles: ['GROUP_STREAM_PROCESSING_OWNER'] as const, why: '"Project Data Access" names no level; the other role of the statement' },
    ]),
  ),
  // Access Tracking (contracts/api/operations/monitoring.ts):
  ...Object.fromEntries(
    ['listAccessLogsByClusterName', 'listAccessLogsByHostname'].map((id) => [
      id,
      { roles: ['GROUP_DATABASE_ACCESS_ADMIN'] as const, why: '"Project Monitoring Admin" is no role of the enums (no key can hold it); the other role of the statement' },
    ]),
  ),
  // Decisions of the projects operations (contracts/api/operations/projects.ts):
  listProjects: { roles: 'principal', why: 'any caller may list and sees the projects it has access to, so that project-scoped keys can list theirs' },
  createProject: {
    roles: ['ORG_GROUP_CREATOR'],
    why: '"Read Write" is no Atlas role; creating a project takes Organization Project Creator on the organization named in the body',
  },
  // Decisions of the remaining cluster operations (contracts/api/operations/clusters.ts):
  listClustersForAllProjects: { roles: 'principal', why: '"any cluster-level role": every caller lists the projects it has a role on, with their clusters' },
  grantMongoDbEmployeeAccess: { roles: ['GROUP_OWNER'], why: '2026-08 names "Project Support Access Manager", outside the role enums; Project Owner holds every project permission' },
  revokeMongoDbEmployeeAccess: { roles: ['GROUP_OWNER'], why: 'same as grantMongoDbEmployeeAccess' },
  // Encryption at rest, cloud provider access, private endpoints and custom DNS:
  getEncryptionAtRest: {
    roles: ['GROUP_OWNER'],
    why: 'the 2025-06 description says "requires the requesting Service Account or API Key to have the Project Owner role", a form the parser does not read; the 2026-08 requirement (Project Read Only) is newer than the document served',
  },
  toggleAwsCustomDns: { roles: ['GROUP_OWNER'], why: '"Project Atlas Admin" is no role of the enumerations; Project Owner holds every project permission' },
  toggleRegionalizedPrivateEndpointSetting: {
    roles: ['GROUP_OWNER'],
    why: 'the sentence reads "the Project Owner role and all clusters in the deployment must be sharded clusters": the role is Project Owner, the rest is a condition on the project',
  },
  // Performance Advisor (contracts/api/operations/performanceAdvisor.ts):
  listSlowQueries: {
    roles: ['GROUP_DATA_ACCESS_READ_ONLY', 'GROUP_OBSERVABILITY_VIEWER'],
    why: '"any Project Data Access role or the Project Observability Viewer role": the lowest Data Access role, which the others include, and Observability Viewer',
  },
  // Cluster outage simulation: only the 2026-08 document states roles, two of them outside the role enumerations.
  ...Object.fromEntries(
    ['startOutageSimulation', 'getOutageSimulation', 'endOutageSimulation'].map((id) => [
      id,
      { roles: ['GROUP_CLUSTER_MANAGER'] as const, why: '"Project Cluster Resilience Tester" and "Project Replica Set Manager" are outside the role enums; Project Cluster Manager, the one role of the statement that is in them' },
    ]),
  ),
  // Decisions of the Cloud Backups operations (contracts/api/operations/backups.ts):
  deleteAllBackupSchedules: { roles: ['GROUP_OWNER'], why: '"Project Atlas Admin" is outside the role enums; Project Owner, who also changes the schedule' },
  listBackupExportJobs: { roles: ['GROUP_OWNER'], why: '"Project Atlas Admin" is outside the role enums; Project Owner, who also creates export buckets' },
  createBackupExportJob: { roles: ['GROUP_OWNER'], why: '"Project Atlas Admin" is outside the role enums; Project Owner, who also creates export buckets' },
  // Root operations (contracts/api/operations/root.ts):
  getSystemStatus: { roles: 'principal', why: 'the document states no role: any authenticated caller learns about itself' },
  returnAllControlPlaneIpAddresses: { roles: 'public', why: 'an /unauth/ path the document declares without security requirements' },
  getBackupExportJob: { roles: ['GROUP_OWNER'], why: '"Project Atlas Admin" is outside the role enums; Project Owner, who also creates export buckets' },
  // Decisions of the people operations (contracts/api/operations/cloudUsers.ts, events.ts):
  listEventTypes: { roles: 'principal', why: 'the path names no organization or project, and the list is the same for every caller' },
  createUser: { roles: 'principal', why: '"any role" (the description): any caller reaches the Government refusal' },
  getUser: { roles: 'principal', why: '"any role" (the description); the sim shows only users of the caller\'s organization' },
  getUserByUsername: { roles: 'principal', why: 'same as getUser' },
  removeOrganizationRole: { roles: ['ORG_OWNER'], why: 'the description\'s "one at all times" is the last-owner rule, not a role; Organization Owner' },
  removeProjectRole: { roles: ['GROUP_OWNER'], why: 'the description\'s "one at all times" is the last-role rule, not a role; Project Owner' },
  updateOrganizationRoles: { roles: ['ORG_OWNER'], why: '"Organization User Admin" is outside the role enums; Organization Owner, as for the 2025-02-19 user operations' },
  updateProjectRoles: { roles: ['GROUP_OWNER'], why: '"Group User Admin" is outside the role enums; Project Owner, as for the 2025-02-19 project user operations' },
  addUserToProject: { roles: ['GROUP_OWNER'], why: '"Group User Admin" is outside the role enums; Project Owner, as for addProjectUser' },
  listAlertConfigurationMatchersFieldNames: { roles: 'principal', why: 'the document: "You can successfully call this endpoint with any assigned role"' },
};


/** The role names the documents state for an operation, and where they come from. */
function documentedRoles(op: OperationSpec): { names: string[]; source: string } {
  const documented = openApiDocument().getOperation(op.operationId);
  if (documented) {
    expect({ method: documented.method, path: documented.path }, `${op.operationId} in the 2025-06 document`).toEqual({ method: op.method, path: op.path });
    const names = statementRoles(documented.description).filter((n) => !(n in ABSENT_IN_GOV));
    if (names.length) return { names, source: '2025-06 description' };
  }
  const raw = (openApi2026Document().raw.paths as Record<string, Record<string, Record<string, unknown>>>)[op.path]?.[op.method.toLowerCase()];
  expect(documented ?? raw, `${op.method} ${op.path} is in neither document`).toBeDefined();
  const required = (raw?.['x-rolesRequirements'] as string[] | undefined) ?? [];
  return { names: required.flatMap(roleNames).filter((n) => !(n in ABSENT_IN_GOV)), source: '2026-08 x-rolesRequirements' };
}

const ALL_ROLES: readonly Role[] = [...ORG_ROLES, ...GROUP_ROLES];
const ORG = '0123456789abcdef01234567';
const GROUP = '89abcdef0123456789abcdef';

/** A principal of the organization holding one role (a project role held in the project at hand). */
function holder(role: Role): Principal {
  const org = (ORG_ROLES as readonly string[]).includes(role);
  return {
    kind: 'API_KEY',
    id: 'k',
    name: 'k',
    orgId: ORG,
    orgRoles: org ? [role as (typeof ORG_ROLES)[number]] : ['ORG_MEMBER'],
    groupRoles: org ? {} : { [GROUP]: [role as (typeof GROUP_ROLES)[number]] },
    accessList: [],
  };
}

function admits(access: AccessRequirement, role: Role): boolean {
  try {
    authorize(holder(role), access, { orgId: ORG, groupId: GROUP, groupOrgId: ORG });
    return true;
  } catch {
    return false;
  }
}

describeWithReference('catalog minimum roles against the OpenAPI document', ['openapi', 'openapi-2026'], () => {
  it.each(OPERATIONS.map((op) => [op.operationId, op] as const))('%s', (_id, op) => {
    const { names, source } = documentedRoles(op);
    const decision = DECISIONS[op.operationId];
    const unmapped = names.filter((n) => !(n in ROLE_DISPLAY_NAMES));
    if (unmapped.length || names.length === 0) {
      expect(decision, `${op.operationId}: the ${source} names ${JSON.stringify(names)}; decide its role in DECISIONS`).toBeDefined();
    }
    if (decision?.roles === 'public' || op.access.scope === 'public') {
      expect(op.access.scope, `${op.operationId}: takes no credentials only by decision`).toBe(decision?.roles);
      return;
    }
    if (decision?.roles === 'principal' || op.access.scope === 'principal') {
      // Any authenticated caller, shown only what it may see: right where the document asks
      // for membership of the caller's own organization, which every programmatic principal
      // has, or where a decision says so.
      const expected = decision?.roles ?? names.map((n) => ROLE_DISPLAY_NAMES[n]);
      const hint = `${op.operationId}: catalog scope ${op.access.scope}, ${source} ${JSON.stringify(names)}; a deliberate difference needs a DECISIONS entry`;
      expect(op.access.scope, hint).toBe('principal');
      if (expected !== 'principal') expect(expected, hint).toEqual(['ORG_MEMBER']);
      return;
    }
    const expected: readonly Role[] = decision?.roles ?? names.map((n) => ROLE_DISPLAY_NAMES[n]!);
    const documented: AccessRequirement = { scope: op.access.scope, anyOf: expected };
    const differ = ALL_ROLES.filter((r) => admits(op.access, r) !== admits(documented, r));
    expect(differ, `${op.operationId}: catalog ${JSON.stringify(op.access.anyOf)} vs ${source} ${JSON.stringify(expected)}`).toEqual([]);
  });

  it('keeps no decision for an operation that is not in the catalog', () => {
    const ids = new Set(OPERATIONS.map((o) => o.operationId));
    expect(Object.keys(DECISIONS).filter((id) => !ids.has(id))).toEqual([]);
  });

  it('reads role statements as the document writes them', () => {
    const said = (s: string) => statementRoles(`Does things. To use this resource, the requesting Service Account or API Key must have ${s}. More text.`);
    expect(said('the Organization Billing Viewer, Organization Billing Admin, or Organization Owner role')).toEqual([
      'Organization Billing Viewer',
      'Organization Billing Admin',
      'Organization Owner',
    ]);
    expect(said('the Organization Read Only role or higher')).toEqual(['Organization Read Only']);
    expect(said('the Project Read Only or higher role')).toEqual(['Project Read Only']);
    expect(said('the Organization Owner or Project Owner role')).toEqual(['Organization Owner', 'Project Owner']);
    expect(said('the Project Read Only or Project Charts Admin roles')).toEqual(['Project Read Only', 'Project Charts Admin']);
    expect(said('the Project Owner role, the Project Charts Admin role, Project Stream Processing Owner role, or the Project Database Access Admin role')).toEqual([
      'Project Owner',
      'Project Charts Admin',
      'Project Stream Processing Owner',
      'Project Database Access Admin',
    ]);
    expect(said('at least the Project Read Only role for the project to successfully call this resource')).toEqual(['Project Read Only']);
    expect(said('the Organization Member role to successfully call this resource')).toEqual(['Organization Member']);
    expect(said('termination protection disabled in order to be deleted')).toEqual([]);
    // A catalog entry that asked for less than the document would be caught.
    const weaker: AccessRequirement = { scope: 'org', anyOf: ['ORG_MEMBER'] };
    expect(ALL_ROLES.filter((r) => admits(weaker, r) !== admits({ scope: 'org', anyOf: ['ORG_OWNER'] }, r))).toContain('ORG_READ_ONLY');
  });
});
