import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { expectConforms, expectError, withKey } from '../support/iam.js';
import { startAtlas, type TestAtlas } from '../support/harness.js';

let atlas: TestAtlas;
let orgId: string;
let groupId: string;
beforeAll(async () => {
  atlas = await startAtlas();
  orgId = atlas.tenant.orgId;
});
afterAll(() => atlas.close());
beforeEach(async () => {
  atlas.sim.resetTenant(orgId);
  groupId = (await atlas.call('POST', '/groups', { body: { name: 'integrations', orgId } })).json.id;
});

const path = (type = '') => `/groups/${groupId}/integrations${type && `/${type}`}`;
const DATADOG_KEY = '0123456789abcdef0123456789ab0000';
const datadog = { type: 'DATADOG', apiKey: DATADOG_KEY, region: 'US1_FED' };
const names = async () => ((await atlas.call('GET', path())).json.results as Array<{ type: string }>).map((i) => i.type);

function keyWith(orgRoles: string[], groupRoles: string[]) {
  const key = atlas.sim.world.apiKeys.mint(orgId, { desc: 'limited', orgRoles: orgRoles as never, groupRoles: { [groupId]: groupRoles as never } });
  return withKey(atlas.tenant, key);
}

describe('third-party integrations', () => {
  it('creates Datadog on US1_FED: 200 with the whole list, the API key masked (recorded shape)', async () => {
    const res = await atlas.call('POST', path('DATADOG'), { body: datadog });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      links: [{ href: `${atlas.url}/api/atlas/v2${path('DATADOG')}?includeCount=true&pageNum=1&itemsPerPage=100`, rel: 'self' }],
      results: [
        {
          apiKey: '****************************0000',
          customEndpoint: null,
          id: expect.stringMatching(/^[a-f0-9]{24}$/),
          region: 'US1_FED',
          sendCollectionLatencyMetrics: false,
          sendDatabaseMetrics: false,
          sendQueryStatsMetrics: false,
          sendUserProvidedResourceTags: false,
          type: 'DATADOG',
        },
      ],
      totalCount: 1,
    });
    expect(res.text).not.toContain(DATADOG_KEY);
    expectConforms('POST', path('DATADOG'), res);
    const got = await atlas.call('GET', path('DATADOG'));
    expect(got.json).toEqual(res.json.results[0]);
    expectConforms('GET', path('DATADOG'), got);
  });

  it('a Datadog integration without a region goes to US1_FED; another region is refused (Government)', async () => {
    const { region: _r, ...noRegion } = datadog;
    expect((await atlas.call('POST', path('DATADOG'), { body: noRegion })).json.results[0].region).toBe('US1_FED');
    await atlas.call('DELETE', path('DATADOG'));
    for (const region of ['US', 'EU', 'US3', 'US5', 'AP1']) {
      expectError(await atlas.call('POST', path('DATADOG'), { body: { ...datadog, region } }), 400, 'INVALID_INTEGRATION_SETTINGS');
    }
    expect(await names()).toEqual([]);
  });

  it('takes every type Atlas for Government offers, lists them in Atlas order, masks every secret', async () => {
    const bodies: Record<string, unknown> = {
      WEBHOOK: { url: 'https://hooks.example.com/alerts/2101', secret: 'webhook-secret-2101' },
      MICROSOFT_TEAMS: { microsoftTeamsWebhookUrl: 'https://teams.example.com/hook/abcd' },
      VICTOR_OPS: { apiKey: '11111111-2222-3333-4444-555555551c11', routingKey: 'test' },
      OPS_GENIE: { apiKey: '11111111-2222-3333-4444-555555553311' },
      PAGER_DUTY: { serviceKey: '0123456789abcdef0123456789ab0022' },
      DATADOG: datadog,
    };
    for (const [type, body] of Object.entries(bodies)) expect((await atlas.call('POST', path(type), { body })).status, type).toBe(200);
    const list = await atlas.call('GET', path());
    expectConforms('GET', path(), list);
    expect(list.json.results.map((i: { type: string }) => i.type)).toEqual(['PAGER_DUTY', 'DATADOG', 'OPS_GENIE', 'VICTOR_OPS', 'WEBHOOK', 'MICROSOFT_TEAMS']);
    const byType = Object.fromEntries(list.json.results.map((i: { type: string }) => [i.type, i]));
    expect(byType.PAGER_DUTY).toEqual({ id: expect.any(String), region: 'US', serviceKey: '****************************0022', type: 'PAGER_DUTY' });
    expect(byType.OPS_GENIE.apiKey).toBe('********************************3311');
    expect(byType.VICTOR_OPS).toMatchObject({ apiKey: '********************************1c11', routingKey: 'test' });
    expect(Object.keys(byType.WEBHOOK)).toEqual(['bodyTemplate', 'headersTemplate', 'id', 'secret', 'url', 'type']);
    expect(byType.WEBHOOK).toMatchObject({ secret: '**************************2101', url: 'https://hooks.example.com/****2101' });
    expect(byType.MICROSOFT_TEAMS.microsoftTeamsWebhookUrl).toBe('https://teams.example.com/****abcd');
    for (const secret of ['webhook-secret-2101', '555555553311', '0123456789abcdef', 'hook/abcd']) expect(list.text).not.toContain(secret);
  });

  it('replaces with PUT, keeping a secret sent back masked; deletes (204)', async () => {
    await atlas.call('POST', path('DATADOG'), { body: datadog });
    const read = (await atlas.call('GET', path('DATADOG'))).json;
    const put = await atlas.call('PUT', path('DATADOG'), { body: { ...read, sendDatabaseMetrics: true } });
    expect(put.status).toBe(200);
    expect(put.json.results[0]).toMatchObject({ apiKey: '****************************0000', sendDatabaseMetrics: true });
    expectConforms('PUT', path('DATADOG'), put);
    expect(atlas.sim.world.integrations.findType(groupId, 'DATADOG')!.settings.apiKey).toBe(DATADOG_KEY);
    const del = await atlas.call('DELETE', path('DATADOG'));
    expect([del.status, del.text]).toEqual([204, '']);
    expectError(await atlas.call('GET', path('DATADOG')), 404, 'INTEGRATION_NOT_CONFIGURED', ['DATADOG']);
    expectError(await atlas.call('PUT', path('DATADOG'), { body: datadog }), 404, 'INTEGRATION_NOT_CONFIGURED');
    expectError(await atlas.call('DELETE', path('DATADOG')), 404, 'INTEGRATION_NOT_CONFIGURED');
  });

  it.each([
    ['a second integration of a type', 'DATADOG', datadog, 409, 'INTEGRATION_ALREADY_CONFIGURED'],
    ['Prometheus (not in Atlas for Government)', 'PROMETHEUS', { username: 'u', password: 'p', serviceDiscovery: 'http', enabled: true }, 403, 'FEATURE_UNSUPPORTED'],
    ['Slack (configured through the UI only)', 'SLACK', { apiToken: 't', channelName: 'c' }, 400, 'SLACK_OAUTH2_NOT_CONFIGURED'],
    ['New Relic (retired)', 'NEW_RELIC', {}, 400, 'INVALID_INTEGRATION_SETTINGS'],
    ['HipChat (retired)', 'HIP_CHAT', {}, 400, 'INVALID_INTEGRATION_SETTINGS'],
    ['an unknown type', 'CARRIER_PIGEON', {}, 400, 'INVALID_ENUM_VALUE'],
    ['a body of another type', 'WEBHOOK', { type: 'DATADOG', url: 'https://x.example.com' }, 400, 'INVALID_ATTRIBUTE'],
    ["another type's attribute", 'WEBHOOK', { url: 'https://x.example.com', apiKey: 'k' }, 400, 'INVALID_ATTRIBUTE'],
    ['a missing required attribute', 'PAGER_DUTY', {}, 400, 'MISSING_ATTRIBUTE'],
    ['a malformed Datadog key', 'DATADOG', { ...datadog, apiKey: 'short' }, 400, 'INVALID_DATADOG_API_KEY'],
    ['a malformed PagerDuty key', 'PAGER_DUTY', { serviceKey: 'nope' }, 400, 'INVALID_PAGER_DUTY_SERVICE_KEY'],
    ['an unknown region', 'DATADOG', { ...datadog, region: 'MARS' }, 400, 'INVALID_ENUM_VALUE'],
    ['a wrong type', 'DATADOG', { ...datadog, sendDatabaseMetrics: 'yes' }, 400, 'INVALID_JSON_ATTRIBUTE'],
  ])('refuses %s and changes nothing', async (_what, type, body, status, code) => {
    await atlas.call('POST', path('DATADOG'), { body: datadog });
    const res = await atlas.call('POST', path(type), { body });
    expectError(res, status, code);
    expect(await names()).toEqual(['DATADOG']);
  });

  it('only a Project Owner configures or reads integrations (Government rule)', async () => {
    for (const roles of [['GROUP_READ_ONLY'], ['GROUP_CLUSTER_MANAGER'], ['GROUP_DATA_ACCESS_ADMIN']]) {
      const caller = keyWith(['ORG_MEMBER'], roles);
      expectError(await atlas.call('POST', path('DATADOG'), { ...caller, body: datadog }), 401, 'USER_UNAUTHORIZED');
      expectError(await atlas.call('GET', path(), caller), 401, 'USER_UNAUTHORIZED');
    }
    const owner = keyWith(['ORG_MEMBER'], ['GROUP_OWNER']);
    expect((await atlas.call('POST', path('DATADOG'), { ...owner, body: datadog })).status).toBe(200);
  });

  it('a webhook integration lets alert configurations notify by webhook', async () => {
    const alert = { eventTypeName: 'HOST_DOWN', notifications: [{ typeName: 'WEBHOOK' }] };
    expectError(await atlas.call('POST', `/groups/${groupId}/alertConfigs`, { body: alert }), 400, 'WEBHOOK_URL_NOT_SET');
    await atlas.call('POST', path('WEBHOOK'), { body: { url: 'https://hooks.example.com/x' } });
    expect((await atlas.call('POST', `/groups/${groupId}/alertConfigs`, { body: alert })).status).toBe(201);
  });
});
