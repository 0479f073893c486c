import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectConforms, expectError, makeProject } from '../support/clusters.js';
import { startAtlas, type TestAtlas } from '../support/harness.js';
import { keyWith } from '../support/projectKeys.js';

let atlas: TestAtlas;
beforeAll(async () => {
  atlas = await startAtlas();
});
afterAll(() => atlas.close());

const V = '2023-01-01';

describe('GET /encryptionAtRest', () => {
  it('answers every provider disabled for a new project, in either designation', async () => {
    for (const designation of ['COMMERCIAL_FEDRAMP_REGIONS_ONLY', 'GOV_REGIONS_ONLY'] as const) {
      const g = makeProject(atlas, designation);
      const res = await atlas.call('GET', `/groups/${g}/encryptionAtRest`, { version: V });
      expect(res.status).toBe(200);
      expect(res.json).toEqual({ awsKms: { enabled: false }, azureKeyVault: { enabled: false }, enabledForSearchNodes: false, googleCloudKms: { enabled: false } });
      expectConforms('GET', `/groups/${g}/encryptionAtRest`, res);
    }
  });

  it('takes Project Owner; an unknown or malformed project is refused', async () => {
    const g = makeProject(atlas);
    expectError(await atlas.call('GET', `/groups/${g}/encryptionAtRest`, { version: V, ...keyWith(atlas, g, ['GROUP_READ_ONLY']) }), 401, 'USER_UNAUTHORIZED');
    expect((await atlas.call('GET', `/groups/${g}/encryptionAtRest`, { version: V, ...keyWith(atlas, g, ['GROUP_OWNER']) })).status).toBe(200);
    expectError(await atlas.call('GET', '/groups/ffffffffffffffffffffffff/encryptionAtRest', { version: V }), 404, 'GROUP_NOT_FOUND');
    expectError(await atlas.call('GET', '/groups/nope/encryptionAtRest', { version: V }), 404, 'INVALID_GROUP_ID');
  });
});
