/**
 * Running an organization: its settings, a project's settings and limits (a limit that is
 * set is enforced), the project's read-only views, the event types, and creating,
 * renaming and deleting an organization with a project moved into it.
 */
import { m } from './match.js';
import { createProject } from './projects.js';
import type { Scenario } from './types.js';

const V1 = '2023-01-01';
const NONE = 'ffffffffffffffffffffffff';
const USERS_LIMIT = 'atlas.project.security.databaseAccess.users';

export const orgAdminScenarios: readonly Scenario[] = [
  {
    id: 'settings/organization',
    title: 'reads the organization settings and writes them back unchanged; refuses a secret lifetime out of range',
    operations: ['getOrganizationSettings', 'updateOrganizationSettings'],
    writes: true,
    async run(t) {
      const res = await t.api.call('GET', `/orgs/${t.orgId}/settings`, { version: V1 });
      t.expectResponse(res, { status: 200, body: m.partial({ apiAccessListRequired: m.boolean(), multiFactorAuthRequired: m.boolean(), restrictEmployeeAccess: m.boolean() }), contract: 'getOrganizationSettings' });
      const current = res.json as { multiFactorAuthRequired: boolean };
      const same = await t.api.call('PATCH', `/orgs/${t.orgId}/settings`, { version: V1, body: { multiFactorAuthRequired: current.multiFactorAuthRequired } });
      t.expectResponse(same, { status: 200, body: m.partial({ multiFactorAuthRequired: current.multiFactorAuthRequired }), contract: 'updateOrganizationSettings' });
      t.expectResponse(await t.api.call('PATCH', `/orgs/${t.orgId}/settings`, { version: V1, body: { maxServiceAccountSecretValidityInHours: 1 } }), { status: 400 }, 'a secret lifetime below 8 hours');
      t.expectResponse(await t.api.call('GET', `/orgs/${NONE}/settings`, { version: V1 }), { status: 404, errorCode: 'ORG_NOT_FOUND' });
    },
  },
  {
    id: 'settings/project',
    title: 'changes a project setting, sets the database-user limit and meets it, resets it, and reads the project’s addresses and MongoDB versions',
    operations: ['getProjectSettings', 'updateProjectSettings', 'listProjectLimits', 'getProjectLimit', 'setProjectLimit', 'deleteProjectLimit', 'returnAllIpAddresses', 'getProjectLtsVersions'],
    writes: true,
    async run(t) {
      const { id } = await createProject(t, 'settings');
      t.expectResponse(await t.api.call('GET', `/groups/${id}/settings`, { version: V1 }), { status: 200, body: m.partial({ isSchemaAdvisorEnabled: true, isDataExplorerEnabled: true }), contract: 'getProjectSettings' });
      t.expectResponse(await t.api.call('PATCH', `/groups/${id}/settings`, { version: V1, body: { isSchemaAdvisorEnabled: false } }), { status: 200, body: m.partial({ isSchemaAdvisorEnabled: false, isDataExplorerEnabled: true }), contract: 'updateProjectSettings' });
      t.expectResponse(await t.api.call('PATCH', `/groups/${id}/settings`, { version: V1, body: { isSchemaAdvisorEnabled: 'no' } }), { status: 400 }, 'a setting that is not a boolean');
      t.expectResponse(await t.api.call('GET', `/groups/${NONE}/settings`, { version: V1 }), { status: 404, errorCode: 'GROUP_NOT_FOUND' });

      const limits = await t.api.call('GET', `/groups/${id}/limits`, { version: V1 });
      t.expectResponse(limits, { status: 200, body: m.some(m.partial({ name: USERS_LIMIT, value: 100, defaultLimit: 100 })), contract: 'listProjectLimits' });
      t.expectResponse(await t.api.call('GET', `/groups/${NONE}/limits`, { version: V1 }), { status: 404, errorCode: 'GROUP_NOT_FOUND' });
      t.expectResponse(await t.api.call('PATCH', `/groups/${id}/limits/${USERS_LIMIT}`, { version: V1, body: { value: 1 } }), { status: 200, body: m.partial({ name: USERS_LIMIT, value: 1 }), contract: 'setProjectLimit' });
      t.expectResponse(await t.api.call('PATCH', `/groups/${id}/limits/${USERS_LIMIT}`, { version: V1, body: { value: 100000 } }), { status: 400 }, 'a limit above its maximum');
      t.expectResponse(await t.api.call('GET', `/groups/${id}/limits/${USERS_LIMIT}`, { version: V1 }), { status: 200, body: m.partial({ value: 1, currentUsage: 0 }), contract: 'getProjectLimit' });
      t.expectResponse(await t.api.call('GET', `/groups/${NONE}/limits/${USERS_LIMIT}`, { version: V1 }), { status: 404, errorCode: 'GROUP_NOT_FOUND' });
      const user = (name: string) => ({ databaseName: 'admin', groupId: id, username: t.name(name), password: 'Correct-Horse-Battery-9', roles: [{ databaseName: 'admin', roleName: 'read' }] });
      t.expectResponse(await t.api.call('POST', `/groups/${id}/databaseUsers`, { version: V1, body: user('one') }), { status: 201 }, 'the first database user');
      t.cleanup('the database user', () => t.api.call('DELETE', `/groups/${id}/databaseUsers/admin/${t.name('one')}`, { version: V1 }));
      t.expectResponse(await t.api.call('POST', `/groups/${id}/databaseUsers`, { version: V1, body: user('two') }), { status: 403, errorCode: 'GROUP_USERS_LIMIT_EXCEEDED' }, 'a second one, over the limit of 1');
      t.expectResponse(await t.api.call('DELETE', `/groups/${id}/limits/${USERS_LIMIT}`, { version: V1 }), { status: 204, body: undefined });
      t.expectResponse(await t.api.call('DELETE', `/groups/${NONE}/limits/${USERS_LIMIT}`, { version: V1 }), { status: 404, errorCode: 'GROUP_NOT_FOUND' });
      t.expectResponse(await t.api.call('GET', `/groups/${id}/limits/${USERS_LIMIT}`, { version: V1 }), { status: 200, body: m.partial({ value: 100, currentUsage: 1 }) }, 'the limit back at its default');

      t.expectResponse(await t.api.call('GET', `/groups/${id}/ipAddresses`, { version: V1 }), { status: 200, body: { groupId: id, services: { clusters: [] } }, contract: 'returnAllIpAddresses' });
      t.expectResponse(await t.api.call('GET', `/groups/${NONE}/ipAddresses`, { version: V1 }), { status: 404, errorCode: 'GROUP_NOT_FOUND' });
      const versions = await t.api.call('GET', `/groups/${id}/mongoDBVersions?cloudProvider=AWS&defaultStatus=DEFAULT`, { version: V1 });
      t.expectResponse(versions, { status: 200, body: m.partial({ results: m.arrayOf(m.partial({ cloudProvider: 'AWS', defaultStatus: 'DEFAULT', version: m.string() }), { min: 1 }) }), contract: 'getProjectLtsVersions' });
      t.expectResponse(await t.api.call('GET', `/groups/${NONE}/mongoDBVersions`, { version: V1 }), { status: 404, errorCode: 'GROUP_NOT_FOUND' });
    },
  },
  {
    id: 'events/types',
    title: 'lists the event types with a description each, paged',
    operations: ['listEventTypes'],
    async run(t) {
      const res = await t.api.call('GET', '/eventTypes?itemsPerPage=500', { version: V1 });
      t.expectResponse(res, { status: 200, body: m.partial({ results: m.some({ alertable: m.boolean(), description: m.string(), eventType: 'JOINED_ORG' }) }), contract: 'listEventTypes' });
      t.expectResponse(await t.api.call('GET', '/eventTypes?itemsPerPage=501', { version: V1 }), { status: 400 }, 'a page larger than 500');
    },
  },
  {
    id: 'organizations/create-move-delete',
    title: 'creates an organization with its first owner and an API key, renames it, moves a project into it, refuses to delete it while it holds the project, then deletes it',
    operations: ['createOrganization', 'updateOrganization', 'deleteOrganization', 'migrateProjectToAnotherOrg'],
    writes: true,
    simulatorOnly: true,
    async run(t) {
      // The first owner: a member of the caller's organization, by invitation.
      const username = `${t.name('owner').toLowerCase().replace(/[^a-z0-9.-]/g, '-')}@example.com`;
      const invited = await t.api.call('POST', `/orgs/${t.orgId}/invites`, { version: V1, body: { username, roles: ['ORG_MEMBER'] } });
      const accepted = await t.anonymous.call('POST', `/_mock/invitations/${(invited.json as { id: string }).id}/accept`, { body: {} });
      const ownerId = (accepted.json as { id: string }).id;
      t.cleanup('the owner', () => t.api.call('DELETE', `/orgs/${t.orgId}/users/${ownerId}`, { version: '2025-02-19' }));

      t.expectResponse(await t.api.call('POST', '/orgs', { version: V1, body: { name: '', orgOwnerId: ownerId } }), { status: 400, errorCode: 'INVALID_ORG_NAME' });
      const name = t.name('org');
      const created = await t.api.call('POST', '/orgs', { version: V1, body: { name, orgOwnerId: ownerId, apiKey: { desc: 'first key', roles: ['ORG_OWNER'] } } });
      t.expectResponse(created, { status: 201, body: m.partial({ orgOwnerId: ownerId, organization: m.partial({ id: m.objectId(), name }), apiKey: m.partial({ publicKey: m.string(), privateKey: m.string() }) }), contract: 'createOrganization' });
      const made = created.json as { organization: { id: string }; apiKey: { publicKey: string; privateKey: string } };
      const orgId = made.organization.id;
      const key = { publicKey: made.apiKey.publicKey, privateKey: made.apiKey.privateKey };
      const owner = t.withDigest(key);
      t.cleanup(`organization ${name}`, () => owner.call('DELETE', `/orgs/${orgId}`, { version: V1 }));

      const renamed = t.name('org-renamed');
      t.expectResponse(await owner.call('PATCH', `/orgs/${orgId}`, { version: V1, body: { name: renamed } }), { status: 200, body: m.partial({ id: orgId, name: renamed }), contract: 'updateOrganization' });
      t.expectResponse(await owner.call('PATCH', `/orgs/${orgId}`, { version: V1, body: { name: '' } }), { status: 400, errorCode: 'INVALID_ORG_NAME' });

      const project = await t.api.call('POST', '/groups', { version: V1, body: { name: t.name('moving'), orgId: t.orgId } });
      const groupId = (project.json as { id: string }).id;
      t.cleanup('the moved project', async () => {
        await owner.call('DELETE', `/groups/${groupId}`, { version: V1 });
        await t.api.call('DELETE', `/groups/${groupId}`, { version: V1 });
      });
      t.expectResponse(await t.api.call('POST', `/groups/${groupId}:migrate`, { version: '2024-05-30', body: { destinationOrgId: orgId } }), { status: 401, errorCode: 'USER_UNAUTHORIZED' }, 'moving without a key of the destination');
      const moved = await t.api.call('POST', `/groups/${groupId}:migrate`, { version: '2024-05-30', body: { destinationOrgId: orgId, destinationOrgPublicApiKey: key.publicKey, destinationOrgPrivateApiKey: key.privateKey } });
      t.expectResponse(moved, { status: 200, body: m.partial({ id: groupId, orgId }), contract: 'migrateProjectToAnotherOrg' });
      t.expectResponse(await owner.call('GET', `/groups/${groupId}`, { version: V1 }), { status: 200, body: m.partial({ orgId }) }, 'the project, read in its new organization');

      t.expectResponse(await owner.call('DELETE', `/orgs/${orgId}`, { version: V1 }), { status: 409, errorCode: 'ORG_NOT_EMPTY' }, 'deleting an organization that holds a project');
      t.expectResponse(await owner.call('DELETE', `/groups/${groupId}`, { version: V1 }), { status: 202 });
      t.expectResponse(await owner.call('DELETE', `/orgs/${orgId}`, { version: V1 }), { status: 204, body: undefined });
    },
  },
];
