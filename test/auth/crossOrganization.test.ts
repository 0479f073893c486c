/**
 * A principal of another organization sees nothing of this one. Decision (see
 * src/auth/authorize.ts): an existing organization or project of another tenant answers
 * 401 USER_UNAUTHORIZED, as for a role the caller lacks, with no data; ids that exist
 * nowhere answer their NOT_FOUND code as for every caller (recorded for projects); and a
 * resource of another organization addressed under the caller's own organization is
 * simply not found there.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TenantCredentials } from '../../src/sim/tenants.js';
import { startAtlas, type CallOptions, type TestAtlas } from '../support/harness.js';
import { expectError, seedProject } from '../support/iam.js';

let atlas: TestAtlas;
let other: TenantCredentials;
let groupId: string;
let key: { id: string };
let clientId: string;
/** Calls as the other tenant's Organization Owner. */
const asOther = (): CallOptions => ({ tenant: other });

beforeAll(async () => {
  atlas = await startAtlas();
  other = (await (await fetch(`${atlas.url}/_mock/tenants`, { method: 'POST', body: '{"name":"Other Agency"}', headers: { 'Content-Type': 'application/json' } })).json()) as TenantCredentials;
  groupId = seedProject(atlas, 'ours');
  key = (await atlas.call('POST', `/orgs/${atlas.tenant.orgId}/apiKeys`, { body: { desc: 'ours', roles: ['ORG_MEMBER'] } })).json;
  clientId = (
    await atlas.call('POST', `/orgs/${atlas.tenant.orgId}/serviceAccounts`, { body: { name: 'ours', description: 'ours', roles: ['ORG_MEMBER'], secretExpiresAfterHours: 8 } })
  ).json.clientId;
});
afterAll(() => atlas.close());

async function slices(): Promise<unknown> {
  return ((await (await fetch(`${atlas.url}/_mock/state`)).json()) as { slices: unknown }).slices;
}

describe('a principal of another organization', () => {
  it('gets 401 USER_UNAUTHORIZED with no data for this organization and its projects, by Bearer and Digest', async () => {
    const ours = atlas.tenant.orgId;
    const paths = [
      ['GET', `/orgs/${ours}`],
      ['GET', `/orgs/${ours}/apiKeys`],
      ['GET', `/orgs/${ours}/apiKeys/${key.id}`],
      ['GET', `/orgs/${ours}/serviceAccounts/${clientId}`],
      ['GET', `/orgs/${ours}/events`],
      ['GET', `/groups/${groupId}/serviceAccounts`],
      ['GET', `/groups/${groupId}/events`],
      ['DELETE', `/orgs/${ours}/apiKeys/${key.id}`],
      ['DELETE', `/orgs/${ours}/serviceAccounts/${clientId}`],
    ] as const;
    await atlas.token(other); // minting the caller's own token is a change of its own
    const before = await slices();
    for (const [method, path] of paths) {
      for (const auth of ['bearer', 'digest'] as const) {
        const res = await atlas.call(method, path, { ...asOther(), auth });
        expectError(res, 401, 'USER_UNAUTHORIZED', []);
        for (const secret of [ours, groupId, key.id, clientId, atlas.tenant.orgName]) if (!path.includes(secret)) expect(res.text).not.toContain(secret);
      }
    }
    const create = await atlas.call('POST', `/orgs/${ours}/apiKeys`, { ...asOther(), body: { desc: 'intruder', roles: ['ORG_OWNER'] } });
    expectError(create, 401, 'USER_UNAUTHORIZED', []);
    // Authorization comes before the body is read: a bad body from outside still gets 401.
    expectError(await atlas.call('POST', `/orgs/${ours}/apiKeys`, { ...asOther(), rawBody: '{oops' }), 401, 'USER_UNAUTHORIZED', []);
    expect(await slices()).toEqual(before);
  });

  it('gets the usual NOT_FOUND for ids that exist nowhere, and its own organization only in lists', async () => {
    expectError(await atlas.call('GET', '/orgs/0123456789abcdef01234567', asOther()), 404, 'ORG_NOT_FOUND', ['0123456789abcdef01234567']);
    expectError(await atlas.call('GET', '/groups/0123456789abcdef01234567/apiKeys', asOther()), 404, 'GROUP_NOT_FOUND', ['0123456789abcdef01234567']);
    const orgs = await atlas.call('GET', '/orgs', asOther());
    expect(orgs.json.results.map((o: { id: string }) => o.id)).toEqual([other.orgId]);
  });

  it('finds nothing of ours under its own organization', async () => {
    const mine = other.orgId;
    expectError(await atlas.call('GET', `/orgs/${mine}/apiKeys/${key.id}`, asOther()), 400, 'API_KEY_NOT_FOUND', [key.id]);
    expectError(await atlas.call('DELETE', `/orgs/${mine}/apiKeys/${key.id}`, asOther()), 400, 'API_KEY_NOT_FOUND', [key.id]);
    expectError(await atlas.call('GET', `/orgs/${mine}/serviceAccounts/${clientId}`, asOther()), 404, 'RESOURCE_NOT_FOUND');
    expectError(await atlas.call('POST', `/orgs/${mine}/serviceAccounts/${clientId}/secrets`, { ...asOther(), body: { secretExpiresAfterHours: 8 } }), 404, 'RESOURCE_NOT_FOUND');
    const theirProject = seedProject(atlas, 'theirs', mine);
    // Our key or account cannot be pulled into their project.
    expectError(await atlas.call('POST', `/groups/${theirProject}/apiKeys/${key.id}`, { ...asOther(), body: [{ roles: ['GROUP_OWNER'] }] }), 400, 'API_KEY_NOT_FOUND', [key.id]);
    expectError(await atlas.call('POST', `/groups/${theirProject}/serviceAccounts/${clientId}:invite`, { ...asOther(), body: { roles: ['GROUP_OWNER'] } }), 404, 'RESOURCE_NOT_FOUND');
    const feed = await atlas.call('GET', `/orgs/${mine}/events`, asOther());
    expect(feed.status).toBe(200);
    expect(feed.text).not.toContain(atlas.tenant.orgId);
    expect(feed.text).not.toContain(clientId);
  });
});
