import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAtlas, type TestAtlas } from '../../support/harness.js';
import { expectConforms, expectError, makeProject } from '../../support/clusters.js';

/**
 * Atlas for Government has no Flex clusters: every `/flexClusters` operation answers
 * 403 FEATURE_UNSUPPORTED ("Feature not supported by current account level.") once the
 * caller, the project and the role check out, and changes nothing.
 */
let atlas: TestAtlas;
let g: string;
beforeAll(async () => {
  atlas = await startAtlas();
  g = makeProject(atlas);
});
afterAll(() => atlas.close());

const OPS: Array<[string, string, unknown?]> = [
  ['GET', '/flexClusters'],
  ['POST', '/flexClusters', { name: 'flex-1', providerSettings: { backingProviderName: 'AWS', regionName: 'US_EAST_1' } }],
  ['GET', '/flexClusters/flex-1'],
  ['PATCH', '/flexClusters/flex-1', { terminationProtectionEnabled: true }],
  ['DELETE', '/flexClusters/flex-1'],
  ['POST', '/flexClusters:tenantUpgrade', { name: 'flex-1' }],
  ['POST', '/flexClusters/flex-1/backup/download', { snapshotId: '0123456789abcdef01234567' }],
  ['GET', '/flexClusters/flex-1/backup/restoreJobs'],
  ['POST', '/flexClusters/flex-1/backup/restoreJobs', { snapshotId: '0123456789abcdef01234567', targetDeploymentItemName: 'x' }],
  ['GET', '/flexClusters/flex-1/backup/restoreJobs/0123456789abcdef01234567'],
  ['GET', '/flexClusters/flex-1/backup/snapshots'],
  ['GET', '/flexClusters/flex-1/backup/snapshots/0123456789abcdef01234567'],
];

describe('Flex clusters in Atlas for Government', () => {
  it.each(OPS)('%s %s is 403 FEATURE_UNSUPPORTED', async (method, path, body) => {
    const res = await atlas.call(method, `/groups/${g}${path}`, { version: '2024-11-13', ...(body !== undefined && { body }) });
    expectError(res, 403, 'FEATURE_UNSUPPORTED', []);
    expect(res.json).toEqual({ detail: 'Feature not supported by current account level. Not available in Atlas for Government: Flex clusters, their snapshots and restores.', error: 403, errorCode: 'FEATURE_UNSUPPORTED', parameters: [], reason: 'Forbidden' });
    expect(res.headers['ratelimit-limit']).toBe('1200');
    expectConforms(method, `/groups/${g}${path}`, res);
  });

  it('still answers the project and version errors first, and by Digest too', async () => {
    expectError(await atlas.call('GET', '/groups/0123456789abcdef01234567/flexClusters', { version: '2024-11-13' }), 404, 'GROUP_NOT_FOUND');
    expectError(await atlas.call('GET', `/groups/${g}/flexClusters`, { version: '2024-08-05' }), 406, 'INVALID_VERSION_DATE');
    expectError(await atlas.call('GET', `/groups/${g}/flexClusters`, { version: '2024-11-13', auth: 'digest' }), 403, 'FEATURE_UNSUPPORTED');
    expect(atlas.sim.world.clusters.countIn(g)).toBe(0);
  });
});
