/** Small hand-written OpenAPI 3.0 documents for the unit tests. */
import { OpenApiDocument, type JsonObject } from '../../../../contracts/harness/openapi/document.js';

const V = 'application/vnd.atlas.2023-01-01+json';

/** A document whose `components.schemas` are `schemas` and with one GET /things/{id} per schema. */
export function docWithSchemas(schemas: Record<string, JsonObject>): OpenApiDocument {
  return new OpenApiDocument({ openapi: '3.0.1', info: { title: 't', version: '1' }, paths: {}, components: { schemas } });
}

const ok = (schema: JsonObject, media = V): JsonObject => ({ description: 'OK', content: { [media]: { schema } } });

/** A small API shaped like Atlas: versioned media types, ApiError, static-vs-parameter paths, `:action` suffixes. */
export function miniAtlas(): OpenApiDocument {
  return new OpenApiDocument({
    openapi: '3.0.1',
    info: { title: 'mini', version: '2.0' },
    components: {
      responses: {
        notFound: { description: 'Not Found', content: { 'application/json': { schema: { $ref: '#/components/schemas/ApiError' } } } },
      },
      schemas: {
        ApiError: {
          type: 'object',
          required: ['error', 'errorCode'],
          properties: {
            detail: { type: 'string' },
            error: { type: 'integer', format: 'int32', readOnly: true },
            errorCode: { type: 'string', readOnly: true },
            reason: { type: 'string', readOnly: true },
          },
        },
        Group: {
          type: 'object',
          required: ['name', 'orgId', 'id'],
          properties: {
            id: { type: 'string', readOnly: true, pattern: '^[a-f0-9]{24}$' },
            name: { type: 'string' },
            orgId: { type: 'string' },
            withDefaultAlertsSettings: { type: 'boolean', writeOnly: true },
            links: { type: 'array', readOnly: true, items: { $ref: '#/components/schemas/Link' } },
          },
        },
        Link: { type: 'object', properties: { href: { type: 'string' }, rel: { type: 'string' } } },
        PaginatedGroups: {
          type: 'object',
          properties: {
            results: { type: 'array', items: { $ref: '#/components/schemas/Group' } },
            totalCount: { type: 'integer', minimum: 0 },
          },
        },
        Cluster: { type: 'object', required: ['name'], properties: { name: { type: 'string' }, paused: { type: 'boolean' } } },
      },
    },
    paths: {
      '/api/atlas/v2/groups': {
        get: { operationId: 'listProjects', responses: { 200: ok({ $ref: '#/components/schemas/PaginatedGroups' }) } },
        post: {
          operationId: 'createProject',
          requestBody: { required: true, content: { [V]: { schema: { $ref: '#/components/schemas/Group' } } } },
          responses: { 200: ok({ $ref: '#/components/schemas/Group' }), 404: { $ref: '#/components/responses/notFound' } },
        },
      },
      '/api/atlas/v2/groups/{groupId}': {
        parameters: [{ name: 'groupId', in: 'path', required: true, schema: { type: 'string' } }],
        get: { operationId: 'getProject', responses: { 200: ok({ $ref: '#/components/schemas/Group' }), 404: { $ref: '#/components/responses/notFound' } } },
        delete: {
          operationId: 'deleteProject',
          responses: { 204: { description: 'No body', content: { [V]: { 'x-xgen-version': '2023-01-01' } } } },
        },
      },
      '/api/atlas/v2/groups/byName/{groupName}': {
        get: { operationId: 'getProjectByName', responses: { 200: ok({ $ref: '#/components/schemas/Group' }) } },
      },
      '/api/atlas/v2/groups/{groupId}/accessList/{entryValue}': {
        get: { operationId: 'getAccessListEntry', responses: { 200: ok({ type: 'object' }) } },
      },
      '/api/atlas/v2/groups/{groupId}/clusters/{clusterName}': {
        get: {
          operationId: 'getCluster',
          responses: {
            200: ok({ $ref: '#/components/schemas/Cluster' }, 'application/vnd.atlas.2024-08-05+json'),
            default: { description: 'error', content: { 'application/json': { schema: { $ref: '#/components/schemas/ApiError' } } } },
          },
        },
      },
      '/api/atlas/v2/groups/{groupId}/clusters/{clusterName}:pinFeatureCompatibilityVersion': {
        post: { operationId: 'pinFcv', responses: { 204: { description: 'none' } } },
      },
      '/api/atlas/v2/groups/{groupId}/clusters/{hostName}/logs/{logName}.gz': {
        get: { operationId: 'downloadLog', responses: { 200: { description: 'gz', content: { 'application/vnd.atlas.2023-02-01+gzip': { schema: { type: 'string', format: 'binary' } } } } } },
      },
      '/api/atlas/v2/orgs/{orgId}/serviceAccounts/{clientId}:invite': {
        post: { operationId: 'inviteSa', responses: { 200: ok({ type: 'object' }) } },
      },
      '/api/atlas/v2/orgs/{orgId}/serviceAccounts/{clientId}': {
        get: { operationId: 'getSa', responses: { 200: ok({ type: 'object' }) } },
      },
      '/api/atlas/v2/groups/{groupId}/databaseUsers/{databaseName}/{username}': {
        get: { operationId: 'getDatabaseUser', responses: { 200: ok({ type: 'object' }) } },
      },
    },
  });
}
