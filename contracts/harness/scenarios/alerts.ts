/**
 * Alert configurations, alerts and third-party integrations (wire-facts-wave2 §8, §9),
 * with the Government rules: no payment alerts, Project Owner for integrations, Datadog
 * only through US1-FED. Everything lives in a project the scenario creates.
 */
import type { AtlasClient } from '../client/http.js';
import { m } from './match.js';
import { createProject } from './projects.js';
import type { Scenario, ScenarioContext } from './types.js';

const V = '2023-01-01';
const ACK = '2024-05-30';
const NOTIFY = [{ typeName: 'GROUP', delayMin: 0, intervalMin: 5, emailEnabled: true, smsEnabled: false, roles: ['GROUP_OWNER'] }];
const NOBODY = 'ffffffffffffffffffffffff';
const DATADOG = { type: 'DATADOG', apiKey: '00000000000000000000000000000000', region: 'US1_FED' };

/** A project API key with one project role, as a client; deleted afterwards. */
async function projectKey(t: ScenarioContext, groupId: string, role: string): Promise<AtlasClient> {
  const desc = t.name(role.toLowerCase());
  const res = await t.api.call('POST', `/groups/${groupId}/apiKeys`, { version: V, body: { desc, roles: [role] } });
  t.expectResponse(res, { status: 200, body: m.partial({ id: m.objectId(), publicKey: m.string(), privateKey: m.string() }) }, `a ${role} key`);
  const key = res.json as { id: string; publicKey: string; privateKey: string };
  t.cleanup(`API key ${desc}`, () => t.api.call('DELETE', `/orgs/${t.orgId}/apiKeys/${key.id}`, { version: V }));
  return t.withDigest(key);
}

export const alertScenarios: readonly Scenario[] = [
  {
    id: 'alerts/configurations',
    title: 'lists a new project\'s default alert configurations (no payment alert), creates (201), reads, replaces, toggles and deletes one; refuses billing alerts',
    operations: [
      'listAlertConfigurationMatchersFieldNames', 'listAlertConfigurations', 'createAlertConfiguration', 'getAlertConfiguration',
      'updateAlertConfiguration', 'toggleAlertConfiguration', 'listAlertsByAlertConfigurationId', 'deleteAlertConfiguration',
    ],
    writes: true,
    async run(t) {
      const { id: groupId } = await createProject(t, 'alert-configs');
      const configs = `/groups/${groupId}/alertConfigs`;
      const defaults = await t.api.call('GET', configs, { version: V });
      t.expectResponse(defaults, { status: 200, body: m.partial({ results: m.some(m.partial({ eventTypeName: 'NO_PRIMARY' })) }), contract: 'listAlertConfigurations' });
      t.expectMatch((defaults.json as { results: Array<{ eventTypeName: string }> }).results.map((c) => c.eventTypeName), m.where('no payment alert', (names) => !(names as string[]).includes('CREDIT_CARD_ABOUT_TO_EXPIRE')), 'default configurations');
      t.expectResponse(await t.api.call('GET', '/alertConfigs/matchers/fieldNames', { version: V }), { status: 200, body: m.some('HOSTNAME_AND_PORT') });
      // Any role may read the names; a version the operation never had is 406.
      t.expectResponse(await t.api.call('GET', '/alertConfigs/matchers/fieldNames', { version: '2020-01-01' }), { status: 406, errorCode: 'INVALID_VERSION_DATE' }, 'matcher names in an unknown version');

      const body = { eventTypeName: 'HOST_DOWN', enabled: true, notifications: NOTIFY };
      const created = await t.api.call('POST', configs, { version: V, body });
      t.expectResponse(created, { status: 201, contentType: { version: V }, headers: { location: m.string() }, body: m.partial({ id: m.objectId(), eventTypeName: 'HOST_DOWN', enabled: true }), contract: 'createAlertConfiguration' });
      const path = `${configs}/${(created.json as { id: string }).id}`;
      t.expectResponse(await t.api.call('GET', path, { version: V }), { status: 200, body: m.partial({ eventTypeName: 'HOST_DOWN' }), contract: 'getAlertConfiguration' });
      const replaced = await t.api.call('PUT', path, { version: V, body: { ...body, matchers: [{ fieldName: 'TYPE_NAME', operator: 'EQUALS', value: 'PRIMARY' }] } });
      t.expectResponse(replaced, { status: 200, body: m.partial({ matchers: [{ fieldName: 'TYPE_NAME', operator: 'EQUALS', value: 'PRIMARY' }] }), contract: 'updateAlertConfiguration' });
      t.expectResponse(await t.api.call('PATCH', path, { version: V, body: { enabled: false } }), { status: 200, body: m.partial({ enabled: false }), contract: 'toggleAlertConfiguration' });
      t.expectResponse(await t.api.call('GET', `${path}/alerts`, { version: V }), { status: 200, body: m.partial({ results: [] }), contract: 'listAlertsByAlertConfigurationId' });
      t.expectResponse(await t.api.call('DELETE', path, { version: V }), { status: 204, body: undefined });

      // The configuration is gone: every operation on it is 404.
      for (const [method, extra] of [['GET', ''], ['PUT', ''], ['PATCH', ''], ['DELETE', ''], ['GET', '/alerts']] as const) {
        const res = await t.api.call(method, `${path}${extra}`, { version: V, ...(method === 'PUT' && { body }), ...(method === 'PATCH' && { body: { enabled: true } }) });
        t.expectResponse(res, { status: 404, errorCode: 'ALERT_CONFIG_NOT_FOUND' }, `${method} ${extra || 'the'} deleted configuration`);
      }
      // Atlas for Government: alerts related to payment methods are unavailable.
      const billing = await t.api.call('POST', configs, { version: V, body: { ...body, eventTypeName: 'CREDIT_CARD_ABOUT_TO_EXPIRE' } });
      t.expectResponse(billing, { status: 400, errorCode: 'INVALID_EVENT_TYPE_FOR_ALERT' }, 'a payment alert');
      t.expectResponse(await t.api.call('GET', `/groups/${NOBODY}/alertConfigs`, { version: V }), { status: 404, errorCode: 'GROUP_NOT_FOUND' });
    },
  },
  {
    id: 'alerts/lifecycle',
    title: 'configures a host-down alert, starts the condition through the control plane, sees the alert open, acknowledges it, ends the condition and sees it close',
    operations: ['createAlertConfiguration', 'listAlerts', 'getAlert', 'acknowledgeAlert', 'listAlertConfigurationsByAlertId', 'listAlertsByAlertConfigurationId'],
    writes: true,
    simulatorOnly: true,
    async run(t) {
      const { id: groupId } = await createProject(t, 'alerts');
      const created = await t.api.call('POST', `/groups/${groupId}/alertConfigs`, { version: V, body: { eventTypeName: 'HOST_DOWN', enabled: true, notifications: NOTIFY } });
      t.expectResponse(created, { status: 201 }, 'the alert configuration');
      const configId = (created.json as { id: string }).id;
      const started = await t.simulator('POST', `/_mock/groups/${groupId}/alertConditions`, { eventTypeName: 'HOST_DOWN', hostnameAndPort: 'atlas-host-00-00.example.mongodbgov.net:27017', typeName: 'PRIMARY' });
      t.expectResponse(started, { status: 201, body: m.partial({ id: m.objectId(), active: true, alertIds: m.arrayOf(m.objectId(), { min: 1, max: 1 }) }) }, 'starting the condition');
      const conditionId = (started.json as { id: string }).id;

      const open = await t.api.call('GET', `/groups/${groupId}/alerts?status=OPEN`, { version: V });
      t.expectResponse(open, { status: 200, body: m.partial({ results: [m.partial({ alertConfigId: configId, eventTypeName: 'HOST_DOWN', status: 'OPEN' })], totalCount: 1 }), contract: 'listAlerts' });
      const alertId = (open.json as { results: Array<{ id: string }> }).results[0]!.id;
      const path = `/groups/${groupId}/alerts/${alertId}`;
      t.expectResponse(await t.api.call('GET', path, { version: V }), { status: 200, body: m.partial({ id: alertId, status: 'OPEN', hostnameAndPort: m.string() }), contract: 'getAlert' });
      t.expectResponse(await t.api.call('GET', `${path}/alertConfigs`, { version: V }), { status: 200, body: m.partial({ results: [m.partial({ id: configId })] }), contract: 'listAlertConfigurationsByAlertId' });
      t.expectResponse(await t.api.call('GET', `/groups/${groupId}/alertConfigs/${configId}/alerts`, { version: V }), { status: 200, body: m.partial({ results: [m.partial({ id: alertId })] }) });

      const until = new Date(Date.parse(String((open.json as { results: Array<{ created: string }> }).results[0]!.created)) + 86_400_000).toISOString().replace('.000Z', 'Z');
      const acked = await t.api.call('PATCH', path, { version: ACK, body: { acknowledgedUntil: until, acknowledgementComment: 'looking into it' } });
      t.expectResponse(acked, { status: 200, contentType: { version: ACK }, body: m.partial({ acknowledgedUntil: until, acknowledgingUsername: m.string(), status: 'OPEN' }), contract: 'acknowledgeAlert' });

      t.expectResponse(await t.simulator('DELETE', `/_mock/groups/${groupId}/alertConditions/${conditionId}`), { status: 200, body: m.partial({ active: false }) }, 'ending the condition');
      t.expectResponse(await t.api.call('GET', path, { version: V }), { status: 200, body: m.partial({ status: 'CLOSED', resolved: m.date() }) }, 'the closed alert');

      t.expectResponse(await t.api.call('GET', `/groups/${groupId}/alerts/${NOBODY}`, { version: V }), { status: 404, errorCode: 'ALERT_NOT_FOUND' });
      t.expectResponse(await t.api.call('PATCH', `/groups/${groupId}/alerts/${NOBODY}`, { version: ACK, body: { unacknowledgeAlert: true } }), { status: 404, errorCode: 'ALERT_NOT_FOUND' });
      t.expectResponse(await t.api.call('GET', `/groups/${groupId}/alerts/${NOBODY}/alertConfigs`, { version: V }), { status: 404, errorCode: 'ALERT_NOT_FOUND' });
      t.expectResponse(await t.api.call('GET', `/groups/${groupId}/alerts?status=SLEEPING`, { version: V }), { status: 400 }, 'an unknown alert status');
    },
  },
  {
    id: 'integrations/datadog',
    title: 'configures Datadog on US1-FED as a Project Owner (200, key masked), is refused for a lesser role (401) and for another Datadog site (400)',
    operations: ['createThirdPartyIntegration', 'listThirdPartyIntegrations', 'getThirdPartyIntegration', 'updateThirdPartyIntegration', 'deleteThirdPartyIntegration'],
    writes: true,
    async run(t) {
      const { id: groupId } = await createProject(t, 'integrations');
      const owner = await projectKey(t, groupId, 'GROUP_OWNER');
      const lesser = await projectKey(t, groupId, 'GROUP_CLUSTER_MANAGER');
      const path = `/groups/${groupId}/integrations/DATADOG`;

      t.expectResponse(await lesser.call('POST', path, { version: V, body: DATADOG }), { status: 401, errorCode: 'USER_UNAUTHORIZED' }, 'Datadog by a Project Cluster Manager');
      t.expectResponse(await owner.call('POST', path, { version: V, body: { ...DATADOG, region: 'US' } }), { status: 400, errorCode: 'INVALID_INTEGRATION_SETTINGS' }, 'Datadog outside US1-FED');
      const created = await owner.call('POST', path, { version: V, body: DATADOG });
      t.expectResponse(created, {
        status: 200,
        contentType: { version: V },
        body: m.partial({ results: [m.partial({ type: 'DATADOG', region: 'US1_FED', apiKey: m.string(/^\*+0000$/) })], totalCount: 1 }),
        contract: 'createThirdPartyIntegration',
      });
      t.expectResponse(await owner.call('POST', path, { version: V, body: DATADOG }), { status: 409, errorCode: 'INTEGRATION_ALREADY_CONFIGURED' }, 'a second Datadog integration');
      t.expectResponse(await t.api.call('GET', `/groups/${groupId}/integrations`, { version: V }), { status: 200, body: m.partial({ results: m.some(m.partial({ type: 'DATADOG' })) }), contract: 'listThirdPartyIntegrations' });
      t.expectResponse(await lesser.call('GET', `/groups/${groupId}/integrations`, { version: V }), { status: 401, errorCode: 'USER_UNAUTHORIZED' }, 'listing by a lesser role');
      t.expectResponse(await owner.call('GET', path, { version: V }), { status: 200, body: m.partial({ type: 'DATADOG', apiKey: m.string(/^\*+0000$/) }), contract: 'getThirdPartyIntegration' });
      const updated = await owner.call('PUT', path, { version: V, body: { ...DATADOG, sendDatabaseMetrics: true } });
      t.expectResponse(updated, { status: 200, body: m.partial({ results: [m.partial({ sendDatabaseMetrics: true })] }), contract: 'updateThirdPartyIntegration' });
      t.expectResponse(await owner.call('DELETE', path, { version: V }), { status: 204, body: undefined });
      for (const method of ['GET', 'PUT', 'DELETE'] as const) {
        const res = await owner.call(method, path, { version: V, ...(method === 'PUT' && { body: DATADOG }) });
        t.expectResponse(res, { status: 404, errorCode: 'INTEGRATION_NOT_CONFIGURED' }, `${method} the removed integration`);
      }
    },
  },
];
