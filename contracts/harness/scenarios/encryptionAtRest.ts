/**
 * Encryption at rest using customer key management (2023-01-01): what a new project
 * answers, and the documented refusals. Everything lives in a project the scenario
 * creates with the run's prefix, deleted afterwards.
 */
import { authorizeAwsRole, createAwsRole } from './cloudProviderAccess.js';
import { m } from './match.js';
import { createProject } from './projects.js';
import type { Scenario } from './types.js';

const V = '2023-01-01';

export const encryptionAtRestScenarios: readonly Scenario[] = [
  {
    id: 'encryptionAtRest/new-project',
    title: 'a new project answers every key management provider disabled; an unknown project is 404',
    operations: ['getEncryptionAtRest'],
    writes: true,
    async run(t) {
      const { id: groupId } = await createProject(t, 'ear');
      const res = await t.api.call('GET', `/groups/${groupId}/encryptionAtRest`, { version: V });
      t.expectResponse(res, {
        status: 200,
        contentType: { version: V },
        body: { awsKms: { enabled: false }, azureKeyVault: { enabled: false }, enabledForSearchNodes: false, googleCloudKms: { enabled: false } },
        contract: 'getEncryptionAtRest',
      });
      t.expectResponse(await t.api.call('GET', '/groups/ffffffffffffffffffffffff/encryptionAtRest', { version: V }), { status: 404, errorCode: 'GROUP_NOT_FOUND' });
    },
  },
  {
    id: 'encryptionAtRest/aws-kms',
    title: 'enables AWS KMS with an authorized role and a GovCloud key (a commercial key region is 400), adds a KMS private endpoint (202), reads, lists and deletes it (204)',
    operations: [
      'updateEncryptionAtRest',
      'getEncryptionAtRest',
      'createEncryptionAtRestPrivateEndpoint',
      'getEncryptionAtRestPrivateEndpoint',
      'getEncryptionAtRestPrivateEndpointsForCloudProvider',
      'requestEncryptionAtRestPrivateEndpointDeletion',
      'createCloudProviderAccessRole',
      'authorizeCloudProviderAccessRole',
    ],
    writes: true,
    simulatorOnly: true,
    async run(t) {
      const { id: groupId } = await createProject(t, 'ear-kms', { regionUsageRestrictions: 'GOV_REGIONS_ONLY' });
      const roleId = await createAwsRole(t, groupId);
      const awsKms = (region: string) => ({ awsKms: { enabled: true, customerMasterKeyID: 'contract-key', region, roleId } });
      const ear = `/groups/${groupId}/encryptionAtRest`;
      t.expectResponse(await t.api.call('PATCH', ear, { version: V, body: awsKms('US_GOV_WEST_1') }), { status: 400, errorCode: 'CLOUD_PROVIDER_ACCESS_ROLE_NOT_AUTHORIZED' }, 'a role not yet authorized');
      await authorizeAwsRole(t, groupId, roleId);
      t.expectResponse(await t.api.call('PATCH', ear, { version: V, body: awsKms('US_EAST_1') }), { status: 400, errorCode: 'AWS_KMS_REGION_NOT_SUPPORTED' }, 'a commercial key region in a GovCloud project');
      const enabled = await t.api.call('PATCH', ear, { version: V, body: awsKms('US_GOV_WEST_1') });
      t.expectResponse(enabled, { status: 200, body: m.partial({ awsKms: m.partial({ enabled: true, region: 'US_GOV_WEST_1', customerMasterKeyID: 'contract-key' }) }), contract: 'updateEncryptionAtRest' });
      t.expectResponse(await t.api.call('GET', ear, { version: V }), { status: 200, body: m.partial({ awsKms: m.partial({ enabled: true }) }) });

      const endpoints = `${ear}/AWS/privateEndpoints`;
      t.expectResponse(await t.api.call('POST', `${ear}/AZURE/privateEndpoints`, { version: V, body: { regionName: 'US_GOV_WEST_1' } }), { status: 400, errorCode: 'INVALID_PROVIDER' });
      const created = await t.api.call('POST', endpoints, { version: V, body: { regionName: 'US_GOV_WEST_1' } });
      t.expectResponse(created, { status: 202, body: m.partial({ id: m.objectId(), cloudProvider: 'AWS', regionName: 'US_GOV_WEST_1', status: m.oneOf('INITIATING', 'PENDING_ACCEPTANCE', 'ACTIVE') }), contract: 'createEncryptionAtRestPrivateEndpoint' });
      const one = `${endpoints}/${(created.json as { id: string }).id}`;
      await t.waitFor('the KMS endpoint to be ACTIVE', async () => ((await t.api.call('GET', one, { version: V })).json as { status: string }).status === 'ACTIVE');
      t.expectResponse(await t.api.call('GET', one, { version: V }), { status: 200, body: m.partial({ status: 'ACTIVE' }), contract: 'getEncryptionAtRestPrivateEndpoint' });
      t.expectResponse(await t.api.call('GET', endpoints, { version: V }), { status: 200, body: m.partial({ results: m.some(m.partial({ regionName: 'US_GOV_WEST_1' })) }), contract: 'getEncryptionAtRestPrivateEndpointsForCloudProvider' });
      t.expectResponse(await t.api.call('GET', `${ear}/GCP/privateEndpoints`, { version: V }), { status: 404, errorCode: 'PROVIDER_UNSUPPORTED' });
      t.expectResponse(await t.api.call('DELETE', one, { version: V }), { status: 204, body: undefined });
      t.expectResponse(await t.api.call('DELETE', `${endpoints}/ffffffffffffffffffffffff`, { version: V }), { status: 404, errorCode: 'RESOURCE_NOT_FOUND' });
      t.expectResponse(await t.api.call('GET', `${endpoints}/ffffffffffffffffffffffff`, { version: V }), { status: 404, errorCode: 'RESOURCE_NOT_FOUND' });
      await t.waitFor('the KMS endpoint to be gone', async () => (await t.api.call('GET', one, { version: V })).status === 404);
      t.expectResponse(await t.api.call('PATCH', ear, { version: V, body: { awsKms: { enabled: false } } }), { status: 200, body: m.partial({ awsKms: { enabled: false } }) });
    },
  },
];
