/**
 * Organization-wide governance and the API root: resource policies (Cedar bodies that
 * forbid configurations), federated authentication (the organization's federation, its
 * OIDC identity providers and role mappings), the system status and the public control
 * plane addresses.
 *
 * Federation and policy changes act on the whole organization, and a real organization's
 * federation is shared with its people: those scenarios run against a simulator only.
 */
import { m } from './match.js';
import { createProject } from './projects.js';
import type { Scenario } from './types.js';

const RP = '2024-08-05';
const FED = '2023-01-01';
const IDP = '2023-11-15';

const FORBID_GCP = 'forbid (principal, action == cloud::Action::"cluster.createEdit", resource) when { context.cluster.cloudProviders.containsAny([cloud::cloudProvider::"gcp"]) };';

export const orgGovernanceScenarios: readonly Scenario[] = [
  {
    id: 'root/status',
    title: 'the API root reports the application and the caller; the control plane addresses need no credentials',
    operations: ['getSystemStatus', 'returnAllControlPlaneIpAddresses'],
    async run(t) {
      t.expectResponse(await t.api.call('GET', '', { version: '2023-01-01' }), {
        status: 200,
        contentType: { version: '2023-01-01' },
        body: m.partial({ appName: 'MongoDB Atlas', build: m.string(), throttling: m.boolean() }),
        contract: 'getSystemStatus',
      });
      t.expectResponse(await t.api.call('GET', '', { version: '2022-01-01' }), { status: 406, errorCode: 'INVALID_VERSION_DATE' }, 'a version that does not exist');
      const path = '/unauth/controlPlaneIPAddresses';
      t.expectResponse(await t.anonymous.call('GET', path, { version: '2023-11-15' }), {
        status: 200,
        contentType: { version: '2023-11-15' },
        body: m.partial({ inbound: m.partial({ aws: m.any() }), outbound: m.partial({ aws: m.any() }) }),
        contract: 'returnAllControlPlaneIpAddresses',
      });
      t.expectResponse(await t.anonymous.call('GET', path, { version: '2022-01-01' }), { status: 406, errorCode: 'INVALID_VERSION_DATE' }, 'a version that does not exist');
    },
  },
  {
    id: 'resourcePolicies/lifecycle',
    title: 'creates, validates, reads, lists, renames and deletes a resource policy; a forbidden cluster is refused and listed as non-compliant',
    operations: ['createOrgResourcePolicy', 'validateAtlasResourcePolicy', 'getOrgResourcePolicy', 'listOrgResourcePolicies', 'updateOrgResourcePolicy', 'deleteOrgResourcePolicy', 'getResourcesNonCompliant'],
    writes: true,
    simulatorOnly: true,
    async run(t) {
      const base = `/orgs/${t.orgId}/resourcePolicies`;
      const name = t.name('no-gcp');
      t.expectResponse(await t.api.call('POST', `${base}:validate`, { version: RP, body: { name, policies: [{ body: FORBID_GCP }] } }), { status: 200, body: m.partial({ name }), contract: 'validateAtlasResourcePolicy' });
      t.expectResponse(await t.api.call('POST', `${base}:validate`, { version: RP, body: { name, policies: [{ body: 'forbid (' }] } }), { status: 400, errorCode: 'POLICY_PARSING_ERROR' });
      const created = await t.api.call('POST', base, { version: RP, body: { name, policies: [{ body: FORBID_GCP }] } });
      t.expectResponse(created, { status: 201, contentType: { version: RP }, body: m.partial({ id: m.objectId(), name, orgId: t.orgId, version: m.string() }), contract: 'createOrgResourcePolicy' });
      const id = (created.json as { id: string }).id;
      t.cleanup(`resource policy ${name}`, () => t.api.call('DELETE', `${base}/${id}`, { version: RP }));
      t.expectResponse(await t.api.call('POST', base, { version: RP, body: { name, policies: [{ body: FORBID_GCP }] } }), { status: 400, errorCode: 'DUPLICATE_POLICY_NAME' });
      t.expectResponse(await t.api.call('GET', `${base}/${id}`, { version: RP }), { status: 200, body: m.partial({ id, name }), contract: 'getOrgResourcePolicy' });
      t.expectResponse(await t.api.call('GET', '/orgs/ffffffffffffffffffffffff/resourcePolicies', { version: RP }), { status: 404, errorCode: 'ORG_NOT_FOUND' });
      t.expectResponse(await t.api.call('GET', base, { version: RP }), { status: 200, body: m.some(m.partial({ id })), contract: 'listOrgResourcePolicies' });
      t.expectResponse(await t.api.call('PATCH', `${base}/${id}`, { version: RP, body: { name: t.name('renamed') } }), { status: 200, body: m.partial({ id, name: t.name('renamed') }), contract: 'updateOrgResourcePolicy' });
      t.expectResponse(await t.api.call('PATCH', `${base}/ffffffffffffffffffffffff`, { version: RP, body: { name: 'x' } }), { status: 404, errorCode: 'RESOURCE_POLICY_NOT_FOUND' });
      t.expectResponse(await t.api.call('GET', `/orgs/${t.orgId}/nonCompliantResources`, { version: RP }), { status: 200, body: m.arrayOf(m.any()), contract: 'getResourcesNonCompliant' });
      t.expectResponse(await t.api.call('GET', '/orgs/ffffffffffffffffffffffff/nonCompliantResources', { version: RP }), { status: 404, errorCode: 'ORG_NOT_FOUND' });
      t.expectResponse(await t.api.call('GET', `/orgs/${t.orgId}/resourcePolicies/not-an-id`, { version: RP }), { status: 404, errorCode: 'RESOURCE_POLICY_NOT_FOUND' });
      t.expectResponse(await t.api.call('DELETE', `${base}/${id}`, { version: RP }), { status: 200 });
      t.expectResponse(await t.api.call('DELETE', `${base}/${id}`, { version: RP }), { status: 404, errorCode: 'RESOURCE_POLICY_NOT_FOUND' }, 'deleting it again');
    },
  },
  {
    id: 'invoices/billing',
    title: 'lists, reads and downloads the organization invoices, searches line items of the pending one, and runs a cost explorer query',
    operations: ['listInvoices', 'listPendingInvoices', 'getInvoice', 'downloadInvoiceCsv', 'queryLineItemsFromSingleInvoice', 'createCostExplorerQueryProcess', 'getCostExplorerQueryProcess'],
    async run(t) {
      const base = `/orgs/${t.orgId}/invoices`;
      const list = await t.api.call('GET', base, { version: '2023-01-01' });
      t.expectResponse(list, { status: 200, body: m.partial({ results: m.arrayOf(m.partial({ id: m.objectId(), statusName: m.string() })) }), contract: 'listInvoices' });
      t.expectResponse(await t.api.call('GET', `${base}?statusNames=LOST`, { version: '2023-01-01' }), { status: 400, errorCode: 'INVALID_ENUM_VALUE' });
      const pending = await t.api.call('GET', `${base}/pending`, { version: '2023-01-01' });
      t.expectResponse(pending, { status: 200, body: m.partial({ results: m.arrayOf(m.partial({ statusName: 'PENDING' })) }), contract: 'listPendingInvoices' });
      t.expectResponse(await t.api.call('GET', '/orgs/ffffffffffffffffffffffff/invoices/pending', { version: '2023-01-01' }), { status: 404, errorCode: 'ORG_NOT_FOUND' });
      const id = (pending.json as { results: Array<{ id: string }> }).results[0]?.id;
      if (id) {
        t.expectResponse(await t.api.call('GET', `${base}/${id}`, { version: '2023-01-01' }), { status: 200, body: m.partial({ id }), contract: 'getInvoice' });
        const csv = await t.api.call('GET', `${base}/${id}/csv`, { version: null, headers: { Accept: 'application/vnd.atlas.2023-01-01+csv' } });
        t.expectResponse(csv, { status: 200, contentType: 'application/vnd.atlas.2023-01-01+csv' });
        t.expectMatch(csv.text.startsWith(`Invoice Number,${id}`), true, 'the CSV starts with the invoice number');
        t.expectResponse(await t.api.call('GET', `${base}/${id}/lineItems:search`, { version: '2024-08-05', body: {} }), { status: 200, body: m.partial({ results: m.arrayOf(m.any()) }), contract: 'queryLineItemsFromSingleInvoice' });
      }
      t.expectResponse(await t.api.call('GET', `${base}/ffffffffffffffffffffffff`, { version: '2023-01-01' }), { status: 404, errorCode: 'INVOICE_NOT_FOUND' });
      t.expectResponse(await t.api.call('GET', `${base}/ffffffffffffffffffffffff/csv`, { version: null, headers: { Accept: 'application/vnd.atlas.2023-01-01+csv' } }), { status: 404, errorCode: 'INVOICE_NOT_FOUND' });
      t.expectResponse(await t.api.call('GET', `${base}/ffffffffffffffffffffffff/lineItems:search`, { version: '2024-08-05', body: {} }), { status: 404, errorCode: 'INVOICE_NOT_FOUND' });

      const usage = `/orgs/${t.orgId}/billing/costExplorer/usage`;
      const started = await t.api.call('POST', usage, { version: '2023-01-01', body: { startDate: '2026-01-01', endDate: '2026-02-01', groupBy: 'projects' } });
      t.expectResponse(started, { status: 202, body: { token: m.string(/^[0-9A-Fa-f]{64}$/) }, contract: 'createCostExplorerQueryProcess' });
      t.expectResponse(await t.api.call('POST', usage, { version: '2023-01-01', body: { startDate: '2026-02-01', endDate: '2026-01-01' } }), { status: 400, errorCode: 'INVALID_ATTRIBUTE' });
      const token = (started.json as { token: string }).token;
      // Atlas may answer 102 while the query runs (the simulator has the answer at once).
      const result = await t.waitFor('the cost explorer query', async () => {
        const r = await t.api.call('GET', `${usage}/${token}`, { version: '2023-01-01' });
        return r.status === 102 ? undefined : r;
      }, { timeoutSeconds: 600, intervalSeconds: 10 });
      t.expectResponse(result, { status: 200, contract: 'getCostExplorerQueryProcess' });
      t.expectResponse(await t.api.call('GET', `${usage}/${'0'.repeat(64)}`, { version: '2023-01-01' }), { status: 404, errorCode: 'COST_EXPLORER_QUERY_NOT_FOUND' });
    },
  },
  {
    id: 'federation/identity-providers',
    title: 'the organization federation: an OIDC identity provider connected to the organization, a role mapping, and the documented refusals',
    operations: [
      'getFederationSettings',
      'listConnectedOrgConfigs',
      'getConnectedOrgConfig',
      'updateConnectedOrgConfig',
      // Their successes need a second organization in the federation, or a SAML provider,
      // which the API cannot make: see uncovered.ts.
      'removeConnectedOrgConfig',
      'listIdentityProviders',
      'createIdentityProvider',
      'getIdentityProvider',
      'updateIdentityProvider',
      'revokeJwksFromIdentityProvider',
      'getIdentityProviderMetadata',
      'deleteIdentityProvider',
      'listRoleMappings',
      'createRoleMapping',
      'getRoleMapping',
      'updateRoleMapping',
      'deleteRoleMapping',
      'deleteFederationApp',
    ],
    writes: true,
    simulatorOnly: true,
    async run(t) {
      const settings = await t.api.call('GET', `/orgs/${t.orgId}/federationSettings`, { version: FED });
      t.expectResponse(settings, { status: 200, body: m.partial({ id: m.objectId(), identityProviderStatus: m.oneOf('ACTIVE', 'INACTIVE') }), contract: 'getFederationSettings' });
      t.expectResponse(await t.api.call('GET', '/orgs/ffffffffffffffffffffffff/federationSettings', { version: FED }), { status: 404, errorCode: 'ORG_NOT_FOUND' });
      const fed = `/federationSettings/${(settings.json as { id: string }).id}`;
      t.expectResponse(await t.api.call('GET', `${fed}/connectedOrgConfigs`, { version: FED }), { status: 200, body: m.partial({ results: m.some(m.partial({ orgId: t.orgId })) }), contract: 'listConnectedOrgConfigs' });
      t.expectResponse(await t.api.call('GET', '/federationSettings/ffffffffffffffffffffffff/connectedOrgConfigs', { version: FED }), { status: 404, errorCode: 'FEDERATION_SETTINGS_NOT_FOUND' });
      const cfg = `${fed}/connectedOrgConfigs/${t.orgId}`;
      t.expectResponse(await t.api.call('GET', cfg, { version: FED }), { status: 200, body: m.partial({ orgId: t.orgId }), contract: 'getConnectedOrgConfig' });
      t.expectResponse(await t.api.call('GET', `/federationSettings/ffffffffffffffffffffffff/connectedOrgConfigs/${t.orgId}`, { version: FED }), { status: 404, errorCode: 'FEDERATION_SETTINGS_NOT_FOUND' });
      t.expectResponse(await t.api.call('DELETE', cfg, { version: FED }), { status: 400, errorCode: 'CANNOT_REMOVE_LAST_CONNECTED_ORG' });

      const idps = `${fed}/identityProviders`;
      const body = { protocol: 'OIDC', idpType: 'WORKFORCE', displayName: 'Contract SSO', issuerUri: `https://${t.name('sso')}.example.gov`, audience: 'atlas', clientId: 'contract', authorizationType: 'USER' };
      const created = await t.api.call('POST', idps, { version: IDP, body });
      t.expectResponse(created, { status: 200, contentType: { version: IDP }, body: m.partial({ id: m.objectId(), oktaIdpId: m.string(/^[a-f0-9]{20}$/), protocol: 'OIDC' }), contract: 'createIdentityProvider' });
      const idp = created.json as { id: string; oktaIdpId: string };
      t.cleanup('identity provider', () => t.api.call('DELETE', `${idps}/${idp.id}`, { version: IDP }));
      t.expectResponse(await t.api.call('POST', idps, { version: IDP, body: { ...body, protocol: 'SAML' } }), { status: 400, errorCode: 'INVALID_ATTRIBUTE' });
      t.expectResponse(await t.api.call('GET', `${idps}?protocol=OIDC`, { version: FED }), { status: 200, body: m.partial({ results: m.some(m.partial({ id: idp.id })) }), contract: 'listIdentityProviders' });
      t.expectResponse(await t.api.call('GET', `${idps}?protocol=LDAP`, { version: FED }), { status: 400, errorCode: 'INVALID_ENUM_VALUE' }, 'an unknown protocol');
      t.expectResponse(await t.api.call('GET', `${idps}/${idp.id}`, { version: IDP }), { status: 200, body: m.partial({ id: idp.id }), contract: 'getIdentityProvider' });
      t.expectResponse(await t.api.call('GET', `${idps}/ffffffffffffffffffffffff`, { version: IDP }), { status: 404, errorCode: 'IDENTITY_PROVIDER_NOT_FOUND' });
      t.expectResponse(await t.api.call('PATCH', `${idps}/${idp.id}`, { version: IDP, body: { displayName: 'Renamed SSO' } }), { status: 200, body: m.partial({ displayName: 'Renamed SSO' }), contract: 'updateIdentityProvider' });
      t.expectResponse(await t.api.call('PATCH', `${idps}/${idp.id}`, { version: IDP, body: { ssoUrl: 'https://x.example.gov' } }), { status: 400, errorCode: 'INVALID_ATTRIBUTE' });
      t.expectResponse(await t.api.call('DELETE', `${idps}/${idp.id}/jwks`, { version: IDP }), { status: 204 });
      t.expectResponse(await t.api.call('DELETE', `${idps}/ffffffffffffffffffffffff/jwks`, { version: IDP }), { status: 404, errorCode: 'IDENTITY_PROVIDER_NOT_FOUND' });
      t.expectResponse(await t.api.call('GET', `${idps}/${idp.id}/metadata.xml`, { version: FED }), { status: 400, errorCode: 'IDENTITY_PROVIDER_WRONG_PROTOCOL' }, 'OIDC providers have no SAML metadata');

      t.expectResponse(await t.api.call('PATCH', cfg, { version: FED, body: { domainRestrictionEnabled: false, identityProviderId: idp.oktaIdpId } }), { status: 200, body: m.partial({ identityProviderId: idp.oktaIdpId }), contract: 'updateConnectedOrgConfig' });
      t.cleanup('disconnecting the identity provider', () => t.api.call('PATCH', cfg, { version: FED, body: { domainRestrictionEnabled: false } }));
      t.expectResponse(await t.api.call('PATCH', cfg, { version: FED, body: { domainRestrictionEnabled: false, identityProviderId: 'aaaaaaaaaaaaaaaaaaaa' } }), { status: 400, errorCode: 'CONNECTED_ORG_CONFIG_IDP_NOT_IN_FEDERATION' });
      t.expectResponse(await t.api.call('DELETE', `${idps}/${idp.id}`, { version: IDP }), { status: 400, errorCode: 'IDENTITY_PROVIDER_IN_USE' });

      const { id: groupId } = await createProject(t, 'fed');
      const maps = `${cfg}/roleMappings`;
      const mapping = await t.api.call('POST', maps, { version: FED, body: { externalGroupName: t.name('dba'), roleAssignments: [{ groupId, role: 'GROUP_READ_ONLY' }] } });
      t.expectResponse(mapping, { status: 200, body: m.partial({ id: m.objectId(), externalGroupName: t.name('dba') }), contract: 'createRoleMapping' });
      const mapId = (mapping.json as { id: string }).id;
      t.expectResponse(await t.api.call('POST', maps, { version: FED, body: { externalGroupName: t.name('dba') } }), { status: 400, errorCode: 'DUPLICATE_ROLE_MAPPING' });
      t.expectResponse(await t.api.call('GET', maps, { version: FED }), { status: 200, body: m.partial({ results: m.some(m.partial({ id: mapId })) }), contract: 'listRoleMappings' });
      t.expectResponse(await t.api.call('GET', '/federationSettings/ffffffffffffffffffffffff/connectedOrgConfigs/' + t.orgId + '/roleMappings', { version: FED }), { status: 404, errorCode: 'FEDERATION_SETTINGS_NOT_FOUND' });
      t.expectResponse(await t.api.call('GET', `${maps}/${mapId}`, { version: FED }), { status: 200, body: m.partial({ id: mapId }), contract: 'getRoleMapping' });
      t.expectResponse(await t.api.call('PUT', `${maps}/${mapId}`, { version: FED, body: { externalGroupName: t.name('admins'), roleAssignments: [{ orgId: t.orgId, role: 'ORG_READ_ONLY' }] } }), { status: 200, body: m.partial({ externalGroupName: t.name('admins') }), contract: 'updateRoleMapping' });
      t.expectResponse(await t.api.call('PUT', `${maps}/ffffffffffffffffffffffff`, { version: FED, body: { externalGroupName: 'x' } }), { status: 404, errorCode: 'ROLE_MAPPING_NOT_FOUND' });
      t.expectResponse(await t.api.call('DELETE', `${maps}/${mapId}`, { version: FED }), { status: 204 });
      t.expectResponse(await t.api.call('DELETE', `${maps}/${mapId}`, { version: FED }), { status: 404, errorCode: 'ROLE_MAPPING_NOT_FOUND' }, 'deleting it again');
      t.expectResponse(await t.api.call('GET', `${maps}/${mapId}`, { version: FED }), { status: 404, errorCode: 'ROLE_MAPPING_NOT_FOUND' }, 'reading the deleted mapping');

      t.expectResponse(await t.api.call('PATCH', cfg, { version: FED, body: { domainRestrictionEnabled: false } }), { status: 200, body: m.partial({ identityProviderId: m.absent() }) }, 'disconnecting the provider');
      t.expectResponse(await t.api.call('DELETE', `${idps}/${idp.id}`, { version: IDP }), { status: 204 });
      t.expectResponse(await t.api.call('DELETE', `/federationSettings/ffffffffffffffffffffffff`, { version: FED }), { status: 404, errorCode: 'FEDERATION_SETTINGS_NOT_FOUND' });
      t.expectResponse(await t.api.call('DELETE', `/federationSettings/ffffffffffffffffffffffff/connectedOrgConfigs/${t.orgId}`, { version: FED }), { status: 404, errorCode: 'FEDERATION_SETTINGS_NOT_FOUND' });
    },
  },
];
