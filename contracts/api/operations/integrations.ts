import { z } from 'zod';
import type { OperationSpec } from '../operation.js';
import { PAGING_QUERY } from '../operation.js';
import { ObjectId, paginated } from '../schemas/common.js';
import { optional, readOnly } from '../schemas/input.js';
import { DATADOG_REGIONS, INTEGRATION_TYPES } from '../vocabulary.js';

/**
 * ThirdPartyIntegration as sent: the union of the document's per-type schemas. Which
 * attributes a type takes and needs is the sim's rule (INVALID_ATTRIBUTE for another
 * type's attribute, MISSING_ATTRIBUTE for a required one), so that the path's type
 * decides. `customEndpoint`, `sendQueryStatsMetrics`, `bodyTemplate` and
 * `headersTemplate` are attributes Atlas returns (recorded): accepted back.
 */
export const IntegrationInput = z.strictObject({
  accountId: optional(z.string()),
  apiKey: optional(z.string()),
  apiToken: optional(z.string()),
  bodyTemplate: readOnly,
  channelName: optional(z.string()),
  customEndpoint: readOnly,
  enabled: optional(z.boolean()),
  headersTemplate: readOnly,
  id: optional(z.string()),
  licenseKey: optional(z.string()),
  microsoftTeamsWebhookUrl: optional(z.string()),
  password: optional(z.string()),
  readToken: optional(z.string()),
  region: optional(z.enum(DATADOG_REGIONS)),
  routingKey: optional(z.string()),
  secret: optional(z.string()),
  sendCollectionLatencyMetrics: optional(z.boolean()),
  sendDatabaseMetrics: optional(z.boolean()),
  sendQueryStatsMetrics: optional(z.boolean()),
  sendUserProvidedResourceTags: optional(z.boolean()),
  serviceDiscovery: optional(z.enum(['http', 'file'])),
  serviceKey: optional(z.string()),
  teamName: optional(z.string()),
  type: optional(z.enum(INTEGRATION_TYPES)),
  url: optional(z.string()),
  username: optional(z.string()),
  writeToken: optional(z.string()),
});

/** An integration as Atlas returns it: secrets masked, `type` last (recorded). */
export const Integration = z.strictObject({
  apiKey: z.string().optional(),
  bodyTemplate: z.null().optional(),
  customEndpoint: z.null().optional(),
  headersTemplate: z.null().optional(),
  id: ObjectId,
  microsoftTeamsWebhookUrl: z.string().optional(),
  region: z.enum(DATADOG_REGIONS).optional(),
  routingKey: z.string().optional(),
  secret: z.string().optional(),
  sendCollectionLatencyMetrics: z.boolean().optional(),
  sendDatabaseMetrics: z.boolean().optional(),
  sendQueryStatsMetrics: z.boolean().optional(),
  sendUserProvidedResourceTags: z.boolean().optional(),
  serviceKey: z.string().optional(),
  type: z.enum(INTEGRATION_TYPES),
  url: z.string().optional(),
});

const V = '2023-01-01';
const LIST = '/api/atlas/v2/groups/{groupId}/integrations';
const ONE = `${LIST}/{integrationType}`;
/**
 * "You must have the Project Owner role to configure a third-party monitoring
 * integration" (Atlas for Government); the document says Organization Owner or Project
 * Owner, and an Organization Owner is Project Owner of every project.
 */
const OWNER = { scope: 'group', anyOf: ['GROUP_OWNER'] } as const;

/** Third-party service integrations (wire-facts-wave2 §9). */
export const integrationOperations = [
  {
    operationId: 'listThirdPartyIntegrations',
    method: 'GET',
    path: LIST,
    versions: [{ date: V, response: paginated(Integration) }],
    status: 200,
    rateLimit: 'integrations',
    access: OWNER,
    paged: true,
    query: { ...PAGING_QUERY },
  },
  {
    operationId: 'getThirdPartyIntegration',
    method: 'GET',
    path: ONE,
    versions: [{ date: V, response: Integration }],
    status: 200,
    rateLimit: 'integrations',
    access: OWNER,
  },
  {
    // Recorded: 200 with the list of every integration of the project, not the new one.
    operationId: 'createThirdPartyIntegration',
    method: 'POST',
    path: ONE,
    versions: [{ date: V, request: IntegrationInput, response: paginated(Integration) }],
    status: 200,
    rateLimit: 'integrations',
    access: OWNER,
    paged: true,
    query: { ...PAGING_QUERY },
  },
  {
    operationId: 'updateThirdPartyIntegration',
    method: 'PUT',
    path: ONE,
    versions: [{ date: V, request: IntegrationInput, response: paginated(Integration) }],
    status: 200,
    rateLimit: 'integrations',
    access: OWNER,
    paged: true,
    query: { ...PAGING_QUERY },
  },
  {
    operationId: 'deleteThirdPartyIntegration',
    method: 'DELETE',
    path: ONE,
    versions: [{ date: V }],
    status: 204,
    rateLimit: 'integrations',
    access: OWNER,
  },
] as const satisfies readonly OperationSpec[];
