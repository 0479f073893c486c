import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/sim/world.js';
import { expectConforms, expectError, withKey } from '../support/iam.js';
import { startAtlas, type ApiResponse, type TestAtlas } from '../support/harness.js';

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
  groupId = (await atlas.call('POST', '/groups', { body: { name: 'alerts', orgId } })).json.id;
});

const configs = () => `/groups/${groupId}/alertConfigs`;
const GROUP_NOTIFICATION = { typeName: 'GROUP', delayMin: 0, intervalMin: 5, emailEnabled: true, smsEnabled: false, roles: ['GROUP_OWNER'] };
const hostDown = { eventTypeName: 'HOST_DOWN', enabled: true, notifications: [GROUP_NOTIFICATION] };
const create = (body: unknown): Promise<ApiResponse> => atlas.call('POST', configs(), { body, version: '2023-01-01' });
const count = async () => (await atlas.call('GET', configs())).json.totalCount as number;

function keyWith(groupRoles: string[]) {
  const key = atlas.sim.world.apiKeys.mint(orgId, { desc: 'limited', orgRoles: ['ORG_MEMBER'], groupRoles: { [groupId]: groupRoles as never } });
  return withKey(atlas.tenant, key);
}

function startCondition(body: Record<string, unknown>): ApiResponse['json'] {
  return atlas.sim.world.alertConditions.start(groupId, { eventTypeName: String(body.eventTypeName), subject: (body.subject ?? {}) as never, durationSeconds: body.durationSeconds as number | undefined });
}

describe('alert configurations', () => {
  it('a new project gets the default configurations, without payment alerts (Government)', async () => {
    const res = await atlas.call('GET', configs());
    expect(res.status).toBe(200);
    expectConforms('GET', configs(), res);
    const names = res.json.results.map((c: { eventTypeName: string; metricThreshold?: { metricName: string } }) => c.metricThreshold?.metricName ?? c.eventTypeName);
    expect(names).toEqual([
      'REPLICATION_OPLOG_WINDOW_RUNNING_OUT', 'NO_PRIMARY', 'CLUSTER_MONGOS_IS_MISSING', 'CONNECTIONS_PERCENT', 'DISK_PARTITION_SPACE_USED_DATA',
      'NORMALIZED_SYSTEM_CPU_USER', 'NORMALIZED_SYSTEM_CPU_STEAL', 'HOST_HAS_INDEX_SUGGESTIONS', 'JOINED_GROUP',
    ]);
    expect(names).not.toContain('CREDIT_CARD_ABOUT_TO_EXPIRE');
    const cpu = res.json.results[3];
    expect(cpu.metricThreshold).toEqual({ metricName: 'CONNECTIONS_PERCENT', mode: 'AVERAGE', operator: 'GREATER_THAN', threshold: 80, units: 'RAW' });
    expect(res.text).toContain('"threshold":80.0');
    expect(res.json.results[8].notifications[0].roles).toBeUndefined();
    const bare = (await atlas.call('POST', '/groups', { body: { name: 'no-defaults', orgId, withDefaultAlertsSettings: false } })).json.id;
    expect((await atlas.call('GET', `/groups/${bare}/alertConfigs`)).json.totalCount).toBe(0);
  });

  it('creates (201 + Location), reads, replaces (new notifier id), toggles and deletes a configuration', async () => {
    const res = await create(hostDown);
    expect(res.status).toBe(201);
    const id = res.json.id;
    expect(res.headers.location).toBe(`${atlas.url}/api/atlas/v2${configs()}/${id}`);
    expect(Object.keys(res.json)).toEqual(['created', 'enabled', 'eventTypeName', 'groupId', 'id', 'links', 'matchers', 'notifications', 'updated']);
    expect(res.json.links[1]).toEqual({ href: `${atlas.url}/api/atlas/v2${configs()}/${id}/alerts`, rel: `${atlas.url}/alerts` });
    expect(res.json.notifications[0]).toEqual({ ...GROUP_NOTIFICATION, notifierId: expect.stringMatching(/^[a-f0-9]{24}$/) });
    expectConforms('POST', configs(), res, ['$ status']);
    const got = await atlas.call('GET', `${configs()}/${id}`);
    expect(got.json).toEqual(res.json);
    expectConforms('GET', `${configs()}/${id}`, got);

    atlas.advance(60);
    const put = await atlas.call('PUT', `${configs()}/${id}`, {
      body: { ...hostDown, matchers: [{ fieldName: 'HOSTNAME', operator: 'STARTS_WITH', value: 'alpha' }], severityOverride: 'CRITICAL' },
    });
    expect(put.status).toBe(200);
    expect(put.json.notifications[0].notifierId).not.toBe(res.json.notifications[0].notifierId);
    expect(put.json.matchers).toEqual([{ fieldName: 'HOSTNAME', operator: 'STARTS_WITH', value: 'alpha' }]);
    expect(put.json.updated).not.toBe(put.json.created);
    expectConforms('PUT', `${configs()}/${id}`, put);

    const off = await atlas.call('PATCH', `${configs()}/${id}`, { body: { enabled: false } });
    expect([off.status, off.json.enabled]).toEqual([200, false]);
    expectConforms('PATCH', `${configs()}/${id}`, off);
    const del = await atlas.call('DELETE', `${configs()}/${id}`);
    expect(del.status).toBe(204);
    expectError(await atlas.call('GET', `${configs()}/${id}`), 404, 'ALERT_CONFIG_NOT_FOUND', [id, groupId]);
  });

  it('lists the matcher field names (any role)', async () => {
    const res = await atlas.call('GET', '/alertConfigs/matchers/fieldNames', { version: '2023-01-01' });
    expect(res.json).toEqual(['ATLAS_NODE_TYPE', 'CLUSTER_NAME', 'HOSTNAME', 'PORT', 'HOSTNAME_AND_PORT', 'APPLICATION_ID', 'REPLICA_SET_NAME', 'TYPE_NAME', 'SHARD_NAME']);
    expectConforms('GET', '/alertConfigs/matchers/fieldNames', res, ['$[*] enum']);
  });

  it.each([
    ['billing event types (Government: no payment alerts)', { ...hostDown, eventTypeName: 'CREDIT_CARD_ABOUT_TO_EXPIRE' }, 400, 'INVALID_EVENT_TYPE_FOR_ALERT'],
    ['a daily bill threshold', { ...hostDown, eventTypeName: 'DAILY_BILL_OVER_THRESHOLD', threshold: { operator: 'GREATER_THAN', threshold: 5, units: 'RAW' } }, 400, 'INVALID_EVENT_TYPE_FOR_ALERT'],
    ['a Flex metric (no Flex in Government)', { ...hostDown, eventTypeName: 'OUTSIDE_FLEX_METRIC_THRESHOLD' }, 400, 'INVALID_EVENT_TYPE_FOR_ALERT'],
    ['an Azure key alert', { ...hostDown, eventTypeName: 'AZURE_ENCRYPTION_KEY_NEEDS_ROTATION' }, 400, 'INVALID_EVENT_TYPE_FOR_ALERT'],
    ['an unknown event type', { ...hostDown, eventTypeName: 'NOT_AN_EVENT' }, 400, 'INVALID_EVENT_TYPE_FOR_ALERT'],
    ['no notifications', { eventTypeName: 'HOST_DOWN' }, 400, 'MISSING_NOTIFICATIONS'],
    ['empty notifications', { ...hostDown, notifications: [] }, 400, 'MISSING_NOTIFICATIONS'],
    ['a metric alert without a metric threshold', { ...hostDown, eventTypeName: 'OUTSIDE_METRIC_THRESHOLD' }, 400, 'MISSING_METRIC_THRESHOLD'],
    ['a metric threshold on a host alert', { ...hostDown, metricThreshold: { metricName: 'CONNECTIONS', threshold: 1 } }, 400, 'METRIC_THRESHOLD_PRESENT'],
    ['an unknown metric', { ...hostDown, eventTypeName: 'OUTSIDE_METRIC_THRESHOLD', metricThreshold: { metricName: 'NOPE', threshold: 1 } }, 404, 'INVALID_METRIC_NAME'],
    ['units of another family', { ...hostDown, eventTypeName: 'OUTSIDE_METRIC_THRESHOLD', metricThreshold: { metricName: 'CONNECTIONS', threshold: 1, units: 'HOURS' } }, 400, 'INVALID_ENUM_VALUE'],
    ['a threshold alert without threshold', { ...hostDown, eventTypeName: 'TOO_MANY_ELECTIONS' }, 400, 'MISSING_THRESHOLD'],
    ['a threshold where none belongs', { ...hostDown, threshold: { operator: 'GREATER_THAN', threshold: 1 } }, 400, 'THRESHOLD_PRESENT'],
    ['an interval under 5 minutes', { ...hostDown, notifications: [{ ...GROUP_NOTIFICATION, intervalMin: 1 }] }, 400, 'NOTIFICATION_INTERVAL_OUT_OF_RANGE'],
    ['a group notification without email or SMS', { ...hostDown, notifications: [{ typeName: 'GROUP', roles: ['GROUP_OWNER'] }] }, 400, 'EMAIL_OR_SMS_REQUIRED_FOR_GROUP_NOTIFICATION'],
    ['a group notification with no roles', { ...hostDown, notifications: [{ ...GROUP_NOTIFICATION, roles: [] }] }, 400, 'MISSING_ROLES_FOR_GROUP_NOTIFICATION'],
    ['two group notifications', { ...hostDown, notifications: [GROUP_NOTIFICATION, GROUP_NOTIFICATION] }, 400, 'TOO_MANY_GROUP_NOTIFICATIONS'],
    ['an organization notification', { ...hostDown, notifications: [{ typeName: 'ORG', emailEnabled: true }] }, 400, 'NO_ORG_NOTIFICATION_FOR_GROUP_ALERT'],
    ['a webhook notification without a webhook', { ...hostDown, notifications: [{ typeName: 'WEBHOOK' }] }, 400, 'WEBHOOK_URL_NOT_SET'],
    ['an email notification without address', { ...hostDown, notifications: [{ typeName: 'EMAIL' }] }, 400, 'MISSING_ATTRIBUTE'],
    ['a Datadog notification outside US1_FED', { ...hostDown, notifications: [{ typeName: 'DATADOG', datadogApiKey: 'k', datadogRegion: 'US' }] }, 400, 'INVALID_INTEGRATION_SETTINGS'],
    ['a matcher field the event type lacks', { ...hostDown, matchers: [{ fieldName: 'CLUSTER_NAME', operator: 'EQUALS', value: 'c' }] }, 400, 'INVALID_ENUM_VALUE'],
    ['a bad matcher operator', { ...hostDown, matchers: [{ fieldName: 'HOSTNAME', operator: 'LIKE', value: 'c' }] }, 400, 'INVALID_ENUM_VALUE'],
    ['an unknown attribute', { ...hostDown, colour: 'red' }, 400, 'INVALID_ATTRIBUTE'],
    ['a wrong type', { ...hostDown, enabled: 'yes' }, 400, 'INVALID_JSON_ATTRIBUTE'],
  ])('refuses %s and stores nothing', async (_what, body, status, code) => {
    const before = await count();
    const res = await create(body);
    expectError(res, status, code);
    expectConforms('POST', configs(), res);
    expect(await count()).toBe(before);
  });

  it('refuses malformed JSON, bad ids and lesser roles', async () => {
    expectError(await atlas.call('POST', configs(), { rawBody: '{"eventTypeName":' }), 400, 'MALFORMED_JSON');
    expectError(await atlas.call('GET', `${configs()}/nope`), 404, 'INVALID_ALERT_CONFIG_ID', ['nope']);
    expectError(await atlas.call('GET', `/groups/${groupId}/alerts/nope`), 404, 'INVALID_ALERT_ID', ['nope']);
    expectError(await atlas.call('GET', `/groups/${groupId}/alerts/ffffffffffffffffffffffff`), 404, 'ALERT_NOT_FOUND');
    expectError(await atlas.call('GET', `/groups/${groupId}/alerts?status=SLEEPING`), 400, 'INVALID_ENUM_VALUE');
    const reader = keyWith(['GROUP_READ_ONLY']);
    expect((await atlas.call('GET', configs(), reader)).status).toBe(200);
    expectError(await atlas.call('POST', configs(), { ...reader, body: hostDown }), 401, 'USER_UNAUTHORIZED');
    expect(await count()).toBe(9);
  });
});

describe('alerts', () => {
  it('opens when a condition starts, tracks the notification delay, can be acknowledged, closes when the condition ends', async () => {
    const config = (await create({ ...hostDown, notifications: [{ ...GROUP_NOTIFICATION, delayMin: 5 }], matchers: [{ fieldName: 'TYPE_NAME', operator: 'EQUALS', value: 'PRIMARY' }] })).json;
    // A secondary going down does not match the configuration.
    startCondition({ eventTypeName: 'HOST_DOWN', subject: { hostnameAndPort: 'b:27017', typeName: 'SECONDARY' } });
    expect((await atlas.call('GET', `/groups/${groupId}/alerts`)).json.totalCount).toBe(0);
    const condition = startCondition({ eventTypeName: 'HOST_DOWN', subject: { hostnameAndPort: 'a.example.mongodbgov.net:27017', typeName: 'PRIMARY' } });
    let list = await atlas.call('GET', `/groups/${groupId}/alerts`);
    expect(list.json.results.map((a: { status: string }) => a.status)).toEqual(['TRACKING']);
    expectConforms('GET', `/groups/${groupId}/alerts`, list);
    const id = list.json.results[0].id;
    atlas.advance(300);
    const open = await atlas.call('GET', `/groups/${groupId}/alerts/${id}`);
    expect(open.json).toMatchObject({ status: 'OPEN', alertConfigId: config.id, eventTypeName: 'HOST_DOWN', hostnameAndPort: 'a.example.mongodbgov.net:27017', orgId, groupId });
    expect(open.json.links.map((l: { rel: string }) => l.rel)).toEqual(['self', `${atlas.url}/alertConfig`, `${atlas.url}/alertConfigs`]);
    expectConforms('GET', `/groups/${groupId}/alerts/${id}`, open);
    expect((await atlas.call('GET', `/groups/${groupId}/alerts?status=OPEN`)).json.totalCount).toBe(1);
    expect((await atlas.call('GET', `/groups/${groupId}/alerts?status=CLOSED`)).json.totalCount).toBe(0);
    expect((await atlas.call('GET', `${configs()}/${config.id}/alerts`)).json.results[0].id).toBe(id);
    const byAlert = await atlas.call('GET', `/groups/${groupId}/alerts/${id}/alertConfigs`);
    expect(byAlert.json.results.map((c: { id: string }) => c.id)).toEqual([config.id]);
    expectConforms('GET', `/groups/${groupId}/alerts/${id}/alertConfigs`, byAlert);

    const until = new Date(atlas.sim.clock.now() + 3_600_000).toISOString();
    const ack = await atlas.call('PATCH', `/groups/${groupId}/alerts/${id}`, { body: { acknowledgedUntil: until, acknowledgementComment: 'on it' }, version: '2024-05-30' });
    expect(ack.status).toBe(200);
    expect(ack.headers['content-type']).toContain('2024-05-30');
    expect(ack.json).toMatchObject({ acknowledgedUntil: until.replace('.000Z', 'Z'), acknowledgementComment: 'on it', acknowledgingUsername: atlas.tenant.apiKey.publicKey === undefined ? expect.any(String) : expect.any(String), status: 'OPEN' });
    expectConforms('PATCH', `/groups/${groupId}/alerts/${id}`, ack);
    const unack = await atlas.call('PATCH', `/groups/${groupId}/alerts/${id}`, { body: { unacknowledgeAlert: true }, version: '2024-05-30' });
    expect(unack.json.acknowledgedUntil).toBeUndefined();
    expect(unack.json.acknowledgingUsername).toBeUndefined();
    expectError(await atlas.call('PATCH', `/groups/${groupId}/alerts/${id}`, { body: { acknowledgedUntil: '2020-01-01T00:00:00Z' }, version: '2024-05-30' }), 400, 'INVALID_ATTRIBUTE');

    atlas.advance(60);
    atlas.sim.world.alertConditions.end(groupId, condition.id);
    const closed = await atlas.call('GET', `/groups/${groupId}/alerts/${id}`);
    expect(closed.json.status).toBe('CLOSED');
    expect(closed.json.resolved).toBe(new Date(atlas.sim.clock.now()).toISOString().replace('.000Z', 'Z'));
    // Acknowledging a closed alert is allowed (recorded); "forever" is a hundred years ahead.
    const forever = await atlas.call('PATCH', `/groups/${groupId}/alerts/${id}`, { body: {}, version: '2024-05-30' });
    expect(Number(forever.json.acknowledgedUntil.slice(0, 4)) - new Date(atlas.sim.clock.now()).getUTCFullYear()).toBe(100);
  });

  it('a metric condition opens only over the threshold; a timed condition closes by itself on the clock', async () => {
    const config = (await create({ eventTypeName: 'OUTSIDE_METRIC_THRESHOLD', enabled: true, metricThreshold: { metricName: 'CONNECTIONS', operator: 'GREATER_THAN', threshold: 100, units: 'RAW' }, notifications: [GROUP_NOTIFICATION] })).json;
    startCondition({ eventTypeName: 'OUTSIDE_METRIC_THRESHOLD', subject: { metricName: 'CONNECTIONS', currentValue: { number: 50, units: 'RAW' } } });
    expect((await atlas.call('GET', `${configs()}/${config.id}/alerts`)).json.totalCount).toBe(0);
    startCondition({ eventTypeName: 'OUTSIDE_METRIC_THRESHOLD', subject: { metricName: 'CONNECTIONS', currentValue: { number: 150, units: 'RAW' } }, durationSeconds: 120 });
    const alerts = await atlas.call('GET', `${configs()}/${config.id}/alerts`);
    expect(alerts.json.results).toMatchObject([{ status: 'OPEN', metricName: 'CONNECTIONS', currentValue: { number: 150, units: 'RAW' } }]);
    expect(alerts.text).toContain('"number":150.0');
    expectConforms('GET', `${configs()}/${config.id}/alerts`, alerts);
    atlas.advance(121);
    expect((await atlas.call('GET', `${configs()}/${config.id}/alerts`)).json.results[0].status).toBe('CLOSED');
  });

  it('a simulated event raises the alerts of enabled configurations of its type; disabling closes them', async () => {
    const config = (await create({ eventTypeName: 'NETWORK_PERMISSION_ENTRY_ADDED', enabled: true, notifications: [GROUP_NOTIFICATION] })).json;
    await atlas.call('POST', `/groups/${groupId}/accessList`, { body: [{ cidrBlock: '10.0.0.0/8' }] });
    const alerts = (await atlas.call('GET', `/groups/${groupId}/alerts?status=OPEN`)).json.results;
    expect(alerts.map((a: { eventTypeName: string }) => a.eventTypeName)).toEqual(['NETWORK_PERMISSION_ENTRY_ADDED']);
    await atlas.call('PATCH', `${configs()}/${config.id}`, { body: { enabled: false } });
    expect((await atlas.call('GET', `/groups/${groupId}/alerts/${alerts[0].id}`)).json.status).toBe('CLOSED');
    // Disabled: the next event raises nothing.
    await atlas.call('POST', `/groups/${groupId}/accessList`, { body: [{ cidrBlock: '10.1.0.0/16' }] });
    expect((await atlas.call('GET', `/groups/${groupId}/alerts`)).json.totalCount).toBe(1);
  });

  it('only a Project Owner acknowledges', async () => {
    await create(hostDown);
    startCondition({ eventTypeName: 'HOST_DOWN', subject: {} });
    const id = (await atlas.call('GET', `/groups/${groupId}/alerts`)).json.results[0].id;
    const reader = keyWith(['GROUP_READ_ONLY']);
    expect((await atlas.call('GET', `/groups/${groupId}/alerts/${id}`, reader)).status).toBe(200);
    expectError(await atlas.call('PATCH', `/groups/${groupId}/alerts/${id}`, { ...reader, body: { unacknowledgeAlert: true }, version: '2024-05-30' }), 401, 'USER_UNAUTHORIZED');
  });

  it('deleting the project drops its configurations, alerts and conditions', async () => {
    await create(hostDown);
    startCondition({ eventTypeName: 'HOST_DOWN', subject: {} });
    atlas.sim.world.projects.delete(groupId, SYSTEM_ACTOR);
    expect([atlas.sim.world.alertConfigs.countIn(groupId), atlas.sim.world.alerts.countIn(groupId), atlas.sim.world.alertConditions.countIn(groupId)]).toEqual([0, 0, 0]);
  });
});

describe('alert conditions on the control plane', () => {
  const conditions = () => `/_mock/groups/${groupId}/alertConditions`;

  it('starts a condition that raises alerts, lists it, ends it', async () => {
    await create({ ...hostDown, eventTypeName: 'NO_PRIMARY', matchers: [{ fieldName: 'REPLICA_SET_NAME', operator: 'EQUALS', value: 'rs0' }] });
    const started = await atlas.call('POST', conditions(), { body: { eventTypeName: 'NO_PRIMARY', replicaSetName: 'rs0', clusterName: 'c0' } });
    expect(started.status).toBe(201);
    // The default NO_PRIMARY configuration (15 minutes' delay) tracks it too.
    expect(started.json).toMatchObject({ eventTypeName: 'NO_PRIMARY', replicaSetName: 'rs0', active: true, endsAt: null, alertIds: [expect.any(String), expect.any(String)] });
    const statuses = [];
    for (const id of started.json.alertIds) statuses.push((await atlas.call('GET', `/groups/${groupId}/alerts/${id}`)).json.status);
    expect(statuses).toEqual(['TRACKING', 'OPEN']);
    const alert = await atlas.call('GET', `/groups/${groupId}/alerts/${started.json.alertIds[1]}`);
    expect(alert.json).toMatchObject({ replicaSetName: 'rs0', clusterName: 'c0' });
    expect((await atlas.call('GET', conditions())).json.map((c: { id: string }) => c.id)).toEqual([started.json.id]);
    const ended = await atlas.call('DELETE', `${conditions()}/${started.json.id}`);
    expect([ended.status, ended.json.active]).toEqual([200, false]);
    const after = [];
    for (const id of started.json.alertIds) after.push((await atlas.call('GET', `/groups/${groupId}/alerts/${id}`)).json.status);
    expect(after).toEqual(['CANCELLED', 'CLOSED']);
  });

  it('refuses event types that are not conditions, unknown metrics, bad input and unknown projects', async () => {
    expectError(await atlas.call('POST', conditions(), { body: { eventTypeName: 'NETWORK_PERMISSION_ENTRY_ADDED' } }), 400, 'INVALID_EVENT_TYPE_FOR_ALERT');
    expectError(await atlas.call('POST', conditions(), { body: { eventTypeName: 'OUTSIDE_METRIC_THRESHOLD', metricName: 'NOPE' } }), 404, 'INVALID_METRIC_NAME');
    expect((await atlas.call('POST', conditions(), { body: { eventTypeName: 'HOST_DOWN', colour: 'red' } })).status).toBe(400);
    expectError(await atlas.call('POST', '/_mock/groups/nope/alertConditions', { body: { eventTypeName: 'HOST_DOWN' } }), 404, 'INVALID_GROUP_ID');
    expectError(await atlas.call('GET', '/_mock/groups/ffffffffffffffffffffffff/alertConditions'), 404, 'GROUP_NOT_FOUND');
    expectError(await atlas.call('DELETE', `${conditions()}/ffffffffffffffffffffffff`), 404, 'RESOURCE_NOT_FOUND');
    expect((await atlas.call('GET', conditions())).json).toEqual([]);
  });
});
