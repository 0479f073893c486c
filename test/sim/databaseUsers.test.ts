import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { GroupRole, OrgRole } from '../../src/sim/roles.js';
import type { TenantCredentials } from '../../src/sim/tenants.js';
import { openApiDifferences } from '../support/conformance.js';
import { startAtlas, type ApiResponse, type TestAtlas } from '../support/harness.js';
import { curl, runPython } from '../support/tools.js';

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
  const res = await atlas.call('POST', '/groups', { body: { name: 'db-users', orgId } });
  groupId = res.json.id;
});

const users = () => `/groups/${groupId}/databaseUsers`;
const userPath = (db: string, username: string) => `${users()}/${encodeURIComponent(db)}/${encodeURIComponent(username)}`;
const IDP = 'd0123456789abcdef012345d';

/** An instant relative to the simulation clock, as ISO 8601 (earlier tests may have moved the clock). */
const at = (seconds: number): string => new Date(atlas.sim.clock.now() + seconds * 1000).toISOString().replace('.000Z', 'Z');

/** A password user the way the Atlas CLI creates one. */
const scramUser = (username: string, extra: Record<string, unknown> = {}) => ({
  databaseName: 'admin',
  groupId,
  username,
  password: 'Corr3ct-Horse-Battery',
  roles: [{ databaseName: 'admin', roleName: 'atlasAdmin' }],
  ...extra,
});

const create = (body: Record<string, unknown>): Promise<ApiResponse> => atlas.call('POST', users(), { body });

async function created(body: Record<string, unknown>): Promise<ApiResponse> {
  const res = await create(body);
  expect(res.status, res.text).toBe(201);
  return res;
}

/** The error as [status, errorCode, parameters], for compact expectations. */
const failure = (res: ApiResponse) => [res.status, res.json?.errorCode, res.json?.parameters];

/** Test-only: a cluster row in the project, until the clusters engineer's create API lands. */
function plantCluster(name: string): void {
  (atlas.sim.world.clusters as unknown as { insert(row: unknown): void }).insert({ id: atlas.sim.world.ids.next(), groupId, name });
}

function keyWith(orgRoles: OrgRole[], groupRoles: Record<string, GroupRole[]>): TenantCredentials {
  const key = atlas.sim.world.apiKeys.mint(orgId, { desc: 'test key', orgRoles, groupRoles });
  return { ...atlas.tenant, apiKey: { id: key.id, publicKey: key.publicKey, privateKey: key.privateKey } };
}

const internals = async (db: string, username: string) =>
  (await atlas.call('GET', `/_mock/groups/${groupId}/databaseUsers/${encodeURIComponent(db)}/${encodeURIComponent(username)}`)).json;

const passwordWorks = async (db: string, username: string, password: string): Promise<boolean> =>
  (await atlas.call('POST', `/_mock/groups/${groupId}/databaseUsers/${encodeURIComponent(db)}/${encodeURIComponent(username)}/verifyPassword`, { body: { password } })).json.valid;

describe('password (SCRAM) users', () => {
  it('creates with 201 and the recorded shape: alphabetical keys, NONE auth types, no password', async () => {
    const res = await created(scramUser('user-253'));
    expect(res.headers['content-type']).toBe('application/vnd.atlas.2023-01-01+json;charset=utf-8');
    expect(res.headers.location).toBeUndefined();
    expect(res.text).not.toContain('Corr3ct');
    expect(res.json).toEqual({
      awsIAMType: 'NONE',
      databaseName: 'admin',
      groupId,
      labels: [],
      ldapAuthType: 'NONE',
      links: [{ href: `${atlas.url}/api/atlas/v2/groups/${groupId}/databaseUsers/admin/user-253`, rel: 'self' }],
      oidcAuthType: 'NONE',
      roles: [{ databaseName: 'admin', roleName: 'atlasAdmin' }],
      scopes: [],
      username: 'user-253',
      x509Type: 'NONE',
    });
    expect(Object.keys(res.json)).toEqual(Object.keys(res.json).slice().sort());
    expect(openApiDifferences('POST', users(), res)).toEqual([]);
    const event = atlas.sim.world.events.list((e) => e.groupId === groupId && e.eventTypeName.startsWith('MONGODB_USER'))[0]!;
    expect([event.eventTypeName, event.fields]).toEqual(['MONGODB_USER_ADDED', { dbUserUsername: 'user-253' }]);
  });

  it('keeps a SCRAM-SHA-256 credential only (Gov), which the control plane shows and can verify', async () => {
    await created(scramUser('scram'));
    const view = await internals('admin', 'scram');
    expect(view.mechanisms).toEqual(['SCRAM-SHA-256']);
    expect(Object.keys(view.credentials)).toEqual(['SCRAM-SHA-256']);
    expect(view.credentials['SCRAM-SHA-256'].iterationCount).toBe(15000);
    expect(Buffer.from(view.credentials['SCRAM-SHA-256'].salt, 'base64')).toHaveLength(28);
    expect(JSON.stringify(view)).not.toContain('Corr3ct');
    expect(JSON.stringify(atlas.sim.exportState())).not.toContain('Corr3ct');
    expect(await passwordWorks('admin', 'scram', 'Corr3ct-Horse-Battery')).toBe(true);
    expect(await passwordWorks('admin', 'scram', 'corr3ct-horse-battery')).toBe(false);
  });

  it('documents the control-plane view in the route table, and answers its errors in the Atlas format', async () => {
    const index = await atlas.call('GET', '/_mock');
    const paths = index.json.routes.map((r: { method: string; path: string }) => `${r.method} ${r.path}`);
    expect(paths).toContain('GET /_mock/groups/{groupId}/databaseUsers/{databaseName}/{username}');
    expect(paths).toContain('POST /_mock/groups/{groupId}/databaseUsers/{databaseName}/{username}/verifyPassword');
    expect(failure(await atlas.call('GET', '/_mock/groups/nope/databaseUsers/admin/x'))).toEqual([404, 'INVALID_GROUP_ID', ['nope']]);
    expect((await atlas.call('GET', '/_mock/groups/aaaaaaaaaaaaaaaaaaaaaaaa/databaseUsers/admin/x')).json.errorCode).toBe('GROUP_NOT_FOUND');
    expect((await atlas.call('GET', `/_mock/groups/${groupId}/databaseUsers/admin/x`)).json.errorCode).toBe('USERNAME_NOT_FOUND');
    await created({ groupId, databaseName: '$external', username: 'cert', x509Type: 'MANAGED' });
    // An X.509 user has no password to verify.
    expect(await passwordWorks('$external', 'cert', 'anything-at-all')).toBe(false);
  });

  it('applies the password rules: missing, weak (< 8) and common passwords', async () => {
    const cases: Array<[unknown, unknown[]]> = [
      [undefined, [400, 'MISSING_ATTRIBUTE', ['password']]],
      [null, [400, 'MISSING_ATTRIBUTE', ['password']]],
      ['', [400, 'MISSING_ATTRIBUTE', ['password']]],
      ['s3cr3t!', [400, 'WEAK_PASSWORD', []]],
      ['Password123', [400, 'COMMON_PASSWORD', []]],
      ['qwertyuiop', [400, 'COMMON_PASSWORD', []]],
    ];
    for (const [password, expected] of cases) {
      const res = await create({ ...scramUser('pw'), password });
      expect(failure(res), String(password)).toEqual(expected);
    }
    expect((await create({ ...scramUser('pw'), password: 'eight ch' })).status).toBe(201);
  });

  it('updates with PATCH as recorded: roles, scopes, labels, description and password', async () => {
    plantCluster('snapshotCluster0');
    plantCluster('snapshotCluster1');
    await created(
      scramUser('user-332', {
        scopes: [
          { name: 'snapshotCluster0', type: 'CLUSTER' },
          { name: 'snapshotCluster1', type: 'CLUSTER' },
        ],
      }),
    );
    const res = await atlas.call('PATCH', userPath('admin', 'user-332'), {
      body: {
        databaseName: 'admin',
        groupId,
        username: 'user-332',
        roles: [{ databaseName: 'admin', roleName: 'readWrite' }],
        scopes: [{ name: 'snapshotCluster0', type: 'CLUSTER' }],
        labels: [{ key: 'team', value: 'payments' }],
        description: 'payments service',
      },
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      description: 'payments service',
      labels: [{ key: 'team', value: 'payments' }],
      roles: [{ databaseName: 'admin', roleName: 'readWrite' }],
      scopes: [{ name: 'snapshotCluster0', type: 'CLUSTER' }],
      username: 'user-332',
    });
    expect(openApiDifferences('PATCH', userPath('admin', 'user-332'), res)).toEqual([]);
    // "Update only password": the rest stays, the new password is the one that works.
    const pw = await atlas.call('PATCH', userPath('admin', 'user-332'), { body: { password: 'N3w-Password-2026' } });
    expect(pw.json).toEqual(res.json);
    expect(await passwordWorks('admin', 'user-332', 'N3w-Password-2026')).toBe(true);
    expect(await passwordWorks('admin', 'user-332', 'Corr3ct-Horse-Battery')).toBe(false);
    const weak = await atlas.call('PATCH', userPath('admin', 'user-332'), { body: { password: 'short' } });
    expect(failure(weak)).toEqual([400, 'WEAK_PASSWORD', []]);
    expect(await passwordWorks('admin', 'user-332', 'N3w-Password-2026')).toBe(true);
    const cleared = await atlas.call('PATCH', userPath('admin', 'user-332'), { body: { description: '' } });
    expect(cleared.json.description).toBeUndefined();
    const types = atlas.sim.world.events.list((e) => e.groupId === groupId && e.eventTypeName.startsWith('MONGODB_USER')).map((e) => e.eventTypeName);
    expect(types).toEqual(['MONGODB_USER_UPDATED', 'MONGODB_USER_UPDATED', 'MONGODB_USER_UPDATED', 'MONGODB_USER_ADDED']);
  });

  it('refuses to change the username, database or auth method (409), accepting unchanged values', async () => {
    await created(scramUser('fixed'));
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ username: 'renamed', password: 'An0ther-Password' }, 'DATABASE_USERNAME_CANNOT_BE_CHANGED'],
      [{ databaseName: '$external' }, 'DATABASE_NAME_CANNOT_BE_CHANGED'],
      [{ x509Type: 'MANAGED' }, 'AUTH_TYPE_CANNOT_BE_CHANGED'],
      [{ oidcAuthType: 'USER' }, 'AUTH_TYPE_CANNOT_BE_CHANGED'],
    ];
    for (const [body, code] of cases) {
      const res = await atlas.call('PATCH', userPath('admin', 'fixed'), { body });
      expect(failure(res), JSON.stringify(body)).toEqual([409, code, []]);
    }
    const same = await atlas.call('PATCH', userPath('admin', 'fixed'), { body: { username: 'fixed', databaseName: 'admin', x509Type: 'NONE', awsIAMType: 'NONE' } });
    expect(same.status).toBe(200);
    expect(await passwordWorks('admin', 'fixed', 'Corr3ct-Horse-Battery')).toBe(true);
  });

  it('lists in creation order (updates keep their place) and pages', async () => {
    for (const name of ['Cluster48141', 'user0', 'test', 'myAtlasDBUser']) await created(scramUser(name));
    await atlas.call('PATCH', userPath('admin', 'user0'), { body: { description: 'moved?' } });
    const res = await atlas.call('GET', users());
    expect(res.status).toBe(200);
    expect(res.json.links).toEqual([{ href: `${atlas.url}/api/atlas/v2/groups/${groupId}/databaseUsers?includeCount=true&pageNum=1&itemsPerPage=100`, rel: 'self' }]);
    expect(res.json.results.map((u: { username: string }) => u.username)).toEqual(['Cluster48141', 'user0', 'test', 'myAtlasDBUser']);
    expect(res.json.totalCount).toBe(4);
    expect(openApiDifferences('GET', users(), res)).toEqual([]);
    const page = await atlas.call('GET', `${users()}?itemsPerPage=3&pageNum=2`);
    expect(page.json.results.map((u: { username: string }) => u.username)).toEqual(['myAtlasDBUser']);
    expect(page.json.links.map((l: { rel: string }) => l.rel)).toEqual(['self', 'previous']);
  });

  it('deletes with 204 and no body; the user is then 404 USERNAME_NOT_FOUND', async () => {
    await created(scramUser('gone'));
    const res = await atlas.call('DELETE', userPath('admin', 'gone'));
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expect(res.headers['content-type']).toBe('application/vnd.atlas.2023-01-01+json;charset=utf-8');
    expect(openApiDifferences('DELETE', userPath('admin', 'gone'), res)).toEqual([]);
    const miss = await atlas.call('GET', userPath('admin', 'gone'));
    expect(miss.json).toEqual({
      detail: 'No user with username gone exists.',
      error: 404,
      errorCode: 'USERNAME_NOT_FOUND',
      parameters: ['gone'],
      reason: 'Not Found',
    });
    expect((await atlas.call('DELETE', userPath('admin', 'gone'))).json.errorCode).toBe('USERNAME_NOT_FOUND');
    expect((await atlas.call('GET', userPath('mydb', 'gone'))).json.errorCode).toBe('USERNAME_NOT_FOUND');
    expect(atlas.sim.world.events.list((e) => e.groupId === groupId)[0]).toMatchObject({ eventTypeName: 'MONGODB_USER_DELETED', fields: { dbUserUsername: 'gone' } });
  });

  it('refuses a duplicate with 409 USER_ALREADY_EXISTS; 50 parallel creates leave one user', async () => {
    await created(scramUser('dup'));
    const res = await create(scramUser('dup'));
    expect(res.json).toEqual({
      detail: 'A user with username dup already exists.',
      error: 409,
      errorCode: 'USER_ALREADY_EXISTS',
      parameters: ['dup'],
      reason: 'Conflict',
    });
    const all = await Promise.all(Array.from({ length: 50 }, () => create(scramUser('racer'))));
    expect(all.filter((r) => r.status === 201)).toHaveLength(1);
    expect(all.filter((r) => r.status === 409 && r.json.errorCode === 'USER_ALREADY_EXISTS')).toHaveLength(49);
    expect((await atlas.call('GET', users())).json.totalCount).toBe(2);
  });
});

describe('externally authenticated users', () => {
  it('creates X.509, LDAP, AWS IAM and OIDC users on their databases, addressable with URL-encoded names', async () => {
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ databaseName: '$external', username: 'user389', x509Type: 'MANAGED' }, '$external', 'MONGODB-X509'],
      [{ databaseName: '$external', username: 'CN=Dylan Bloggs,OU=Enterprise,OU=Sales,DC=Example,DC=COM', x509Type: 'CUSTOMER' }, '$external', 'MONGODB-X509'],
      [{ databaseName: '$external', username: 'CN=david@example.com,OU=users,DC=example,DC=com', ldapAuthType: 'USER' }, '$external', 'PLAIN'],
      [{ databaseName: 'admin', username: 'CN=marketing,OU=groups,DC=example,DC=com', ldapAuthType: 'GROUP' }, 'admin', 'PLAIN'],
      [{ databaseName: '$external', username: 'arn:aws:iam::123456789012:user/sales/enterprise/DylanBloggs', awsIAMType: 'USER' }, '$external', 'MONGODB-AWS'],
      [{ databaseName: '$external', username: 'arn:aws-us-gov:iam::123456789012:role/app', awsIAMType: 'ROLE' }, '$external', 'MONGODB-AWS'],
      [{ databaseName: 'admin', username: `${IDP}/user-332`, oidcAuthType: 'IDP_GROUP' }, 'admin', 'MONGODB-OIDC'],
      [{ databaseName: '$external', username: `${IDP}/workload`, oidcAuthType: 'USER' }, '$external', 'MONGODB-OIDC'],
    ];
    for (const [body, db, mechanism] of cases) {
      const username = body.username as string;
      const res = await create({ groupId, roles: [{ databaseName: 'admin', roleName: 'readAnyDatabase' }], ...body });
      expect(res.status, `${username}: ${res.text}`).toBe(201);
      expect(res.json.databaseName).toBe(db);
      expect(openApiDifferences('POST', users(), res)).toEqual([]);
      const got = await atlas.call('GET', userPath(db, username));
      expect(got.status, username).toBe(200);
      expect(got.json).toEqual(res.json);
      expect((await internals(db, username)).mechanisms).toEqual([mechanism]);
    }
    // Recorded link forms: `/` as %2F, `$external` as is.
    const oidc = await atlas.call('GET', userPath('admin', `${IDP}/user-332`));
    expect(oidc.json.links[0].href).toBe(`${atlas.url}/api/atlas/v2/groups/${groupId}/databaseUsers/admin/${IDP}%2Fuser-332`);
    const managed = await atlas.call('GET', `${users()}/$external/user389`);
    expect(managed.json.links[0].href).toBe(`${atlas.url}/api/atlas/v2/groups/${groupId}/databaseUsers/$external/user389`);
    // MongoDB knows a managed X.509 user as CN=<name> (recorded event).
    expect((await internals('$external', 'user389')).mongodbUsername).toBe('CN=user389');
    const added = atlas.sim.world.events.list((e) => e.eventTypeName === 'MONGODB_USER_ADDED' && e.fields.dbUserUsername === 'CN=user389');
    expect(added).toHaveLength(1);
    // An ARN whose `/` is not encoded is another path: no such resource.
    const raw = await atlas.call('GET', `${users()}/$external/arn:aws:iam::123456789012:user/sales/enterprise/DylanBloggs`);
    expect([raw.status, raw.json.errorCode]).toEqual([404, 'RESOURCE_NOT_FOUND']);
    const del = await atlas.call('DELETE', userPath('$external', 'arn:aws:iam::123456789012:user/sales/enterprise/DylanBloggs'));
    expect(del.status).toBe(204);
    expect((await atlas.call('GET', users())).json.totalCount).toBe(7);
  });

  it('puts each method on its database: DATABASE_NAME_INVALID_ADMIN / _EXTERNAL', async () => {
    const scram = await create(scramUser('pw', { databaseName: '$external' }));
    expect(scram.json).toEqual({
      detail: 'Database name invalid. Users can only be created on the admin database.',
      error: 400,
      errorCode: 'DATABASE_NAME_INVALID_ADMIN',
      parameters: ['Users'],
      reason: 'Bad Request',
    });
    expect(failure(await create(scramUser('pw', { databaseName: 'mydb' })))[1]).toBe('DATABASE_NAME_INVALID_ADMIN');
    const x509 = await create({ groupId, databaseName: 'admin', username: 'cert', x509Type: 'MANAGED' });
    expect(x509.json.detail).toBe('Database name invalid. Externally authenticated users can only be created on the $external database.');
    expect(failure(await create({ groupId, databaseName: 'admin', username: 'arn:aws:iam::123456789012:role/r', awsIAMType: 'ROLE' }))[1]).toBe('DATABASE_NAME_INVALID_EXTERNAL');
    expect(failure(await create({ groupId, databaseName: '$external', username: `${IDP}/g`, oidcAuthType: 'IDP_GROUP' }))[1]).toBe('DATABASE_NAME_INVALID_ADMIN');
  });

  it('allows one authentication method per user, and passwords only for SCRAM', async () => {
    const cases: Array<[Record<string, unknown>, unknown[]]> = [
      [{ databaseName: '$external', username: 'CN=a', x509Type: 'CUSTOMER', ldapAuthType: 'USER' }, [400, 'ATLAS_X509_USER_CANNOT_USE_LDAP', []]],
      [
        { databaseName: '$external', username: 'arn:aws:iam::123456789012:user/x', awsIAMType: 'USER', oidcAuthType: 'USER' },
        [400, 'ATLAS_INVALID_AUTH_SETTINGS', ['A database user can use only one authentication method']],
      ],
      [{ databaseName: '$external', username: 'cert', x509Type: 'MANAGED', password: 'Long-enough-1' }, [400, 'ATLAS_X509_USER_CANNOT_USE_SCRAM', []]],
      [
        { databaseName: '$external', username: 'CN=a,DC=b', ldapAuthType: 'USER', password: 'Long-enough-1' },
        [400, 'ATLAS_INVALID_AUTH_SETTINGS', ['Only SCRAM users can have a password']],
      ],
      [{ databaseName: '$external', username: 'cert', x509Type: 'MANAGED', deleteAfterDate: at(3600) }, [400, 'ATLAS_X509_USER_CANNOT_BE_TEMPORARY', []]],
    ];
    for (const [body, expected] of cases) expect(failure(await create({ groupId, ...body })), JSON.stringify(body)).toEqual(expected);
  });

  it('checks the username form of each method', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ databaseName: '$external', username: 'CN=a,OU=b', x509Type: 'MANAGED' }, 'ATLAS_MANAGED_X509_NAME_INVALID'],
      [{ databaseName: '$external', username: 'a,OU=b', x509Type: 'MANAGED' }, 'ATLAS_MANAGED_X509_NAME_INVALID'],
      [{ databaseName: '$external', username: 'not a dn', x509Type: 'CUSTOMER' }, 'ATLAS_INVALID_LDAP_NAME'],
      [{ databaseName: '$external', username: 'CN=a,OU', ldapAuthType: 'USER' }, 'ATLAS_INVALID_LDAP_NAME'],
      [{ databaseName: '$external', username: 'CN=admin*,OU=x', ldapAuthType: 'USER' }, 'ATLAS_INVALID_DN_METACHARACTERS'],
      [{ databaseName: '$external', username: 'arn:aws:iam::12:user/x', awsIAMType: 'USER' }, 'ATLAS_INVALID_USERNAME'],
      [{ databaseName: '$external', username: 'arn:aws:iam::123456789012:role/x', awsIAMType: 'USER' }, 'ATLAS_INVALID_USERNAME'],
      [{ databaseName: '$external', username: 'workload', oidcAuthType: 'USER' }, 'ATLAS_INVALID_USERNAME'],
      [{ databaseName: 'admin', username: '', password: 'Long-enough-1' }, 'ATLAS_INVALID_USERNAME'],
      [{ databaseName: 'admin', username: 'tab\there', password: 'Long-enough-1' }, 'ATLAS_INVALID_USERNAME'],
      [{ databaseName: 'admin', username: 'u'.repeat(1025), password: 'Long-enough-1' }, 'INVALID_ATTRIBUTE'],
    ];
    for (const [body, code] of cases) {
      const res = await create({ groupId, ...body });
      expect([res.status, res.json.errorCode], String(body.username)).toEqual([400, code]);
    }
    const escaped = await create({ groupId, databaseName: '$external', username: 'CN=Smith\\, John,OU=People', ldapAuthType: 'USER' });
    expect(escaped.status).toBe(201);
  });
});

describe('roles, scopes, labels and temporary users', () => {
  it('validates built-in roles with the Atlas errors', async () => {
    const cases: Array<[Record<string, unknown>[], unknown[]]> = [
      [[{ databaseName: 'admin', roleName: 'superuser' }], [400, 'ATLAS_INVALID_ROLE', ['superuser', 'admin']]],
      [[{ databaseName: 'sales', roleName: 'atlasAdmin' }], [400, 'ATLAS_INVALID_ROLE_DATABASE', ['atlasAdmin', 'admin']]],
      [[{ databaseName: 'admin', roleName: 'root' }], [400, 'ATLAS_RESTRICTED_ROLE', ['root', 'admin']]],
      [[{ databaseName: 'sales', roleName: 'read', collectionName: 'system.users' }], [400, 'ATLAS_RESTRICTED_COLLECTION', ['system.users', 'read', 'sales']]],
      [[{ databaseName: 'sales', roleName: 'dbAdmin', collectionName: 'orders' }], [400, 'INVALID_ATTRIBUTE', ['collectionName']]],
      [[{ databaseName: 'sa.les', roleName: 'read' }], [400, 'INVALID_DATABASE_NAME', ['sa.les']]],
      [
        [
          { databaseName: 'sales', roleName: 'read' },
          { databaseName: 'sales', roleName: 'read' },
        ],
        [400, 'DUPLICATE_DATABASE_ROLES', ['roles', 'read@sales']],
      ],
    ];
    for (const [roles, expected] of cases) expect(failure(await create(scramUser('roles', { roles }))), JSON.stringify(roles)).toEqual(expected);
    const detail = await create(scramUser('roles', { roles: [{ databaseName: 'admin', roleName: 'superuser' }] }));
    expect(detail.json.detail).toBe('The specified role superuser@admin does not exist.');
    const ok = await created(
      scramUser('roles', {
        roles: [
          { databaseName: 'sales', roleName: 'readWrite', collectionName: 'orders' },
          { databaseName: 'marketing', roleName: 'read' },
          { databaseName: 'admin', roleName: 'clusterMonitor' },
        ],
      }),
    );
    expect(ok.json.roles).toEqual([
      { collectionName: 'orders', databaseName: 'sales', roleName: 'readWrite' },
      { databaseName: 'marketing', roleName: 'read' },
      { databaseName: 'admin', roleName: 'clusterMonitor' },
    ]);
  });

  it('scopes must name clusters of the project; data lakes and streams are not offered on Gov', async () => {
    plantCluster('Cluster0');
    const ok = await created(scramUser('scoped', { scopes: [{ name: 'Cluster0', type: 'CLUSTER' }] }));
    expect(ok.json.scopes).toEqual([{ name: 'Cluster0', type: 'CLUSTER' }]);
    const missing = await create(scramUser('scoped2', { scopes: [{ name: 'Nope', type: 'CLUSTER' }] }));
    expect(missing.json).toEqual({
      detail: `No cluster named Nope exists in group ${groupId}.`,
      error: 404,
      errorCode: 'CLUSTER_NOT_FOUND',
      parameters: ['Nope', groupId],
      reason: 'Not Found',
    });
    expect(failure(await create(scramUser('scoped2', { scopes: [{ name: 'lake', type: 'DATA_LAKE' }] })))).toEqual([403, 'FEATURE_UNSUPPORTED', []]);
    expect(failure(await create(scramUser('scoped2', { scopes: [{ name: '-bad', type: 'CLUSTER' }] })))).toEqual([400, 'INVALID_ATTRIBUTE', ['name']]);
    expect(failure(await create(scramUser('scoped2', { scopes: [{ name: 'Cluster0', type: 'SERVERLESS' }] })))).toEqual([400, 'INVALID_ENUM_VALUE', ['SERVERLESS']]);
    // The same rule on PATCH, which then changes nothing.
    const patch = await atlas.call('PATCH', userPath('admin', 'scoped'), { body: { scopes: [{ name: 'Nope', type: 'CLUSTER' }] } });
    expect(failure(patch)[1]).toBe('CLUSTER_NOT_FOUND');
    expect((await atlas.call('GET', userPath('admin', 'scoped'))).json.scopes).toEqual([{ name: 'Cluster0', type: 'CLUSTER' }]);
  });

  it('keeps labels and a description of up to 100 characters', async () => {
    const res = await created(scramUser('labelled', { labels: [{ key: 'env', value: 'gov' }], description: 'd'.repeat(100) }));
    expect(res.json).toMatchObject({ description: 'd'.repeat(100), labels: [{ key: 'env', value: 'gov' }] });
    expect(failure(await create(scramUser('long', { description: 'd'.repeat(101) })))).toEqual([400, 'INVALID_ATTRIBUTE', ['description']]);
    expect(failure(await create(scramUser('long', { labels: [{ key: '', value: 'x' }] })))).toEqual([400, 'INVALID_ATTRIBUTE', ['key']]);
  });

  it('removes a temporary user at deleteAfterDate on the simulation clock', async () => {
    // Like the CLI's --deleteAfter: a day and a bit ahead, here written with an offset.
    const due = atlas.sim.clock.now() + (25 * 3600 + 5 * 60 + 41) * 1000;
    const offset = new Date(due + 2 * 3600_000).toISOString().replace('.000Z', '+02:00');
    const res = await created(scramUser('temp', { deleteAfterDate: offset }));
    expect(res.json.deleteAfterDate).toBe(new Date(due).toISOString().replace('.000Z', 'Z'));
    await created(scramUser('permanent'));
    atlas.advance(25 * 3600 + 5 * 60 + 40);
    expect((await atlas.call('GET', userPath('admin', 'temp'))).status).toBe(200);
    atlas.advance(1);
    expect((await atlas.call('GET', userPath('admin', 'temp'))).json.errorCode).toBe('USERNAME_NOT_FOUND');
    const list = await atlas.call('GET', users());
    expect(list.json.results.map((u: { username: string }) => u.username)).toEqual(['permanent']);
    expect(list.json.totalCount).toBe(1);
    // The name is free again.
    expect((await create(scramUser('temp'))).status).toBe(201);
  });

  it('accepts deleteAfterDate within a week only, and a PATCH can make a user temporary', async () => {
    const week = 7 * 86400;
    const cases: Array<[string, unknown[]]> = [
      [at(-1), [400, 'EXPIRATION_DATE_IN_PAST', []]],
      [at(0), [400, 'EXPIRATION_DATE_IN_PAST', []]],
      [at(week + 1), [400, 'EXPIRATION_DATE_EXCEEDS_MAX', [7]]],
      ['tomorrow', [400, 'INVALID_ATTRIBUTE', ['deleteAfterDate']]],
      ['2026-02-30T00:00:00Z', [400, 'INVALID_ATTRIBUTE', ['deleteAfterDate']]],
    ];
    for (const [date, expected] of cases) expect(failure(await create(scramUser('t', { deleteAfterDate: date }))), date).toEqual(expected);
    const exceeded = await create(scramUser('t', { deleteAfterDate: at(week + 3600) }));
    expect(exceeded.json.detail).toBe('The specified expiration date can be at most 7 days in the future.');
    await created(scramUser('later-temp'));
    const patched = await atlas.call('PATCH', userPath('admin', 'later-temp'), { body: { deleteAfterDate: at(week) } });
    expect(patched.json.deleteAfterDate).toBe(at(week));
    atlas.advance(week);
    expect((await atlas.call('GET', users())).json.totalCount).toBe(0);
  });

  it('holds at most 100 users per project: 403 GROUP_USERS_LIMIT_EXCEEDED', async () => {
    // X.509 managed users: no password to derive, so the loop stays quick.
    for (let i = 0; i < 100; i++) await created({ groupId, databaseName: '$external', username: `cert${i}`, x509Type: 'MANAGED' });
    const res = await create({ groupId, databaseName: '$external', username: 'cert100', x509Type: 'MANAGED' });
    expect(res.json).toMatchObject({ error: 403, errorCode: 'GROUP_USERS_LIMIT_EXCEEDED', detail: 'Groups can contain at most 100 database users.' });
  });
});

describe('bad input to the database user routes', () => {
  it('gets the Atlas error for each kind of bad body, and creates nothing', async () => {
    await created(scramUser('existing'));
    const before = await atlas.call('GET', users());
    const cases: Array<[string | Record<string, unknown>, number, string, unknown[]]> = [
      ['{"username":', 400, 'MALFORMED_JSON', []],
      [{ groupId, username: 'x', password: 'Long-enough-1' }, 400, 'MISSING_ATTRIBUTE', ['databaseName']],
      [{ databaseName: 'admin', username: 'x', password: 'Long-enough-1' }, 400, 'MISSING_ATTRIBUTE', ['groupId']],
      [{ databaseName: 'admin', groupId, password: 'Long-enough-1' }, 400, 'MISSING_ATTRIBUTE', ['username']],
      [scramUser('x', { roles: 'readWrite' }), 400, 'INVALID_JSON_ATTRIBUTE', ['roles']],
      [scramUser('x', { roles: [{ databaseName: 'admin', roleName: 7 }] }), 400, 'INVALID_JSON_ATTRIBUTE', ['roles.java.util.ArrayList[0].roleName']],
      [scramUser('x', { roles: [{ roleName: 'read' }] }), 400, 'MISSING_ATTRIBUTE', ['databaseName']],
      [scramUser('x', { password: 12345678 }), 400, 'INVALID_JSON_ATTRIBUTE', ['password']],
      [scramUser('x', { mechanism: 'SCRAM-SHA-1' }), 400, 'INVALID_ATTRIBUTE', ['mechanism']],
      [scramUser('x', { x509Type: 'SELF' }), 400, 'INVALID_ENUM_VALUE', ['SELF']],
      [scramUser('x', { groupId: '0123456789abcdef01234567' }), 400, 'GROUP_MISMATCH', ['0123456789abcdef01234567']],
      [scramUser('existing'), 409, 'USER_ALREADY_EXISTS', ['existing']],
    ];
    for (const [body, status, code, params] of cases) {
      const res = await atlas.call('POST', users(), typeof body === 'string' ? { rawBody: body } : { body });
      expect([res.status, res.json.errorCode, res.json.parameters], JSON.stringify(body)).toEqual([status, code, params]);
    }
    const huge = await atlas.call('POST', users(), { rawBody: JSON.stringify(scramUser('big', { description: 'x'.repeat(1_100_000) })) });
    expect(failure(huge)).toEqual([413, 'REQUEST_ENTITY_TOO_LARGE', [1048576]]);
    // Read back: nothing changed, and the existing user's password is still its own.
    expect((await atlas.call('GET', users())).json).toEqual(before.json);
    expect(await passwordWorks('admin', 'existing', 'Corr3ct-Horse-Battery')).toBe(true);
  });

  it('answers malformed and unknown project ids as Atlas does (recorded GROUP_NOT_FOUND)', async () => {
    const unknown = await atlas.call('POST', '/groups/111111111111111111111111/databaseUsers', { body: scramUser('x') });
    expect(unknown.json).toEqual({
      detail: 'No group with ID 111111111111111111111111 exists.',
      error: 404,
      errorCode: 'GROUP_NOT_FOUND',
      parameters: ['111111111111111111111111'],
      reason: 'Not Found',
    });
    expect(openApiDifferences('POST', '/groups/111111111111111111111111/databaseUsers', unknown)).toEqual([]);
    expect((await atlas.call('GET', '/groups/12345/databaseUsers')).json.errorCode).toBe('INVALID_GROUP_ID');
    expect((await atlas.call('PATCH', `/groups/12345/databaseUsers/admin/x`, { body: {} })).json.errorCode).toBe('INVALID_GROUP_ID');
    expect((await atlas.call('PATCH', userPath('admin', 'nobody'), { body: { description: 'x' } })).json.errorCode).toBe('USERNAME_NOT_FOUND');
  });

  it('needs Project Database Access Admin (or Owner) to change users, Project Read Only to read them', async () => {
    await created(scramUser('reader-sees-me'));
    const reader = keyWith(['ORG_MEMBER'], { [groupId]: ['GROUP_READ_ONLY'] });
    expect((await atlas.call('GET', users(), { auth: 'digest', tenant: reader })).json.totalCount).toBe(1);
    const refused = await atlas.call('POST', users(), { auth: 'digest', tenant: reader, body: scramUser('nope') });
    expect(failure(refused)).toEqual([401, 'USER_UNAUTHORIZED', []]);
    expect((await atlas.call('DELETE', userPath('admin', 'reader-sees-me'), { auth: 'digest', tenant: reader })).status).toBe(401);
    const admin = keyWith(['ORG_MEMBER'], { [groupId]: ['GROUP_DATABASE_ACCESS_ADMIN'] });
    expect((await atlas.call('POST', users(), { auth: 'digest', tenant: admin, body: scramUser('by-admin') })).status).toBe(201);
    expect((await atlas.call('GET', users())).json.results.map((u: { username: string }) => u.username)).toEqual(['reader-sees-me', 'by-admin']);
  });

  it('goes with its project: deleting the project deletes its users', async () => {
    await created(scramUser('doomed'));
    expect((await atlas.call('DELETE', `/groups/${groupId}`)).status).toBe(202);
    expect(atlas.sim.world.databaseUsers.countIn(groupId)).toBe(0);
    expect(atlas.sim.exportState().slices.databaseUsers).toEqual([]);
  });
});

describe('real clients', () => {
  it('curl creates and reads a user by Digest', async () => {
    const { publicKey, privateKey } = atlas.tenant.apiKey;
    const common = ['--digest', '--user', `${publicKey}:${privateKey}`, '--header', 'Accept: application/vnd.atlas.2023-01-01+json'];
    const made = await curl([
      ...common,
      '--header',
      'Content-Type: application/json',
      '--request',
      'POST',
      '--data',
      JSON.stringify(scramUser('curl-user')),
      `${atlas.url}/api/atlas/v2${users()}`,
    ]);
    expect(made.status).toBe(201);
    expect(made.headerBlocks[0]).toMatch(/^HTTP\/1\.1 401/);
    expect(JSON.parse(made.body).username).toBe('curl-user');
    const read = await curl([...common, `${atlas.url}/api/atlas/v2${userPath('admin', 'curl-user')}`]);
    expect(read.status).toBe(200);
    expect(JSON.parse(read.body)).toEqual(JSON.parse(made.body));
  });

  it('Python requests creates and reads an IAM user whose ARN is URL-encoded in the path', async () => {
    const script = `
import json, sys, urllib.parse, requests
from requests.auth import HTTPDigestAuth
base, group, pub, priv = sys.argv[1:5]
auth = HTTPDigestAuth(pub, priv)
h = {"Accept": "application/vnd.atlas.2023-01-01+json"}
arn = "arn:aws:iam::123456789012:user/x"
r = requests.post(f"{base}/api/atlas/v2/groups/{group}/databaseUsers", auth=auth, headers=h,
                  json={"databaseName": "$external", "groupId": group, "username": arn, "awsIAMType": "USER",
                        "roles": [{"databaseName": "admin", "roleName": "readAnyDatabase"}]})
g = requests.get(f"{base}/api/atlas/v2/groups/{group}/databaseUsers/%24external/" + urllib.parse.quote(arn, safe=""), auth=auth, headers=h)
print(json.dumps({"create": r.status_code, "get": g.status_code, "body": g.json()}))
`;
    const out = await runPython(script, [atlas.url, groupId, atlas.tenant.apiKey.publicKey, atlas.tenant.apiKey.privateKey]);
    expect(out.code, out.stderr).toBe(0);
    const result = JSON.parse(out.stdout);
    expect([result.create, result.get]).toEqual([201, 200]);
    expect(result.body).toMatchObject({ username: 'arn:aws:iam::123456789012:user/x', databaseName: '$external', awsIAMType: 'USER' });
    expect(result.body.links[0].href).toBe(`${atlas.url}/api/atlas/v2/groups/${groupId}/databaseUsers/$external/arn:aws:iam::123456789012:user%2Fx`);
  });
});
