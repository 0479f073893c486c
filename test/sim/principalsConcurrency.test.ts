/**
 * Parallel requests on the same principal, 50 at once over real sockets: every request
 * either happens whole or not at all, and no half-made principal is ever left behind.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TenantCredentials } from '../../src/sim/tenants.js';
import { startAtlas, type ApiResponse, type TestAtlas } from '../support/harness.js';
import { bearer, requestToken } from '../support/iam.js';

let atlas: TestAtlas;
let orgId: string;
beforeAll(async () => {
  atlas = await startAtlas({ rateLimits: false });
  orgId = atlas.tenant.orgId;
  await atlas.token();
});
afterAll(() => atlas.close());

const N = 50;

async function state(): Promise<{ apiKeys: Array<{ id: string; orgRoles: string[] }>; serviceAccounts: Array<{ clientId: string }>; events: Array<{ eventTypeName: string; fields: Record<string, unknown> }> }> {
  return ((await (await fetch(`${atlas.url}/_mock/state`)).json()) as { slices: any }).slices;
}

const statuses = (rs: ApiResponse[]) => rs.map((r) => r.status);

describe('parallel requests on one principal', () => {
  it('deletes a key once: one 204, the rest API_KEY_NOT_FOUND, one event', async () => {
    const key = (await atlas.call('POST', `/orgs/${orgId}/apiKeys`, { body: { desc: 'doomed', roles: ['ORG_MEMBER'] } })).json;
    const rs = await Promise.all(Array.from({ length: N }, () => atlas.call('DELETE', `/orgs/${orgId}/apiKeys/${key.id}`)));
    expect(statuses(rs).filter((s) => s === 204)).toHaveLength(1);
    for (const r of rs.filter((x) => x.status !== 204)) expect(r.json.errorCode).toBe('API_KEY_NOT_FOUND');
    const s = await state();
    expect(s.apiKeys.some((k) => k.id === key.id)).toBe(false);
    expect(s.events.filter((e) => e.eventTypeName === 'API_KEY_DELETED' && e.fields.targetPublicKey === key.publicKey)).toHaveLength(1);
  });

  it('creates 50 accounts at once, each whole: its own id, one secret that works, one event', async () => {
    const rs = await Promise.all(
      Array.from({ length: N }, (_, i) =>
        atlas.call('POST', `/orgs/${orgId}/serviceAccounts`, { body: { name: 'twin', description: `twin ${i}`, roles: ['ORG_MEMBER'], secretExpiresAfterHours: 8 } }),
      ),
    );
    expect(new Set(statuses(rs))).toEqual(new Set([201]));
    const ids = rs.map((r) => r.json.clientId);
    expect(new Set(ids).size).toBe(N);
    const listed = (await atlas.call('GET', `/orgs/${orgId}/serviceAccounts?itemsPerPage=500`)).json.results;
    for (const r of rs) {
      const row = listed.find((a: { clientId: string }) => a.clientId === r.json.clientId);
      const { secret: _shownOnce, ...masked } = r.json.secrets[0];
      expect(row.secrets).toEqual([masked]);
    }
    const tokens = await Promise.all(rs.slice(0, 5).map((r) => requestToken(atlas, r.json.clientId, r.json.secrets[0].secret)));
    expect(tokens.map((t) => t.status)).toEqual([200, 200, 200, 200, 200]);
    expect((await state()).events.filter((e) => e.eventTypeName === 'SERVICE_ACCOUNT_CREATED')).toHaveLength(N);
  });

  it('adds secrets and entries while the account is deleted: each change whole or refused, nothing left over', async () => {
    const sa = (await atlas.call('POST', `/orgs/${orgId}/serviceAccounts`, { body: { name: 'raced', description: 'raced', roles: ['ORG_MEMBER'], secretExpiresAfterHours: 8 } })).json;
    const base = `/orgs/${orgId}/serviceAccounts/${sa.clientId}`;
    const rs = await Promise.all(
      Array.from({ length: N }, (_, i) => {
        if (i === N / 2) return atlas.call('DELETE', base);
        if (i % 2) return atlas.call('POST', `${base}/secrets`, { body: { secretExpiresAfterHours: 8 } });
        return atlas.call('POST', `${base}/accessList`, { body: [{ ipAddress: `10.20.0.${i}` }] });
      }),
    );
    expect(rs[N / 2]!.status).toBe(204);
    for (const r of rs) expect([200, 201, 204, 404]).toContain(r.status);
    for (const r of rs.filter((x) => x.status === 404)) expect(r.json.errorCode).toBe('RESOURCE_NOT_FOUND');
    const s = await state();
    expect(s.serviceAccounts.some((a) => a.clientId === sa.clientId)).toBe(false);
    expectNotFound(await atlas.call('GET', base));
    expectNotFound(await atlas.call('GET', `${base}/accessList`));
    // Every acknowledged change was recorded, and none after the deletion.
    const after = s.events.map((e) => e.eventTypeName);
    const madeSecrets = rs.filter((r) => r.status === 201).length;
    const madeEntries = rs.filter((r) => r.status === 200).length;
    const lastDeleted = after.lastIndexOf('SERVICE_ACCOUNT_DELETED');
    expect(after.slice(lastDeleted + 1).filter((t) => t.startsWith('SERVICE_ACCOUNT_'))).toEqual([]);
    expect(madeSecrets + madeEntries + rs.filter((r) => r.status === 404).length).toBe(N - 1);
    expect(after.filter((t) => t === 'SERVICE_ACCOUNT_SECRET_ADDED')).toHaveLength(madeSecrets);
    expect(after.filter((t) => t === 'SERVICE_ACCOUNT_ACCESS_LIST_ENTRY_ADDED')).toHaveLength(madeEntries);
  });

  it('applies 50 role changes of one key one at a time: the result is one of the requests, never a mix', async () => {
    const key = (await atlas.call('POST', `/orgs/${orgId}/apiKeys`, { body: { desc: 'flip', roles: ['ORG_MEMBER'] } })).json;
    const sets = [['ORG_MEMBER'], ['ORG_READ_ONLY'], ['ORG_BILLING_ADMIN', 'ORG_MEMBER'], ['ORG_GROUP_CREATOR', 'ORG_READ_ONLY']];
    const rs = await Promise.all(Array.from({ length: N }, (_, i) => atlas.call('PATCH', `/orgs/${orgId}/apiKeys/${key.id}`, { body: { roles: sets[i % sets.length] } })));
    expect(new Set(statuses(rs))).toEqual(new Set([200]));
    for (const r of rs) expect(sets).toContainEqual(r.json.roles.map((x: { roleName: string }) => x.roleName));
    const final = (await atlas.call('GET', `/orgs/${orgId}/apiKeys/${key.id}`)).json.roles.map((x: { roleName: string }) => x.roleName);
    expect(sets).toContainEqual(final);
  });

  it('never lets parallel deletions take the last owner credential', async () => {
    const t = (await (await fetch(`${atlas.url}/_mock/tenants`, { method: 'POST', body: '{}', headers: { 'Content-Type': 'application/json' } })).json()) as TenantCredentials;
    const token = (await requestToken(atlas, t.serviceAccount.clientId, t.serviceAccount.clientSecret)).token!;
    const as = bearer(token);
    const keys = [t.apiKey.id];
    for (let i = 0; i < N - 2; i++) keys.push((await atlas.call('POST', `/orgs/${t.orgId}/apiKeys`, { ...as, body: { desc: `owner ${i}`, roles: ['ORG_OWNER'] } })).json.id);
    const targets = [...keys.map((id) => `/orgs/${t.orgId}/apiKeys/${id}`), `/orgs/${t.orgId}/serviceAccounts/${t.serviceAccount.clientId}`];
    const rs = await Promise.all(targets.map((path) => atlas.call('DELETE', path, as)));
    for (const r of rs) expect([204, 401, 403]).toContain(r.status);
    const s = await state();
    const ownersLeft =
      s.apiKeys.filter((k) => keys.includes(k.id) && k.orgRoles.includes('ORG_OWNER')).length +
      (s.serviceAccounts.some((a) => a.clientId === t.serviceAccount.clientId) ? 1 : 0);
    expect(ownersLeft).toBeGreaterThanOrEqual(1);
    // Each answer matches what happened to its target.
    targets.forEach((path, i) => {
      const gone = path.includes('/apiKeys/') ? !s.apiKeys.some((k) => path.endsWith(k.id)) : !s.serviceAccounts.some((a) => path.endsWith(a.clientId));
      expect(gone, `${path} answered ${rs[i]!.status}`).toBe(rs[i]!.status === 204);
    });
  });
});

function expectNotFound(r: ApiResponse): void {
  expect(r.status).toBe(404);
  expect(r.json.errorCode).toBe('RESOURCE_NOT_FOUND');
}
