import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { body20240805, expectConforms, expectError, makeProject } from '../support/clusters.js';
import { startAtlas, type TestAtlas } from '../support/harness.js';
import type { OrgRole } from '../../contracts/api/roles.js';
import { createTenant, type TenantCredentials } from '../../src/sim/tenants.js';

let atlas: TestAtlas;
beforeAll(async () => {
  atlas = await startAtlas();
});
afterAll(() => atlas.close());

const V = '2023-01-01';
type Caller = { tenant?: TenantCredentials; auth?: 'digest' };
const call = (method: string, path: string, o: { body?: unknown; version?: string; accept?: string } & Caller = {}) =>
  atlas.call(method, path, {
    version: o.version ?? V,
    ...(o.body !== undefined && { body: o.body }),
    ...(o.tenant && { tenant: o.tenant }),
    ...(o.auth && { auth: o.auth }),
    ...(o.accept && { headers: { Accept: o.accept } }),
  });

function keyWithOrgRoles(tenant: TenantCredentials, roles: OrgRole[]): Caller {
  const key = atlas.sim.world.apiKeys.mint(tenant.orgId, { desc: `org ${roles.join(' ')}`, orgRoles: roles, groupRoles: {} });
  return { tenant: { ...tenant, apiKey: { id: key.id, publicKey: key.publicKey, privateKey: key.privateKey } }, auth: 'digest' };
}

const HOUR = 3600;

describe('invoices', () => {
  it('accrues cluster node-hours on the pending invoice, closes months, and lists, reads and downloads them', async () => {
    const tenant = createTenant(atlas.sim.world, {});
    const orgId = tenant.orgId;
    const groupId = makeProject(atlas, 'COMMERCIAL_FEDRAMP_REGIONS_ONLY', orgId);
    const pendingPath = `/orgs/${orgId}/invoices/pending`;
    const empty = await call('GET', pendingPath, { tenant });
    expect(empty.status).toBe(200);
    expectConforms('GET', pendingPath, empty);
    expect(empty.json.results).toHaveLength(1);
    expect(empty.json.results[0]).toMatchObject({ statusName: 'PENDING', subtotalCents: 0, lineItems: [], payments: [], orgId });

    const created = await atlas.call('POST', `/groups/${groupId}/clusters`, { version: '2024-10-23', tenant, body: body20240805('billed', { size: 'M30', nodes: 3 }) });
    expect(created.status).toBe(201);
    atlas.advance(10 * HOUR);
    const pending = (await call('GET', pendingPath, { tenant })).json.results[0];
    // 10 hours x 3 nodes of M30, split at midnight UTC into daily line items.
    const hours = pending.lineItems.reduce((s: number, i: { quantity: number }) => s + i.quantity, 0);
    expect(hours).toBeCloseTo(30, 3);
    expect(pending.lineItems[0]).toMatchObject({ clusterName: 'billed', groupId, sku: 'ATLAS_AWS_INSTANCE_M30', unit: 'server hours' });
    expect(pending.subtotalCents).toBe(pending.lineItems.reduce((s: number, i: { totalPriceCents: number }) => s + i.totalPriceCents, 0));
    expect(pending.subtotalCents).toBeGreaterThan(0);

    // Scaling up closes the M30 segment and opens an M40 one.
    const scaled = await atlas.call('PATCH', `/groups/${groupId}/clusters/billed`, { version: '2024-10-23', tenant, body: body20240805('billed', { size: 'M40', nodes: 3 }) });
    expect(scaled.status).toBe(200);
    atlas.advance(2 * HOUR);
    const after = (await call('GET', pendingPath, { tenant })).json.results[0];
    expect(new Set(after.lineItems.map((i: { sku: string }) => i.sku))).toEqual(new Set(['ATLAS_AWS_INSTANCE_M30', 'ATLAS_AWS_INSTANCE_M40']));
    expect(after.subtotalCents).toBeGreaterThan(pending.subtotalCents);

    // Into the next month: the old month is INVOICED with its payment, a new one is pending.
    atlas.advance(32 * 24 * HOUR);
    const list = await call('GET', `/orgs/${orgId}/invoices`, { tenant });
    expect(list.status).toBe(200);
    expectConforms('GET', `/orgs/${orgId}/invoices`, list);
    expect(list.json.totalCount).toBeGreaterThanOrEqual(2);
    const [newest, previous] = list.json.results;
    expect(newest.statusName).toBe('PENDING');
    expect(previous.statusName).toBe('INVOICED');
    expect(previous.amountBilledCents).toBe(previous.subtotalCents);
    expect(Date.parse(newest.startDate)).toBe(Date.parse(previous.endDate));
    expect((await call('GET', `/orgs/${orgId}/invoices?statusNames=PENDING`, { tenant })).json.results.map((i: { id: string }) => i.id)).toEqual([newest.id]);
    expect((await call('GET', `/orgs/${orgId}/invoices?sortBy=START_DATE&orderBy=asc`, { tenant })).json.results.at(-1).id).toBe(newest.id);
    expect((await call('GET', `/orgs/${orgId}/invoices?fromDate=${newest.startDate.slice(0, 10)}`, { tenant })).json.results.map((i: { id: string }) => i.id)).toEqual([newest.id]);
    expectError(await call('GET', `/orgs/${orgId}/invoices?fromDate=yesterday`, { tenant }), 400, 'INVALID_ATTRIBUTE', ['fromDate']);
    expectError(await call('GET', `/orgs/${orgId}/invoices?statusNames=LOST`, { tenant }), 400, 'INVALID_ENUM_VALUE');

    const path = `/orgs/${orgId}/invoices/${previous.id}`;
    const closed = await call('GET', path, { tenant });
    expectConforms('GET', path, closed);
    expect(closed.json).toMatchObject({ id: previous.id, statusName: 'INVOICED', payments: [{ statusName: 'INVOICED', amountBilledCents: previous.subtotalCents, currency: 'USD' }] });
    // Reading it again gives the same invoice: ids and sums do not move once a month is closed.
    atlas.advance(5 * 24 * HOUR);
    expect((await call('GET', path, { tenant })).json).toEqual(closed.json);

    const csv = await call('GET', `${path}/csv`, { tenant, accept: 'application/vnd.atlas.2023-01-01+csv' });
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toBe('application/vnd.atlas.2023-01-01+csv');
    expectConforms('GET', `${path}/csv`, csv);
    expect(csv.text.split('\n')[0]).toBe(`Invoice Number,${previous.id},`);
    expect(csv.text).toContain('Date,Usage Date,Description,Note,Organization Name,Organization ID,Project,Project ID,SKU,Region,Cluster');
    expect(csv.text).toContain('ATLAS_AWS_INSTANCE_M40');
    // A CSV Accept is refused where the operation answers JSON only.
    expect((await call('GET', path, { tenant, accept: 'application/vnd.atlas.2023-01-01+csv' })).status).toBe(406);

    expectError(await call('GET', `/orgs/${orgId}/invoices/ffffffffffffffffffffffff`, { tenant }), 404, 'INVOICE_NOT_FOUND');
    expectError(await call('GET', `/orgs/${orgId}/invoices/nope/csv`, { tenant, accept: 'application/vnd.atlas.2023-01-01+csv' }), 404, 'INVOICE_NOT_FOUND');
  });

  it('stops charging a deleted cluster and searches line items', async () => {
    const tenant = createTenant(atlas.sim.world, {});
    const orgId = tenant.orgId;
    const g1 = makeProject(atlas, 'COMMERCIAL_FEDRAMP_REGIONS_ONLY', orgId);
    const g2 = makeProject(atlas, 'COMMERCIAL_FEDRAMP_REGIONS_ONLY', orgId);
    await atlas.call('POST', `/groups/${g1}/clusters`, { version: '2024-10-23', tenant, body: body20240805('one', { size: 'M20' }) });
    await atlas.call('POST', `/groups/${g2}/clusters`, { version: '2024-10-23', tenant, body: body20240805('two', { size: 'M30' }) });
    atlas.advance(3 * HOUR);
    expect((await atlas.call('DELETE', `/groups/${g2}/clusters/two`, { version: '2023-02-01', tenant })).status).toBe(202);
    const before = (await call('GET', `/orgs/${orgId}/invoices/pending`, { tenant })).json.results[0];
    atlas.advance(3 * HOUR);
    const after = (await call('GET', `/orgs/${orgId}/invoices/pending`, { tenant })).json.results[0];
    const of = (inv: { lineItems: Array<{ clusterName: string; quantity: number }> }, name: string) => inv.lineItems.filter((i) => i.clusterName === name).reduce((s, i) => s + i.quantity, 0);
    expect(of(after, 'two')).toBeCloseTo(of(before, 'two'), 5);
    expect(of(after, 'one')).toBeGreaterThan(of(before, 'one'));

    const path = `/orgs/${orgId}/invoices/${after.id}/lineItems:search`;
    const all = await call('GET', path, { tenant, version: '2024-08-05', body: {} });
    expect(all.status).toBe(200);
    expectConforms('GET', path, all);
    expect(all.json.totalCount).toBe(after.lineItems.length);
    expect(all.json.results[0]).toEqual({
      billDate: after.endDate,
      clusterName: expect.any(String),
      description: expect.stringMatching(/^Atlas /),
      groupId: expect.stringMatching(/^[a-f0-9]{24}$/),
      quantity: expect.any(Number),
      totalPriceCents: expect.any(Number),
      unitPriceDollars: expect.any(Number),
      usageDate: expect.stringMatching(/Z$/),
    });
    const onlyG2 = await call('GET', path, { tenant, version: '2024-08-05', body: { filters: { groupIds: [g2] }, sortField: 'TOTAL_PRICE_CENTS', sortOrder: 'DESCENDING' } });
    expect(onlyG2.json.results.every((i: { groupId: string }) => i.groupId === g2)).toBe(true);
    expect((await call('GET', path, { tenant, version: '2024-08-05', body: { filters: { skuServices: ['Backup'] } } })).json.results).toEqual([]);
    expectError(await call('GET', path, { tenant, version: '2024-08-05', body: { filters: { usageStartDate: 'soon' } } }), 400, 'INVALID_ATTRIBUTE', ['usageStartDate']);
    expectError(await call('GET', path, { tenant, version: '2024-08-05', body: { sortField: 'COLOR' } }), 400, 'INVALID_ENUM_VALUE');
    expectError(await call('GET', path, { tenant, version: '2024-08-05', body: { filters: { groupIds: 'x' } } }), 400, 'INVALID_JSON_ATTRIBUTE');
    expectError(await call('GET', path, { tenant, version: '2024-08-05', body: { color: 1 } }), 400, 'INVALID_ATTRIBUTE');
  });

  it('runs cost explorer queries over the usage', async () => {
    const tenant = createTenant(atlas.sim.world, {});
    const orgId = tenant.orgId;
    const g = makeProject(atlas, 'COMMERCIAL_FEDRAMP_REGIONS_ONLY', orgId);
    await atlas.call('POST', `/groups/${g}/clusters`, { version: '2024-10-23', tenant, body: body20240805('explored', { size: 'M30' }) });
    atlas.advance(48 * HOUR);
    const now = new Date(atlas.sim.world.clock.now());
    const day = (d: Date) => d.toISOString().slice(0, 10);
    const start = day(new Date(now.getTime() - 10 * 86_400_000));
    const end = day(new Date(now.getTime() + 86_400_000));
    const base = `/orgs/${orgId}/billing/costExplorer/usage`;
    const started = await call('POST', base, { tenant, body: { startDate: start, endDate: end, groupBy: 'clusters' } });
    expect(started.status).toBe(202);
    expectConforms('POST', base, started);
    expect(started.json.token).toMatch(/^[0-9a-f]{64}$/);
    const result = await call('GET', `${base}/${started.json.token}`, { tenant });
    expect(result.status).toBe(200);
    expectConforms('GET', `${base}/${started.json.token}`, result);
    expect(result.json).toMatchObject({ groupBy: 'clusters', startDate: start, endDate: end });
    expect(result.json.usageDetails).toEqual([{ id: expect.stringMatching(/^[a-f0-9]{24}$/), name: 'explored', usageAmount: expect.any(Number) }]);
    expect(result.json.usageDetails[0].usageAmount).toBeGreaterThan(0);
    const csv = await call('GET', `${base}/${started.json.token}`, { tenant, accept: 'application/vnd.atlas.2023-01-01+csv' });
    expect(csv.headers['content-type']).toBe('application/vnd.atlas.2023-01-01+csv');
    expect(csv.text.split('\n')[0]).toBe('Id,Name,Usage Amount');

    expectError(await call('POST', base, { tenant, body: { startDate: end, endDate: start } }), 400, 'INVALID_ATTRIBUTE', ['endDate']);
    expectError(await call('POST', base, { tenant, body: { startDate: start } }), 400, 'MISSING_ATTRIBUTE');
    expectError(await call('POST', base, { tenant, body: { startDate: start, endDate: end, projects: ['ffffffffffffffffffffffff'] } }), 400, 'INVALID_ATTRIBUTE', ['projects']);
    expectError(await call('POST', base, { tenant, body: { startDate: start, endDate: end, groupBy: 'colors' } }), 400, 'INVALID_ENUM_VALUE');
    expectError(await atlas.call('POST', `/api/atlas/v2${base}`, { version: V, tenant, rawBody: '{"startDate":' }), 400, 'MALFORMED_JSON');
    expectError(await call('GET', `${base}/${'0'.repeat(64)}`, { tenant }), 404, 'COST_EXPLORER_QUERY_NOT_FOUND');
    // Another organization's token is not found in this one.
    expectError(await call('GET', `${base}/${started.json.token}`.replace(orgId, atlas.tenant.orgId)), 404, 'COST_EXPLORER_QUERY_NOT_FOUND');
  });

  it('takes a billing role', async () => {
    const tenant = createTenant(atlas.sim.world, {});
    const orgId = tenant.orgId;
    const member = keyWithOrgRoles(tenant, ['ORG_MEMBER', 'ORG_READ_ONLY']);
    const viewer = keyWithOrgRoles(tenant, ['ORG_MEMBER', 'ORG_BILLING_READ_ONLY']);
    expectError(await call('GET', `/orgs/${orgId}/invoices`, member), 401, 'USER_UNAUTHORIZED');
    expectError(await call('GET', `/orgs/${orgId}/invoices/pending`, member), 401, 'USER_UNAUTHORIZED');
    expectError(await call('POST', `/orgs/${orgId}/billing/costExplorer/usage`, { ...member, body: { startDate: '2026-01-01', endDate: '2026-01-02' } }), 401, 'USER_UNAUTHORIZED');
    expect((await call('GET', `/orgs/${orgId}/invoices`, viewer)).status).toBe(200);
    expect((await call('GET', `/orgs/${orgId}/invoices/pending`, viewer)).status).toBe(200);
    expectError(await call('GET', `/orgs/ffffffffffffffffffffffff/invoices`, { tenant }), 404, 'ORG_NOT_FOUND');
  });
});
