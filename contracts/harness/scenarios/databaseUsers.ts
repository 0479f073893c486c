/**
 * Database users (2023-01-01, wire-facts G) and the project IP access list: create, read,
 * list, change and delete, and the documented refusals. Everything lives in a project the
 * scenario creates with the run's prefix, deleted afterwards.
 */
import { m } from './match.js';
import { createProject } from './projects.js';
import type { Scenario } from './types.js';

const V = '2023-01-01';
const PASSWORD = 'Contract-Passw0rd-2026!';

export const databaseUserScenarios: readonly Scenario[] = [
  {
    id: 'databaseUsers/lifecycle',
    title: 'creates a SCRAM user (201, no password in the answer), reads, lists and changes it, deletes it (204)',
    operations: ['createDatabaseUser', 'getDatabaseUser', 'listDatabaseUsers', 'updateDatabaseUser', 'deleteDatabaseUser'],
    writes: true,
    async run(t) {
      const { id: groupId } = await createProject(t, 'users');
      const username = t.name('user');
      const body = { databaseName: 'admin', groupId, username, password: PASSWORD, roles: [{ databaseName: 'admin', roleName: 'readAnyDatabase' }] };
      const created = await t.api.call('POST', `/groups/${groupId}/databaseUsers`, { version: V, body });
      t.expectResponse(created, {
        status: 201,
        contentType: { version: V },
        body: m.partial({ username, databaseName: 'admin', groupId, password: m.absent(), x509Type: 'NONE', awsIAMType: 'NONE', ldapAuthType: 'NONE', oidcAuthType: 'NONE', labels: [], scopes: [] }),
        contract: 'createDatabaseUser',
      });
      const path = `/groups/${groupId}/databaseUsers/admin/${encodeURIComponent(username)}`;
      t.expectResponse(await t.api.call('GET', path, { version: V }), { status: 200, body: m.partial({ username, roles: [{ databaseName: 'admin', roleName: 'readAnyDatabase' }] }), contract: 'getDatabaseUser' });
      t.expectResponse(await t.api.call('GET', `/groups/${groupId}/databaseUsers`, { version: V }), { status: 200, body: m.partial({ results: m.some(m.partial({ username })) }), contract: 'listDatabaseUsers' });
      const patched = await t.api.call('PATCH', path, { version: V, body: { roles: [{ databaseName: 'admin', roleName: 'readWriteAnyDatabase' }] } });
      t.expectResponse(patched, { status: 200, body: m.partial({ username, roles: [{ databaseName: 'admin', roleName: 'readWriteAnyDatabase' }] }), contract: 'updateDatabaseUser' });
      const deleted = await t.api.call('DELETE', path, { version: V });
      t.expectResponse(deleted, { status: 204, body: undefined });
      t.expectResponse(await t.api.call('GET', path, { version: V }), { status: 404, errorCode: 'USERNAME_NOT_FOUND' }, 'reading the deleted user');
    },
  },
  {
    id: 'databaseUsers/refusals',
    title: 'refuses a duplicate user (409), answers 404 for an unknown one, and 400 for a missing username',
    operations: ['createDatabaseUser', 'getDatabaseUser', 'updateDatabaseUser', 'deleteDatabaseUser', 'listDatabaseUsers'],
    writes: true,
    async run(t) {
      const { id: groupId } = await createProject(t, 'user-refusals');
      const username = t.name('dup');
      const body = { databaseName: 'admin', groupId, username, password: PASSWORD, roles: [{ databaseName: 'admin', roleName: 'read' }] };
      t.expectResponse(await t.api.call('POST', `/groups/${groupId}/databaseUsers`, { version: V, body }), { status: 201 }, 'the first user');
      t.expectResponse(await t.api.call('POST', `/groups/${groupId}/databaseUsers`, { version: V, body }), { status: 409, errorCode: 'USER_ALREADY_EXISTS' }, 'the same user again');
      const nobody = `/groups/${groupId}/databaseUsers/admin/${encodeURIComponent(t.name('nobody'))}`;
      t.expectResponse(await t.api.call('GET', nobody, { version: V }), { status: 404, errorCode: 'USERNAME_NOT_FOUND' });
      t.expectResponse(await t.api.call('PATCH', nobody, { version: V, body: { roles: [{ databaseName: 'admin', roleName: 'read' }] } }), { status: 404, errorCode: 'USERNAME_NOT_FOUND' });
      t.expectResponse(await t.api.call('DELETE', nobody, { version: V }), { status: 404, errorCode: 'USERNAME_NOT_FOUND' });
      const { username: _u, ...noName } = body;
      t.expectResponse(await t.api.call('POST', `/groups/${groupId}/databaseUsers`, { version: V, body: noName }), { status: 400, errorCode: 'MISSING_ATTRIBUTE' });
      t.expectResponse(await t.api.call('GET', '/groups/ffffffffffffffffffffffff/databaseUsers', { version: V }), { status: 404, errorCode: 'GROUP_NOT_FOUND' });
    },
  },
];

export const accessListScenarios: readonly Scenario[] = [
  {
    id: 'accessList/lifecycle',
    title: 'adds an address (201 with the whole list, /32 added), reads it and its status, lists it, deletes it (204)',
    operations: ['createProjectIpAccessList', 'getProjectIpList', 'getProjectIpAccessListStatus', 'listProjectIpAccessLists', 'deleteProjectIpAccessList'],
    writes: true,
    async run(t) {
      const { id: groupId } = await createProject(t, 'access');
      const entry = { cidrBlock: '192.0.2.10/32', ipAddress: '192.0.2.10', groupId };
      const created = await t.api.call('POST', `/groups/${groupId}/accessList`, { version: V, body: [{ ipAddress: '192.0.2.10', comment: 'contract' }] });
      t.expectResponse(created, { status: 201, contentType: { version: V }, body: m.partial({ results: m.some(m.partial({ ...entry, comment: 'contract' })), totalCount: m.integer(1) }), contract: 'createProjectIpAccessList' });
      const path = `/groups/${groupId}/accessList/${encodeURIComponent('192.0.2.10/32')}`;
      t.expectResponse(await t.api.call('GET', path, { version: V }), { status: 200, body: m.partial(entry), contract: 'getProjectIpList' });
      t.expectResponse(await t.api.call('GET', `${path}/status`, { version: V }), { status: 200, body: m.partial({ STATUS: m.oneOf('PENDING', 'ACTIVE', 'FAILED') }), contract: 'getProjectIpAccessListStatus' });
      t.expectResponse(await t.api.call('GET', `/groups/${groupId}/accessList`, { version: V }), { status: 200, body: m.partial({ results: m.some(m.partial(entry)) }), contract: 'listProjectIpAccessLists' });
      t.expectResponse(await t.api.call('DELETE', path, { version: V }), { status: 204, body: undefined });
      t.expectResponse(await t.api.call('GET', path, { version: V }), { status: 404, errorCode: 'ATLAS_NETWORK_PERMISSION_ENTRY_NOT_FOUND' }, 'reading the deleted entry');
    },
  },
  {
    id: 'accessList/refusals',
    title: 'refuses a malformed address and an entry naming two addresses (400); answers 404 for an unknown entry',
    operations: ['createProjectIpAccessList', 'getProjectIpList', 'getProjectIpAccessListStatus', 'deleteProjectIpAccessList', 'listProjectIpAccessLists'],
    writes: true,
    async run(t) {
      const { id: groupId } = await createProject(t, 'access-refusals');
      t.expectResponse(await t.api.call('POST', `/groups/${groupId}/accessList`, { version: V, body: [{ ipAddress: '300.1.2.3' }] }), { status: 400, contentType: 'json', body: m.partial({ error: 400, errorCode: m.string() }) }, 'a malformed address');
      t.expectResponse(await t.api.call('POST', `/groups/${groupId}/accessList`, { version: V, body: [{ ipAddress: '192.0.2.11', cidrBlock: '192.0.2.0/24' }] }), { status: 400, errorCode: 'MULTIPLE_VALUES_SPECIFIED_FOR_ONE_NETWORK_PERMISSION_ENTRY' });
      const unknown = `/groups/${groupId}/accessList/${encodeURIComponent('198.51.100.7/32')}`;
      t.expectResponse(await t.api.call('GET', unknown, { version: V }), { status: 404, errorCode: 'ATLAS_NETWORK_PERMISSION_ENTRY_NOT_FOUND' });
      t.expectResponse(await t.api.call('GET', `${unknown}/status`, { version: V }), { status: 404, errorCode: 'ATLAS_NETWORK_PERMISSION_ENTRY_NOT_FOUND' });
      t.expectResponse(await t.api.call('DELETE', unknown, { version: V }), { status: 404, errorCode: 'ATLAS_NETWORK_PERMISSION_ENTRY_NOT_FOUND' });
      t.expectResponse(await t.api.call('GET', '/groups/ffffffffffffffffffffffff/accessList', { version: V }), { status: 404, errorCode: 'GROUP_NOT_FOUND' });
    },
  },
];
