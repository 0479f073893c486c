import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, makeProject } from '../support/clusters.js';
import { startAtlas, type TestAtlas } from '../support/harness.js';
import { keyWith } from '../support/projectKeys.js';

/** Organization delegation settings (2026-08 document, 2025-03-12). */
let atlas: TestAtlas;
beforeAll(async () => {
  atlas = await startAtlas();
});
afterAll(() => atlas.close());

const V = '2025-03-12';
const path = () => `/orgs/${atlas.tenant.orgId}/delegationSettings`;
const get = (extra: object = {}) => atlas.call('GET', path(), { version: V, ...extra });
const patch = (body: unknown, extra: object = {}) => atlas.call('PATCH', path(), { version: V, body, ...extra });

describe('organization delegation settings', () => {
  it('disallow MCP and partner access by default; a PATCH changes only what it sends, null resets a lifetime', async () => {
    expect((await get()).json).toEqual({ delegatedMcpAccess: 'DISALLOWED', delegatedPartnerAccess: 'DISALLOWED' });
    const changed = await patch({ delegatedMcpAccess: 'READ_ONLY', idleRefreshTokenLifetime: 3600, maximumRefreshTokenLifetime: 86400 });
    expect(changed.status).toBe(200);
    expect(changed.headers['content-type']).toBe('application/vnd.atlas.2025-03-12+json;charset=utf-8');
    expect(changed.json).toEqual({ delegatedMcpAccess: 'READ_ONLY', delegatedPartnerAccess: 'DISALLOWED', idleRefreshTokenLifetime: 3600, maximumRefreshTokenLifetime: 86400 });
    expect((await patch({ delegatedPartnerAccess: 'READ_WRITE' })).json).toEqual({ ...changed.json, delegatedPartnerAccess: 'READ_WRITE' });
    expect((await patch({ idleRefreshTokenLifetime: null })).json).toEqual({ delegatedMcpAccess: 'READ_ONLY', delegatedPartnerAccess: 'READ_WRITE', maximumRefreshTokenLifetime: 86400 });
    expect((await get()).json).toEqual({ delegatedMcpAccess: 'READ_ONLY', delegatedPartnerAccess: 'READ_WRITE', maximumRefreshTokenLifetime: 86400 });
    // An older version than the operation's first is not acceptable.
    expectError(await atlas.call('GET', path(), { version: '2023-01-01' }), 406, 'INVALID_VERSION_DATE');
  });

  it('refuses values out of range or enum, wrong types, unknown fields, bad ids and non-owners, changing nothing', async () => {
    const member = keyWith(atlas, makeProject(atlas), ['GROUP_OWNER']);
    await atlas.token(); // issuing the caller's token is a change of its own
    const records = () => JSON.stringify(atlas.sim.exportState().slices);
    const before = records();
    expectError(await patch({ idleRefreshTokenLifetime: 0 }), 400, 'INVALID_ATTRIBUTE', ['idleRefreshTokenLifetime']);
    expectError(await patch({ maximumRefreshTokenLifetime: 31536001 }), 400, 'INVALID_ATTRIBUTE', ['maximumRefreshTokenLifetime']);
    expectError(await patch({ idleRefreshTokenLifetime: 90000, maximumRefreshTokenLifetime: 86400 }), 400, 'INVALID_ATTRIBUTE', ['idleRefreshTokenLifetime']);
    expectError(await patch({ delegatedMcpAccess: 'EVERYTHING' }), 400, 'INVALID_ENUM_VALUE');
    expectError(await patch({ delegatedPartnerAccess: 'READ_ONLY' }), 400, 'INVALID_ENUM_VALUE');
    expectError(await patch({ idleRefreshTokenLifetime: '3600' }), 400, 'INVALID_JSON_ATTRIBUTE');
    expectError(await patch({ other: true }), 400, 'INVALID_ATTRIBUTE');
    expectError(await atlas.call('PATCH', path(), { version: V, rawBody: '{"delegatedMcpAccess":' }), 400, 'MALFORMED_JSON');
    expectError(await atlas.call('GET', '/orgs/nothex/delegationSettings', { version: V }), 404, 'INVALID_ORG_ID');
    expectError(await atlas.call('GET', '/orgs/0123456789abcdef01234567/delegationSettings', { version: V }), 404, 'ORG_NOT_FOUND');
    expectError(await patch({ delegatedMcpAccess: 'READ_WRITE' }, member), 401, 'USER_UNAUTHORIZED');
    expect((await get(member)).status).toBe(200);
    expect((await atlas.call('GET', path(), { version: V, auth: 'none' })).status).toBe(401);
    expect(records()).toBe(before);
  });
});
