import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TenantCredentials } from '../../src/sim/tenants.js';
import { startAtlas, type ApiResponse, type CallOptions, type TestAtlas } from '../support/harness.js';
import { expectError, requestToken, seedProject } from '../support/iam.js';

/**
 * Bad input on every identity route: each request gets Atlas's error and changes nothing.
 * "Nothing" is proven by reading the whole world back through the control plane (every
 * record of every slice) before and after each refused request, plus API reads where the
 * difference would show.
 */
let atlas: TestAtlas;
let orgId: string;
let groupId: string;
let key: { id: string; publicKey: string };
let clientId: string;
let secretId: string;

beforeAll(async () => {
  atlas = await startAtlas();
  orgId = atlas.tenant.orgId;
  groupId = seedProject(atlas, 'bad-input');
  key = (await atlas.call('POST', `/orgs/${orgId}/apiKeys`, { body: { desc: 'target', roles: ['ORG_MEMBER'] } })).json;
  await atlas.call('POST', `/groups/${groupId}/apiKeys/${key.id}`, { body: [{ roles: ['GROUP_READ_ONLY'] }] });
  await atlas.call('POST', `/orgs/${orgId}/apiKeys/${key.id}/accessList`, { body: [{ ipAddress: '192.0.2.10' }] });
  const sa = (
    await atlas.call('POST', `/groups/${groupId}/serviceAccounts`, {
      body: { name: 'target', description: 'target', roles: ['GROUP_READ_ONLY'], secretExpiresAfterHours: 24 },
    })
  ).json;
  clientId = sa.clientId;
  secretId = sa.secrets[0].id;
  await atlas.call('POST', `/groups/${groupId}/serviceAccounts/${clientId}/accessList`, { body: [{ ipAddress: '192.0.2.20' }] });
});
afterAll(() => atlas.close());

async function slices(a: TestAtlas = atlas): Promise<unknown> {
  return ((await (await fetch(`${a.url}/_mock/state`)).json()) as { slices: unknown }).slices;
}

/** Sends the request, expects the error, and proves every record is as it was. */
async function refused(method: string, path: string, options: CallOptions, status: number, code: string, params?: unknown[]): Promise<ApiResponse> {
  const before = await slices();
  const res = await atlas.call(method, path, options);
  expectError(res, status, code, params);
  expect(await slices(), `${method} ${path} changed state`).toEqual(before);
  return res;
}

const LONG = 'x'.repeat(251);
const SA_BODY = { name: 'ok', description: 'ok', roles: ['ORG_MEMBER'], secretExpiresAfterHours: 24 };
const GROUP_SA_BODY = { ...SA_BODY, roles: ['GROUP_READ_ONLY'] };

/** Every operation that takes a body, with a concrete path and the shape of its body. */
const bodyRoutes = (): Array<{ method: string; path: string; array: boolean }> => [
  { method: 'POST', path: `/orgs/${orgId}/apiKeys`, array: false },
  { method: 'PATCH', path: `/orgs/${orgId}/apiKeys/${key.id}`, array: false },
  { method: 'POST', path: `/orgs/${orgId}/apiKeys/${key.id}/accessList`, array: true },
  { method: 'POST', path: `/groups/${groupId}/apiKeys`, array: false },
  { method: 'POST', path: `/groups/${groupId}/apiKeys/${key.id}`, array: true },
  { method: 'PATCH', path: `/groups/${groupId}/apiKeys/${key.id}`, array: false },
  { method: 'POST', path: `/orgs/${orgId}/serviceAccounts`, array: false },
  { method: 'PATCH', path: `/orgs/${orgId}/serviceAccounts/${clientId}`, array: false },
  { method: 'POST', path: `/orgs/${orgId}/serviceAccounts/${clientId}/secrets`, array: false },
  { method: 'POST', path: `/orgs/${orgId}/serviceAccounts/${clientId}/accessList`, array: true },
  { method: 'POST', path: `/groups/${groupId}/serviceAccounts`, array: false },
  { method: 'PATCH', path: `/groups/${groupId}/serviceAccounts/${clientId}`, array: false },
  { method: 'POST', path: `/groups/${groupId}/serviceAccounts/${clientId}:invite`, array: false },
  { method: 'POST', path: `/groups/${groupId}/serviceAccounts/${clientId}/secrets`, array: false },
  { method: 'POST', path: `/groups/${groupId}/serviceAccounts/${clientId}/accessList`, array: true },
];

describe('every route with a body', () => {
  it('answers malformed JSON with 400 MALFORMED_JSON', async () => {
    for (const r of bodyRoutes()) await refused(r.method, r.path, { rawBody: '{"desc": ' }, 400, 'MALFORMED_JSON', []);
  });

  it('answers a missing body with 400 MALFORMED_JSON', async () => {
    for (const r of bodyRoutes()) await refused(r.method, r.path, {}, 400, 'MALFORMED_JSON', []);
  });

  it('answers an unknown field with 400 INVALID_ATTRIBUTE naming it', async () => {
    for (const r of bodyRoutes()) {
      await refused(r.method, r.path, { body: r.array ? [{ bogus: 1 }] : { bogus: 1 } }, 400, 'INVALID_ATTRIBUTE', ['bogus']);
    }
  });

  it('answers a body of the wrong shape with 400 INVALID_JSON', async () => {
    for (const r of bodyRoutes()) await refused(r.method, r.path, { body: r.array ? { a: 1 } : ['a'] }, 400, 'INVALID_JSON', []);
  });

  it('answers a body over the size limit with 413 REQUEST_ENTITY_TOO_LARGE', async () => {
    const huge = JSON.stringify({ desc: 'x'.repeat(1024 * 1024 + 10), roles: ['ORG_MEMBER'] });
    for (const r of bodyRoutes()) await refused(r.method, r.path, { rawBody: huge }, 413, 'REQUEST_ENTITY_TOO_LARGE');
  });
});

describe('API keys', () => {
  it('refuses wrong types, invalid roles, bad descriptions and missing roles', async () => {
    const path = `/orgs/${orgId}/apiKeys`;
    await refused('POST', path, { body: { desc: 5, roles: ['ORG_MEMBER'] } }, 400, 'INVALID_JSON_ATTRIBUTE', ['desc']);
    await refused('POST', path, { body: { desc: 'x', roles: 'ORG_MEMBER' } }, 400, 'INVALID_JSON_ATTRIBUTE', ['roles']);
    await refused('POST', path, { body: { desc: 'x', roles: ['ORG_EMPEROR'] } }, 400, 'INVALID_ENUM_VALUE', ['ORG_EMPEROR']);
    await refused('POST', path, { body: { desc: 'x', roles: ['GROUP_OWNER'] } }, 400, 'INVALID_ENUM_VALUE', ['GROUP_OWNER']);
    const tooLong = await refused('POST', path, { body: { desc: LONG, roles: ['ORG_MEMBER'] } }, 400, 'INVALID_API_KEY_DESC', [250]);
    expect(tooLong.json.detail).toBe('API key descriptions are required and must be less than 250 characters.');
    await refused('POST', path, { body: { desc: '', roles: ['ORG_MEMBER'] } }, 400, 'INVALID_API_KEY_DESC', [250]);
    await refused('POST', path, { body: { desc: '   ', roles: ['ORG_MEMBER'] } }, 400, 'INVALID_API_KEY_DESC', [250]);
    await refused('POST', path, { body: { roles: ['ORG_MEMBER'] } }, 400, 'INVALID_API_KEY_DESC', [250]);
    await refused('POST', path, { body: { desc: 'x', roles: [] } }, 400, 'MISSING_API_KEY_ROLES', []);
    await refused('POST', path, { body: { desc: 'x' } }, 400, 'MISSING_API_KEY_ROLES', []);
    const before = (await atlas.call('GET', `${path}/${key.id}`)).json;
    await refused('PATCH', `${path}/${key.id}`, { body: { desc: LONG } }, 400, 'INVALID_API_KEY_DESC', [250]);
    await refused('PATCH', `${path}/${key.id}`, { body: { desc: 'new', roles: [] } }, 400, 'MISSING_API_KEY_ROLES', []);
    expect((await atlas.call('GET', `${path}/${key.id}`)).json).toEqual(before);
  });

  it('refuses malformed ids with 404 INVALID_KEY_ID and unknown ones with 400 API_KEY_NOT_FOUND', async () => {
    const unknown = '0123456789abcdef01234567';
    for (const method of ['GET', 'PATCH', 'DELETE']) {
      const body = method === 'PATCH' ? { body: { desc: 'x' } } : {};
      await refused(method, `/orgs/${orgId}/apiKeys/not-a-key`, body, 404, 'INVALID_KEY_ID', ['not-a-key']);
      await refused(method, `/orgs/${orgId}/apiKeys/${unknown}`, body, 400, 'API_KEY_NOT_FOUND', [unknown]);
    }
    await refused('GET', `/orgs/${orgId}/apiKeys/${unknown}/accessList`, {}, 400, 'API_KEY_NOT_FOUND', [unknown]);
    await refused('POST', `/groups/${groupId}/apiKeys/${unknown}`, { body: [{ roles: ['GROUP_OWNER'] }] }, 400, 'API_KEY_NOT_FOUND', [unknown]);
    await refused('POST', `/groups/${groupId}/apiKeys/XYZ`, { body: [{ roles: ['GROUP_OWNER'] }] }, 404, 'INVALID_KEY_ID', ['XYZ']);
  });

  it('refuses bad access-list entries, duplicates and unknown entries, adding nothing of a batch', async () => {
    const path = `/orgs/${orgId}/apiKeys/${key.id}/accessList`;
    await refused('POST', path, { body: [{ cidrBlock: '10.0.0.0/33' }] }, 400, 'INVALID_CIDR_BLOCK', ['10.0.0.0/33']);
    await refused('POST', path, { body: [{ cidrBlock: '10.0.0.1' }] }, 400, 'INVALID_CIDR_BLOCK', ['10.0.0.1']);
    await refused('POST', path, { body: [{ cidrBlock: 'ten/8' }] }, 400, 'INVALID_CIDR_BLOCK', ['ten/8']);
    await refused('POST', path, { body: [{ ipAddress: '300.1.1.1' }] }, 400, 'INVALID_IP_ADDRESS_OR_CIDR_NOTATION', ['300.1.1.1']);
    await refused('POST', path, { body: [{ ipAddress: '10.0.0.0/8' }] }, 400, 'INVALID_IP_ADDRESS_OR_CIDR_NOTATION', ['10.0.0.0/8']);
    await refused('POST', path, { body: [{ ipAddress: '1.2.3.4', cidrBlock: '1.2.3.4/32' }] }, 400, 'BAD_WHITELIST_ADD_REQUEST', []);
    await refused('POST', path, { body: [{}] }, 400, 'MISSING_ONE_OF_ATTRIBUTES', ['ipAddress', 'cidrBlock']);
    await refused('POST', path, { body: [{ ipAddress: 7 }] }, 400, 'INVALID_JSON_ATTRIBUTE', ['java.util.ArrayList[0].ipAddress']);
    await refused('POST', path, { body: [{ ipAddress: '198.51.100.1' }, { cidrBlock: '198.51.100.1/32' }] }, 400, 'DUPLICATE_ADDRESSES_IN_INPUT', []);
    // A good entry before a bad one is not added either.
    await refused('POST', path, { body: [{ ipAddress: '198.51.100.2' }, { ipAddress: '192.0.2.10' }] }, 409, 'ADDRESS_ALREADY_IN_WHITELIST', ['192.0.2.10']);
    await refused('POST', path, { body: [{ ipAddress: '198.51.100.3' }, { cidrBlock: 'bad' }] }, 400, 'INVALID_CIDR_BLOCK', ['bad']);
    expect((await atlas.call('GET', path)).json.results.map((e: { cidrBlock: string }) => e.cidrBlock)).toEqual(['192.0.2.10/32']);
    await refused('GET', `${path}/198.51.100.9`, {}, 404, 'API_KEY_WHITELIST_NOT_FOUND', ['198.51.100.9', key.id]);
    await refused('DELETE', `${path}/198.51.100.9`, {}, 404, 'API_KEY_WHITELIST_NOT_FOUND', ['198.51.100.9', key.id]);
    await refused('DELETE', `${path}/not-an-ip`, {}, 400, 'INVALID_IP_ADDRESS_OR_CIDR_NOTATION', ['not-an-ip']);
  });

  it('refuses bad project assignments', async () => {
    await refused('POST', `/groups/${groupId}/apiKeys`, { body: { desc: 'p', roles: ['ORG_OWNER'] } }, 400, 'INVALID_ROLE_FOR_GROUP', ['ORG_OWNER', groupId]);
    await refused('POST', `/groups/${groupId}/apiKeys`, { body: { desc: 'p', roles: ['ORG_MEMBER'] } }, 400, 'MISSING_API_KEY_ROLES', []);
    await refused('POST', `/groups/${groupId}/apiKeys`, { body: { desc: 'p', roles: ['GROUP_EMPEROR'] } }, 400, 'INVALID_ENUM_VALUE', ['GROUP_EMPEROR']);
    await refused('POST', `/groups/${groupId}/apiKeys`, { body: { desc: '', roles: ['GROUP_OWNER'] } }, 400, 'INVALID_API_KEY_DESC', [250]);
    await refused('POST', `/groups/${groupId}/apiKeys/${key.id}`, { body: [{ roles: [] }] }, 400, 'MISSING_API_KEY_ROLES', []);
    await refused('PATCH', `/groups/${groupId}/apiKeys/${key.id}`, { body: { desc: 'only desc' } }, 400, 'MISSING_API_KEY_ROLES', []);
    await refused('PATCH', `/groups/${groupId}/apiKeys/${key.id}`, { body: { roles: ['ORG_OWNER'] } }, 400, 'INVALID_ENUM_VALUE', ['ORG_OWNER']);
    const other = seedProject(atlas, 'not-assigned');
    await refused('PATCH', `/groups/${other}/apiKeys/${key.id}`, { body: { roles: ['GROUP_OWNER'] } }, 400, 'API_KEY_NOT_FOUND', [key.id]);
    await refused('DELETE', `/groups/${other}/apiKeys/${key.id}`, {}, 400, 'API_KEY_NOT_FOUND', [key.id]);
    await refused('GET', '/groups/0123456789abcdef01234567/apiKeys', {}, 404, 'GROUP_NOT_FOUND', ['0123456789abcdef01234567']);
    await refused('POST', '/groups/nope/apiKeys', { body: { desc: 'p', roles: ['GROUP_OWNER'] } }, 404, 'INVALID_GROUP_ID', ['nope']);
  });
});

describe('service accounts', () => {
  it('refuses missing, wrong and out-of-range fields', async () => {
    const path = `/orgs/${orgId}/serviceAccounts`;
    const { secretExpiresAfterHours: _h, ...noHours } = SA_BODY;
    await refused('POST', path, { body: noHours }, 400, 'MISSING_ATTRIBUTE', ['secretExpiresAfterHours']);
    await refused('POST', `/groups/${groupId}/serviceAccounts`, { body: { ...GROUP_SA_BODY, secretExpiresAfterHours: undefined } }, 400, 'MISSING_ATTRIBUTE', [
      'secretExpiresAfterHours',
    ]);
    await refused('POST', `${path}/${clientId}/secrets`, { body: {} }, 400, 'MISSING_ATTRIBUTE', ['secretExpiresAfterHours']);
    await refused('POST', path, { body: { ...SA_BODY, secretExpiresAfterHours: 7 } }, 400, 'INVALID_ATTRIBUTE', ['secretExpiresAfterHours']);
    await refused('POST', path, { body: { ...SA_BODY, secretExpiresAfterHours: 365 * 24 + 1 } }, 400, 'INVALID_ATTRIBUTE', ['secretExpiresAfterHours']);
    await refused('POST', `${path}/${clientId}/secrets`, { body: { secretExpiresAfterHours: 0 } }, 400, 'INVALID_ATTRIBUTE', ['secretExpiresAfterHours']);
    await refused('POST', path, { body: { ...SA_BODY, secretExpiresAfterHours: '24' } }, 400, 'INVALID_JSON_ATTRIBUTE', ['secretExpiresAfterHours']);
    await refused('POST', path, { body: { ...SA_BODY, name: '' } }, 400, 'INVALID_ATTRIBUTE', ['name']);
    await refused('POST', path, { body: { ...SA_BODY, name: 'n'.repeat(65) } }, 400, 'INVALID_ATTRIBUTE', ['name']);
    await refused('POST', path, { body: { ...SA_BODY, name: '<script>' } }, 400, 'INVALID_ATTRIBUTE', ['name']);
    await refused('POST', path, { body: { ...SA_BODY, description: '' } }, 400, 'INVALID_ATTRIBUTE', ['description']);
    await refused('POST', path, { body: { ...SA_BODY, description: LONG } }, 400, 'INVALID_ATTRIBUTE', ['description']);
    await refused('POST', path, { body: { ...SA_BODY, roles: [] } }, 400, 'INVALID_ATTRIBUTE', ['roles']);
    await refused('POST', path, { body: { ...SA_BODY, roles: ['GROUP_OWNER'] } }, 400, 'INVALID_ENUM_VALUE', ['GROUP_OWNER']);
    await refused('POST', `/groups/${groupId}/serviceAccounts`, { body: { ...GROUP_SA_BODY, roles: ['ORG_OWNER'] } }, 400, 'INVALID_ENUM_VALUE', ['ORG_OWNER']);
    await refused('POST', path, { body: { roles: ['ORG_MEMBER'], secretExpiresAfterHours: 8 } }, 400, 'MISSING_ATTRIBUTE', ['description']);
    const before = (await atlas.call('GET', `${path}/${clientId}`)).json;
    await refused('PATCH', `${path}/${clientId}`, { body: { name: 'n'.repeat(65) } }, 400, 'INVALID_ATTRIBUTE', ['name']);
    await refused('PATCH', `${path}/${clientId}`, { body: { roles: [] } }, 400, 'INVALID_ATTRIBUTE', ['roles']);
    await refused('PATCH', `/groups/${groupId}/serviceAccounts/${clientId}`, { body: { roles: ['ORG_OWNER'] } }, 400, 'INVALID_ENUM_VALUE', ['ORG_OWNER']);
    await refused('POST', `/groups/${groupId}/serviceAccounts/${clientId}:invite`, { body: { roles: [] } }, 400, 'INVALID_ATTRIBUTE', ['roles']);
    await refused('POST', `/groups/${groupId}/serviceAccounts/${clientId}:invite`, { body: {} }, 400, 'MISSING_ATTRIBUTE', ['roles']);
    expect((await atlas.call('GET', `${path}/${clientId}`)).json).toEqual(before);
  });

  it('answers unknown and malformed client ids, secrets and entries with 404 RESOURCE_NOT_FOUND', async () => {
    const unknown = 'mdb_sa_id_0123456789abcdef01234567';
    for (const id of [unknown, 'not-a-client-id']) {
      const params = [`Service Account with client ID ${id}`];
      await refused('GET', `/orgs/${orgId}/serviceAccounts/${id}`, {}, 404, 'RESOURCE_NOT_FOUND', params);
      await refused('PATCH', `/orgs/${orgId}/serviceAccounts/${id}`, { body: { name: 'x' } }, 404, 'RESOURCE_NOT_FOUND', params);
      await refused('DELETE', `/orgs/${orgId}/serviceAccounts/${id}`, {}, 404, 'RESOURCE_NOT_FOUND', params);
      await refused('GET', `/orgs/${orgId}/serviceAccounts/${id}/groups`, {}, 404, 'RESOURCE_NOT_FOUND', params);
      await refused('POST', `/orgs/${orgId}/serviceAccounts/${id}/secrets`, { body: { secretExpiresAfterHours: 8 } }, 404, 'RESOURCE_NOT_FOUND', params);
      await refused('GET', `/groups/${groupId}/serviceAccounts/${id}`, {}, 404, 'RESOURCE_NOT_FOUND', params);
      await refused('POST', `/groups/${groupId}/serviceAccounts/${id}:invite`, { body: { roles: ['GROUP_OWNER'] } }, 404, 'RESOURCE_NOT_FOUND', params);
    }
    await refused('DELETE', `/orgs/${orgId}/serviceAccounts/${clientId}/secrets/0123456789abcdef01234567`, {}, 404, 'RESOURCE_NOT_FOUND', [
      'Service Account secret with ID 0123456789abcdef01234567',
    ]);
    await refused('DELETE', `/orgs/${orgId}/serviceAccounts/${clientId}/accessList/198.51.100.7`, {}, 404, 'RESOURCE_NOT_FOUND', ['Access list entry 198.51.100.7']);
    const other = seedProject(atlas, 'sa-not-here');
    await refused('GET', `/groups/${other}/serviceAccounts/${clientId}`, {}, 404, 'RESOURCE_NOT_FOUND');
    await refused('DELETE', `/groups/${other}/serviceAccounts/${clientId}`, {}, 404, 'RESOURCE_NOT_FOUND');
    expect(secretId).toMatch(/^[a-f0-9]{24}$/);
  });

  it('refuses bad access-list batches whole, and more than 200 entries at once', async () => {
    const path = `/orgs/${orgId}/serviceAccounts/${clientId}/accessList`;
    await refused('POST', path, { body: [{ ipAddress: '198.51.100.4' }, { ipAddress: '192.0.2.20' }] }, 409, 'ADDRESS_ALREADY_IN_WHITELIST', ['192.0.2.20']);
    await refused('POST', path, { body: [{ cidrBlock: '2001:db8::/129' }] }, 400, 'INVALID_CIDR_BLOCK', ['2001:db8::/129']);
    await refused('POST', path, { body: [{ ipAddress: '198.51.100.5' }, { ipAddress: '198.51.100.5' }] }, 400, 'DUPLICATE_ADDRESSES_IN_INPUT', []);
    const many = Array.from({ length: 201 }, (_, i) => ({ ipAddress: `10.9.${Math.floor(i / 250)}.${i % 250}` }));
    await refused('POST', path, { body: many }, 400, 'VALIDATION_ERROR');
    expect((await atlas.call('GET', path)).json.totalCount).toBe(1);
  });
});

describe('the last owner credential', () => {
  let t: TenantCredentials;
  const as = (): CallOptions => ({ tenant: t, auth: 'digest' });

  beforeAll(async () => {
    t = (await (await fetch(`${atlas.url}/_mock/tenants`, { method: 'POST', body: '{}', headers: { 'Content-Type': 'application/json' } })).json()) as TenantCredentials;
  });

  it('refuses to delete or demote the organization’s last owner credential', async () => {
    // Two owner credentials: the service account may go, the key then is the last one.
    expect((await atlas.call('DELETE', `/orgs/${t.orgId}/serviceAccounts/${t.serviceAccount.clientId}`, as())).status).toBe(204);
    await refused('DELETE', `/orgs/${t.orgId}/apiKeys/${t.apiKey.id}`, as(), 403, 'CANNOT_DELETE_LAST_ADMIN', []);
    await refused('PATCH', `/orgs/${t.orgId}/apiKeys/${t.apiKey.id}`, { ...as(), body: { roles: ['ORG_MEMBER'] } }, 403, 'CANNOT_DEMOTE_LAST_ORG_OWNER', []);
    // A second owner makes either change possible again.
    const sa = (
      await atlas.call('POST', `/orgs/${t.orgId}/serviceAccounts`, { ...as(), body: { ...SA_BODY, roles: ['ORG_OWNER'] } })
    ).json;
    expect((await atlas.call('PATCH', `/orgs/${t.orgId}/apiKeys/${t.apiKey.id}`, { ...as(), body: { roles: ['ORG_OWNER', 'ORG_MEMBER'] } })).status).toBe(200);
    const token = (await requestToken(atlas, sa.clientId, sa.secrets[0].secret)).token!;
    const asSa: CallOptions = { headers: { Authorization: `Bearer ${token}` } };
    expect((await atlas.call('DELETE', `/orgs/${t.orgId}/apiKeys/${t.apiKey.id}`, asSa)).status).toBe(204);
    // Now the account's only secret is the last owner credential.
    await refused('DELETE', `/orgs/${t.orgId}/serviceAccounts/${sa.clientId}/secrets/${sa.secrets[0].id}`, asSa, 403, 'CANNOT_DELETE_LAST_ADMIN', []);
    await refused('DELETE', `/orgs/${t.orgId}/serviceAccounts/${sa.clientId}`, asSa, 403, 'CANNOT_DELETE_LAST_ADMIN', []);
    await refused('PATCH', `/orgs/${t.orgId}/serviceAccounts/${sa.clientId}`, { ...asSa, body: { roles: ['ORG_READ_ONLY'] } }, 403, 'CANNOT_DEMOTE_LAST_ORG_OWNER', []);
    expect((await atlas.call('GET', `/orgs/${t.orgId}/serviceAccounts/${sa.clientId}`, asSa)).json.roles).toEqual(['ORG_OWNER']);
  });
});

describe('events feeds', () => {
  it('refuses bad dates, ranges, event types and paging', async () => {
    await refused('GET', `/orgs/${orgId}/events?minDate=yesterday`, {}, 400, 'INVALID_DATE_FORMAT', ['yesterday']);
    await refused('GET', `/orgs/${orgId}/events?minDate=2026-02-01T00:00:00Z&maxDate=2026-01-01T00:00:00Z`, {}, 400, 'INVALID_DATE_RANGE', [
      '2026-02-01T00:00:00Z',
      '2026-01-01T00:00:00Z',
    ]);
    await refused('GET', `/groups/${groupId}/events?eventType=not-a-type`, {}, 400, 'INVALID_ENUM_VALUE', ['not-a-type']);
    await refused('GET', `/groups/${groupId}/events?excludedEventType=lower`, {}, 400, 'INVALID_ENUM_VALUE', ['lower']);
    await refused('GET', `/orgs/${orgId}/events?itemsPerPage=501`, {}, 400, 'INVALID_QUERY_PARAMETER', ['itemsPerPage']);
    await refused('GET', `/orgs/${orgId}/events?includeRaw=maybe`, {}, 400, 'INVALID_QUERY_PARAMETER', ['includeRaw']);
    await refused('GET', `/orgs/${orgId}/events/0123456789abcdef01234567`, {}, 404, 'ORG_EVENT_NOT_FOUND', ['0123456789abcdef01234567', orgId]);
    await refused('GET', `/orgs/${orgId}/events/bogus`, {}, 404, 'ORG_EVENT_NOT_FOUND', ['bogus', orgId]);
    await refused('GET', `/groups/${groupId}/events/0123456789abcdef01234567`, {}, 404, 'EVENT_NOT_FOUND', ['0123456789abcdef01234567', groupId]);
  });
});
