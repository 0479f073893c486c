import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectConforms, expectError, makeProject } from '../support/clusters.js';
import { startAtlas, type TestAtlas } from '../support/harness.js';
import type { OrgRole } from '../../contracts/api/roles.js';
import { createTenant } from '../../src/sim/tenants.js';
import type { TenantCredentials } from '../../src/sim/tenants.js';

let atlas: TestAtlas;
beforeAll(async () => {
  atlas = await startAtlas();
});
afterAll(() => atlas.close());

type Caller = { tenant?: TenantCredentials; auth?: 'digest' };
const call = (method: string, path: string, o: { body?: unknown; version?: string } & Caller = {}) =>
  atlas.call(method, path, { version: o.version ?? '2023-01-01', ...(o.body !== undefined && { body: o.body }), ...(o.tenant && { tenant: o.tenant }), ...(o.auth && { auth: o.auth }) });
const idp = (method: string, path: string, o: { body?: unknown } & Caller = {}) => call(method, path, { ...o, version: '2023-11-15' });

/** A fresh organization (its own tenant) and the id of the federation it starts in. */
async function freshOrg(): Promise<{ orgId: string; tenant: TenantCredentials; fed: string }> {
  const tenant = createTenant(atlas.sim.world, {});
  const res = await call('GET', `/orgs/${tenant.orgId}/federationSettings`, { tenant });
  expect(res.status).toBe(200);
  return { orgId: tenant.orgId, tenant, fed: res.json.id };
}

function keyWithOrgRoles(tenant: TenantCredentials, roles: OrgRole[]): Caller {
  const key = atlas.sim.world.apiKeys.mint(tenant.orgId, { desc: `org ${roles.join(' ')}`, orgRoles: roles, groupRoles: {} });
  return { tenant: { ...tenant, apiKey: { id: key.id, publicKey: key.publicKey, privateKey: key.privateKey } }, auth: 'digest' };
}

const WORKFORCE = {
  audience: 'atlas-gov',
  authorizationType: 'GROUP',
  clientId: 'client-123',
  displayName: 'Agency SSO',
  groupsClaim: 'groups',
  idpType: 'WORKFORCE',
  issuerUri: 'https://sso.agency.example.gov',
  protocol: 'OIDC',
  associatedDomains: ['Agency.example.gov'],
  requestedScopes: ['openid'],
};

describe('federated authentication', () => {
  it('starts every organization in a federation of its own', async () => {
    const { orgId, tenant, fed } = await freshOrg();
    const settings = await call('GET', `/orgs/${orgId}/federationSettings`, { tenant });
    expectConforms('GET', `/orgs/${orgId}/federationSettings`, settings);
    expect(settings.json).toEqual({ federatedDomains: [], hasRoleMappings: false, id: fed, identityProviderStatus: 'INACTIVE' });
    const list = await call('GET', `/federationSettings/${fed}/connectedOrgConfigs`, { tenant });
    expectConforms('GET', `/federationSettings/${fed}/connectedOrgConfigs`, list);
    expect(list.json.results).toEqual([
      { dataAccessIdentityProviderIds: [], domainAllowList: [], domainRestrictionEnabled: false, orgId, postAuthRoleGrants: [], roleMappings: [], userConflicts: [] },
    ]);
    expect(list.json.totalCount).toBe(1);
    const one = await call('GET', `/federationSettings/${fed}/connectedOrgConfigs/${orgId}`, { tenant });
    expectConforms('GET', `/federationSettings/${fed}/connectedOrgConfigs/${orgId}`, one);
    expect(one.json).toEqual(list.json.results[0]);
    // The last connected organization cannot be removed.
    expectError(await call('DELETE', `/federationSettings/${fed}/connectedOrgConfigs/${orgId}`, { tenant }), 400, 'CANNOT_REMOVE_LAST_CONNECTED_ORG');
    expectError(await call('GET', '/federationSettings/ffffffffffffffffffffffff/connectedOrgConfigs', { tenant }), 404, 'FEDERATION_SETTINGS_NOT_FOUND');
    expectError(await call('GET', '/federationSettings/nope/connectedOrgConfigs', { tenant }), 404, 'FEDERATION_SETTINGS_NOT_FOUND');
  });

  it('creates OIDC identity providers, connects one to the organization, and refuses deleting it while used', async () => {
    const { orgId, tenant, fed } = await freshOrg();
    const base = `/federationSettings/${fed}/identityProviders`;
    const created = await idp('POST', base, { tenant, body: WORKFORCE });
    expect(created.status).toBe(200);
    expectConforms('POST', base, created);
    expect(created.json).toEqual({
      associatedDomains: ['agency.example.gov'],
      associatedOrgs: [],
      audience: 'atlas-gov',
      authorizationType: 'GROUP',
      clientId: 'client-123',
      createdAt: expect.stringMatching(/Z$/),
      displayName: 'Agency SSO',
      groupsClaim: 'groups',
      id: expect.stringMatching(/^[a-f0-9]{24}$/),
      idpType: 'WORKFORCE',
      issuerUri: 'https://sso.agency.example.gov',
      oktaIdpId: expect.stringMatching(/^[a-f0-9]{20}$/),
      protocol: 'OIDC',
      requestedScopes: ['openid'],
      updatedAt: created.json.createdAt,
      userClaim: 'sub',
    });
    const workload = await idp('POST', base, {
      tenant,
      body: { audience: 'db', authorizationType: 'USER', displayName: 'Workloads', idpType: 'WORKLOAD', issuerUri: 'https://workloads.example.gov', protocol: 'OIDC' },
    });
    expect(workload.status).toBe(200);
    expect(workload.json.clientId).toBeUndefined();
    expect(workload.json.associatedDomains).toBeUndefined();

    // Listing follows the documented defaults: SAML and WORKFORCE unless named.
    expect((await call('GET', base, { tenant })).json.results).toEqual([]);
    const oidc = await call('GET', `${base}?protocol=OIDC`, { tenant });
    expectConforms('GET', `${base}?protocol=OIDC`, oidc);
    expect(oidc.json.results.map((p: { id: string }) => p.id)).toEqual([created.json.id]);
    expect((await call('GET', `${base}?protocol=OIDC&idpType=WORKFORCE&idpType=WORKLOAD`, { tenant })).json.totalCount).toBe(2);

    const path = `/federationSettings/${fed}/connectedOrgConfigs/${orgId}`;
    const connected = await call('PATCH', path, {
      tenant,
      body: {
        dataAccessIdentityProviderIds: [workload.json.id],
        domainAllowList: ['agency.example.gov'],
        domainRestrictionEnabled: true,
        identityProviderId: created.json.oktaIdpId,
        postAuthRoleGrants: ['ORG_MEMBER'],
      },
    });
    expect(connected.status).toBe(200);
    expectConforms('PATCH', path, connected);
    expect(connected.json).toMatchObject({ identityProviderId: created.json.oktaIdpId, dataAccessIdentityProviderIds: [workload.json.id], domainRestrictionEnabled: true });
    const settings = (await call('GET', `/orgs/${orgId}/federationSettings`, { tenant })).json;
    expect(settings).toMatchObject({ federatedDomains: ['agency.example.gov'], identityProviderId: created.json.oktaIdpId, identityProviderStatus: 'ACTIVE' });
    const read = await idp('GET', `${base}/${created.json.id}`, { tenant });
    expectConforms('GET', `${base}/${created.json.id}`, read);
    expect(read.json.associatedOrgs.map((o: { orgId: string }) => o.orgId)).toEqual([orgId]);

    expectError(await idp('DELETE', `${base}/${created.json.id}`, { tenant }), 400, 'IDENTITY_PROVIDER_IN_USE');
    expectError(await idp('DELETE', `${base}/${workload.json.id}`, { tenant }), 400, 'IDENTITY_PROVIDER_IN_USE');
    // Leaving the providers out disconnects them, and domain restriction goes back to false.
    const cleared = await call('PATCH', path, { tenant, body: { domainRestrictionEnabled: false } });
    expect(cleared.json.identityProviderId).toBeUndefined();
    expect(cleared.json.dataAccessIdentityProviderIds).toEqual([]);
    expect((await call('GET', `/orgs/${orgId}/federationSettings`, { tenant })).json.identityProviderStatus).toBe('INACTIVE');
    expect((await idp('DELETE', `${base}/${workload.json.id}`, { tenant })).status).toBe(204);
    expectError(await idp('GET', `${base}/${workload.json.id}`, { tenant }), 404, 'IDENTITY_PROVIDER_NOT_FOUND');
  });

  it('validates identity providers and refuses what the document rules out', async () => {
    const { tenant, fed } = await freshOrg();
    const base = `/federationSettings/${fed}/identityProviders`;
    expectError(await idp('POST', base, { tenant, body: { ...WORKFORCE, protocol: 'SAML' } }), 400, 'INVALID_ATTRIBUTE', ['protocol']);
    expectError(await idp('POST', base, { tenant, body: { ...WORKFORCE, clientId: undefined } }), 400, 'MISSING_ATTRIBUTE', ['clientId']);
    expectError(await idp('POST', base, { tenant, body: { ...WORKFORCE, groupsClaim: undefined } }), 400, 'MISSING_ATTRIBUTE', ['groupsClaim']);
    expectError(await idp('POST', base, { tenant, body: { ...WORKFORCE, issuerUri: 'not a url' } }), 400, 'INVALID_ATTRIBUTE', ['issuerUri']);
    expectError(await idp('POST', base, { tenant, body: { ...WORKFORCE, idpType: 'WORKLOAD' } }), 400, 'INVALID_ATTRIBUTE', ['clientId']);
    expectError(await idp('POST', base, { tenant, body: { ...WORKFORCE, displayName: 'x'.repeat(51) } }), 400, 'INVALID_ATTRIBUTE');
    expectError(await idp('POST', base, { tenant, body: { ...WORKFORCE, color: 'blue' } }), 400, 'INVALID_ATTRIBUTE');
    expectError(await idp('POST', base, { tenant, body: { ...WORKFORCE, requestedScopes: 'openid' } }), 400, 'INVALID_JSON_ATTRIBUTE');
    expectError(await atlas.call('POST', `/api/atlas/v2${base}`, { version: '2023-11-15', tenant, rawBody: '{"protocol":' }), 400, 'MALFORMED_JSON');
    expect((await call('GET', `${base}?protocol=OIDC`, { tenant })).json.results).toEqual([]);

    const p = (await idp('POST', base, { tenant, body: WORKFORCE })).json;
    expectError(await idp('POST', base, { tenant, body: { ...WORKFORCE, displayName: 'Again' } }), 400, 'DUPLICATE_IDENTITY_PROVIDER_ISSUER');
    atlas.advance(60);
    const updated = await idp('PATCH', `${base}/${p.id}`, { tenant, body: { displayName: 'Renamed', authorizationType: 'USER' } });
    expect(updated.status).toBe(200);
    expectConforms('PATCH', `${base}/${p.id}`, updated);
    expect(updated.json).toMatchObject({ displayName: 'Renamed', authorizationType: 'USER', clientId: 'client-123' });
    expect(updated.json.updatedAt).not.toBe(p.updatedAt);
    expectError(await idp('PATCH', `${base}/${p.id}`, { tenant, body: { ssoUrl: 'https://x' } }), 400, 'INVALID_ATTRIBUTE', ['ssoUrl']);
    expectError(await idp('PATCH', `${base}/${p.id}`, { tenant, body: { protocol: 'SAML' } }), 400, 'IDENTITY_PROVIDER_WRONG_PROTOCOL');
    expectError(await idp('PATCH', `${base}/${p.id}`, { tenant, body: { idpType: 'WORKLOAD' } }), 400, 'INVALID_ATTRIBUTE', ['idpType']);
    expect((await idp('GET', `${base}/${p.id}`, { tenant })).json.displayName).toBe('Renamed');

    atlas.advance(60);
    expect((await idp('DELETE', `${base}/${p.id}/jwks`, { tenant })).status).toBe(204);
    expect((await idp('GET', `${base}/${p.id}`, { tenant })).json.updatedAt).not.toBe(updated.json.updatedAt);
    // OIDC providers have no SAML metadata.
    expectError(await call('GET', `${base}/${p.id}/metadata.xml`, { tenant }), 400, 'IDENTITY_PROVIDER_WRONG_PROTOCOL');
    // The provider may also be named by its oktaIdpId.
    expect((await idp('GET', `${base}/${p.oktaIdpId}`, { tenant })).json.id).toBe(p.id);
    expectError(await idp('GET', `${base}/ffffffffffffffffffffffff`, { tenant }), 404, 'IDENTITY_PROVIDER_NOT_FOUND');
    expectError(await idp('GET', `${base}/garbage`, { tenant }), 404, 'IDENTITY_PROVIDER_NOT_FOUND');
  });

  it('keeps role mappings per connected organization', async () => {
    const { orgId, tenant, fed } = await freshOrg();
    const groupId = makeProject(atlas, 'GOV_REGIONS_ONLY', orgId);
    const base = `/federationSettings/${fed}/connectedOrgConfigs/${orgId}/roleMappings`;
    const body = { externalGroupName: 'dba', roleAssignments: [{ orgId, role: 'ORG_MEMBER' }, { groupId, role: 'GROUP_OWNER' }] };
    const created = await call('POST', base, { tenant, body });
    expect(created.status).toBe(200);
    expectConforms('POST', base, created);
    expect(created.json).toEqual({ ...body, id: expect.stringMatching(/^[a-f0-9]{24}$/) });
    const path = `${base}/${created.json.id}`;
    const read = await call('GET', path, { tenant });
    expectConforms('GET', path, read);
    expect(read.json).toEqual(created.json);
    const list = await call('GET', base, { tenant });
    expectConforms('GET', base, list);
    expect(list.json.results).toEqual([created.json]);
    expect((await call('GET', `/orgs/${orgId}/federationSettings`, { tenant })).json.hasRoleMappings).toBe(true);

    expectError(await call('POST', base, { tenant, body: { externalGroupName: 'dba' } }), 400, 'DUPLICATE_ROLE_MAPPING', ['dba']);
    expectError(await call('POST', base, { tenant, body: { externalGroupName: 'x', roleAssignments: [{ groupId, role: 'ORG_OWNER' }] } }), 400, 'INVALID_ATTRIBUTE', ['roleAssignments']);
    expectError(await call('POST', base, { tenant, body: { externalGroupName: 'x', roleAssignments: [{ orgId: 'ffffffffffffffffffffffff', role: 'ORG_OWNER' }] } }), 400, 'INVALID_ATTRIBUTE', ['roleAssignments']);
    expectError(await call('POST', base, { tenant, body: { externalGroupName: 'x', roleAssignments: [{ groupId: 'ffffffffffffffffffffffff', role: 'GROUP_OWNER' }] } }), 404, 'GROUP_NOT_FOUND');
    expectError(await call('POST', base, { tenant, body: { externalGroupName: '' } }), 400, 'INVALID_ATTRIBUTE');
    expectError(await call('POST', base, { tenant, body: { externalGroupName: 'x', roleAssignments: [{ role: 'KING' }] } }), 400, 'INVALID_ENUM_VALUE');
    expectError(await call('POST', base, { tenant, body: {} }), 400, 'MISSING_ATTRIBUTE');

    const updated = await call('PUT', path, { tenant, body: { externalGroupName: 'admins', roleAssignments: [{ orgId, role: 'ORG_OWNER' }] } });
    expect(updated.status).toBe(200);
    expectConforms('PUT', path, updated);
    expect((await call('GET', path, { tenant })).json).toEqual({ externalGroupName: 'admins', id: created.json.id, roleAssignments: [{ orgId, role: 'ORG_OWNER' }] });
    expect((await call('DELETE', path, { tenant })).status).toBe(204);
    expectError(await call('GET', path, { tenant }), 404, 'ROLE_MAPPING_NOT_FOUND');
    expectError(await call('DELETE', path, { tenant }), 404, 'ROLE_MAPPING_NOT_FOUND');
    expect((await call('GET', base, { tenant })).json.results).toEqual([]);

    // Role mappings and grants through the configuration need a sign-in provider.
    const cfg = `/federationSettings/${fed}/connectedOrgConfigs/${orgId}`;
    expectError(await call('PATCH', cfg, { tenant, body: { domainRestrictionEnabled: false, postAuthRoleGrants: ['ORG_MEMBER'] } }), 400, 'ROLE_MAPPINGS_NEED_IDENTITY_PROVIDER');
    expectError(await call('PATCH', cfg, { tenant, body: {} }), 400, 'MISSING_ATTRIBUTE', ['domainRestrictionEnabled']);
    expectError(await call('PATCH', cfg, { tenant, body: { domainRestrictionEnabled: false, identityProviderId: 'aaaaaaaaaaaaaaaaaaaa' } }), 400, 'CONNECTED_ORG_CONFIG_IDP_NOT_IN_FEDERATION');
  });

  it('moves an organization between federations under the documented rules', async () => {
    const a = await freshOrg();
    const b = await freshOrg();
    // The owner of both organizations: a key of b's organization cannot act in a's federation.
    expectError(await call('GET', `/federationSettings/${a.fed}/connectedOrgConfigs`, { tenant: b.tenant }), 401, 'USER_UNAUTHORIZED');
    expectError(await call('PATCH', `/federationSettings/${a.fed}/connectedOrgConfigs/${b.orgId}`, { tenant: b.tenant, body: { domainRestrictionEnabled: false } }), 400, 'ORG_ALREADY_ASSOCIATED_WITH_FEDERATION');
    // b leaves its own federation (it is the only organization there) and joins a's.
    expect((await call('DELETE', `/federationSettings/${b.fed}`, { tenant: b.tenant })).status).toBe(204);
    expectError(await call('GET', `/orgs/${b.orgId}/federationSettings`, { tenant: b.tenant }), 404, 'FEDERATION_SETTINGS_NOT_FOUND');
    expectError(await call('GET', `/federationSettings/${b.fed}/connectedOrgConfigs`, { tenant: b.tenant }), 404, 'FEDERATION_SETTINGS_NOT_FOUND');
    const joined = await call('PATCH', `/federationSettings/${a.fed}/connectedOrgConfigs/${b.orgId}`, { tenant: b.tenant, body: { domainRestrictionEnabled: false } });
    expect(joined.status).toBe(200);
    expect((await call('GET', `/orgs/${b.orgId}/federationSettings`, { tenant: b.tenant })).json.id).toBe(a.fed);
    // Owners of either connected organization now manage the federation.
    expect((await call('GET', `/federationSettings/${a.fed}/connectedOrgConfigs`, { tenant: b.tenant })).json.totalCount).toBe(2);
    expectError(await call('DELETE', `/federationSettings/${a.fed}`, { tenant: a.tenant }), 400, 'FEDERATION_HAS_CONNECTED_ORGS');
    expect((await call('DELETE', `/federationSettings/${a.fed}/connectedOrgConfigs/${b.orgId}`, { tenant: a.tenant })).status).toBe(401);
    expect((await call('DELETE', `/federationSettings/${a.fed}/connectedOrgConfigs/${b.orgId}`, { tenant: b.tenant })).status).toBe(204);
    expectError(await call('GET', `/federationSettings/${a.fed}/connectedOrgConfigs/${b.orgId}`, { tenant: b.tenant }), 404, 'CONNECTED_ORG_CONFIG_NOT_FOUND');
    expect((await call('DELETE', `/federationSettings/${a.fed}`, { tenant: a.tenant })).status).toBe(204);
  });

  it('frees the organizations of a federation whose owning organization is deleted', async () => {
    const a = await freshOrg();
    const b = await freshOrg();
    const c = await freshOrg();
    await call('DELETE', `/federationSettings/${b.fed}`, { tenant: b.tenant });
    expect((await call('PATCH', `/federationSettings/${a.fed}/connectedOrgConfigs/${b.orgId}`, { tenant: b.tenant, body: { domainRestrictionEnabled: false } })).status).toBe(200);
    atlas.sim.world.dropOrg(a.orgId);
    expectError(await call('GET', `/orgs/${b.orgId}/federationSettings`, { tenant: b.tenant }), 404, 'FEDERATION_SETTINGS_NOT_FOUND');
    const joined = await call('PATCH', `/federationSettings/${c.fed}/connectedOrgConfigs/${b.orgId}`, { tenant: b.tenant, body: { domainRestrictionEnabled: false } });
    expect(joined.status).toBe(200);
    expect((await call('GET', `/orgs/${b.orgId}/federationSettings`, { tenant: b.tenant })).json.id).toBe(c.fed);
  });

  it('takes Organization Owner everywhere', async () => {
    const { orgId, tenant, fed } = await freshOrg();
    const member = keyWithOrgRoles(tenant, ['ORG_MEMBER', 'ORG_READ_ONLY']);
    expectError(await call('GET', `/orgs/${orgId}/federationSettings`, member), 401, 'USER_UNAUTHORIZED');
    expectError(await call('GET', `/federationSettings/${fed}/connectedOrgConfigs`, member), 401, 'USER_UNAUTHORIZED');
    expectError(await idp('POST', `/federationSettings/${fed}/identityProviders`, { ...member, body: WORKFORCE }), 401, 'USER_UNAUTHORIZED');
    expectError(await call('POST', `/federationSettings/${fed}/connectedOrgConfigs/${orgId}/roleMappings`, { ...member, body: { externalGroupName: 'x' } }), 401, 'USER_UNAUTHORIZED');
    expectError(await call('DELETE', `/federationSettings/${fed}`, member), 401, 'USER_UNAUTHORIZED');
    expect((await call('GET', `/orgs/${orgId}/federationSettings`, { tenant })).json.id).toBe(fed);
    expect((await call('GET', `/federationSettings/${fed}/identityProviders?protocol=OIDC`, { tenant })).json.results).toEqual([]);
    expect((await atlas.call('GET', `/api/atlas/v2/federationSettings/${fed}/connectedOrgConfigs`, { version: '2023-01-01', auth: 'none' })).status).toBe(401);
  });
});
