import { z } from 'zod';
import { ALERT_EVENT_TYPES, HOST_METRICS, METRIC_UNITS, THRESHOLD_UNITS, type AlertConfigKind } from '../../contracts/api/alertVocabulary.js';
import { MATCHER_OPERATORS, NOTIFICATION_ROLES, NOTIFICATION_TYPES, SEVERITIES, THRESHOLD_OPERATORS } from '../../contracts/api/vocabulary.js';
import { AtlasError } from './errors.js';
import type { AtlasEvent } from './events.js';
import { ProjectScopedTable } from './projectScopedTable.js';
import type { Actor, World } from './world.js';

const MatcherRecord = z.object({ fieldName: z.string(), operator: z.enum(MATCHER_OPERATORS), value: z.string().optional() });
export type Matcher = z.infer<typeof MatcherRecord>;

const NotificationRecord = z.object({
  typeName: z.enum(NOTIFICATION_TYPES),
  delayMin: z.number().int(),
  intervalMin: z.number().int(),
  notifierId: z.string(),
  emailEnabled: z.boolean().optional(),
  smsEnabled: z.boolean().optional(),
  roles: z.array(z.enum(NOTIFICATION_ROLES)).optional(),
  /** The type's other attributes as sent (addresses, names, keys); secrets are masked in views. */
  settings: z.record(z.string(), z.string()),
});
export type Notification = z.infer<typeof NotificationRecord>;

const ThresholdRecord = z.object({ operator: z.enum(THRESHOLD_OPERATORS), threshold: z.number(), units: z.string().optional() });
const MetricThresholdRecord = z.object({
  metricName: z.string(),
  mode: z.literal('AVERAGE'),
  operator: z.enum(['LESS_THAN', 'GREATER_THAN']),
  threshold: z.number(),
  units: z.string(),
});

export const AlertConfigRecord = z.object({
  groupId: z.string(),
  id: z.string(),
  created: z.number(),
  updated: z.number(),
  enabled: z.boolean(),
  eventTypeName: z.string(),
  matchers: z.array(MatcherRecord),
  notifications: z.array(NotificationRecord),
  threshold: ThresholdRecord.optional(),
  metricThreshold: MetricThresholdRecord.optional(),
  severityOverride: z.enum(SEVERITIES).optional(),
});
export type AlertConfig = z.infer<typeof AlertConfigRecord>;

/** What an alert is about: the cluster, host or metric of the condition or event that raised it. */
const SubjectRecord = z.object({
  clusterName: z.string().optional(),
  hostnameAndPort: z.string().optional(),
  replicaSetName: z.string().optional(),
  /** Host type for `TYPE_NAME` matchers (PRIMARY, SECONDARY, ...). */
  typeName: z.string().optional(),
  metricName: z.string().optional(),
  currentValue: z.object({ number: z.number(), units: z.string() }).optional(),
});
export type AlertSubject = z.infer<typeof SubjectRecord>;

export const AlertRecord = z.object({
  groupId: z.string(),
  id: z.string(),
  orgId: z.string(),
  alertConfigId: z.string(),
  eventTypeName: z.string(),
  created: z.number(),
  /** When the alert leaves TRACKING and opens (the configuration's notification delay). */
  opensAt: z.number(),
  /** The condition whose end closes the alert; event alerts have none. */
  conditionId: z.string().optional(),
  /** Set when the alert closed for another reason (its configuration disabled or deleted). */
  closedAt: z.number().optional(),
  subject: SubjectRecord,
  acknowledgedUntil: z.number().optional(),
  acknowledgementComment: z.string().optional(),
  acknowledgingUsername: z.string().optional(),
  acknowledgedAt: z.number().optional(),
});
export type Alert = z.infer<typeof AlertRecord>;

/** A condition in a project (a host down, a metric over a value) started through the control plane. */
export const AlertConditionRecord = z.object({
  groupId: z.string(),
  id: z.string(),
  eventTypeName: z.string(),
  subject: SubjectRecord,
  started: z.number(),
  /** When the condition ends (a set duration, or the control plane ended it). */
  endsAt: z.number().optional(),
});
export type AlertCondition = z.infer<typeof AlertConditionRecord>;

export type AlertStatus = 'TRACKING' | 'OPEN' | 'CLOSED' | 'CANCELLED';

export interface NotificationInput {
  typeName: Notification['typeName'];
  delayMin?: number | undefined;
  intervalMin?: number | undefined;
  emailEnabled?: boolean | undefined;
  smsEnabled?: boolean | undefined;
  roles?: Notification['roles'] | undefined;
  [setting: string]: unknown;
}

export interface AlertConfigInput {
  enabled?: boolean | undefined;
  eventTypeName: string;
  matchers?: Array<{ fieldName: string; operator: Matcher['operator']; value?: string | undefined }> | undefined;
  notifications?: NotificationInput[] | undefined;
  threshold?: { operator?: (typeof THRESHOLD_OPERATORS)[number] | undefined; threshold?: number | undefined; units?: string | undefined } | undefined;
  metricThreshold?:
    | { metricName: string; mode?: 'AVERAGE' | undefined; operator?: 'LESS_THAN' | 'GREATER_THAN' | undefined; threshold?: number | undefined; units?: string | undefined }
    | undefined;
  severityOverride?: AlertConfig['severityOverride'] | undefined;
}

export interface AcknowledgeInput {
  acknowledgedUntil?: number | undefined;
  acknowledgementComment?: string | undefined;
  unacknowledgeAlert?: boolean | undefined;
}

export interface ConditionInput {
  eventTypeName: string;
  subject: AlertSubject;
  /** Seconds after which the condition ends by itself; open-ended when absent. */
  durationSeconds?: number | undefined;
}

/**
 * Kinds of configuration whose features Atlas for Government lacks: billing and payment
 * alerts (the Government rule: "alerts related to payment methods are unavailable"),
 * App Services, serverless, Flex, Stream Processing and Online Archive. Creating one is
 * 400 INVALID_EVENT_TYPE_FOR_ALERT (wire-facts-wave2 §14: the rule is documented, the
 * code is the closest real one), so no such alert can ever be raised.
 */
const GOV_UNAVAILABLE_KINDS: ReadonlySet<AlertConfigKind> = new Set(['billing', 'appServices', 'serverless', 'flex', 'streams', 'onlineArchive']);

/** Kinds raised by a condition that lasts (and closes when it ends), as opposed to an event. */
const CONDITION_KINDS: ReadonlySet<AlertConfigKind> = new Set(['cluster', 'threshold', 'host', 'hostMetric', 'replicaSet', 'replicaSetThreshold']);
const THRESHOLD_KINDS: ReadonlySet<AlertConfigKind> = new Set(['threshold', 'replicaSetThreshold']);

/** Matcher fields per kind (HostMatcherField, ReplicaSetMatcherField, ClusterMatcherField); other kinds take any listed field. */
const MATCHER_FIELDS: Partial<Record<AlertConfigKind, readonly string[]>> = {
  host: ['TYPE_NAME', 'HOSTNAME', 'PORT', 'HOSTNAME_AND_PORT', 'REPLICA_SET_NAME'],
  hostMetric: ['TYPE_NAME', 'HOSTNAME', 'PORT', 'HOSTNAME_AND_PORT', 'REPLICA_SET_NAME'],
  replicaSet: ['REPLICA_SET_NAME', 'SHARD_NAME', 'CLUSTER_NAME'],
  replicaSetThreshold: ['REPLICA_SET_NAME', 'SHARD_NAME', 'CLUSTER_NAME'],
  cluster: ['CLUSTER_NAME'],
};
const ANY_MATCHER_FIELD = ['ATLAS_NODE_TYPE', 'CLUSTER_NAME', 'HOSTNAME', 'PORT', 'HOSTNAME_AND_PORT', 'APPLICATION_ID', 'REPLICA_SET_NAME', 'TYPE_NAME', 'SHARD_NAME'];
const HOST_TYPES = ['STANDALONE', 'PRIMARY', 'SECONDARY', 'ARBITER', 'MONGOS', 'CONFIG'];

/** Notification attributes that hold secrets: stored, never shown back whole. */
export const NOTIFICATION_SECRETS: ReadonlySet<string> = new Set([
  'apiToken', 'datadogApiKey', 'notificationToken', 'opsGenieApiKey', 'serviceKey', 'victorOpsApiKey', 'webhookSecret',
]);

/** The attribute each notification type cannot do without (400 MISSING_ATTRIBUTE otherwise). */
const NOTIFICATION_REQUIRES: Partial<Record<Notification['typeName'], string>> = {
  EMAIL: 'emailAddress',
  SMS: 'mobileNumber',
  USER: 'username',
  TEAM: 'teamId',
  PAGER_DUTY: 'serviceKey',
  OPS_GENIE: 'opsGenieApiKey',
  VICTOR_OPS: 'victorOpsApiKey',
  MICROSOFT_TEAMS: 'microsoftTeamsWebhookUrl',
  SLACK: 'channelName',
};

/** A notification lives at least this many minutes apart (NOTIFICATION_INTERVAL_OUT_OF_RANGE). */
export const MIN_INTERVAL_MIN = 5;
/** "Acknowledge forever": Atlas writes a date a hundred years ahead (recorded 2126-...). */
const FOREVER_MS = 100 * 365.25 * 86_400_000;

/**
 * The alert configurations a project gets when it is created with default alert settings:
 * the ones recorded on a project at its creation (wire-facts-wave2 §8.3), without
 * CREDIT_CARD_ABOUT_TO_EXPIRE, a payment alert Atlas for Government does not have.
 */
const DEFAULT_CONFIGS: ReadonlyArray<{
  eventTypeName: string;
  delayMin: number;
  intervalMin: number;
  owner: boolean;
  enabled?: boolean;
  threshold?: AlertConfig['threshold'];
  metric?: [name: string, threshold: number];
}> = [
  { eventTypeName: 'REPLICATION_OPLOG_WINDOW_RUNNING_OUT', delayMin: 0, intervalMin: 60, owner: true, threshold: { operator: 'LESS_THAN', threshold: 1, units: 'HOURS' } },
  { eventTypeName: 'NO_PRIMARY', delayMin: 15, intervalMin: 60, owner: true },
  { eventTypeName: 'CLUSTER_MONGOS_IS_MISSING', delayMin: 15, intervalMin: 60, owner: true },
  { eventTypeName: 'OUTSIDE_METRIC_THRESHOLD', delayMin: 0, intervalMin: 60, owner: true, metric: ['CONNECTIONS_PERCENT', 80] },
  { eventTypeName: 'OUTSIDE_METRIC_THRESHOLD', delayMin: 0, intervalMin: 60, owner: true, metric: ['DISK_PARTITION_SPACE_USED_DATA', 90] },
  { eventTypeName: 'OUTSIDE_METRIC_THRESHOLD', delayMin: 0, intervalMin: 60, owner: true, metric: ['NORMALIZED_SYSTEM_CPU_USER', 95] },
  { eventTypeName: 'OUTSIDE_METRIC_THRESHOLD', delayMin: 0, intervalMin: 60, owner: true, metric: ['NORMALIZED_SYSTEM_CPU_STEAL', 50], enabled: false },
  { eventTypeName: 'HOST_HAS_INDEX_SUGGESTIONS', delayMin: 10, intervalMin: 60, owner: true },
  { eventTypeName: 'JOINED_GROUP', delayMin: 0, intervalMin: 60, owner: false },
];

export function alertKindOf(eventTypeName: string): AlertConfigKind | undefined {
  return Object.hasOwn(ALERT_EVENT_TYPES, eventTypeName) ? ALERT_EVENT_TYPES[eventTypeName] : undefined;
}

/** The `****…1234` form Atlas shows secrets in: stars for all but the last four characters. */
export function maskSecret(secret: string, stars: number): string {
  return '*'.repeat(stars) + secret.slice(-4);
}

/** The project's alert configurations (`/groups/{groupId}/alertConfigs`). */
export class AlertConfigs extends ProjectScopedTable<AlertConfig> {
  constructor(private readonly world: World) {
    super('alertConfigs', AlertConfigRecord, (c) => c.id, world.clock);
  }

  /** The configuration, or 404 ALERT_CONFIG_NOT_FOUND. */
  get(groupId: string, id: string): AlertConfig {
    const c = this.find(id);
    if (!c || c.groupId !== groupId) throw new AtlasError('ALERT_CONFIG_NOT_FOUND', [id, groupId]);
    return c;
  }

  /** Adds the default configurations to a new project. */
  addDefaults(groupId: string): void {
    const now = this.world.clock.now();
    for (const d of DEFAULT_CONFIGS) {
      this.insert({
        groupId,
        id: this.world.ids.next(),
        created: now,
        updated: now,
        enabled: d.enabled ?? true,
        eventTypeName: d.eventTypeName,
        matchers: [],
        notifications: [
          {
            typeName: 'GROUP',
            delayMin: d.delayMin,
            intervalMin: d.intervalMin,
            notifierId: this.world.ids.next(),
            emailEnabled: true,
            smsEnabled: false,
            ...(d.owner && { roles: ['GROUP_OWNER' as const] }),
            settings: {},
          },
        ],
        ...(d.threshold && { threshold: d.threshold }),
        ...(d.metric && { metricThreshold: { metricName: d.metric[0], mode: 'AVERAGE' as const, operator: 'GREATER_THAN' as const, threshold: d.metric[1], units: 'RAW' } }),
      });
    }
  }

  create(groupId: string, input: AlertConfigInput): AlertConfig {
    this.world.projects.get(groupId);
    const now = this.world.clock.now();
    const config = this.insert({ groupId, id: this.world.ids.next(), created: now, updated: now, ...this.#checked(groupId, input) });
    this.world.alerts.onConfigChanged(config);
    return config;
  }

  /** PUT: the whole configuration is replaced; notifier ids are new (recorded). */
  update(groupId: string, id: string, input: AlertConfigInput): AlertConfig {
    const current = this.get(groupId, id);
    const next = this.replace({ groupId, id, created: current.created, updated: this.world.clock.now(), ...this.#checked(groupId, input) });
    this.world.alerts.onConfigChanged(next);
    return next;
  }

  /** PATCH: enables or disables; an absent `enabled` leaves it as it is. */
  toggle(groupId: string, id: string, enabled: boolean | undefined): AlertConfig {
    const current = this.get(groupId, id);
    if (enabled === undefined || enabled === current.enabled) return current;
    const next = this.replace({ ...current, enabled, updated: this.world.clock.now() });
    this.world.alerts.onConfigChanged(next);
    return next;
  }

  delete(groupId: string, id: string): void {
    const c = this.get(groupId, id);
    this.remove(c.id);
    this.world.alerts.onConfigChanged({ ...c, enabled: false });
  }

  /** Every rule of a configuration body, checked before anything is stored. */
  #checked(groupId: string, input: AlertConfigInput): Omit<AlertConfig, 'groupId' | 'id' | 'created' | 'updated'> {
    const kind = alertKindOf(input.eventTypeName);
    if (!kind || GOV_UNAVAILABLE_KINDS.has(kind) || input.eventTypeName.startsWith('AZURE_')) {
      // No Azure in Atlas for Government, so no Azure key alerts either.
      throw new AtlasError('INVALID_EVENT_TYPE_FOR_ALERT', [input.eventTypeName]);
    }
    if (!input.notifications?.length) throw new AtlasError('MISSING_NOTIFICATIONS', []);
    const metricThreshold = checkMetricThreshold(kind, input.metricThreshold);
    const threshold = checkThreshold(kind, input.threshold);
    const matchers = (input.matchers ?? []).map((m) => checkMatcher(kind, m));
    const notifications = this.#checkNotifications(groupId, input.notifications);
    return {
      enabled: input.enabled ?? false,
      eventTypeName: input.eventTypeName,
      matchers,
      notifications,
      ...(threshold && { threshold }),
      ...(metricThreshold && { metricThreshold }),
      ...(input.severityOverride && { severityOverride: input.severityOverride }),
    };
  }

  #checkNotifications(groupId: string, inputs: NotificationInput[]): Notification[] {
    let groupNotifications = 0;
    return inputs.map((n) => {
      const { typeName, delayMin, intervalMin, emailEnabled, smsEnabled, roles, notifierId: _ignored, ...rest } = n;
      const settings: Record<string, string> = {};
      for (const [k, v] of Object.entries(rest)) if (typeof v === 'string') settings[k] = v;
      // HipChat is retired; organization notifications belong to organization alerts.
      if (typeName === 'HIP_CHAT') throw new AtlasError('UNSUPPORTED_NOTIFICATION_TYPE', [typeName]);
      if (typeName === 'ORG') throw new AtlasError('NO_ORG_NOTIFICATION_FOR_GROUP_ALERT', []);
      if (typeName === 'GROUP' && ++groupNotifications > 1) throw new AtlasError('TOO_MANY_GROUP_NOTIFICATIONS', []);
      if ((intervalMin ?? MIN_INTERVAL_MIN) < MIN_INTERVAL_MIN) throw new AtlasError('NOTIFICATION_INTERVAL_OUT_OF_RANGE', []);
      if ((delayMin ?? 0) < 0) throw new AtlasError('INVALID_ATTRIBUTE', ['delayMin']);
      const required = NOTIFICATION_REQUIRES[typeName];
      if (required && !settings[required]) throw new AtlasError('MISSING_ATTRIBUTE', [required]);
      if (typeName === 'GROUP') {
        if (roles !== undefined && roles.length === 0) throw new AtlasError('MISSING_ROLES_FOR_GROUP_NOTIFICATION', []);
        if (!emailEnabled && !smsEnabled) throw new AtlasError('EMAIL_OR_SMS_REQUIRED_FOR_GROUP_NOTIFICATION', []);
      }
      if (typeName === 'USER' && !emailEnabled && !smsEnabled) throw new AtlasError('EMAIL_OR_SMS_REQUIRED_FOR_USER_NOTIFICATION', []);
      if (typeName === 'WEBHOOK' && !settings.webhookUrl && !this.world.integrations.find(`${groupId}\0WEBHOOK`)) {
        throw new AtlasError('WEBHOOK_URL_NOT_SET', []);
      }
      if (typeName === 'DATADOG') {
        if (!settings.datadogApiKey && !this.world.integrations.find(`${groupId}\0DATADOG`)) throw new AtlasError('MISSING_ATTRIBUTE', ['datadogApiKey']);
        // The Government rule for Datadog (US1-FED only) holds for notifications as for the integration.
        if (settings.datadogRegion !== undefined && settings.datadogRegion !== 'US1_FED') {
          throw new AtlasError('INVALID_INTEGRATION_SETTINGS', ['DATADOG', 'Atlas for Government sends to Datadog only through the US1_FED site']);
        }
      }
      return {
        typeName,
        delayMin: delayMin ?? 0,
        intervalMin: intervalMin ?? MIN_INTERVAL_MIN,
        notifierId: this.world.ids.next(),
        ...(emailEnabled !== undefined && { emailEnabled }),
        ...(smsEnabled !== undefined && { smsEnabled }),
        ...(roles !== undefined && { roles }),
        settings,
      };
    });
  }
}

function checkMetricThreshold(kind: AlertConfigKind, m: AlertConfigInput['metricThreshold']): AlertConfig['metricThreshold'] {
  if (kind !== 'hostMetric') {
    if (m) throw new AtlasError('METRIC_THRESHOLD_PRESENT', []);
    return undefined;
  }
  if (!m || m.threshold === undefined) throw new AtlasError('MISSING_METRIC_THRESHOLD', []);
  const family = Object.hasOwn(HOST_METRICS, m.metricName) ? HOST_METRICS[m.metricName] : undefined;
  if (!family) throw new AtlasError('INVALID_METRIC_NAME', [m.metricName]);
  const allowed: readonly string[] = METRIC_UNITS[family];
  const units = m.units ?? allowed[0]!;
  if (!allowed.includes(units)) throw new AtlasError('INVALID_ENUM_VALUE', [units]);
  return { metricName: m.metricName, mode: 'AVERAGE', operator: m.operator ?? 'GREATER_THAN', threshold: m.threshold, units };
}

function checkThreshold(kind: AlertConfigKind, t: AlertConfigInput['threshold']): AlertConfig['threshold'] {
  if (!THRESHOLD_KINDS.has(kind)) {
    // Replica set alerts carry an optional threshold in the document; the others none.
    if (t && kind !== 'replicaSet') throw new AtlasError('THRESHOLD_PRESENT', []);
    if (!t || t.threshold === undefined) return undefined;
  }
  if (!t || t.threshold === undefined) throw new AtlasError('MISSING_THRESHOLD', []);
  if (t.units !== undefined && !THRESHOLD_UNITS.includes(t.units)) throw new AtlasError('INVALID_ENUM_VALUE', [t.units]);
  return { operator: t.operator ?? 'GREATER_THAN', threshold: t.threshold, ...(t.units !== undefined && { units: t.units }) };
}

function checkMatcher(kind: AlertConfigKind, m: NonNullable<AlertConfigInput['matchers']>[number]): Matcher {
  const fields = MATCHER_FIELDS[kind] ?? ANY_MATCHER_FIELD;
  if (!fields.includes(m.fieldName)) throw new AtlasError('INVALID_ENUM_VALUE', [m.fieldName]);
  if (m.value === undefined) throw new AtlasError('MISSING_ATTRIBUTE', ['value']);
  if (m.fieldName === 'TYPE_NAME' && !HOST_TYPES.includes(m.value)) throw new AtlasError('INVALID_ENUM_VALUE', [m.value]);
  return { fieldName: m.fieldName, operator: m.operator, value: m.value };
}

/** The subject's value for a matcher field. */
function subjectField(s: AlertSubject, field: string): string | undefined {
  const [host, port] = s.hostnameAndPort?.split(':') ?? [];
  switch (field) {
    case 'CLUSTER_NAME':
      return s.clusterName;
    case 'HOSTNAME':
      return host;
    case 'PORT':
      return port;
    case 'HOSTNAME_AND_PORT':
      return s.hostnameAndPort;
    case 'REPLICA_SET_NAME':
    case 'SHARD_NAME':
      return s.replicaSetName;
    case 'TYPE_NAME':
      return s.typeName;
    default:
      return undefined;
  }
}

function matches(m: Matcher, s: AlertSubject): boolean {
  const v = subjectField(s, m.fieldName);
  const want = m.value ?? '';
  if (v === undefined) return m.operator.startsWith('NOT_');
  switch (m.operator) {
    case 'EQUALS':
      return v === want;
    case 'NOT_EQUALS':
      return v !== want;
    case 'CONTAINS':
      return v.includes(want);
    case 'NOT_CONTAINS':
      return !v.includes(want);
    case 'STARTS_WITH':
      return v.startsWith(want);
    case 'ENDS_WITH':
      return v.endsWith(want);
    case 'REGEX':
      try {
        return new RegExp(want).test(v);
      } catch {
        return false;
      }
  }
}

/** Does the condition's value cross the configuration's threshold (when both have one)? */
function crosses(config: AlertConfig, s: AlertSubject): boolean {
  const t = config.metricThreshold ?? config.threshold;
  if (config.metricThreshold && s.metricName !== config.metricThreshold.metricName) return false;
  if (!t || !s.currentValue) return true;
  const below = t.operator === 'LESS_THAN' || t.operator === '<';
  return below ? s.currentValue.number < t.threshold : s.currentValue.number > t.threshold;
}

/**
 * Alerts (`/groups/{groupId}/alerts`). An alert is raised when what a configuration
 * watches happens in the project:
 * - an event the simulation records (a cluster update, an access list change, ...) raises
 *   an alert for every enabled configuration of that event type. Decision: such an
 *   alert has no condition to end, so it stays OPEN (acknowledging silences it) until
 *   its configuration is disabled or deleted, which closes it;
 * - a condition (a host down, a metric over its threshold) started through the control
 *   plane raises an alert for every enabled configuration of that type whose matchers
 *   and threshold it meets. The alert is TRACKING for the configuration's shortest
 *   notification delay, then OPEN, and CLOSED (`resolved`) when the condition ends;
 *   CANCELLED if it ended while still TRACKING.
 * Status is computed from the clock when read; nothing runs in the background.
 */
export class Alerts extends ProjectScopedTable<Alert> {
  constructor(private readonly world: World) {
    super('alerts', AlertRecord, (a) => a.id, world.clock);
  }

  get(groupId: string, id: string): Alert {
    const a = this.find(id);
    if (!a || a.groupId !== groupId) throw new AtlasError('ALERT_NOT_FOUND', [id, groupId]);
    return a;
  }

  /** When the alert's condition ended, if it has. */
  resolvedAt(a: Alert): number | undefined {
    const condition = a.conditionId === undefined ? undefined : this.world.alertConditions.find(a.conditionId);
    const ended = condition?.endsAt;
    const candidates = [ended, a.closedAt].filter((t): t is number => t !== undefined && t <= this.world.clock.now());
    return candidates.length ? Math.min(...candidates) : undefined;
  }

  statusOf(a: Alert): AlertStatus {
    const resolved = this.resolvedAt(a);
    if (resolved !== undefined) return resolved < a.opensAt ? 'CANCELLED' : 'CLOSED';
    return a.opensAt <= this.world.clock.now() ? 'OPEN' : 'TRACKING';
  }

  /** When Atlas last notified about it: on opening, and again on acknowledgement (recorded). */
  lastNotified(a: Alert): number | undefined {
    if (a.opensAt > this.world.clock.now()) return undefined;
    return Math.max(a.opensAt, a.acknowledgedAt ?? 0);
  }

  list(groupId: string, filter: { status?: string | undefined; alertConfigId?: string | undefined } = {}): Alert[] {
    return this.listIn(groupId).filter(
      (a) => (filter.status === undefined || this.statusOf(a) === filter.status) && (filter.alertConfigId === undefined || a.alertConfigId === filter.alertConfigId),
    );
  }

  /**
   * PATCH: acknowledges until a time (absent: "forever", a hundred years ahead as
   * recorded), or removes the acknowledgement (`unacknowledgeAlert`). Decision: a time
   * in the past is 400 INVALID_ATTRIBUTE. Acknowledging a closed alert is allowed
   * (recorded, although the document says open alerts only).
   */
  acknowledge(groupId: string, id: string, input: AcknowledgeInput, actor: Actor): Alert {
    const a = this.get(groupId, id);
    const now = this.world.clock.now();
    if (input.unacknowledgeAlert) {
      const { acknowledgedUntil: _u, acknowledgementComment: _c, acknowledgingUsername: _n, ...rest } = a;
      return this.replace({ ...rest, acknowledgedAt: now });
    }
    if (input.acknowledgedUntil !== undefined && input.acknowledgedUntil <= now) throw new AtlasError('INVALID_ATTRIBUTE', ['acknowledgedUntil']);
    return this.replace({
      ...a,
      acknowledgedUntil: input.acknowledgedUntil ?? now + FOREVER_MS,
      ...(input.acknowledgementComment !== undefined && { acknowledgementComment: input.acknowledgementComment }),
      acknowledgingUsername: actor.publicKey ?? actor.id,
      acknowledgedAt: now,
    });
  }

  /** An event was recorded in a project: raise the alerts of the configurations that watch it. */
  onEvent(e: AtlasEvent): void {
    if (e.groupId === undefined || !this.world.projects.find(e.groupId)) return;
    for (const config of this.world.alertConfigs.listIn(e.groupId)) {
      if (!config.enabled || config.eventTypeName !== e.eventTypeName) continue;
      const subject: AlertSubject = typeof e.fields.clusterName === 'string' ? { clusterName: e.fields.clusterName } : {};
      if (config.matchers.every((m) => matches(m, subject))) this.#raise(config, subject, e.created);
    }
  }

  /** A condition started: raise the alerts of the configurations it meets. */
  onCondition(condition: AlertCondition): void {
    for (const config of this.world.alertConfigs.listIn(condition.groupId)) this.#raiseFor(config, condition);
  }

  /**
   * A configuration was created, replaced, enabled, disabled or deleted. Its alerts that
   * are still active close when it stops watching; an enabled configuration raises
   * alerts for the conditions already going on.
   */
  onConfigChanged(config: AlertConfig): void {
    const now = this.world.clock.now();
    for (const a of this.list(config.groupId, { alertConfigId: config.id })) {
      if (this.resolvedAt(a) === undefined) this.replace({ ...a, closedAt: now });
    }
    if (!config.enabled) return;
    for (const condition of this.world.alertConditions.active(config.groupId)) this.#raiseFor(config, condition);
  }

  #raiseFor(config: AlertConfig, condition: AlertCondition): void {
    if (!config.enabled || config.eventTypeName !== condition.eventTypeName) return;
    if (!crosses(config, condition.subject) || !config.matchers.every((m) => matches(m, condition.subject))) return;
    this.#raise(config, condition.subject, this.world.clock.now(), condition.id);
  }

  #raise(config: AlertConfig, subject: AlertSubject, at: number, conditionId?: string): void {
    const delayMin = Math.min(...config.notifications.map((n) => n.delayMin));
    const project = this.world.projects.get(config.groupId);
    this.insert({
      groupId: config.groupId,
      id: this.world.ids.next(),
      orgId: project.orgId,
      alertConfigId: config.id,
      eventTypeName: config.eventTypeName,
      created: at,
      opensAt: at + delayMin * 60_000,
      ...(conditionId !== undefined && { conditionId }),
      subject,
    });
  }
}

/**
 * Conditions in projects that alerts watch, started and ended through the control plane
 * (`/_mock/groups/{groupId}/alertConditions`) so that a client's alert handling can be
 * tested. Only condition kinds (host, metric, replica set, cluster, threshold) can be
 * started: an event alert is raised by the event itself.
 */
export class AlertConditions extends ProjectScopedTable<AlertCondition> {
  constructor(private readonly world: World) {
    super('alertConditions', AlertConditionRecord, (c) => c.id, world.clock);
  }

  get(groupId: string, id: string): AlertCondition {
    const c = this.find(id);
    if (!c || c.groupId !== groupId) throw new AtlasError('RESOURCE_NOT_FOUND', [`alert condition ${id}`]);
    return c;
  }

  /** Conditions of the project that have not ended by now. */
  active(groupId: string): AlertCondition[] {
    const now = this.world.clock.now();
    return this.listIn(groupId).filter((c) => c.endsAt === undefined || c.endsAt > now);
  }

  start(groupId: string, input: ConditionInput): AlertCondition {
    this.world.projects.get(groupId);
    const kind = alertKindOf(input.eventTypeName);
    if (!kind || !CONDITION_KINDS.has(kind)) throw new AtlasError('INVALID_EVENT_TYPE_FOR_ALERT', [input.eventTypeName]);
    if (kind === 'hostMetric' && (input.subject.metricName === undefined || !Object.hasOwn(HOST_METRICS, input.subject.metricName))) {
      throw new AtlasError('INVALID_METRIC_NAME', [input.subject.metricName ?? '']);
    }
    const now = this.world.clock.now();
    const condition = this.insert({
      groupId,
      id: this.world.ids.next(),
      eventTypeName: input.eventTypeName,
      subject: input.subject,
      started: now,
      ...(input.durationSeconds !== undefined && { endsAt: now + input.durationSeconds * 1000 }),
    });
    this.world.alerts.onCondition(condition);
    return condition;
  }

  /** Ends the condition now (its open alerts close); ending an ended one changes nothing. */
  end(groupId: string, id: string): AlertCondition {
    const c = this.get(groupId, id);
    const now = this.world.clock.now();
    if (c.endsAt !== undefined && c.endsAt <= now) return c;
    return this.replace({ ...c, endsAt: now });
  }
}
