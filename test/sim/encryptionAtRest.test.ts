import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { body20240805, expectConforms, expectError, makeProject } from '../support/clusters.js';
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

/** An AWS cloud provider access role of the project, authorized with an ARN of the project's partition. */
async function authorizedAwsRole(g: string, partition = 'aws-us-gov'): Promise<string> {
  const roleId = (await atlas.call('POST', `/groups/${g}/cloudProviderAccess`, { version: V, body: { providerName: 'AWS' } })).json.roleId;
  const res = await atlas.call('PATCH', `/groups/${g}/cloudProviderAccess/${roleId}`, { version: V, body: { providerName: 'AWS', iamAssumedRoleArn: `arn:${partition}:iam::123456789012:role/kms` } });
  expect(res.status).toBe(200);
  return roleId;
}

const patch = (g: string, body: unknown) => atlas.call('PATCH', `/groups/${g}/encryptionAtRest`, { version: V, body });
const read = async (g: string) => (await atlas.call('GET', `/groups/${g}/encryptionAtRest`, { version: V })).json;
const aws = (roleId: string, region = 'US_GOV_WEST_1') => ({ awsKms: { enabled: true, customerMasterKeyID: 'kms-key-1', region, roleId } });

describe('PATCH /encryptionAtRest with AWS KMS', () => {
  it('enables AWS KMS with an authorized role and a GovCloud key in a Gov-region project', async () => {
    const g = makeProject(atlas, 'GOV_REGIONS_ONLY');
    const roleId = await authorizedAwsRole(g);
    const res = await patch(g, aws(roleId));
    expect(res.status).toBe(200);
    expect(res.json.awsKms).toEqual({ customerMasterKeyID: 'kms-key-1', enabled: true, region: 'US_GOV_WEST_1', requirePrivateNetworking: false, roleId, valid: true });
    expect(await read(g)).toEqual(res.json);
    // The role shows what uses it, and cannot be deauthorized while it does.
    expect((await atlas.call('GET', `/groups/${g}/cloudProviderAccess/${roleId}`, { version: V })).json.featureUsages).toEqual([{ featureId: null, featureType: 'ENCRYPTION_AT_REST' }]);
    expectError(await atlas.call('DELETE', `/groups/${g}/cloudProviderAccess/AWS/${roleId}`, { version: V }), 400, 'CLOUD_PROVIDER_ACCESS_ROLE_IN_USE', [roleId, 'ENCRYPTION_AT_REST']);
    // Sending the same again is no error (Terraform retries its PATCH).
    expect((await patch(g, aws(roleId))).json).toEqual(res.json);
    // Disabling (Terraform's delete sends every provider disabled) frees the role.
    const off = await patch(g, { awsKms: { enabled: false }, azureKeyVault: { enabled: false }, googleCloudKms: { enabled: false } });
    expect(off.json).toEqual({ awsKms: { enabled: false }, azureKeyVault: { enabled: false }, enabledForSearchNodes: false, googleCloudKms: { enabled: false } });
    expect((await atlas.call('DELETE', `/groups/${g}/cloudProviderAccess/AWS/${roleId}`, { version: V })).status).toBe(204);
  });

  it('keeps keys in the regions of the project designation', async () => {
    const gov = makeProject(atlas, 'GOV_REGIONS_ONLY');
    const govRole = await authorizedAwsRole(gov);
    expectError(await patch(gov, aws(govRole, 'US_EAST_1')), 400, 'AWS_KMS_REGION_NOT_SUPPORTED');
    expectError(await patch(gov, aws(govRole, 'EU_WEST_1')), 400, 'AWS_KMS_REGION_NOT_SUPPORTED');
    expect((await patch(gov, aws(govRole, 'US_GOV_EAST_1'))).status).toBe(200);
    const commercial = makeProject(atlas, 'COMMERCIAL_FEDRAMP_REGIONS_ONLY');
    const role = await authorizedAwsRole(commercial, 'aws');
    expectError(await patch(commercial, aws(role, 'US_GOV_WEST_1')), 400, 'AWS_KMS_REGION_NOT_SUPPORTED');
    expect((await patch(commercial, aws(role, 'US_EAST_2'))).json.awsKms.region).toBe('US_EAST_2');
    expect((await read(gov)).awsKms.region).toBe('US_GOV_EAST_1');
  });

  it('refuses missing settings, unknown and unauthorized roles, and Azure Key Vault; a refusal changes nothing', async () => {
    const g = makeProject(atlas, 'GOV_REGIONS_ONLY');
    const unauthorized = (await atlas.call('POST', `/groups/${g}/cloudProviderAccess`, { version: V, body: { providerName: 'AWS' } })).json.roleId;
    expectError(await patch(g, aws(unauthorized)), 400, 'CLOUD_PROVIDER_ACCESS_ROLE_NOT_AUTHORIZED', [unauthorized]);
    expectError(await patch(g, aws('ffffffffffffffffffffffff')), 404, 'CLOUD_PROVIDER_ACCESS_ROLE_NOT_FOUND', ['ffffffffffffffffffffffff']);
    expectError(await patch(g, { awsKms: { enabled: true, region: 'US_GOV_WEST_1', roleId: unauthorized } }), 400, 'MISSING_ATTRIBUTE', ['customerMasterKeyID']);
    expectError(await patch(g, { awsKms: { enabled: true, customerMasterKeyID: 'k', region: 'US_GOV_WEST_1', accessKeyID: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'x' } }), 400, 'MISSING_ATTRIBUTE', ['roleId']);
    expectError(await patch(g, { awsKms: { enabled: true, customerMasterKeyID: 'k', region: 'MARS_1', roleId: unauthorized } }), 400, 'INVALID_ENUM_VALUE');
    expectError(await patch(g, { azureKeyVault: { enabled: true, keyVaultName: 'vault' } }), 400, 'INVALID_ENCRYPTION_AT_REST_PROVIDER', ['AZURE']);
    expectError(await patch(g, { awsKms: { enabled: 'yes' } }), 400, 'INVALID_JSON_ATTRIBUTE');
    expectError(await patch(g, { awsKms: { enabled: false, colour: 'red' } }), 400, 'INVALID_ATTRIBUTE');
    expectError(await atlas.call('PATCH', `/groups/${g}/encryptionAtRest`, { version: V, rawBody: '{' }), 400, 'MALFORMED_JSON');
    expectError(await patch(g, aws(unauthorized)), 400, 'CLOUD_PROVIDER_ACCESS_ROLE_NOT_AUTHORIZED');
    expect((await read(g)).awsKms).toEqual({ enabled: false });
    expectError(await atlas.call('PATCH', `/groups/${g}/encryptionAtRest`, { version: V, body: { enabledForSearchNodes: true }, ...keyWith(atlas, g, ['GROUP_READ_ONLY']) }), 401, 'USER_UNAUTHORIZED');
    expect((await read(g)).enabledForSearchNodes).toBe(false);
  });
});

describe('PATCH /encryptionAtRest with Google Cloud KMS', () => {
  const key = (location: string) => `projects/my-kms/locations/${location}/keyRings/ring/cryptoKeys/key/cryptoKeyVersions/1`;

  it('takes a GCP role of the project and a key in an Assured Workloads location', async () => {
    const g = makeProject(atlas, 'GOV_REGIONS_ONLY');
    const roleId = (await atlas.call('POST', `/groups/${g}/cloudProviderAccess`, { version: V, body: { providerName: 'GCP' } })).json.roleId;
    const res = await patch(g, { googleCloudKms: { enabled: true, keyVersionResourceID: key('us-east4'), roleId } });
    expect(res.status).toBe(200);
    expect(res.json.googleCloudKms).toEqual({ enabled: true, keyVersionResourceID: key('us-east4'), roleId, valid: true });
    expectError(await patch(g, { googleCloudKms: { enabled: true, keyVersionResourceID: key('europe-west1'), roleId } }), 400, 'INVALID_REGION', ['europe-west1', 'GCP']);
    expectError(await patch(g, { googleCloudKms: { enabled: true, keyVersionResourceID: 'my-key', roleId } }), 400, 'GOOGLE_CLOUD_KMS_KEY_VERSION_NOT_FOUND');
    const awsRole = await authorizedAwsRole(g);
    expectError(await patch(g, { googleCloudKms: { enabled: true, keyVersionResourceID: key('us-east4'), roleId: awsRole } }), 404, 'CLOUD_PROVIDER_ACCESS_ROLE_NOT_FOUND');
    expect((await read(g)).googleCloudKms.keyVersionResourceID).toBe(key('us-east4'));
    // A commercial-designation project has no GCP regions at all.
    const commercial = makeProject(atlas, 'COMMERCIAL_FEDRAMP_REGIONS_ONLY');
    const commercialRole = (await atlas.call('POST', `/groups/${commercial}/cloudProviderAccess`, { version: V, body: { providerName: 'GCP' } })).json.roleId;
    expectError(await patch(commercial, { googleCloudKms: { enabled: true, keyVersionResourceID: key('us-east4'), roleId: commercialRole } }), 400, 'INVALID_REGION', ['us-east4', 'GCP']);
  });
});

describe('clusters encrypted with the project keys', () => {
  it('need AWS KMS enabled, and keep it from being disabled', async () => {
    const g = makeProject(atlas, 'GOV_REGIONS_ONLY');
    const body = body20240805('ear', { region: 'US_GOV_WEST_1', extra: { encryptionAtRestProvider: 'AWS' } });
    expectError(await atlas.call('POST', `/groups/${g}/clusters`, { version: '2024-10-23', body }), 400, 'ENCRYPTION_AT_REST_NOT_ENABLED', [g]);
    await patch(g, aws(await authorizedAwsRole(g)));
    const created = await atlas.call('POST', `/groups/${g}/clusters`, { version: '2024-10-23', body });
    expect(created.status).toBe(201);
    expect(created.json.encryptionAtRestProvider).toBe('AWS');
    expectError(await patch(g, { awsKms: { enabled: false } }), 409, 'CANNOT_DISABLE_ENCRYPTION_AT_REST');
    expect((await read(g)).awsKms.enabled).toBe(true);
    // GCP keys are not enabled: a cluster cannot ask for them.
    expectError(await atlas.call('PATCH', `/groups/${g}/clusters/ear`, { version: '2024-10-23', body: { encryptionAtRestProvider: 'GCP' } }), 400, 'ENCRYPTION_AT_REST_NOT_ENABLED', [g]);
  });
});

describe('private endpoints for AWS KMS', () => {
  const path = (g: string, provider = 'AWS') => `/groups/${g}/encryptionAtRest/${provider}/privateEndpoints`;

  it('go INITIATING then ACTIVE on the clock, one per region, and away through DELETING', async () => {
    const g = makeProject(atlas, 'GOV_REGIONS_ONLY');
    expectError(await atlas.call('POST', path(g), { version: V, body: { regionName: 'US_GOV_WEST_1' } }), 400, 'ENCRYPTION_AT_REST_NOT_ENABLED', [g]);
    await patch(g, aws(await authorizedAwsRole(g)));
    const created = await atlas.call('POST', path(g), { version: V, body: { regionName: 'US_GOV_WEST_1' } });
    expect(created.status).toBe(202);
    expectConforms('POST', path(g), created);
    expect(created.json).toEqual({ cloudProvider: 'AWS', id: expect.stringMatching(/^[a-f0-9]{24}$/), regionName: 'US_GOV_WEST_1', status: 'INITIATING' });
    const one = `${path(g)}/${created.json.id}`;
    expectError(await atlas.call('POST', path(g), { version: V, body: { regionName: 'US_GOV_WEST_1' } }), 409, 'PRIVATELINK_ENDPOINT_SERVICE_ALREADY_EXISTS_FOR_REGION', ['US_GOV_WEST_1']);
    expectError(await atlas.call('POST', path(g), { version: V, body: { regionName: 'US_EAST_1' } }), 409, 'REGION_UNAVAILABLE', ['US_EAST_1']);
    expectError(await atlas.call('POST', path(g), { version: V, body: {} }), 400, 'MISSING_ATTRIBUTE', ['regionName']);
    atlas.advance(10);
    const active = await atlas.call('GET', one, { version: V });
    expectConforms('GET', one, active);
    expect(active.json.status).toBe('ACTIVE');
    const list = await atlas.call('GET', path(g), { version: V });
    expectConforms('GET', path(g), list);
    expect(list.json.results).toEqual([active.json]);
    expect(list.json.totalCount).toBe(1);
    const del = await atlas.call('DELETE', one, { version: V });
    expect(del.status).toBe(204);
    expect((await atlas.call('GET', one, { version: V })).json.status).toBe('DELETING');
    atlas.advance(10);
    expectError(await atlas.call('GET', one, { version: V }), 404, 'RESOURCE_NOT_FOUND', [created.json.id]);
    expect((await atlas.call('GET', path(g), { version: V })).json.totalCount).toBe(0);
  });

  it('refuse Azure, GCP and unknown ids', async () => {
    const g = makeProject(atlas, 'GOV_REGIONS_ONLY');
    expectError(await atlas.call('GET', path(g, 'AZURE'), { version: V }), 400, 'INVALID_PROVIDER', ['AZURE']);
    expectError(await atlas.call('POST', path(g, 'AZURE'), { version: V, body: { regionName: 'US_EAST' } }), 400, 'INVALID_PROVIDER', ['AZURE']);
    expectError(await atlas.call('GET', path(g, 'GCP'), { version: V }), 404, 'PROVIDER_UNSUPPORTED', ['GCP']);
    expectError(await atlas.call('GET', `${path(g)}/ffffffffffffffffffffffff`, { version: V }), 404, 'RESOURCE_NOT_FOUND');
    expectError(await atlas.call('DELETE', `${path(g)}/nope`, { version: V }), 404, 'RESOURCE_NOT_FOUND', ['nope']);
    expectError(await atlas.call('POST', path(g), { version: V, body: { regionName: 'US_GOV_WEST_1', status: 'ACTIVE', extra: 1 } }), 400, 'INVALID_ATTRIBUTE');
    expectError(await atlas.call('POST', path(g), { version: V, body: { regionName: 'US_GOV_WEST_1' }, ...keyWith(atlas, g, ['GROUP_READ_ONLY']) }), 401, 'USER_UNAUTHORIZED');
  });
});
