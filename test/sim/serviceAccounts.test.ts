import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAtlas, type TestAtlas } from '../support/harness.js';
import { bearer, expectConforms, expectError, requestToken, seedProject, withKey } from '../support/iam.js';

let atlas: TestAtlas;
let orgId: string;
beforeAll(async () => {
  atlas = await startAtlas();
  orgId = atlas.tenant.orgId;
});
afterAll(() => atlas.close());

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;

interface Created {
  clientId: string;
  secrets: Array<{ id: string; secret: string; maskedSecretValue: string }>;
}

/** Tests that move the clock call with Digest: the harness caches one Bearer token, which would expire. */
const DIGEST = { auth: 'digest' } as const;

async function createAccount(atlasX: TestAtlas, roles: string[] = ['ORG_READ_ONLY'], hours = 24, name = 'ci account'): Promise<Created> {
  const res = await atlasX.call('POST', `/orgs/${atlasX.tenant.orgId}/serviceAccounts`, {
    ...DIGEST,
    body: { name, description: 'made by a test', roles, secretExpiresAfterHours: hours },
  });
  expect(res.status, res.text).toBe(201);
  return res.json;
}

describe('organization service accounts', () => {
  it('creates with 201; the secret is returned in full only in that response', async () => {
    const path = `/orgs/${orgId}/serviceAccounts`;
    const res = await atlas.call('POST', path, {
      body: { name: "Terraform's runner", description: 'Pipeline, nightly.', roles: ['ORG_MEMBER', 'ORG_GROUP_CREATOR'], secretExpiresAfterHours: 48 },
    });
    expect(res.status).toBe(201);
    expect(res.headers['content-type']).toBe('application/vnd.atlas.2024-08-05+json;charset=utf-8');
    expect(Object.keys(res.json)).toEqual(['clientId', 'createdAt', 'description', 'name', 'roles', 'secrets']);
    expect(res.json.clientId).toMatch(/^mdb_sa_id_[a-f0-9]{24}$/);
    expect(res.json.roles).toEqual(['ORG_MEMBER', 'ORG_GROUP_CREATOR']);
    const [secret] = res.json.secrets;
    expect(Object.keys(secret)).toEqual(['createdAt', 'expiresAt', 'id', 'maskedSecretValue', 'secret']);
    expect(secret.secret).toMatch(/^mdb_sa_sk_[A-Za-z0-9]{40}$/);
    expect(secret.maskedSecretValue).toBe(`mdb_sa_sk_...${secret.secret.slice(-4)}`);
    expect(Date.parse(secret.expiresAt) - Date.parse(secret.createdAt)).toBe(48 * 3600_000);
    expectConforms('POST', path, res);

    const get = await atlas.call('GET', `${path}/${res.json.clientId}`);
    expect(get.status).toBe(200);
    expect(get.json.secrets).toEqual([{ createdAt: secret.createdAt, expiresAt: secret.expiresAt, id: secret.id, maskedSecretValue: secret.maskedSecretValue }]);
    expect(get.text).not.toContain(secret.secret);
    expectConforms('GET', `${path}/${res.json.clientId}`, get);
    const list = await atlas.call('GET', path);
    expect(list.text).not.toContain(secret.secret);
    expect(list.json.links[0].href).toBe(`${atlas.url}/api/atlas/v2${path}?pageNum=1&itemsPerPage=100`);
    expect(list.json.results.map((s: { clientId: string }) => s.clientId)).toContain(res.json.clientId);
    expectConforms('GET', path, list);
  });

  it('works at once with the token endpoint, records the secret’s last use, and is refused once deleted', async () => {
    const sa = await createAccount(atlas, ['ORG_READ_ONLY']);
    const { token } = await requestToken(atlas, sa.clientId, sa.secrets[0]!.secret);
    expect(token).toBeTruthy();
    const ok = await atlas.call('GET', `/orgs/${orgId}/serviceAccounts`, bearer(token!));
    expect(ok.status).toBe(200);
    expect((await atlas.call('GET', `/orgs/${orgId}/serviceAccounts/${sa.clientId}`)).json.secrets[0].lastUsedAt).toMatch(ISO);

    expect((await atlas.call('DELETE', `/orgs/${orgId}/serviceAccounts/${sa.clientId}`)).status).toBe(204);
    const refused = await atlas.call('GET', `/orgs/${orgId}`, bearer(token!));
    expect(refused.status).toBe(401);
    expect(refused.headers['www-authenticate']).toMatch(/^Digest /);
    expect((await requestToken(atlas, sa.clientId, sa.secrets[0]!.secret)).status).toBe(401);
    expectError(await atlas.call('GET', `/orgs/${orgId}/serviceAccounts/${sa.clientId}`), 404, 'RESOURCE_NOT_FOUND', [
      `Service Account with client ID ${sa.clientId}`,
    ]);
  });

  it('updates name, description and roles, and lists the projects it belongs to', async () => {
    const sa = await createAccount(atlas, ['ORG_MEMBER']);
    const path = `/orgs/${orgId}/serviceAccounts/${sa.clientId}`;
    const res = await atlas.call('PATCH', path, { body: { name: 'renamed', description: 'now documented', roles: ['ORG_READ_ONLY'] } });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ clientId: sa.clientId, name: 'renamed', description: 'now documented', roles: ['ORG_READ_ONLY'] });
    expectConforms('PATCH', path, res);
    const untouched = await atlas.call('PATCH', path, { body: {} });
    expect(untouched.json).toEqual(res.json);

    const g1 = seedProject(atlas, 'sa-projects-1');
    const g2 = seedProject(atlas, 'sa-projects-2');
    expect((await atlas.call('POST', `/groups/${g1}/serviceAccounts/${sa.clientId}:invite`, { body: { roles: ['GROUP_READ_ONLY'] } })).status).toBe(200);
    expect((await atlas.call('POST', `/groups/${g2}/serviceAccounts/${sa.clientId}:invite`, { body: { roles: ['GROUP_OWNER'] } })).status).toBe(200);
    const groups = await atlas.call('GET', `${path}/groups`);
    expect(groups.status).toBe(200);
    expect(groups.json.results).toEqual([{ groupId: g1 }, { groupId: g2 }]);
    expect(groups.json.totalCount).toBe(2);
    expectConforms('GET', `${path}/groups`, groups);
  });
});

describe('service account secrets on the simulation clock', () => {
  let clocked: TestAtlas;
  beforeAll(async () => {
    clocked = await startAtlas();
  });
  afterAll(() => clocked.close());

  it('honours secretExpiresAfterHours: an expired secret can no longer obtain tokens', async () => {
    const sa = await createAccount(clocked, ['ORG_MEMBER'], 8);
    const secret = sa.secrets[0]!.secret;
    clocked.sim.advance(8 * 3600 - 1);
    const before = await requestToken(clocked, sa.clientId, secret);
    expect(before.status).toBe(200);
    clocked.sim.advance(1);
    const after = await requestToken(clocked, sa.clientId, secret);
    expect(after).toEqual({ status: 401, token: null, body: { error_description: 'Invalid credentials provided.', error: 'invalid_client' } });
    const audit = (await (await fetch(`${clocked.url}/_mock/audit?principal=${sa.clientId}`)).json()) as { entries: Array<{ reason: string }> };
    expect(audit.entries.map((e) => e.reason)).toEqual(['expired-secret']);
    // The token minted before expiry lives its hour.
    expect((await clocked.call('GET', `/orgs/${clocked.tenant.orgId}`, bearer(before.token!))).status).toBe(200);
    clocked.sim.advance(3600);
    expect((await clocked.call('GET', `/orgs/${clocked.tenant.orgId}`, bearer(before.token!))).status).toBe(401);
  });

  it('rotates: a new secret works at once, the old one expires within 7 days, a deleted one stops its tokens', async () => {
    const sa = await createAccount(clocked, ['ORG_MEMBER'], 24 * 90);
    const path = `/orgs/${clocked.tenant.orgId}/serviceAccounts/${sa.clientId}`;
    const old = sa.secrets[0]!;
    const oldToken = (await requestToken(clocked, sa.clientId, old.secret)).token!;
    const created = await clocked.call('POST', `${path}/secrets`, { ...DIGEST, body: { secretExpiresAfterHours: 24 * 30 } });
    expect(created.status).toBe(201);
    expect(Object.keys(created.json)).toEqual(['createdAt', 'expiresAt', 'id', 'maskedSecretValue', 'secret']);
    expectConforms('POST', `${path}/secrets`, created);
    const secrets = (await clocked.call('GET', path, DIGEST)).json.secrets;
    expect(secrets.map((s: { id: string }) => s.id)).toEqual([old.id, created.json.id]);
    expect(Date.parse(secrets[0].expiresAt) - Date.parse(created.json.createdAt)).toBe(7 * 24 * 3600_000);
    expect(secrets[1].secret).toBeUndefined();

    const fresh = await requestToken(clocked, sa.clientId, created.json.secret);
    expect(fresh.status).toBe(200);
    clocked.sim.advance(7 * 24 * 3600);
    expect((await requestToken(clocked, sa.clientId, old.secret)).status).toBe(401);
    const newToken = (await requestToken(clocked, sa.clientId, created.json.secret)).token!;
    expect((await clocked.call('GET', `/orgs/${clocked.tenant.orgId}`, bearer(newToken))).status).toBe(200);

    expect((await clocked.call('DELETE', `${path}/secrets/${created.json.id}`, DIGEST)).status).toBe(204);
    expect((await clocked.call('GET', `/orgs/${clocked.tenant.orgId}`, bearer(newToken))).status).toBe(401);
    const audit = (await (await fetch(`${clocked.url}/_mock/audit?principal=${sa.clientId}&format=jsonl`)).text()).trim().split('\n').map((l) => JSON.parse(l));
    expect(audit.at(-1)).toMatchObject({ method: 'BEARER', reason: 'deleted-secret', principal: sa.clientId, route: `GET /api/atlas/v2/orgs/${clocked.tenant.orgId}` });
    // The old secret's token was minted before its expiry and has itself expired by now.
    expect((await clocked.call('GET', `/orgs/${clocked.tenant.orgId}`, bearer(oldToken))).status).toBe(401);
  });
});

describe('service account access lists', () => {
  it('adds entries (200, whole list), enforces them on Bearer calls, and token issuance still works from anywhere', async () => {
    const sa = await createAccount(atlas, ['ORG_READ_ONLY']);
    const path = `/orgs/${orgId}/serviceAccounts/${sa.clientId}/accessList`;
    const res = await atlas.call('POST', path, { body: [{ cidrBlock: '203.0.113.0/24' }, { ipAddress: '2001:db8::1' }] });
    expect(res.status).toBe(200);
    expect(res.json.results).toEqual([
      { cidrBlock: '203.0.113.0/24', createdAt: expect.stringMatching(ISO), requestCount: 0 },
      // IPv6 as Java writes it, the only form the document's patterns accept.
      { cidrBlock: '2001:db8:0:0:0:0:0:1/128', createdAt: expect.stringMatching(ISO), ipAddress: '2001:db8:0:0:0:0:0:1', requestCount: 0 },
    ]);
    expect(res.json.links[0].href).toBe(`${atlas.url}/api/atlas/v2${path}?includeCount=true&pageNum=1&itemsPerPage=100`);
    expectConforms('POST', path, res);

    const issued = await requestToken(atlas, sa.clientId, sa.secrets[0]!.secret);
    expect(issued.status).toBe(200);
    expectError(await atlas.call('GET', `/orgs/${orgId}`, bearer(issued.token!)), 403, 'IP_ADDRESS_NOT_ON_ACCESS_LIST', ['127.0.0.1']);

    await atlas.call('POST', path, { body: [{ ipAddress: '127.0.0.1' }] });
    expect((await atlas.call('GET', `/orgs/${orgId}`, bearer(issued.token!))).status).toBe(200);
    const list = await atlas.call('GET', path);
    expect(list.json.results[2]).toEqual({
      cidrBlock: '127.0.0.1/32',
      createdAt: expect.stringMatching(ISO),
      ipAddress: '127.0.0.1',
      lastUsedAddress: '127.0.0.1',
      lastUsedAt: expect.stringMatching(ISO),
      requestCount: 1,
    });
    expectConforms('GET', path, list);

    // The account cannot remove the entry it calls from; an owner can.
    expectError(await atlas.call('DELETE', `${path}/127.0.0.1`, bearer(issued.token!)), 401, 'USER_UNAUTHORIZED');
    expect((await atlas.call('DELETE', `${path}/203.0.113.0%2F24`)).status).toBe(204);
    expect((await atlas.call('DELETE', `${path}/2001:db8::1`)).status).toBe(204);
    expect((await atlas.call('GET', path)).json.results.map((e: { cidrBlock: string }) => e.cidrBlock)).toEqual(['127.0.0.1/32']);
  });

  it('refuses an account removing the entry it is calling from', async () => {
    const sa = await createAccount(atlas, ['ORG_OWNER']);
    const path = `/orgs/${orgId}/serviceAccounts/${sa.clientId}/accessList`;
    await atlas.call('POST', path, { body: [{ ipAddress: '127.0.0.1' }] });
    const token = (await requestToken(atlas, sa.clientId, sa.secrets[0]!.secret)).token!;
    expectError(await atlas.call('DELETE', `${path}/127.0.0.1`, bearer(token)), 400, 'CANNOT_REMOVE_CALLER_FROM_WHITELIST', ['127.0.0.1']);
    expect((await atlas.call('GET', path)).json.totalCount).toBe(1);
  });
});

describe('project service accounts', () => {
  it('creates an account in a project: Organization Member of the org, roles in the project', async () => {
    const groupId = seedProject(atlas, 'project-sa');
    const path = `/groups/${groupId}/serviceAccounts`;
    const res = await atlas.call('POST', path, {
      body: { name: 'deployer', description: 'deploys', roles: ['GROUP_CLUSTER_MANAGER'], secretExpiresAfterHours: 24 },
    });
    expect(res.status).toBe(201);
    expect(res.headers['ratelimit-limit']).toBe('1200');
    expect(res.json.roles).toEqual(['GROUP_CLUSTER_MANAGER']);
    expect(res.json.secrets[0].secret).toMatch(/^mdb_sa_sk_/);
    expectConforms('POST', path, res);
    const clientId = res.json.clientId;
    expect((await atlas.call('GET', `/orgs/${orgId}/serviceAccounts/${clientId}`)).json.roles).toEqual(['ORG_MEMBER']);

    const list = await atlas.call('GET', path);
    expect(list.json.results.map((s: { clientId: string }) => s.clientId)).toEqual([clientId]);
    expectConforms('GET', path, list);
    const get = await atlas.call('GET', `${path}/${clientId}`);
    expect(get.json.roles).toEqual(['GROUP_CLUSTER_MANAGER']);
    expectConforms('GET', `${path}/${clientId}`, get);

    const patched = await atlas.call('PATCH', `${path}/${clientId}`, { body: { roles: ['GROUP_READ_ONLY', 'GROUP_BACKUP_MANAGER'] } });
    expect(patched.json.roles).toEqual(['GROUP_READ_ONLY', 'GROUP_BACKUP_MANAGER']);
    expectConforms('PATCH', `${path}/${clientId}`, patched);

    const secret = await atlas.call('POST', `${path}/${clientId}/secrets`, { body: { secretExpiresAfterHours: 8 } });
    expect(secret.status).toBe(201);
    expectConforms('POST', `${path}/${clientId}/secrets`, secret);
    expect((await atlas.call('DELETE', `${path}/${clientId}/secrets/${secret.json.id}`)).status).toBe(204);

    const acl = await atlas.call('POST', `${path}/${clientId}/accessList`, { body: [{ ipAddress: '127.0.0.1' }] });
    expect(acl.status).toBe(200);
    expectConforms('POST', `${path}/${clientId}/accessList`, acl);
    expectConforms('GET', `${path}/${clientId}/accessList`, await atlas.call('GET', `${path}/${clientId}/accessList`));
    expect((await atlas.call('DELETE', `${path}/${clientId}/accessList/127.0.0.1`)).status).toBe(204);

    // Removing it from the project keeps the account and its credentials.
    const token = (await requestToken(atlas, clientId, res.json.secrets[0].secret)).token!;
    expect((await atlas.call('DELETE', `${path}/${clientId}`)).status).toBe(204);
    expect((await atlas.call('GET', path)).json.totalCount).toBe(0);
    expectError(await atlas.call('GET', `${path}/${clientId}`), 404, 'RESOURCE_NOT_FOUND');
    expect((await atlas.call('GET', `/orgs/${orgId}`, bearer(token))).status).toBe(200);
  });

  it('invites an organization account into a project with :invite', async () => {
    const groupId = seedProject(atlas, 'invite-target');
    const sa = await createAccount(atlas, ['ORG_MEMBER']);
    const path = `/groups/${groupId}/serviceAccounts/${sa.clientId}:invite`;
    const res = await atlas.call('POST', path, { body: { roles: ['GROUP_DATA_ACCESS_READ_ONLY'] } });
    expect(res.status).toBe(200);
    expect(res.json.roles).toEqual(['GROUP_DATA_ACCESS_READ_ONLY']);
    expectConforms('POST', path, res);
    const token = (await requestToken(atlas, sa.clientId, sa.secrets[0]!.secret)).token!;
    // The project role now admits it to project reads, not to organization-wide ones.
    expect((await atlas.call('GET', `/groups/${groupId}/serviceAccounts`, bearer(token))).status).toBe(200);
    expectError(await atlas.call('GET', `/orgs/${orgId}/serviceAccounts`, bearer(token)), 401, 'USER_UNAUTHORIZED');
  });

  it('needs Organization Owner to manage, through a project, an account that reaches beyond it', async () => {
    const groupId = seedProject(atlas, 'elevation');
    const projectOwner = (await atlas.call('POST', `/groups/${groupId}/apiKeys`, { body: { desc: 'project owner', roles: ['GROUP_OWNER'] } })).json;
    const orgWide = await createAccount(atlas, ['ORG_READ_ONLY']);
    await atlas.call('POST', `/groups/${groupId}/serviceAccounts/${orgWide.clientId}:invite`, { body: { roles: ['GROUP_READ_ONLY'] } });
    const local = (
      await atlas.call('POST', `/groups/${groupId}/serviceAccounts`, {
        ...withKey(atlas.tenant, projectOwner),
        body: { name: 'local', description: 'local', roles: ['GROUP_READ_ONLY'], secretExpiresAfterHours: 8 },
      })
    ).json;
    const as = withKey(atlas.tenant, projectOwner);
    const rotateWide = await atlas.call('POST', `/groups/${groupId}/serviceAccounts/${orgWide.clientId}/secrets`, { ...as, body: { secretExpiresAfterHours: 8 } });
    expectError(rotateWide, 401, 'USER_UNAUTHORIZED');
    expect((await atlas.call('GET', `/orgs/${orgId}/serviceAccounts/${orgWide.clientId}`)).json.secrets).toHaveLength(1);
    expectError(await atlas.call('PATCH', `/groups/${groupId}/serviceAccounts/${orgWide.clientId}`, { ...as, body: { name: 'hijacked' } }), 401, 'USER_UNAUTHORIZED');
    expect((await atlas.call('POST', `/groups/${groupId}/serviceAccounts/${local.clientId}/secrets`, { ...as, body: { secretExpiresAfterHours: 8 } })).status).toBe(201);
    // The owner of the organization may.
    expect((await atlas.call('POST', `/groups/${groupId}/serviceAccounts/${orgWide.clientId}/secrets`, { body: { secretExpiresAfterHours: 8 } })).status).toBe(201);
  });
});

describe('service account events', () => {
  it('records the lifecycle in the organization and project feeds', async () => {
    const groupId = seedProject(atlas, 'sa-events');
    const sa = await createAccount(atlas, ['ORG_MEMBER'], 24, 'evented');
    const base = `/orgs/${orgId}/serviceAccounts/${sa.clientId}`;
    await atlas.call('PATCH', base, { body: { name: 'evented-2' } });
    await atlas.call('PATCH', base, { body: { roles: ['ORG_READ_ONLY'] } });
    const secret = (await atlas.call('POST', `${base}/secrets`, { body: { secretExpiresAfterHours: 8 } })).json;
    await atlas.call('DELETE', `${base}/secrets/${secret.id}`);
    await atlas.call('POST', `${base}/accessList`, { body: [{ ipAddress: '10.3.3.3' }] });
    await atlas.call('DELETE', `${base}/accessList/10.3.3.3`);
    await atlas.call('POST', `/groups/${groupId}/serviceAccounts/${sa.clientId}:invite`, { body: { roles: ['GROUP_READ_ONLY'] } });
    await atlas.call('DELETE', `/groups/${groupId}/serviceAccounts/${sa.clientId}`);
    await atlas.call('DELETE', base, { auth: 'digest' });

    const org = await atlas.call('GET', `/orgs/${orgId}/events?itemsPerPage=9`);
    expect(org.json.results.map((e: { eventTypeName: string }) => e.eventTypeName)).toEqual([
      'SERVICE_ACCOUNT_DELETED',
      'SERVICE_ACCOUNT_ACCESS_LIST_ENTRY_DELETED',
      'SERVICE_ACCOUNT_ACCESS_LIST_ENTRY_ADDED',
      'SERVICE_ACCOUNT_SECRET_DELETED',
      'SERVICE_ACCOUNT_SECRET_ADDED',
      'SERVICE_ACCOUNT_ROLES_CHANGED',
      'SERVICE_ACCOUNT_DETAILS_CHANGED',
      'SERVICE_ACCOUNT_CREATED',
      'GROUP_CREATED',
    ]);
    expect(org.json.results[0]).toMatchObject({ apiKeyId: atlas.tenant.apiKey.id, publicKey: atlas.tenant.apiKey.publicKey, remoteAddress: '127.0.0.1', orgId });
    expectConforms('GET', `/orgs/${orgId}/events`, org);
    const project = await atlas.call('GET', `/groups/${groupId}/events`);
    expect(project.json.results.map((e: { eventTypeName: string }) => e.eventTypeName)).toEqual([
      'SERVICE_ACCOUNT_REMOVED_FROM_GROUP',
      'SERVICE_ACCOUNT_ADDED_TO_GROUP',
      'GROUP_CREATED',
    ]);
  });
});
