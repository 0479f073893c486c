import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { expectConforms, expectError, withKey } from '../support/iam.js';
import { startAtlas, type ApiResponse, type TestAtlas } from '../support/harness.js';

let atlas: TestAtlas;
let orgId: string;
let groupId: string;
beforeAll(async () => {
  atlas = await startAtlas();
  orgId = atlas.tenant.orgId;
});
afterAll(() => atlas.close());
beforeEach(async () => {
  atlas.sim.resetTenant(orgId);
  groupId = (await atlas.call('POST', '/groups', { body: { name: 'roles', orgId } })).json.id;
});

const roles = () => `/groups/${groupId}/customDBRoles/roles`;
const recorded = { actions: [{ action: 'UPDATE', resources: [{ collection: 'collection', db: 'db' }] }], inheritedRoles: [{ db: 'admin', role: 'enableSharding' }], roleName: 'role-90' };
const create = (body: unknown): Promise<ApiResponse> => atlas.call('POST', roles(), { body });
const names = async () => ((await atlas.call('GET', roles())).json as Array<{ roleName: string }>).map((r) => r.roleName);
const user = (username: string, roleName: string) =>
  atlas.call('POST', `/groups/${groupId}/databaseUsers`, { body: { databaseName: 'admin', groupId, username, password: 'Str0ng-Passw0rd-2026!', roles: [{ databaseName: 'admin', roleName }] } });

describe('custom database roles', () => {
  it('creates (202, recorded echo), lists as a bare array, reads, replaces actions with PATCH, deletes (204)', async () => {
    const res = await create(recorded);
    expect([res.status, res.json]).toEqual([202, recorded]);
    expectConforms('POST', roles(), res, ['$.actions[*].resources[*].cluster required']);
    const list = await atlas.call('GET', roles());
    expect(list.json).toEqual([recorded]);
    const path = `${roles()}/role-90`;
    expect((await atlas.call('GET', path)).json).toEqual(recorded);
    const patched = await atlas.call('PATCH', path, { body: { actions: [{ action: 'FIND', resources: [{ db: 'db' }] }, { action: 'SERVER_STATUS', resources: [{ cluster: true }] }] } });
    expect(patched.json).toEqual({ ...recorded, actions: [{ action: 'FIND', resources: [{ db: 'db' }] }, { action: 'SERVER_STATUS', resources: [{ cluster: true }] }] });
    expect((await atlas.call('DELETE', path)).status).toBe(204);
    expectError(await atlas.call('GET', path), 404, 'ATLAS_CUSTOM_ROLE_NOT_FOUND', ['role-90']);
  });

  it.each([
    ['a duplicate name', recorded, 409, 'ATLAS_CUSTOM_ROLE_NAME_ALREADY_EXISTS'],
    ['a bad name', { ...recorded, roleName: 'bad name!' }, 400, 'ATLAS_CUSTOM_ROLE_INVALID_NAME'],
    ['a built-in name', { ...recorded, roleName: 'readWrite' }, 400, 'ATLAS_INVALID_CUSTOM_ROLE_RESTRICTED'],
    ['the reserved prefix', { ...recorded, roleName: 'xgen-role' }, 400, 'ATLAS_RESERVED_CUSTOM_ROLE_RESTRICTED'],
    ['no permissions', { roleName: 'empty' }, 400, 'ATLAS_CUSTOM_ROLE_HAS_NO_PERMISSIONS'],
    ['an unknown action', { roleName: 'r', actions: [{ action: 'LAUNCH_MISSILES', resources: [{ db: 'd' }] }] }, 400, 'INVALID_ENUM_VALUE'],
    ['a cluster action on a database', { roleName: 'r', actions: [{ action: 'SERVER_STATUS', resources: [{ db: 'd' }] }] }, 400, 'ATLAS_INVALID_RESOURCE'],
    ['a database action on the cluster', { roleName: 'r', actions: [{ action: 'FIND', resources: [{ cluster: true }] }] }, 400, 'ATLAS_INVALID_RESOURCE'],
    ['a duplicate action', { roleName: 'r', actions: [{ action: 'FIND', resources: [{ db: 'd' }] }, { action: 'FIND', resources: [{ db: 'e' }] }] }, 400, 'ATLAS_DUPLICATE_CUSTOM_ROLE_ACTION'],
    ['a duplicate resource', { roleName: 'r', actions: [{ action: 'FIND', resources: [{ db: 'd' }, { db: 'd' }] }] }, 400, 'ATLAS_DUPLICATE_CUSTOM_ROLE_RESOURCE'],
    ['an unknown inherited role', { roleName: 'r', inheritedRoles: [{ db: 'admin', role: 'nope' }] }, 400, 'ATLAS_INVALID_CUSTOM_ROLE_INHERITANCE'],
    ['inheriting itself', { roleName: 'r', inheritedRoles: [{ db: 'admin', role: 'r' }] }, 400, 'ATLAS_INVALID_CUSTOM_ROLE_SELF_REFERENTIAL'],
    ['no role name', { actions: recorded.actions }, 400, 'MISSING_ATTRIBUTE'],
    ['an unknown attribute', { ...recorded, roleName: 'x', colour: 1 }, 400, 'INVALID_ATTRIBUTE'],
  ])('refuses %s and stores nothing', async (_what, body, status, code) => {
    await create(recorded);
    expectError(await create(body), status, code);
    expect(await names()).toEqual(['role-90']);
  });

  it('inherits other custom roles, refuses cycles, and keeps a role in use', async () => {
    await create(recorded);
    expect((await create({ roleName: 'child', inheritedRoles: [{ db: 'admin', role: 'role-90' }] })).status).toBe(202);
    expectError(await atlas.call('PATCH', `${roles()}/role-90`, { body: { inheritedRoles: [{ db: 'admin', role: 'child' }] } }), 400, 'ATLAS_INVALID_CUSTOM_ROLE_CIRCULAR_DEPENDENCY');
    expectError(await atlas.call('DELETE', `${roles()}/role-90`), 409, 'ATLAS_CUSTOM_ROLE_IN_USE_BY_ROLES', ['child']);
    // A database user may hold a custom role, on admin only.
    expect((await user('holder', 'child')).status).toBe(201);
    expectError(await atlas.call('POST', `/groups/${groupId}/databaseUsers`, { body: { databaseName: 'admin', groupId, username: 'x', password: 'Str0ng-Passw0rd-2026!', roles: [{ databaseName: 'db', roleName: 'child' }] } }), 400, 'ATLAS_INVALID_ROLE_DATABASE');
    expectError(await user('y', 'ghost'), 400, 'ATLAS_INVALID_ROLE');
    expectError(await atlas.call('DELETE', `${roles()}/child`), 409, 'ATLAS_CUSTOM_ROLE_IN_USE_BY_USERS', ['holder']);
    await atlas.call('DELETE', `/groups/${groupId}/databaseUsers/admin/holder`);
    expect((await atlas.call('DELETE', `${roles()}/child`)).status).toBe(204);
    expect((await atlas.call('DELETE', `${roles()}/role-90`)).status).toBe(204);
    expect(await names()).toEqual([]);
  });

  it('only role administrators write; readers read', async () => {
    const key = atlas.sim.world.apiKeys.mint(orgId, { desc: 'reader', orgRoles: ['ORG_MEMBER'], groupRoles: { [groupId]: ['GROUP_READ_ONLY'] } });
    const reader = withKey(atlas.tenant, key);
    expect((await atlas.call('GET', roles(), reader)).status).toBe(200);
    expectError(await atlas.call('POST', roles(), { ...reader, body: recorded }), 401, 'USER_UNAUTHORIZED');
    const admin = withKey(atlas.tenant, atlas.sim.world.apiKeys.mint(orgId, { desc: 'dba', orgRoles: ['ORG_MEMBER'], groupRoles: { [groupId]: ['GROUP_DATABASE_ACCESS_ADMIN'] } }));
    expect((await atlas.call('POST', roles(), { ...admin, body: recorded })).status).toBe(202);
  });
});
