import { alertOperations, MATCHER_FIELD_NAMES } from '../contracts/api/operations/alerts.js';
import { isoSeconds } from '../src/sim/clock.js';
import { maskSecret, NOTIFICATION_SECRETS, type Alert, type AlertConfig, type Notification } from '../src/sim/alerts.js';
import { defineHandlers, Reply, type HandlerContext } from '../src/wire/context.js';
import { double } from '../src/wire/json.js';

/** A notification on the wire: its attributes in alphabetical order, secrets masked. */
function notificationView(n: Notification) {
  const settings: Record<string, string> = {};
  for (const [k, v] of Object.entries(n.settings)) settings[k] = NOTIFICATION_SECRETS.has(k) ? maskSecret(v, Math.max(v.length - 4, 4)) : v;
  const view = {
    ...settings,
    delayMin: n.delayMin,
    ...(n.emailEnabled !== undefined && { emailEnabled: n.emailEnabled }),
    intervalMin: n.intervalMin,
    notifierId: n.notifierId,
    ...(n.roles !== undefined && { roles: n.roles }),
    ...(n.smsEnabled !== undefined && { smsEnabled: n.smsEnabled }),
    typeName: n.typeName,
  };
  return Object.fromEntries(Object.entries(view).sort(([a], [b]) => (a < b ? -1 : 1))) as typeof view;
}

/**
 * An alert configuration (recorded): alphabetical keys; links to itself, and to its alerts
 * when shown alone (list items link only to themselves, recorded).
 */
function configView(ctx: HandlerContext, c: AlertConfig, alone = true) {
  const self = `/groups/${c.groupId}/alertConfigs/${c.id}`;
  return {
    created: isoSeconds(c.created),
    enabled: c.enabled,
    eventTypeName: c.eventTypeName,
    groupId: c.groupId,
    id: c.id,
    links: [{ href: ctx.href(self), rel: 'self' }, ...(alone ? [{ href: ctx.href(`${self}/alerts`), rel: `${ctx.baseUrl}/alerts` }] : [])],
    matchers: c.matchers.map((m) => ({ fieldName: m.fieldName, operator: m.operator, ...(m.value !== undefined && { value: m.value }) })),
    ...(c.metricThreshold && { metricThreshold: { ...c.metricThreshold, threshold: double(c.metricThreshold.threshold) } }),
    notifications: c.notifications.map(notificationView),
    ...(c.severityOverride && { severityOverride: c.severityOverride }),
    ...(c.threshold && { threshold: c.threshold }),
    updated: isoSeconds(c.updated),
  };
}

/** An alert (recorded): alphabetical keys; a single alert links to its configuration too. */
function alertView(ctx: HandlerContext, a: Alert, single: boolean) {
  const alerts = ctx.world.alerts;
  const self = `/groups/${a.groupId}/alerts/${a.id}`;
  const resolved = alerts.resolvedAt(a);
  const lastNotified = alerts.lastNotified(a);
  const s = a.subject;
  return {
    ...(a.acknowledgedUntil !== undefined && { acknowledgedUntil: isoSeconds(a.acknowledgedUntil) }),
    ...(a.acknowledgementComment !== undefined && { acknowledgementComment: a.acknowledgementComment }),
    ...(a.acknowledgingUsername !== undefined && { acknowledgingUsername: a.acknowledgingUsername }),
    alertConfigId: a.alertConfigId,
    ...(s.clusterName !== undefined && { clusterName: s.clusterName }),
    created: isoSeconds(a.created),
    ...(s.currentValue && { currentValue: { number: double(s.currentValue.number), units: s.currentValue.units } }),
    eventTypeName: a.eventTypeName,
    groupId: a.groupId,
    ...(s.hostnameAndPort !== undefined && { hostnameAndPort: s.hostnameAndPort }),
    id: a.id,
    ...(lastNotified !== undefined && { lastNotified: isoSeconds(lastNotified) }),
    links: [
      { href: ctx.href(self), rel: 'self' },
      ...(single
        ? [
            { href: ctx.href(`/groups/${a.groupId}/alertConfigs/${a.alertConfigId}`), rel: `${ctx.baseUrl}/alertConfig` },
            { href: ctx.href(`${self}/alertConfigs`), rel: `${ctx.baseUrl}/alertConfigs` },
          ]
        : []),
    ],
    ...(s.metricName !== undefined && { metricName: s.metricName }),
    orgId: a.orgId,
    ...(s.replicaSetName !== undefined && { replicaSetName: s.replicaSetName }),
    ...(resolved !== undefined && { resolved: isoSeconds(resolved) }),
    status: alerts.statusOf(a),
    updated: isoSeconds(Math.max(a.created, a.acknowledgedAt ?? 0, resolved ?? 0, lastNotified ?? 0)),
  };
}

export const alertHandlers = defineHandlers(alertOperations, {
  listAlertConfigurationMatchersFieldNames() {
    return [...MATCHER_FIELD_NAMES];
  },

  listAlertConfigurations(ctx) {
    ctx.world.projects.get(ctx.params.groupId);
    const configs = ctx.world.alertConfigs.listIn(ctx.params.groupId);
    return ctx.list(configs, configs.length, (c) => configView(ctx, c, false));
  },

  createAlertConfiguration(ctx) {
    const config = ctx.world.alertConfigs.create(ctx.params.groupId, ctx.body);
    const view = configView(ctx, config);
    return new Reply(201, view, { Location: view.links[0]!.href });
  },

  getAlertConfiguration(ctx) {
    return configView(ctx, ctx.world.alertConfigs.get(ctx.params.groupId, ctx.params.alertConfigId));
  },

  updateAlertConfiguration(ctx) {
    return configView(ctx, ctx.world.alertConfigs.update(ctx.params.groupId, ctx.params.alertConfigId, ctx.body));
  },

  toggleAlertConfiguration(ctx) {
    return configView(ctx, ctx.world.alertConfigs.toggle(ctx.params.groupId, ctx.params.alertConfigId, ctx.body.enabled));
  },

  deleteAlertConfiguration(ctx) {
    ctx.world.alertConfigs.delete(ctx.params.groupId, ctx.params.alertConfigId);
    return undefined;
  },

  listAlertsByAlertConfigurationId(ctx) {
    const { groupId, alertConfigId } = ctx.params;
    ctx.world.alertConfigs.get(groupId, alertConfigId);
    const alerts = ctx.world.alerts.list(groupId, { alertConfigId });
    return ctx.list(alerts, alerts.length, (a) => alertView(ctx, a, false));
  },

  listAlerts(ctx) {
    ctx.world.projects.get(ctx.params.groupId);
    const alerts = ctx.world.alerts.list(ctx.params.groupId, { status: ctx.query.status });
    return ctx.list(alerts, alerts.length, (a) => alertView(ctx, a, false));
  },

  getAlert(ctx) {
    return alertView(ctx, ctx.world.alerts.get(ctx.params.groupId, ctx.params.alertId), true);
  },

  acknowledgeAlert(ctx) {
    return alertView(ctx, ctx.world.alerts.acknowledge(ctx.params.groupId, ctx.params.alertId, ctx.body, ctx.actor), true);
  },

  /** The configuration that raised the alert, as a one-item list (it is gone once deleted). */
  listAlertConfigurationsByAlertId(ctx) {
    const alert = ctx.world.alerts.get(ctx.params.groupId, ctx.params.alertId);
    const config = ctx.world.alertConfigs.find(alert.alertConfigId);
    const configs = config ? [config] : [];
    return ctx.list(configs, configs.length, (c) => configView(ctx, c, false));
  },
});
