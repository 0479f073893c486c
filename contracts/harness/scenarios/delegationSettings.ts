/**
 * Organization delegation settings (2026-08 document, 2025-03-12): read, changed and put
 * back; a lifetime out of range is refused. Against a real organization the settings it
 * had are restored afterwards.
 */
import { m } from './match.js';
import type { Scenario } from './types.js';

const V = '2025-03-12';

export const delegationSettingsScenarios: readonly Scenario[] = [
  {
    id: 'organizations/delegation-settings',
    title: 'reads the delegation settings, allows read-only MCP access and puts the settings back; a lifetime of 0 s is refused (400)',
    operations: ['getOrgDelegationSettings', 'updateOrgDelegationSettings'],
    writes: true,
    async run(t) {
      const path = `/orgs/${t.orgId}/delegationSettings`;
      const read = await t.api.call('GET', path, { version: V });
      t.expectResponse(read, { status: 200, contentType: { version: V }, body: m.partial({ delegatedMcpAccess: m.string(), delegatedPartnerAccess: m.string() }), contract: 'getOrgDelegationSettings' });
      const original = read.json as { delegatedMcpAccess: string };
      t.cleanup('the delegation settings', () => t.api.call('PATCH', path, { version: V, body: { delegatedMcpAccess: original.delegatedMcpAccess } }));
      t.expectResponse(await t.api.call('PATCH', path, { version: V, body: { delegatedMcpAccess: 'READ_ONLY' } }), { status: 200, body: m.partial({ delegatedMcpAccess: 'READ_ONLY' }), contract: 'updateOrgDelegationSettings' });
      t.expectResponse(await t.api.call('PATCH', path, { version: V, body: { idleRefreshTokenLifetime: 0 } }), { status: 400, errorCode: 'INVALID_ATTRIBUTE' }, 'a lifetime of 0 s');
      t.expectResponse(await t.api.call('GET', '/orgs/ffffffffffffffffffffffff/delegationSettings', { version: V }), { status: 404, contentType: 'json', body: m.partial({ errorCode: m.string() }) }, 'an organization that does not exist');
    },
  },
];
