import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectConforms } from '../support/clusters.js';
import { startAtlas, type TestAtlas } from '../support/harness.js';

let atlas: TestAtlas;
beforeAll(async () => {
  atlas = await startAtlas();
});
afterAll(() => atlas.close());

describe('API root', () => {
  it('reports the application and the calling API key with its roles and access list', async () => {
    const res = await atlas.call('GET', '/api/atlas/v2', { version: '2023-01-01', auth: 'digest' });
    expect(res.status).toBe(200);
    expectConforms('GET', '', res);
    const key = atlas.sim.world.apiKeys.get(atlas.tenant.orgId, atlas.tenant.apiKey.id);
    expect(res.json).toEqual({
      apiKey: {
        accessList: key.accessList.map((e) => ({ cidrBlock: e.cidrBlock, ipAddress: expect.any(String) })),
        id: key.id,
        publicKey: key.publicKey,
        roles: key.orgRoles.map((roleName) => ({ orgId: atlas.tenant.orgId, roleName })),
      },
      appName: 'MongoDB Atlas',
      build: expect.stringMatching(/^[0-9a-f]{40}$/),
      links: [{ href: `${atlas.url}/api/atlas/v2`, rel: 'self' }],
      throttling: false,
    });
  });

  it('answers null for the API key of a service account, and 401 without credentials', async () => {
    const res = await atlas.call('GET', '/api/atlas/v2', { version: '2023-01-01' });
    expect(res.status).toBe(200);
    expectConforms('GET', '', res);
    expect(res.json.apiKey).toBeNull();
    expect((await atlas.call('GET', '/api/atlas/v2', { version: '2023-01-01', auth: 'none' })).status).toBe(401);
  });

  it('lists the control plane addresses to anyone, without credentials', async () => {
    const path = '/api/atlas/v2/unauth/controlPlaneIPAddresses';
    const res = await atlas.call('GET', path, { version: '2023-11-15', auth: 'none' });
    expect(res.status).toBe(200);
    expectConforms('GET', '/unauth/controlPlaneIPAddresses', res);
    expect(Object.keys(res.json)).toEqual(['inbound', 'outbound']);
    expect(res.json.inbound.aws['us-gov-west-1'].length).toBeGreaterThan(0);
    expect(res.json.inbound.azure).toEqual({});
    // Credentials, even wrong ones, change nothing; other /unauth/ paths still ask for them.
    const withBadAuth = await atlas.call('GET', path, { version: '2023-11-15', auth: 'none', headers: { Authorization: 'Bearer nonsense' } });
    expect(withBadAuth.json).toEqual(res.json);
    expect((await atlas.call('GET', '/api/atlas/v2/unauth/somethingElse', { version: '2023-11-15', auth: 'none' })).status).toBe(401);
    expect((await atlas.call('POST', path, { version: '2023-11-15', auth: 'none' })).status).toBe(401);
    expect((await atlas.call('GET', path, { version: '2023-01-01', auth: 'none' })).status).toBe(406);
  });
});
