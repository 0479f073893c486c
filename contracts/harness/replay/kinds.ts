/**
 * How the replay recreates the state a recording implies, per kind of resource: the one
 * table to extend when an operation on a new kind of resource is simulated.
 *
 * A kind is named by the path of one resource (`itemPath`); its own path parameters are
 * the ones after its parent's. For a recording, every kind whose item path is a prefix
 * of the operation's path is made to exist (parents first), unless the recorded error
 * says it does not (`notFound`). A list recording makes its items exist (`identify`
 * reads a recorded item). Kinds create through the API, with the catalog operation they
 * name, so that what they make is what a client could make; the organization is the
 * replay's tenant.
 */
import type { OperationSpec } from '../../api/operation.js';
import type { AtlasClient, HttpResponse } from '../client/http.js';
import { contractJsonSchema, pickDescribed, type JsonSchema } from '../jsonSchema.js';
import { govResource } from './gov.js';

export interface SetupContext {
  api: AtlasClient;
  catalog: readonly OperationSpec[];
  orgId: string;
  /** Simulator values of the path parameters resolved so far (parents). */
  params: Record<string, string>;
  /** Lets every pending lifecycle finish (a recorded IDLE cluster must be IDLE), moving the clock no further than that. */
  settle(): Promise<void>;
  /** Recorded id → simulator id, for ids that appear in request bodies. */
  ids: Map<string, string>;
  /** Attributes the recorded error implies for the resource being made (see `impliedBy`). */
  implied?: Record<string, unknown>;
}

/** The state cannot be made because an operation it needs is not simulated (yet). */
export class SetupUnavailable extends Error {}

export interface ResourceKind {
  name: string;
  /** Path template of one resource; its last parameters (after the parent's) identify it. */
  itemPath: string;
  /** Error codes meaning the recorded resource does not exist: it is then not created. */
  notFound: readonly string[];
  /** The identifying parameter values of a recorded list item or resource. */
  identify(item: Record<string, unknown>): Record<string, string> | undefined;
  /**
   * Makes the resource exist and returns the simulator's values of its parameters.
   * `recorded` is the recorded representation when the recording shows one.
   */
  ensure(ctx: SetupContext, values: Record<string, string>, recorded?: Record<string, unknown>): Promise<Record<string, string>>;
  /**
   * Completes a create request body derived from a recorded resource (what responses
   * never show, e.g. passwords; one of two equivalent fields). The body is an array for
   * operations that create several at once.
   */
  completeCreate?(body: unknown, ctx: SetupContext): unknown;
  /** Turns a recorded view into the shape a create request has, before the contract picks from it (roles as objects → names). */
  fromView?(recorded: unknown): unknown;
  /**
   * State a recorded error implies about the resource it names: attributes to create it
   * with (deleting a cluster refused for termination protection means it had it on).
   */
  impliedBy?: Readonly<Record<string, Record<string, unknown>>>;
  /** Other resources a create body of this kind refers to, which must exist first (a user scoped to a cluster). */
  requires?(body: Record<string, unknown>): Array<{ kind: string; values: Record<string, string> }>;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/**
 * API keys show their roles as `{orgId|groupId, roleName}`; a request names them, an
 * organization key's create its organization roles, a project key's its project roles.
 */
function apiKeyRoleNames(scope: 'orgId' | 'groupId') {
  return (body: unknown): unknown => {
    if (!body || typeof body !== 'object' || Array.isArray(body)) return body;
    const b = body as Record<string, unknown>;
    if (!Array.isArray(b.roles)) return b;
    const roles = b.roles.filter((r) => !r || typeof r !== 'object' || scope in r).map((r) => (r && typeof r === 'object' ? (r as { roleName?: unknown }).roleName : r));
    return { ...b, roles: [...new Set(roles)] };
  };
}

/** The view shows both ipAddress and cidrBlock of an address; a request names one (wire-facts, access-list entry). */
function oneAddress(body: unknown): unknown {
  if (!Array.isArray(body)) return body;
  return body.map((e: Record<string, unknown>) => {
    if (typeof e?.ipAddress !== 'string' || typeof e.cidrBlock !== 'string') return e;
    const { cidrBlock, ipAddress, ...rest } = e;
    return (cidrBlock as string).endsWith('/32') ? { ...rest, ipAddress } : { ...rest, cidrBlock };
  });
}

/** Records that the recorded id stands for the new one, and returns it as the parameter value. */
function ownId(ctx: SetupContext, recorded: string | undefined, id: string, param: string): Record<string, string> {
  if (recorded) ctx.ids.set(recorded, id);
  return { [param]: id };
}

/** Calls a catalog operation (newest version) and insists on success. */
export async function callOperation(ctx: SetupContext, operationId: string, params: Record<string, string>, body?: unknown): Promise<HttpResponse> {
  const op = ctx.catalog.find((o) => o.operationId === operationId);
  if (!op) throw new SetupUnavailable(`needs ${operationId}, which the simulator does not serve yet`);
  const path = op.path.replace('/api/atlas/v2', '').replace(/\{(\w+)\}/g, (_m, n: string) => {
    const v = params[n];
    if (v === undefined) throw new Error(`${operationId} needs path parameter ${n}`);
    return encodeURIComponent(v);
  });
  const version = op.versions[op.versions.length - 1]!;
  const res = await ctx.api.call(op.method, path, { version: version.date, ...(body !== undefined && { body }) });
  if (res.status >= 300) throw new Error(`setting up with ${operationId} failed: ${res.status} ${res.text.slice(0, 300)}`);
  return res;
}

/** A create body from a recorded resource: only what the create contract describes, made Gov-valid. */
export function createBodyFrom(ctx: SetupContext, operationId: string, recorded: Record<string, unknown> | undefined, fallback: Record<string, unknown>): Record<string, unknown> {
  const op = ctx.catalog.find((o) => o.operationId === operationId);
  const request = op?.versions[op.versions.length - 1]?.request;
  if (!recorded || !request) return fallback;
  const schema = contractJsonSchema(request, 'input');
  // Operations that create several at once take an array: one resource is one of its items.
  const one = schema.type === 'array' && schema.items && typeof schema.items === 'object' ? { ...(schema.items as JsonSchema), $defs: schema.$defs } : schema;
  const picked = pickDescribed(replaceIds(recorded, ctx.ids), one) as Record<string, unknown>;
  return { ...fallback, ...(govResource(picked) as Record<string, unknown>) };
}

/** Replaces recorded ids by the simulator's in a value. */
export function replaceIds(value: unknown, ids: ReadonlyMap<string, string>): unknown {
  if (typeof value === 'string') return ids.get(value) ?? value;
  if (Array.isArray(value)) return value.map((v) => replaceIds(v, ids));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaceIds(v, ids)]));
  return value;
}

export const RESOURCE_KINDS: readonly ResourceKind[] = [
  {
    name: 'organization',
    itemPath: '/api/atlas/v2/orgs/{orgId}',
    notFound: ['ORG_NOT_FOUND', 'INVALID_ORG_ID'],
    identify: (item) => (str(item.id) ? { orgId: str(item.id)! } : undefined),
    // The replay's tenant is the organization; a principal sees no other.
    ensure: async (ctx, values) => {
      if (values.orgId) ctx.ids.set(values.orgId, ctx.orgId);
      return { orgId: ctx.orgId };
    },
  },
  {
    name: 'project',
    itemPath: '/api/atlas/v2/groups/{groupId}',
    notFound: ['GROUP_NOT_FOUND', 'INVALID_GROUP_ID'],
    identify: (item) => (str(item.id) ? { groupId: str(item.id)! } : undefined),
    ensure: async (ctx, values, recorded) => {
      const known = values.groupId && ctx.ids.get(values.groupId);
      if (known) return { groupId: known };
      const body = createBodyFrom(ctx, 'createProject', recorded, { name: str(recorded?.name) ?? `replay-${ctx.ids.size}`, orgId: ctx.orgId });
      const res = await callOperation(ctx, 'createProject', {}, { ...body, orgId: ctx.orgId });
      const id = (res.json as { id: string }).id;
      if (values.groupId) ctx.ids.set(values.groupId, id);
      return { groupId: id };
    },
  },
  {
    name: 'project by name',
    itemPath: '/api/atlas/v2/groups/byName/{groupName}',
    notFound: ['GROUP_NAME_NOT_FOUND'],
    identify: (item) => (str(item.name) ? { groupName: str(item.name)! } : undefined),
    ensure: async (ctx, values) => {
      await callOperation(ctx, 'createProject', {}, { name: values.groupName, orgId: ctx.orgId });
      return { groupName: values.groupName! };
    },
  },
  {
    name: 'cluster',
    itemPath: '/api/atlas/v2/groups/{groupId}/clusters/{clusterName}',
    notFound: ['CLUSTER_NOT_FOUND'],
    impliedBy: { CANNOT_TERMINATE_CLUSTER_WHEN_TERMINATION_PROTECTION_ENABLED: { terminationProtectionEnabled: true } },
    identify: (item) => (str(item.name) ? { clusterName: str(item.name)! } : undefined),
    ensure: async (ctx, values, recorded) => {
      const minimal = {
        name: values.clusterName,
        clusterType: 'REPLICASET',
        replicationSpecs: [{ regionConfigs: [{ providerName: 'AWS', regionName: 'US_EAST_1', priority: 7, electableSpecs: { instanceSize: 'M30', nodeCount: 3 } }] }],
      };
      await callOperation(ctx, 'createCluster', ctx.params, { ...createBodyFrom(ctx, 'createCluster', recorded, minimal), ...ctx.implied, name: values.clusterName });
      // Only a recording of a cluster still being created shows it before its hosts exist;
      // an UPDATING one was IDLE (with hosts) before the update that the replay repeats.
      if (str(recorded?.stateName) !== 'CREATING') await ctx.settle();
      return { clusterName: values.clusterName! };
    },
  },
  {
    // Every recording under a cluster's /backup had cloud backup on.
    name: 'cloud backup',
    itemPath: '/api/atlas/v2/groups/{groupId}/clusters/{clusterName}/backup',
    notFound: ['BACKUP_CONFIG_NOT_FOUND'],
    identify: () => ({}),
    ensure: async (ctx) => {
      await callOperation(ctx, 'updateCluster', ctx.params, { backupEnabled: true });
      await ctx.settle();
      return {};
    },
  },
  {
    name: 'database user',
    itemPath: '/api/atlas/v2/groups/{groupId}/databaseUsers/{databaseName}/{username}',
    notFound: ['USERNAME_NOT_FOUND', 'USER_NOT_FOUND'],
    requires: (body) =>
      (Array.isArray(body.scopes) ? body.scopes : [])
        .filter((x): x is { name: string; type: string } => !!x && typeof x === 'object' && (x as { type?: unknown }).type === 'CLUSTER' && typeof (x as { name?: unknown }).name === 'string')
        .map((x) => ({ kind: 'cluster', values: { clusterName: x.name } })),
    identify: (item) => (str(item.username) ? { databaseName: str(item.databaseName) ?? 'admin', username: str(item.username)! } : undefined),
    completeCreate: (body) => {
      if (!body || typeof body !== 'object' || Array.isArray(body)) return body;
      const b = body as Record<string, unknown>;
      const external = ['x509Type', 'awsIAMType', 'ldapAuthType', 'oidcAuthType'].some((k) => b[k] !== undefined && b[k] !== 'NONE');
      return external ? b : { password: 'Replay-passw0rd-1234', ...b };
    },
    async ensure(ctx, values, recorded) {
      const body = createBodyFrom(ctx, 'createDatabaseUser', recorded, {
        databaseName: values.databaseName,
        username: values.username,
        groupId: ctx.params.groupId,
        roles: [{ databaseName: 'admin', roleName: 'readWriteAnyDatabase' }],
      });
      const complete = this.completeCreate!({ ...body, groupId: ctx.params.groupId }, ctx) as Record<string, unknown>;
      await ensureRequired(ctx, this, complete);
      await callOperation(ctx, 'createDatabaseUser', ctx.params, complete);
      return { databaseName: values.databaseName!, username: values.username! };
    },
  },
  {
    name: 'IP access list entry',
    itemPath: '/api/atlas/v2/groups/{groupId}/accessList/{entryValue}',
    notFound: ['ATLAS_NETWORK_PERMISSION_ENTRY_NOT_FOUND', 'ATLAS_WHITELIST_NOT_FOUND'],
    identify: (item) => (str(item.cidrBlock) ?? str(item.ipAddress) ? { entryValue: (str(item.cidrBlock) ?? str(item.ipAddress))! } : undefined),
    completeCreate: oneAddress,
    async ensure(ctx, values, recorded) {
      const v = values.entryValue!;
      const entry = { ...createBodyFrom(ctx, 'createProjectIpAccessList', recorded, {}), ...(v.includes('/') ? { cidrBlock: v } : { ipAddress: v }) };
      await callOperation(ctx, 'createProjectIpAccessList', ctx.params, this.completeCreate!([entry], ctx));
      return { entryValue: v };
    },
  },
  {
    name: 'organization API key',
    itemPath: '/api/atlas/v2/orgs/{orgId}/apiKeys/{apiUserId}',
    notFound: ['API_KEY_NOT_FOUND', 'INVALID_KEY_ID'],
    identify: (item) => (str(item.id) ? { apiUserId: str(item.id)! } : undefined),
    fromView: apiKeyRoleNames('orgId'),
    async ensure(ctx, values, recorded) {
      const body = createBodyFrom(ctx, 'createApiKey', this.fromView!(recorded) as Record<string, unknown> | undefined, { desc: str(recorded?.desc) ?? 'replay', roles: ['ORG_MEMBER'] });
      const res = await callOperation(ctx, 'createApiKey', ctx.params, body);
      return ownId(ctx, values.apiUserId, (res.json as { id: string }).id, 'apiUserId');
    },
  },
  {
    name: 'project API key',
    itemPath: '/api/atlas/v2/groups/{groupId}/apiKeys/{apiUserId}',
    notFound: ['API_KEY_NOT_FOUND', 'INVALID_KEY_ID'],
    identify: (item) => (str(item.id) ? { apiUserId: str(item.id)! } : undefined),
    fromView: apiKeyRoleNames('groupId'),
    async ensure(ctx, values, recorded) {
      const known = values.apiUserId && ctx.ids.get(values.apiUserId);
      if (known) return { apiUserId: known };
      const body = createBodyFrom(ctx, 'createProjectApiKey', this.fromView!(recorded) as Record<string, unknown> | undefined, { desc: str(recorded?.desc) ?? 'replay', roles: ['GROUP_READ_ONLY'] });
      const res = await callOperation(ctx, 'createProjectApiKey', ctx.params, body);
      return ownId(ctx, values.apiUserId, (res.json as { id: string }).id, 'apiUserId');
    },
  },
  {
    name: 'API key access list entry',
    itemPath: '/api/atlas/v2/orgs/{orgId}/apiKeys/{apiUserId}/accessList/{ipAddress}',
    notFound: ['API_KEY_WHITELIST_NOT_FOUND'],
    completeCreate: oneAddress,
    identify: (item) => (str(item.cidrBlock) ?? str(item.ipAddress) ? { ipAddress: (str(item.ipAddress) ?? str(item.cidrBlock))! } : undefined),
    ensure: async (ctx, values) => {
      const v = values.ipAddress!;
      await callOperation(ctx, 'createApiKeyAccessList', ctx.params, [v.includes('/') ? { cidrBlock: v } : { ipAddress: v }]);
      return { ipAddress: v };
    },
  },
];

/** Makes the resources a create body refers to exist (see `requires`), in the same parent. */
export async function ensureRequired(ctx: SetupContext, kind: ResourceKind, body: Record<string, unknown>, kinds: readonly ResourceKind[] = RESOURCE_KINDS): Promise<void> {
  for (const need of kind.requires?.(body) ?? []) {
    const other = kinds.find((k) => k.name === need.kind);
    if (!other) throw new SetupUnavailable(`no resource kind ${need.kind}`);
    await other.ensure({ ...ctx, implied: {} }, need.values);
  }
}

/** Parameters of a template, in order. */
export const templateParams = (template: string): string[] => [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);

/** The kinds a path involves, parents first (their item paths are prefixes of it). */
export function kindsAlong(path: string, kinds: readonly ResourceKind[] = RESOURCE_KINDS): ResourceKind[] {
  return kinds.filter((k) => path === k.itemPath || path.startsWith(`${k.itemPath}/`) || path.startsWith(`${k.itemPath}:`)).sort((a, b) => a.itemPath.length - b.itemPath.length);
}

/** The kind whose collection (its item path without its own parameters) is `path`. */
export function kindOfCollection(path: string, kinds: readonly ResourceKind[] = RESOURCE_KINDS): ResourceKind | undefined {
  return kinds.find((k) => collectionOf(k) === path);
}

/** The item path without the kind's own trailing parameter segments. */
export function collectionOf(k: ResourceKind): string {
  return k.itemPath.replace(/(\/\{\w+\})+$/, '');
}
