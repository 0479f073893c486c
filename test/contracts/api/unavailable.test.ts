/**
 * Features Atlas for Government does not offer: every operation of the official document
 * that belongs to one is in the catalog, and answers as one refusal after the same
 * authentication, path checks and role check as any other operation, so that a client
 * can tell "not offered here" (403 FEATURE_UNSUPPORTED naming the feature) from a wrong
 * path (404 RESOURCE_NOT_FOUND).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATIONS } from '../../../contracts/api/catalog.js';
import { GOV_UNAVAILABLE_FEATURES } from '../../../contracts/api/govUnavailable.js';
import { computeCoverage } from '../../../contracts/harness/coverage.js';
import { startAtlas, type TestAtlas } from '../../support/harness.js';
import { expectError, seedProject } from '../../support/iam.js';
import { describeWithSharedData, openApiDocument } from '../../support/sharedData.js';

const unavailable = OPERATIONS.filter((o) => o.unavailableInGov);

describeWithSharedData('unavailable operations against the official document', ['openapi'], () => {
  it('puts every operation of an unavailable feature in the catalog, marked with that feature', () => {
    const rows = computeCoverage(openApiDocument(), OPERATIONS).rows.filter((r) => r.status === 'unavailable in Atlas for Government');
    const byId = new Map(unavailable.map((o) => [o.operationId, o]));
    expect(rows.filter((r) => !byId.has(r.operationId)).map((r) => r.operationId)).toEqual([]);
    expect(unavailable).toHaveLength(rows.length);
  });

  it('keeps the generated catalog file equal to what the generator makes from the document', () => {
    const generated = execFileSync(process.execPath, ['--import', 'tsx', 'contracts/harness/bin/unavailable-catalog.ts'], { encoding: 'utf8' });
    expect(readFileSync('contracts/api/operations/unavailableInGov.ts', 'utf8')).toBe(generated);
  });
});

describe('an operation of a feature Atlas for Government lacks', () => {
  let atlas: TestAtlas;
  let groupId: string;
  beforeAll(async () => {
    atlas = await startAtlas({ rateLimits: false });
    groupId = seedProject(atlas, 'unavailable');
  });
  afterAll(() => atlas.close());

  it('names only features of the documented list', () => {
    const known = new Set(GOV_UNAVAILABLE_FEATURES.map((f) => f.feature));
    expect(unavailable.filter((o) => !known.has(o.unavailableInGov!)).map((o) => o.operationId)).toEqual([]);
    expect(new Set(unavailable.map((o) => o.unavailableInGov)).size).toBe(known.size);
  });

  it('answers 403 FEATURE_UNSUPPORTED naming the feature, and changes nothing', async () => {
    await atlas.token(); // issuing the caller's token is a change of its own
    const before = JSON.stringify(atlas.sim.exportState());
    const res = await atlas.call('POST', `/groups/${groupId}/clusters/c1/onlineArchives`, { version: '2023-01-01', body: { collName: 'x' } });
    expectError(res, 403, 'FEATURE_UNSUPPORTED', []);
    expect(res.json.detail).toBe('Feature not supported by current account level. Not available in Atlas for Government: Online Archive.');
    expect(res.headers['x-error-code']).toBe('FEATURE_UNSUPPORTED');
    const streams = await atlas.call('GET', `/groups/${groupId}/streams`, { version: '2023-02-01' });
    expect(streams.json.detail).toContain('Stream Processing');
    expect(JSON.stringify(atlas.sim.exportState())).toBe(before);
  });

  it('asks an unauthenticated caller for credentials exactly as any other operation does', async () => {
    const refused = await atlas.call('GET', `/groups/${groupId}/streams`, { auth: 'none', version: '2023-02-01' });
    const other = await atlas.call('GET', `/groups/${groupId}/clusters`, { auth: 'none', version: '2024-08-05' });
    expect(refused.status).toBe(401);
    expect(refused.text).toBe(other.text);
    expect(refused.headers['www-authenticate']).toMatch(/^Digest realm="MMS Public API"/);
  });

  it('checks the project and the caller role first, as Atlas does for any operation', async () => {
    expectError(await atlas.call('GET', '/groups/0123456789abcdef01234567/streams', { version: '2023-02-01' }), 404, 'GROUP_NOT_FOUND');
    const reader = (await atlas.call('POST', `/groups/${groupId}/apiKeys`, { body: { desc: 'reader', roles: ['GROUP_READ_ONLY'] } })).json;
    const asReader = { tenant: { ...atlas.tenant, apiKey: { id: reader.id, publicKey: reader.publicKey, privateKey: reader.privateKey } }, auth: 'digest' as const };
    expectError(await atlas.call('POST', `/groups/${groupId}/streams`, { version: '2023-02-01', body: {}, ...asReader }), 401, 'USER_UNAUTHORIZED');
    expectError(await atlas.call('GET', `/groups/${groupId}/streams`, { version: '2023-02-01', ...asReader }), 403, 'FEATURE_UNSUPPORTED');
  });

  it('still answers 404 RESOURCE_NOT_FOUND for a path Atlas does not have at all', async () => {
    expectError(await atlas.call('GET', `/groups/${groupId}/streamz`), 404, 'RESOURCE_NOT_FOUND');
  });
});
