/**
 * Live migrations (push) from Cloud Manager: the organization's link token, a validation
 * and a migration into a project's cluster through its states to the cutover, and the
 * documented refusals. A real migration needs a Cloud Manager project with a migration
 * host, and deleting a real organization's link would break its migrations, so these run
 * against a simulator only.
 */
import { m } from './match.js';
import { createProject } from './projects.js';
import type { Scenario } from './types.js';

const V = '2023-01-01';
const V2 = '2024-05-30';

export const liveMigrationScenarios: readonly Scenario[] = [
  {
    id: 'liveMigrations/link',
    title: 'creates the organization link token (201), lists no source projects, deletes it (204); without a link 404 UNEXPECTED_ERROR',
    operations: ['createLinkToken', 'listSourceProjects', 'deleteLinkToken'],
    writes: true,
    simulatorOnly: true,
    async run(t) {
      const links = `/orgs/${t.orgId}/liveMigrations/linkTokens`;
      t.expectResponse(await t.api.call('POST', links, { version: V, body: { accessListIps: ['nonsense'] } }), { status: 400, errorCode: 'INVALID_IP_ADDRESS_OR_CIDR_NOTATION' });
      t.expectResponse(await t.api.call('POST', links, { version: V, body: { accessListIps: ['203.0.113.7'] } }), { status: 201, body: { linkToken: m.string() }, contract: 'createLinkToken' });
      t.cleanup('the organization link', () => t.api.call('DELETE', links, { version: V }));
      t.expectResponse(await t.api.call('GET', `/orgs/${t.orgId}/liveMigrations/availableProjects`, { version: V }), { status: 200, body: [], contract: 'listSourceProjects' });
      t.expectResponse(await t.api.call('DELETE', links, { version: V }), { status: 204, body: undefined });
      t.expectResponse(await t.api.call('DELETE', links, { version: V }), { status: 404, errorCode: 'UNEXPECTED_ERROR' }, 'deleting a link that is gone');
      t.expectResponse(await t.api.call('GET', `/orgs/${t.orgId}/liveMigrations/availableProjects`, { version: V }), { status: 404, errorCode: 'UNEXPECTED_ERROR' }, 'source projects without a link');
    },
  },
  {
    id: 'liveMigrations/push',
    title: 'validates and runs a push migration into a cluster: NEW, WORKING, ready for cutover, cutover (202), COMPLETE; unknown clusters and ids are 404',
    operations: ['validateMigration', 'getValidationStatus', 'createPushMigration', 'getPushMigration', 'cutoverMigration'],
    writes: true,
    simulatorOnly: true,
    async run(t) {
      const links = `/orgs/${t.orgId}/liveMigrations/linkTokens`;
      t.expectResponse(await t.api.call('POST', links, { version: V, body: {} }), { status: 201 });
      t.cleanup('the organization link', () => t.api.call('DELETE', links, { version: V }));
      const { id: groupId } = await createProject(t, 'migration', { regionUsageRestrictions: 'GOV_REGIONS_ONLY' });
      const name = t.name('dest').slice(-23).replace(/^-+/, '');
      const cluster = { name, clusterType: 'REPLICASET', replicationSpecs: [{ regionConfigs: [{ providerName: 'AWS', regionName: 'US_GOV_WEST_1', priority: 7, electableSpecs: { instanceSize: 'M30', nodeCount: 3 } }] }] };
      t.expectResponse(await t.api.call('POST', `/groups/${groupId}/clusters`, { version: '2024-10-23', body: cluster }), { status: 201 }, 'the destination cluster');
      const clusterPath = `/groups/${groupId}/clusters/${name}`;
      t.cleanup(`cluster ${name}`, async () => {
        await t.api.call('DELETE', clusterPath, { version: '2023-02-01' });
        await t.waitFor(`cluster ${name} to be gone`, async () => (await t.api.call('GET', clusterPath, { version: '2024-08-05' })).status === 404);
      });
      await t.waitFor(`cluster ${name} to be IDLE`, async () => ((await t.api.call('GET', `/groups/${groupId}/clusters/${name}`, { version: '2024-08-05' })).json as { stateName?: string }).stateName === 'IDLE');

      const base = `/groups/${groupId}/liveMigrations`;
      const request = (clusterName: string) => ({
        destination: { clusterName, groupId, hostnameSchemaType: 'PUBLIC' },
        migrationHosts: ['vm001.example.com'],
        source: { clusterName: 'onprem', groupId: 'ffffffffffffffffffffffff', managedAuthentication: true, ssl: true },
      });
      t.expectResponse(await t.api.call('POST', `${base}/validate`, { version: V2, body: request('no-such-cluster') }), { status: 404, errorCode: 'CLUSTER_NOT_FOUND' });
      const validation = await t.api.call('POST', `${base}/validate`, { version: V2, body: request(name) });
      t.expectResponse(validation, { status: 200, body: m.partial({ _id: m.objectId(), groupId, status: 'PENDING' }), contract: 'validateMigration' });
      const validationPath = `${base}/validate/${(validation.json as { _id: string })._id}`;
      await t.waitFor('the validation to succeed', async () => ((await t.api.call('GET', validationPath, { version: V })).json as { status?: string }).status === 'SUCCESS');
      t.expectResponse(await t.api.call('GET', validationPath, { version: V }), { status: 200, body: m.partial({ status: 'SUCCESS', errorMessage: null }), contract: 'getValidationStatus' });
      t.expectResponse(await t.api.call('GET', `${base}/validate/ffffffffffffffffffffffff`, { version: V }), { status: 404, errorCode: 'RESOURCE_NOT_FOUND' });

      t.expectResponse(await t.api.call('POST', base, { version: V2, body: request('no-such-cluster') }), { status: 404, errorCode: 'CLUSTER_NOT_FOUND' });
      const created = await t.api.call('POST', base, { version: V2, body: request(name) });
      t.expectResponse(created, { status: 201, body: m.partial({ _id: m.objectId(), status: 'NEW', readyForCutover: false }), contract: 'createPushMigration' });
      const path = `${base}/${(created.json as { _id: string })._id}`;
      t.expectResponse(await t.api.call('PUT', `${path}/cutover`, { version: V }), { status: 400, errorCode: 'ATLAS_GENERAL_ERROR' }, 'a cutover before the migration is ready');
      await t.waitFor('the migration to be ready for cutover', async () => ((await t.api.call('GET', path, { version: V })).json as { readyForCutover?: boolean }).readyForCutover === true);
      t.expectResponse(await t.api.call('GET', path, { version: V }), { status: 200, body: m.partial({ status: 'WORKING', readyForCutover: true }), contract: 'getPushMigration' });
      t.expectResponse(await t.api.call('PUT', `${path}/cutover`, { version: V }), { status: 202, body: undefined });
      await t.waitFor('the migration to complete', async () => ((await t.api.call('GET', path, { version: V })).json as { status?: string }).status === 'COMPLETE');
      t.expectResponse(await t.api.call('GET', `${base}/ffffffffffffffffffffffff`, { version: V }), { status: 404, errorCode: 'RESOURCE_NOT_FOUND' });
    },
  },
];
