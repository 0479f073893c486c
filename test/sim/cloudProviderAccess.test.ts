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
const GOV_ARN = 'arn:aws-us-gov:iam::123456789012:role/atlas-kms';
const call = (method: string, path: string, body?: unknown) => atlas.call(method, path, { version: V, ...(body !== undefined && { body }) });

describe('cloud provider access roles', () => {
  it('creates an AWS role in the partition of the project designation, then authorizes it with the customer role ARN', async () => {
    const gov = makeProject(atlas, 'GOV_REGIONS_ONLY');
    const created = await call('POST', `/groups/${gov}/cloudProviderAccess`, { providerName: 'AWS' });
    expect(created.status).toBe(200);
    expectConforms('POST', `/groups/${gov}/cloudProviderAccess`, created);
    expect(created.json).toEqual({
      atlasAWSAccountArn: expect.stringMatching(/^arn:aws-us-gov:iam::\d{12}:root$/),
      atlasAssumedRoleExternalId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      createdDate: expect.stringMatching(/Z$/),
      featureUsages: [],
      providerName: 'AWS',
      roleId: expect.stringMatching(/^[a-f0-9]{24}$/),
    });
    const roleId = created.json.roleId;
    const path = `/groups/${gov}/cloudProviderAccess/${roleId}`;

    const commercial = makeProject(atlas, 'COMMERCIAL_FEDRAMP_REGIONS_ONLY');
    expect((await call('POST', `/groups/${commercial}/cloudProviderAccess`, { providerName: 'AWS' })).json.atlasAWSAccountArn).toMatch(/^arn:aws:iam::\d{12}:root$/);

    // Refusals change nothing.
    expectError(await call('PATCH', path, { providerName: 'AWS' }), 400, 'MISSING_ATTRIBUTE', ['iamAssumedRoleArn']);
    expectError(await call('PATCH', path, { providerName: 'AWS', iamAssumedRoleArn: 'arn:aws-us-gov:iam::12:user/x' }), 400, 'INVALID_ATTRIBUTE', ['iamAssumedRoleArn']);
    const commercialArn = 'arn:aws:iam::123456789012:role/atlas-kms';
    const cross = await call('PATCH', path, { providerName: 'AWS', iamAssumedRoleArn: commercialArn });
    expectError(cross, 400, 'CANNOT_ASSUME_ROLE', [commercialArn]);
    expectError(await call('PATCH', path, { providerName: 'GCP' }), 400, 'INVALID_ATTRIBUTE', ['providerName']);
    expectError(await call('PATCH', path, { providerName: 'AZURE' }), 400, 'INVALID_PROVIDER', ['AZURE']);
    expect((await call('GET', path)).json.authorizedDate).toBeUndefined();

    const authorized = await call('PATCH', path, { providerName: 'AWS', iamAssumedRoleArn: GOV_ARN });
    expect(authorized.status).toBe(200);
    expectConforms('PATCH', path, authorized);
    expect(authorized.json).toMatchObject({ roleId, iamAssumedRoleArn: GOV_ARN, authorizedDate: expect.stringMatching(/Z$/) });
    const read = await call('GET', path);
    expectConforms('GET', path, read);
    expect(read.json).toEqual(authorized.json);
  });

  it('creates GCP service accounts; lists roles by provider; refuses Azure and unknown providers', async () => {
    const g = makeProject(atlas, 'GOV_REGIONS_ONLY');
    const gcp = await call('POST', `/groups/${g}/cloudProviderAccess`, { providerName: 'GCP' });
    expect(gcp.status).toBe(200);
    expect(gcp.json.gcpServiceAccountForAtlas).toMatch(/^mongodb-atlas-[0-9a-z]{16}@p-[0-9a-z]{24}\.iam\.gserviceaccount\.com$/);
    const aws = await call('POST', `/groups/${g}/cloudProviderAccess`, { providerName: 'AWS' });
    expectError(await call('POST', `/groups/${g}/cloudProviderAccess`, { providerName: 'AZURE' }), 400, 'INVALID_PROVIDER', ['AZURE']);
    expectError(await call('POST', `/groups/${g}/cloudProviderAccess`, { providerName: 'ORACLE' }), 400, 'INVALID_ENUM_VALUE');
    expectError(await call('POST', `/groups/${g}/cloudProviderAccess`, {}), 400, 'MISSING_ATTRIBUTE');
    expectError(await call('POST', `/groups/${g}/cloudProviderAccess`, { providerName: 'AWS', color: 'blue' }), 400, 'INVALID_ATTRIBUTE');
    expectError(await atlas.call('POST', `/groups/${g}/cloudProviderAccess`, { version: V, rawBody: '{"providerName":' }), 400, 'MALFORMED_JSON');
    const list = await call('GET', `/groups/${g}/cloudProviderAccess`);
    expectConforms('GET', `/groups/${g}/cloudProviderAccess`, list);
    expect(list.json).toEqual({ awsIamRoles: [aws.json], azureServicePrincipals: [], gcpServiceAccounts: [gcp.json] });
    // GCP service accounts need no authorization: the PATCH answers the role unchanged.
    expect((await call('PATCH', `/groups/${g}/cloudProviderAccess/${gcp.json.roleId}`, { providerName: 'GCP' })).json).toEqual(gcp.json);
  });

  it('deauthorizes a role; unknown, malformed and wrong-provider ids are 404', async () => {
    const g = makeProject(atlas, 'GOV_REGIONS_ONLY');
    const roleId = (await call('POST', `/groups/${g}/cloudProviderAccess`, { providerName: 'AWS' })).json.roleId;
    expectError(await call('GET', `/groups/${g}/cloudProviderAccess/ffffffffffffffffffffffff`), 404, 'CLOUD_PROVIDER_ACCESS_ROLE_NOT_FOUND', ['ffffffffffffffffffffffff']);
    expectError(await call('GET', `/groups/${g}/cloudProviderAccess/not-an-id`), 404, 'CLOUD_PROVIDER_ACCESS_ROLE_NOT_FOUND', ['not-an-id']);
    expectError(await call('DELETE', `/groups/${g}/cloudProviderAccess/GCP/${roleId}`), 404, 'CLOUD_PROVIDER_ACCESS_ROLE_NOT_FOUND', [roleId]);
    expectError(await call('DELETE', `/groups/${g}/cloudProviderAccess/AZURE/${roleId}`), 400, 'INVALID_PROVIDER', ['AZURE']);
    const other = makeProject(atlas, 'GOV_REGIONS_ONLY');
    expectError(await call('GET', `/groups/${other}/cloudProviderAccess/${roleId}`), 404, 'CLOUD_PROVIDER_ACCESS_ROLE_NOT_FOUND');
    const del = await call('DELETE', `/groups/${g}/cloudProviderAccess/AWS/${roleId}`);
    expect(del.status).toBe(204);
    expect(del.text).toBe('');
    expectError(await call('GET', `/groups/${g}/cloudProviderAccess/${roleId}`), 404, 'CLOUD_PROVIDER_ACCESS_ROLE_NOT_FOUND');
    expect((await call('GET', `/groups/${g}/cloudProviderAccess`)).json.awsIamRoles).toEqual([]);
  });

  it('takes Project Owner for every operation', async () => {
    const g = makeProject(atlas, 'GOV_REGIONS_ONLY');
    const roleId = (await call('POST', `/groups/${g}/cloudProviderAccess`, { providerName: 'AWS' })).json.roleId;
    const reader = keyWith(atlas, g, ['GROUP_READ_ONLY']);
    const as = (method: string, path: string, body?: unknown) => atlas.call(method, `/groups/${g}/cloudProviderAccess${path}`, { version: V, ...reader, ...(body !== undefined && { body }) });
    expectError(await as('GET', ''), 401, 'USER_UNAUTHORIZED');
    expectError(await as('POST', '', { providerName: 'AWS' }), 401, 'USER_UNAUTHORIZED');
    expectError(await as('GET', `/${roleId}`), 401, 'USER_UNAUTHORIZED');
    expectError(await as('PATCH', `/${roleId}`, { providerName: 'AWS', iamAssumedRoleArn: GOV_ARN }), 401, 'USER_UNAUTHORIZED');
    expectError(await as('DELETE', `/AWS/${roleId}`), 401, 'USER_UNAUTHORIZED');
    expect((await call('GET', `/groups/${g}/cloudProviderAccess`)).json.awsIamRoles).toHaveLength(1);
  });
});
