import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PaginatedProviderRegions } from '../../../contracts/api/schemas/clusters.js';
import { startAtlas, type TestAtlas } from '../../support/harness.js';
import { body20240805, bodyV15, expectConforms, expectError, makeProject } from '../../support/clusters.js';

/**
 * The Atlas for Government rules (wire-facts E), through both request shapes. Each
 * refusal leaves the project without clusters.
 */
let atlas: TestAtlas;
let fedramp: string;
let gov: string;
beforeAll(async () => {
  atlas = await startAtlas();
  fedramp = makeProject(atlas, 'COMMERCIAL_FEDRAMP_REGIONS_ONLY');
  gov = makeProject(atlas, 'GOV_REGIONS_ONLY');
});
afterAll(() => atlas.close());

const create = (groupId: string, body: unknown, version = '2024-10-23') => atlas.call('POST', `/groups/${groupId}/clusters`, { version, body });

describe('Atlas for Government tiers', () => {
  it.each(['M0', 'M2', 'M5', 'FLEX', 'M10'])('refuses %s with INSUFFICIENT_INSTANCE_SIZE M20', async (size) => {
    const res = await create(fedramp, body20240805(`tier-${size}`, { size }));
    expectError(res, 400, 'INSUFFICIENT_INSTANCE_SIZE', ['M20']);
    expect(res.json.detail).toBe('This feature requires instance size M20 or larger.');
    expectError(await create(fedramp, bodyV15(`tier-${size}`, { size }), '2023-02-01'), 400, 'INSUFFICIENT_INSTANCE_SIZE', ['M20']);
  });

  it('accepts M20 and larger; a tier of another provider is INVALID_INSTANCE_TYPE_NAME; an unknown one INVALID_ENUM_VALUE', async () => {
    expect((await create(fedramp, body20240805('m20', { size: 'M20' }))).status).toBe(201);
    expect((await create(gov, body20240805('gcp-m250', { provider: 'GCP', region: 'CENTRAL_US_AW', size: 'M250' }))).status).toBe(201);
    expectError(await create(fedramp, body20240805('aws-m250', { size: 'M250' })), 400, 'INVALID_INSTANCE_TYPE_NAME', ['M250']);
    expectError(await create(fedramp, body20240805('m7', { size: 'M7' })), 400, 'INVALID_ENUM_VALUE', ['M7']);
  });

  it('applies the minimum to auto-scaling bounds too', async () => {
    const body = body20240805('as-min') as any;
    body.replicationSpecs[0].regionConfigs[0].autoScaling = { compute: { enabled: true, scaleDownEnabled: true, minInstanceSize: 'M10', maxInstanceSize: 'M40' } };
    expectError(await create(fedramp, body), 400, 'INSUFFICIENT_INSTANCE_SIZE', ['M20']);
  });
});

describe('Atlas for Government providers and cluster types', () => {
  it.each(['AZURE', 'TENANT', 'FLEX'])('refuses provider %s with INVALID_PROVIDER', async (provider) => {
    const res = await create(gov, body20240805(`p-${provider}`, { provider, region: 'US_GOV_WEST_1' }));
    expectError(res, 400, 'INVALID_PROVIDER', [provider]);
    expect(res.json.detail).toBe(`No provider ${provider} exists.`);
  });

  it('refuses an unknown provider name as an enumeration value', async () => {
    expectError(await create(gov, body20240805('p-x', { provider: 'ORACLE' })), 400, 'INVALID_ENUM_VALUE', ['ORACLE']);
  });

  it('refuses Global Clusters (GEOSHARDED) with FEATURE_UNSUPPORTED', async () => {
    expectError(await create(fedramp, body20240805('geo', { clusterType: 'GEOSHARDED' })), 403, 'FEATURE_UNSUPPORTED', []);
  });

  it('refuses Azure key management for encryption at rest', async () => {
    const res = await create(fedramp, body20240805('ear', { extra: { encryptionAtRestProvider: 'AZURE' } }));
    expectError(res, 400, 'INVALID_ENCRYPTION_AT_REST_PROVIDER', ['AZURE']);
  });
});

describe('Atlas for Government regions', () => {
  it.each(['US_EAST_1', 'US_EAST_2', 'US_WEST_1', 'US_WEST_2'])('a FedRAMP Moderate project uses AWS %s', async (region) => {
    expect((await create(fedramp, body20240805(`fr-${region.toLowerCase().replaceAll('_', '-')}`, { region }))).status).toBe(201);
  });

  it.each([
    ['AWS', 'US_GOV_WEST_1'],
    ['AWS', 'US_GOV_EAST_1'],
    ['GCP', 'EASTERN_US_AW'],
    ['GCP', 'US_EAST_4_AW'],
    ['GCP', 'WESTERN_US_AW'],
  ])('a GOV_REGIONS_ONLY project uses %s %s', async (provider, region) => {
    expect((await create(gov, body20240805(`gv-${region.toLowerCase().replaceAll('_', '-')}`, { provider, region }))).status).toBe(201);
  });

  it('a region of the other designation is REGION_UNAVAILABLE (409): gov and standard never mix', async () => {
    expectError(await create(fedramp, body20240805('mix-1', { region: 'US_GOV_WEST_1' })), 409, 'REGION_UNAVAILABLE', ['US_GOV_WEST_1']);
    expectError(await create(fedramp, body20240805('mix-2', { provider: 'GCP', region: 'CENTRAL_US_AW' })), 409, 'REGION_UNAVAILABLE', ['CENTRAL_US_AW']);
    expectError(await create(gov, body20240805('mix-3', { region: 'US_EAST_1' })), 409, 'REGION_UNAVAILABLE', ['US_EAST_1']);
    // One cluster spanning both families is refused at its first foreign region.
    const body = body20240805('mix-4', { region: 'US_GOV_WEST_1', nodes: 2 }) as any;
    body.replicationSpecs[0].regionConfigs.push({ electableSpecs: { instanceSize: 'M30', nodeCount: 1 }, priority: 6, providerName: 'AWS', regionName: 'US_EAST_1' });
    const res = await create(gov, body);
    expectError(res, 409, 'REGION_UNAVAILABLE', ['US_EAST_1']);
    expect(res.json.detail).toBe('The selected region US_EAST_1 is unavailable for use.');
  });

  it('a region Atlas for Government does not offer, or no region at all, is INVALID_REGION', async () => {
    const res = await create(fedramp, body20240805('eu', { region: 'EU_WEST_1' }));
    expectError(res, 400, 'INVALID_REGION', ['EU_WEST_1', 'AWS']);
    expect(res.json.detail).toBe('No region EU_WEST_1 exists for provider AWS.');
    expectError(await create(gov, body20240805('gcp-std', { provider: 'GCP', region: 'CENTRAL_US' })), 400, 'INVALID_REGION', ['CENTRAL_US', 'GCP']);
    expectError(await create(gov, body20240805('nowhere', { region: 'MOON_1' })), 400, 'INVALID_REGION', ['MOON_1', 'AWS']);
    expectError(await create(gov, body20240805('gcp-on-aws', { region: 'CENTRAL_US_AW' })), 400, 'INVALID_REGION', ['CENTRAL_US_AW', 'AWS']);
  });

  it('multi-region clusters within one family work, with the priorities and node counts split', async () => {
    const body = body20240805('multi', { region: 'US_GOV_WEST_1', nodes: 2 }) as any;
    body.replicationSpecs[0].regionConfigs.push({ electableSpecs: { instanceSize: 'M30', nodeCount: 1 }, priority: 6, providerName: 'GCP', regionName: 'CENTRAL_US_AW' });
    const res = await create(gov, body);
    expect(res.status).toBe(201);
    expect(res.json.replicationSpecs[0].regionConfigs.map((rc: any) => [rc.providerName, rc.regionName, rc.priority])).toEqual([
      ['AWS', 'US_GOV_WEST_1', 7],
      ['GCP', 'CENTRAL_US_AW', 6],
    ]);
    // GCP hardware has no volume settings.
    expect(res.json.replicationSpecs[0].regionConfigs[1].electableSpecs).toEqual({ instanceSize: 'M30', diskSizeGB: 40, nodeCount: 1 });
  });
});

describe('provider regions listing', () => {
  const list = (groupId: string, query = '') => atlas.call('GET', `/groups/${groupId}/clusters/provider/regions${query}`, { version: '2023-01-01' });

  it('shows a FedRAMP Moderate project AWS with its four regions and the M20+ tiers only', async () => {
    const res = await list(fedramp, '?providers=AWS&tier=M30');
    expect(res.status).toBe(200);
    PaginatedProviderRegions.parse(res.json);
    expectConforms('GET', `/groups/${fedramp}/clusters/provider/regions`, res);
    expect(res.json).toEqual({
      links: [{ href: `${atlas.url}/api/atlas/v2/groups/${fedramp}/clusters/provider/regions?includeCount=true&providers=AWS&tier=M30&pageNum=1&itemsPerPage=100`, rel: 'self' }],
      results: [
        {
          instanceSizes: [
            {
              availableRegions: [
                { default: true, name: 'US_EAST_1' },
                { default: false, name: 'US_EAST_2' },
                { default: false, name: 'US_WEST_1' },
                { default: true, name: 'US_WEST_2' },
              ],
              name: 'M30',
            },
          ],
          provider: 'AWS',
        },
      ],
      totalCount: 1,
    });
    const all = await list(fedramp);
    expect(all.json.results.map((r: any) => r.provider)).toEqual(['AWS']);
    const sizes = all.json.results[0].instanceSizes.map((s: any) => s.name);
    expect(sizes[0]).toBe('M20');
    expect(sizes).not.toContain('M10');
    expect(sizes).toContain('M40_NVME');
  });

  it('shows a GOV_REGIONS_ONLY project GovCloud and the GCP Assured Workloads regions', async () => {
    const res = await list(gov, '?tier=M40');
    expect(res.json.results.map((r: any) => [r.provider, r.instanceSizes[0].availableRegions.map((a: any) => a.name)])).toEqual([
      ['AWS', ['US_GOV_WEST_1', 'US_GOV_EAST_1']],
      ['GCP', ['EASTERN_US_AW', 'US_EAST_4_AW', 'US_EAST_5_AW', 'US_WEST_2_AW', 'US_WEST_3_AW', 'US_WEST_4_AW', 'US_SOUTH_1_AW', 'CENTRAL_US_AW', 'WESTERN_US_AW']],
    ]);
  });

  it('has nothing for tiers and providers Atlas for Government does not offer; refuses unknown providers', async () => {
    expect((await list(gov, '?tier=M10')).json).toMatchObject({ results: [], totalCount: 0 });
    expect((await list(gov, '?providers=AZURE')).json.results).toEqual([]);
    expect((await list(gov, '?providers=GCP&providers=AZURE')).json.results.map((r: any) => r.provider)).toEqual(['GCP']);
    expectError(await list(gov, '?providers=ORACLE'), 400, 'INVALID_PROVIDER', ['ORACLE']);
  });

  it('pages over providers', async () => {
    const res = await list(gov, '?itemsPerPage=1&pageNum=2');
    expect(res.json.totalCount).toBe(2);
    expect(res.json.results.map((r: any) => r.provider)).toEqual(['GCP']);
  });
});

describe('refusals change nothing', () => {
  it('no cluster was left behind by any refusal above', () => {
    const names = (g: string) => atlas.sim.world.clusters.listIn(g).map((c) => c.name);
    for (const n of [...names(fedramp), ...names(gov)]) expect(n).toMatch(/^(m20|gcp-m250|fr-.*|gv-.*|multi)$/);
  });
});
