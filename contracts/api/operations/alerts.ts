import { z } from 'zod';
import type { OperationSpec } from '../operation.js';
import { PAGING_QUERY } from '../operation.js';
import { AtlasDate, Links, ObjectId, paginated } from '../schemas/common.js';
import { DateTimeInput } from '../schemas/dateTime.js';
import { optional, readOnly } from '../schemas/input.js';
import { ALERT_EVENT_TYPES, ALL_UNITS, THRESHOLD_UNITS } from '../alertVocabulary.js';
import { ALERT_STATUSES, MATCHER_OPERATORS, NOTIFICATION_ROLES, NOTIFICATION_TYPES, SEVERITIES, THRESHOLD_OPERATORS } from '../vocabulary.js';

/** Event type names a configuration may hold: the document's. */
const EventTypeName = z.enum(Object.keys(ALERT_EVENT_TYPES) as [string, ...string[]]);
const Units = z.enum(ALL_UNITS);

/**
 * The matcher field names Atlas answers on `GET /alertConfigs/matchers/fieldNames`
 * (recorded: `ATLAS_NODE_TYPE` first, although MatcherFieldView does not list it).
 */
export const MATCHER_FIELD_NAMES = [
  'ATLAS_NODE_TYPE', 'CLUSTER_NAME', 'HOSTNAME', 'PORT', 'HOSTNAME_AND_PORT', 'APPLICATION_ID', 'REPLICA_SET_NAME', 'TYPE_NAME', 'SHARD_NAME',
] as const;

/**
 * AlertMatcher. `fieldName` is any string here: which fields an event type takes is the
 * sim's rule. `value` is a string (host matchers take a host type name).
 */
const MatcherInput = z.strictObject({
  fieldName: z.string(),
  operator: z.enum(MATCHER_OPERATORS),
  value: optional(z.string()),
});

/**
 * One notification (AlertsNotificationRootForGroup): the union of the document's
 * branches. Which attributes a `typeName` needs is the sim's rule.
 */
const NotificationInput = z.strictObject({
  apiToken: optional(z.string()),
  channelName: optional(z.string()),
  datadogApiKey: optional(z.string()),
  datadogRegion: optional(z.enum(['US', 'EU', 'US3', 'US5', 'AP1', 'US1_FED'])),
  delayMin: optional(z.number().int()),
  emailAddress: optional(z.string()),
  emailEnabled: optional(z.boolean()),
  integrationId: optional(z.string()),
  intervalMin: optional(z.number().int()),
  microsoftTeamsWebhookUrl: optional(z.string()),
  mobileNumber: optional(z.string()),
  notificationToken: optional(z.string()),
  notifierId: optional(z.string()),
  opsGenieApiKey: optional(z.string()),
  opsGenieRegion: optional(z.enum(['US', 'EU'])),
  region: optional(z.enum(['US', 'EU'])),
  roles: optional(z.array(z.enum(NOTIFICATION_ROLES))),
  roomName: optional(z.string()),
  serviceKey: optional(z.string()),
  smsEnabled: optional(z.boolean()),
  teamId: optional(z.string()),
  teamName: optional(z.string()),
  typeName: z.enum(NOTIFICATION_TYPES),
  username: optional(z.string()),
  victorOpsApiKey: optional(z.string()),
  victorOpsRoutingKey: optional(z.string()),
  webhookSecret: optional(z.string()),
  webhookUrl: optional(z.string()),
});

const ThresholdInput = z.strictObject({
  operator: optional(z.enum(THRESHOLD_OPERATORS)),
  threshold: optional(z.number()),
  units: optional(z.string()),
});

const MetricThresholdInput = z.strictObject({
  metricName: z.string(),
  mode: optional(z.enum(['AVERAGE'])),
  operator: optional(z.enum(['LESS_THAN', 'GREATER_THAN'])),
  threshold: optional(z.number()),
  units: optional(z.string()),
});

/**
 * GroupAlertsConfig as sent (POST, PUT). `eventTypeName` is any string and
 * `notifications` optional here so that the sim answers Atlas's own codes
 * (INVALID_EVENT_TYPE_FOR_ALERT, MISSING_NOTIFICATIONS) rather than generic ones.
 */
export const AlertConfigInput = z.strictObject({
  created: readOnly,
  enabled: optional(z.boolean()),
  eventTypeName: z.string(),
  groupId: readOnly,
  id: readOnly,
  links: readOnly,
  matchers: optional(z.array(MatcherInput)),
  metricThreshold: optional(MetricThresholdInput),
  notifications: optional(z.array(NotificationInput)),
  severityOverride: optional(z.enum(SEVERITIES)),
  threshold: optional(ThresholdInput),
  updated: readOnly,
});

export const AlertsToggle = z.strictObject({ enabled: optional(z.boolean()) });

const Notification = z.strictObject({
  apiToken: z.string().optional(),
  channelName: z.string().optional(),
  datadogApiKey: z.string().optional(),
  datadogRegion: z.enum(['US', 'EU', 'US3', 'US5', 'AP1', 'US1_FED']).optional(),
  delayMin: z.number().int(),
  emailAddress: z.string().optional(),
  emailEnabled: z.boolean().optional(),
  integrationId: z.string().optional(),
  intervalMin: z.number().int(),
  microsoftTeamsWebhookUrl: z.string().optional(),
  mobileNumber: z.string().optional(),
  notificationToken: z.string().optional(),
  notifierId: ObjectId,
  opsGenieApiKey: z.string().optional(),
  opsGenieRegion: z.enum(['US', 'EU']).optional(),
  region: z.enum(['US', 'EU']).optional(),
  roles: z.array(z.enum(NOTIFICATION_ROLES)).optional(),
  roomName: z.string().optional(),
  serviceKey: z.string().optional(),
  smsEnabled: z.boolean().optional(),
  teamId: z.string().optional(),
  teamName: z.string().optional(),
  typeName: z.enum(NOTIFICATION_TYPES),
  username: z.string().optional(),
  victorOpsApiKey: z.string().optional(),
  victorOpsRoutingKey: z.string().optional(),
  webhookSecret: z.string().optional(),
  webhookUrl: z.string().optional(),
});

/** GroupAlertsConfig as Atlas returns it (recorded): alphabetical keys, threshold or metricThreshold only when set. */
export const AlertConfig = z.strictObject({
  created: AtlasDate,
  enabled: z.boolean(),
  eventTypeName: EventTypeName,
  groupId: ObjectId,
  id: ObjectId,
  links: Links,
  matchers: z.array(z.strictObject({ fieldName: z.string(), operator: z.enum(MATCHER_OPERATORS), value: z.string().optional() })),
  metricThreshold: z
    .strictObject({ metricName: z.string(), mode: z.enum(['AVERAGE']), operator: z.enum(['LESS_THAN', 'GREATER_THAN']), threshold: z.number(), units: Units })
    .optional(),
  notifications: z.array(Notification),
  severityOverride: z.enum(SEVERITIES).optional(),
  threshold: z.strictObject({ operator: z.enum(THRESHOLD_OPERATORS), threshold: z.number(), units: z.enum(THRESHOLD_UNITS).optional() }).optional(),
  updated: AtlasDate,
});

/** AlertViewForNdsGroup: the union of its branches' attributes (host, metric, replica set, cluster, ...). */
export const Alert = z.strictObject({
  acknowledgedUntil: AtlasDate.optional(),
  acknowledgementComment: z.string().optional(),
  acknowledgingUsername: z.string().optional(),
  alertConfigId: ObjectId,
  clusterName: z.string().optional(),
  created: AtlasDate,
  currentValue: z.strictObject({ number: z.number(), units: Units }).optional(),
  eventTypeName: EventTypeName,
  groupId: ObjectId,
  hostnameAndPort: z.string().optional(),
  id: ObjectId,
  instanceName: z.string().optional(),
  lastNotified: AtlasDate.optional(),
  links: Links,
  metricName: z.string().optional(),
  nonRunningHostIds: z.array(z.string()).optional(),
  orgId: ObjectId,
  parentClusterId: z.string().optional(),
  processorErrorMsg: z.string().optional(),
  processorName: z.string().optional(),
  processorState: z.string().optional(),
  replicaSetName: z.string().optional(),
  resolved: AtlasDate.optional(),
  status: z.enum(ALERT_STATUSES),
  updated: AtlasDate,
});

/** AcknowledgeAlert (2024-05-30). */
export const AcknowledgeAlert = z.strictObject({
  acknowledgedUntil: optional(DateTimeInput),
  acknowledgementComment: optional(z.string().max(200)),
  links: readOnly,
  unacknowledgeAlert: optional(z.boolean()),
});

const V = '2023-01-01';
const CONFIGS = '/api/atlas/v2/groups/{groupId}/alertConfigs';
const CONFIG = `${CONFIGS}/{alertConfigId}`;
const ALERTS = '/api/atlas/v2/groups/{groupId}/alerts';
const ALERT = `${ALERTS}/{alertId}`;
const READ = { scope: 'group', anyOf: ['GROUP_READ_ONLY'] } as const;
/** "Organization Owner or Project Owner": an Organization Owner is Project Owner of every project. */
const OWNER = { scope: 'group', anyOf: ['GROUP_OWNER'] } as const;
const STATUS_QUERY = { status: { type: 'string', enum: ['OPEN', 'TRACKING', 'CLOSED'] } } as const;

/** Alert configurations and alerts (wire-facts-wave2 §8). */
export const alertOperations = [
  {
    operationId: 'listAlertConfigurationMatchersFieldNames',
    method: 'GET',
    path: '/api/atlas/v2/alertConfigs/matchers/fieldNames',
    versions: [{ date: V, response: z.array(z.enum(MATCHER_FIELD_NAMES)) }],
    status: 200,
    rateLimit: 'alertMatchers',
    access: { scope: 'principal' },
  },
  {
    operationId: 'listAlertConfigurations',
    method: 'GET',
    path: CONFIGS,
    versions: [{ date: V, response: paginated(AlertConfig) }],
    status: 200,
    rateLimit: 'alerts',
    access: READ,
    paged: true,
    query: { ...PAGING_QUERY },
  },
  {
    operationId: 'createAlertConfiguration',
    method: 'POST',
    path: CONFIGS,
    versions: [{ date: V, request: AlertConfigInput, response: AlertConfig }],
    status: 201,
    rateLimit: 'alerts',
    access: OWNER,
  },
  {
    operationId: 'getAlertConfiguration',
    method: 'GET',
    path: CONFIG,
    versions: [{ date: V, response: AlertConfig }],
    status: 200,
    rateLimit: 'alerts',
    access: READ,
  },
  {
    operationId: 'updateAlertConfiguration',
    method: 'PUT',
    path: CONFIG,
    versions: [{ date: V, request: AlertConfigInput, response: AlertConfig }],
    status: 200,
    rateLimit: 'alerts',
    access: OWNER,
  },
  {
    operationId: 'toggleAlertConfiguration',
    method: 'PATCH',
    path: CONFIG,
    versions: [{ date: V, request: AlertsToggle, response: AlertConfig }],
    status: 200,
    rateLimit: 'alerts',
    access: OWNER,
  },
  {
    operationId: 'deleteAlertConfiguration',
    method: 'DELETE',
    path: CONFIG,
    versions: [{ date: V }],
    status: 204,
    rateLimit: 'alerts',
    access: OWNER,
  },
  {
    operationId: 'listAlertsByAlertConfigurationId',
    method: 'GET',
    path: `${CONFIG}/alerts`,
    versions: [{ date: V, response: paginated(Alert) }],
    status: 200,
    rateLimit: 'alerts',
    access: READ,
    paged: true,
    query: { ...PAGING_QUERY },
  },
  {
    operationId: 'listAlerts',
    method: 'GET',
    path: ALERTS,
    versions: [{ date: V, response: paginated(Alert) }],
    status: 200,
    rateLimit: 'alerts',
    access: READ,
    paged: true,
    query: { ...PAGING_QUERY, ...STATUS_QUERY },
  },
  {
    operationId: 'getAlert',
    method: 'GET',
    path: ALERT,
    versions: [{ date: V, response: Alert }],
    status: 200,
    rateLimit: 'alerts',
    access: READ,
  },
  {
    operationId: 'acknowledgeAlert',
    method: 'PATCH',
    path: ALERT,
    versions: [{ date: '2024-05-30', request: AcknowledgeAlert, response: Alert }],
    status: 200,
    rateLimit: 'alerts',
    access: OWNER,
  },
  {
    operationId: 'listAlertConfigurationsByAlertId',
    method: 'GET',
    path: `${ALERT}/alertConfigs`,
    versions: [{ date: V, response: paginated(AlertConfig) }],
    status: 200,
    rateLimit: 'alerts',
    access: READ,
    paged: true,
    query: { ...PAGING_QUERY },
  },
] as const satisfies readonly OperationSpec[];
