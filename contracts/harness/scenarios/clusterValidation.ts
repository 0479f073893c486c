/**
 * Cluster configuration validation (2026-08 document, 2025-03-12): a Government-valid
 * description is valid, an M10 is not (Atlas for Government starts at M20), and nothing is
 * created either way.
 */
import { m } from './match.js';
import { createProject } from './projects.js';
import type { Scenario } from './types.js';

const V = '2025-03-12';

export const clusterValidationScenarios: readonly Scenario[] = [
  {
    id: 'clusters/configuration-validation',
    title: 'validates a GovCloud M30 description (valid) and an M10 one (not valid, with the refusal a create would get); unknown projects are 404',
    operations: ['validateGroupClusterConfigurations'],
    writes: true,
    async run(t) {
      const { id: groupId } = await createProject(t, 'validate', { regionUsageRestrictions: 'GOV_REGIONS_ONLY' });
      const description = (size: string) => ({
        name: t.name('v').slice(-23).replace(/^-+/, ''),
        clusterType: 'REPLICASET',
        replicationSpecs: [{ regionConfigs: [{ providerName: 'AWS', regionName: 'US_GOV_WEST_1', priority: 7, electableSpecs: { instanceSize: size, nodeCount: 3 } }] }],
      });
      const path = `/groups/${groupId}/clusterConfigurations:validate`;
      t.expectResponse(await t.api.call('POST', path, { version: V, body: { editing: false, clusterDescription: description('M30') } }), { status: 200, contentType: { version: V }, body: m.partial({ valid: true }), contract: 'validateGroupClusterConfigurations' });
      t.expectResponse(
        await t.api.call('POST', path, { version: V, body: { editing: false, clusterDescription: description('M10') } }),
        { status: 200, body: m.partial({ valid: false, errors: m.arrayOf(m.partial({ errorCode: m.string() }), { min: 1 }) }), contract: 'validateGroupClusterConfigurations' },
        'an M10, which Atlas for Government does not offer',
      );
      t.expectResponse(await t.api.call('GET', `/groups/${groupId}/clusters`, { version: '2024-08-05' }), { status: 200, body: m.partial({ totalCount: 0 }) }, 'no cluster made');
      t.expectResponse(await t.api.call('POST', '/groups/ffffffffffffffffffffffff/clusterConfigurations:validate', { version: V, body: { editing: false, clusterDescription: description('M30') } }), { status: 404, errorCode: 'GROUP_NOT_FOUND' });
    },
  },
];
