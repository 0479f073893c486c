import { z } from 'zod';
import type { OperationSpec } from '../operation.js';
import { PAGING_QUERY } from '../operation.js';
import { AtlasDate, Links, ObjectId, paginated } from '../schemas/common.js';

/**
 * The events feeds (2023-01-01), shaped as recorded (`recorded/generic/events`): common
 * keys, then the fields of the event's type, all in alphabetical order. The type-specific
 * keys are the union the 2026-08 document lists for EventViewForOrg and
 * EventViewForNdsGroup, plus `clusterName` (recorded, missing from that union).
 */
const typeField = z.unknown().optional();
const TYPE_FIELDS = [
  'alertConfigId',
  'alertId',
  'clusterName',
  'collection',
  'currentValue',
  'database',
  'dbUserUsername',
  'endpointId',
  'fromTier',
  'hostname',
  'instanceName',
  'invoiceId',
  'metricName',
  'opType',
  'paymentId',
  'port',
  'processorErrorMsg',
  'processorName',
  'processorState',
  'providerEndpointId',
  'reason',
  'region',
  'replicaSetName',
  'resourceId',
  'resourcePolicyId',
  'resourceType',
  'shardName',
  'targetPublicKey',
  'targetUsername',
  'teamId',
  'toTier',
  'violatedPolicies',
  'violationAction',
  'whitelistEntry',
] as const;

export const EventView = z.strictObject({
  apiKeyId: ObjectId.optional(),
  created: AtlasDate,
  eventTypeName: z.string().regex(/^[A-Z][A-Z0-9_]*$/),
  groupId: ObjectId.optional(),
  id: ObjectId,
  isGlobalAdmin: z.literal(false),
  links: Links,
  orgId: ObjectId.optional(),
  publicKey: z.string().optional(),
  remoteAddress: z.string().optional(),
  ...Object.fromEntries(TYPE_FIELDS.map((f) => [f, typeField])),
});

const FEED_QUERY = {
  ...PAGING_QUERY,
  eventType: { type: 'string', multi: true },
  includeRaw: { type: 'boolean', default: false },
  maxDate: { type: 'string' },
  minDate: { type: 'string' },
} as const;

/** EventTypeDetails: one event type, with a sentence and whether alerts can watch it. */
export const EventTypeDetails = z.strictObject({ alertable: z.boolean(), description: z.string(), eventType: z.string() });

const V = '2023-01-01';

export const eventOperations = [
  {
    operationId: 'listOrganizationEvents',
    method: 'GET',
    path: '/api/atlas/v2/orgs/{orgId}/events',
    versions: [{ date: V, response: paginated(EventView) }],
    status: 200,
    rateLimit: 'orgEvents',
    access: { scope: 'org', anyOf: ['ORG_MEMBER'] },
    paged: true,
    query: FEED_QUERY,
  },
  {
    operationId: 'getOrganizationEvent',
    method: 'GET',
    path: '/api/atlas/v2/orgs/{orgId}/events/{eventId}',
    versions: [{ date: V, response: EventView }],
    status: 200,
    rateLimit: 'orgEvents',
    access: { scope: 'org', anyOf: ['ORG_MEMBER'] },
    query: { includeRaw: { type: 'boolean', default: false } },
  },
  {
    operationId: 'listProjectEvents',
    method: 'GET',
    path: '/api/atlas/v2/groups/{groupId}/events',
    versions: [{ date: V, response: paginated(EventView) }],
    status: 200,
    rateLimit: 'groupEvents',
    access: { scope: 'group', anyOf: ['GROUP_READ_ONLY'] },
    paged: true,
    query: {
      ...FEED_QUERY,
      clusterNames: { type: 'string', multi: true },
      excludedEventType: { type: 'string', multi: true },
    },
  },
  {
    operationId: 'getProjectEvent',
    method: 'GET',
    path: '/api/atlas/v2/groups/{groupId}/events/{eventId}',
    versions: [{ date: V, response: EventView }],
    status: 200,
    rateLimit: 'groupEvents',
    access: { scope: 'group', anyOf: ['GROUP_READ_ONLY'] },
    query: { includeRaw: { type: 'boolean', default: false } },
  },
  {
    // Any caller: the list is the same for everyone.
    operationId: 'listEventTypes',
    method: 'GET',
    path: '/api/atlas/v2/eventTypes',
    versions: [{ date: V, response: paginated(EventTypeDetails) }],
    status: 200,
    rateLimit: null,
    access: { scope: 'principal' },
    paged: true,
    query: PAGING_QUERY,
  },
] as const satisfies readonly OperationSpec[];
