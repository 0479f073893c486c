/**
 * Cloud provider access roles (2023-01-01): an AWS role in the AWS partition of the
 * project's designation, authorized with the customer's role, listed, read and
 * deauthorized, and the documented refusals. Authorizing needs a real IAM role whose
 * trust policy names Atlas's account, so that part runs against a simulator only.
 */
import { m } from './match.js';
import { createProject } from './projects.js';
import type { Scenario, ScenarioContext } from './types.js';

const V = '2023-01-01';

/** Creates an AWS role in the project; returns its id. */
export async function createAwsRole(t: ScenarioContext, groupId: string): Promise<string> {
  const res = await t.api.call('POST', `/groups/${groupId}/cloudProviderAccess`, { version: V, body: { providerName: 'AWS' } });
  t.expectResponse(
    res,
    {
      status: 200,
      contentType: { version: V },
      body: m.partial({ providerName: 'AWS', roleId: m.objectId(), atlasAWSAccountArn: m.string(/^arn:aws-us-gov:iam::\d{12}:root$/), createdDate: m.date(), featureUsages: [], authorizedDate: m.absent() }),
      contract: 'createCloudProviderAccessRole',
    },
    'an AWS role of a GovCloud project',
  );
  return (res.json as { roleId: string }).roleId;
}

/** Authorizes an AWS role with a customer role of the GovCloud partition (simulator only: AWS checks the trust policy). */
export async function authorizeAwsRole(t: ScenarioContext, groupId: string, roleId: string): Promise<void> {
  const arn = 'arn:aws-us-gov:iam::123456789012:role/contract-kms';
  const res = await t.api.call('PATCH', `/groups/${groupId}/cloudProviderAccess/${roleId}`, { version: V, body: { providerName: 'AWS', iamAssumedRoleArn: arn } });
  t.expectResponse(res, { status: 200, body: m.partial({ roleId, iamAssumedRoleArn: arn, authorizedDate: m.date() }), contract: 'authorizeCloudProviderAccessRole' });
}

export const cloudProviderAccessScenarios: readonly Scenario[] = [
  {
    id: 'cloudProviderAccess/roles',
    title: 'creates an AWS role with a GovCloud ARN, reads and lists it, deauthorizes it (204); unknown roles are 404, Azure 400',
    operations: ['createCloudProviderAccessRole', 'getCloudProviderAccessRole', 'listCloudProviderAccessRoles', 'deauthorizeCloudProviderAccessRole'],
    writes: true,
    async run(t) {
      const { id: groupId } = await createProject(t, 'cpa', { regionUsageRestrictions: 'GOV_REGIONS_ONLY' });
      const roleId = await createAwsRole(t, groupId);
      const path = `/groups/${groupId}/cloudProviderAccess/${roleId}`;
      t.expectResponse(await t.api.call('GET', path, { version: V }), { status: 200, body: m.partial({ roleId, providerName: 'AWS' }), contract: 'getCloudProviderAccessRole' });
      t.expectResponse(await t.api.call('GET', `/groups/${groupId}/cloudProviderAccess`, { version: V }), { status: 200, body: m.partial({ awsIamRoles: m.some(m.partial({ roleId })) }), contract: 'listCloudProviderAccessRoles' });
      t.expectResponse(await t.api.call('POST', `/groups/${groupId}/cloudProviderAccess`, { version: V, body: { providerName: 'AZURE' } }), { status: 400, errorCode: 'INVALID_PROVIDER' });
      t.expectResponse(await t.api.call('DELETE', `/groups/${groupId}/cloudProviderAccess/GCP/${roleId}`, { version: V }), { status: 404, errorCode: 'CLOUD_PROVIDER_ACCESS_ROLE_NOT_FOUND' }, 'the role under the wrong provider');
      t.expectResponse(await t.api.call('DELETE', `/groups/${groupId}/cloudProviderAccess/AWS/${roleId}`, { version: V }), { status: 204, body: undefined });
      t.expectResponse(await t.api.call('GET', path, { version: V }), { status: 404, errorCode: 'CLOUD_PROVIDER_ACCESS_ROLE_NOT_FOUND' }, 'reading the deauthorized role');
      t.expectResponse(await t.api.call('GET', '/groups/ffffffffffffffffffffffff/cloudProviderAccess', { version: V }), { status: 404, errorCode: 'GROUP_NOT_FOUND' });
    },
  },
  {
    id: 'cloudProviderAccess/authorize',
    title: 'authorizes an AWS role with a GovCloud role ARN; a commercial-partition ARN cannot be assumed (400)',
    operations: ['createCloudProviderAccessRole', 'authorizeCloudProviderAccessRole'],
    writes: true,
    simulatorOnly: true,
    async run(t) {
      const { id: groupId } = await createProject(t, 'cpa-auth', { regionUsageRestrictions: 'GOV_REGIONS_ONLY' });
      const roleId = await createAwsRole(t, groupId);
      const path = `/groups/${groupId}/cloudProviderAccess/${roleId}`;
      t.expectResponse(await t.api.call('PATCH', path, { version: V, body: { providerName: 'AWS', iamAssumedRoleArn: 'arn:aws:iam::123456789012:role/commercial' } }), { status: 400, errorCode: 'CANNOT_ASSUME_ROLE' });
      await authorizeAwsRole(t, groupId, roleId);
    },
  },
];
