import { z } from 'zod';
import { ERROR_CATALOG, type ErrorCode } from '../../contracts/api/errorCatalog.js';
import { OBJECT_ID } from '../sim/ids.js';
import { AtlasError } from '../sim/errors.js';
import { LIFECYCLE_KINDS, type ManualFilter } from '../sim/lifecycle.js';
import { databaseUserInternals } from '../sim/databaseUsers.js';
import { tenantCredentials, type TenantCredentials } from '../sim/tenants.js';
import { WORLD_STATE_FORMAT, type WorldState } from '../sim/world.js';
import { ENDPOINT_SETS } from '../../contracts/api/rateLimits.js';
import { parseJsonBody, validateBody } from '../wire/body.js';
import type { Dispatcher } from '../wire/dispatcher.js';
import { renderJson } from '../wire/json.js';
import type { WireRequest, WireResponse } from '../wire/message.js';
import { flag } from '../wire/query.js';
import type { Simulation } from '../simulation.js';
import { SIMULATOR_VERSION } from '../version.js';
import { alertConditionRoutes } from './alertConditions.js';

/** Everything under this prefix is the simulator's own API, never an Atlas path. */
export const CONTROL_PREFIX = '/_mock';

export interface Input {
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
}

/** One task of the control plane: a method, a path, a sentence of docs, and what it does. */
export interface ControlRoute {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  summary: string;
  /** Request body contract; absent means the route takes no body. */
  body?: z.ZodType;
  /** Success status; 204 answers no body. */
  status?: number;
  handle(input: Input): unknown;
}

const Seconds = z.number().finite().nonnegative();
const Delay = z.union([Seconds, z.literal('manual')]);

const TenantInput = z.strictObject({
  name: z.string().min(1).max(64).optional(),
  secretExpiresAfterHours: z.number().int().positive().max(24 * 365 * 100).optional(),
});

const FaultInput = z.strictObject({
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']).optional(),
  path: z.string().min(1).max(1000),
  errorCode: z
    .string()
    .refine((c) => c in ERROR_CATALOG, { message: 'unknown errorCode' })
    .transform((c) => c as ErrorCode)
    .optional(),
  params: z.array(z.unknown()).max(20).optional(),
  latencyMs: z.number().int().nonnegative().max(60_000).optional(),
  count: z.number().int().positive().optional(),
});

const StateInput = z.looseObject({
  format: z.literal(WORLD_STATE_FORMAT),
  clockMs: z.number(),
  random: z.array(z.number()).length(4),
  ids: z.strictObject({ machine: z.string().regex(/^[a-f0-9]{10}$/), counter: z.number().int().nonnegative() }),
  lifecycle: z.record(z.string(), Delay),
  slices: z.record(z.string(), z.unknown()),
  defaultTenantOrgId: z.string().optional(),
});

const EndpointSetOverride = z.strictObject({
  capacity: z.number().int().positive().optional(),
  refill: z.number().positive().optional(),
});

function orgIdParam(value: string | undefined): string {
  if (!value || !OBJECT_ID.test(value)) throw new AtlasError('INVALID_ORG_ID', [value ?? '']);
  return value;
}

function groupIdParam(value: string | undefined): string {
  if (!value || !OBJECT_ID.test(value)) throw new AtlasError('INVALID_GROUP_ID', [value ?? '']);
  return value;
}

function timeParam(query: URLSearchParams, name: string): number | undefined {
  const raw = query.get(name);
  if (raw === null) return undefined;
  const ms = /^\d+$/.test(raw) ? Number(raw) : Date.parse(raw);
  if (!Number.isFinite(ms)) throw new AtlasError('INVALID_QUERY_PARAMETER', [name]);
  return ms;
}

/** Plain JSON answer with a status other than 200. */
class Answer {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly contentType = 'application/json',
  ) {}
}

/**
 * The control plane under `/_mock/`: health, tenants, reset, clock, state export and
 * import, lifecycle delays, fault injection, rate limits, the request journal and the
 * audit log. A table of small tasks; errors use the Atlas error format.
 */
export class ControlPlane {
  readonly routes: ControlRoute[];

  constructor(private readonly sim: Simulation) {
    this.routes = this.#table();
  }

  tenantCredentials(orgId: string): TenantCredentials {
    return tenantCredentials(this.sim.world, orgId);
  }

  mount(dispatcher: Dispatcher): void {
    for (const route of this.routes) {
      dispatcher.route(route.method, route.path, (req, _path, search, params) => this.#run(route, req, search, params));
    }
  }

  #run(route: ControlRoute, req: WireRequest, search: URLSearchParams, params: Record<string, string>): WireResponse {
    const body = route.body ? validateBody(route.body, req.body && req.body.length ? parseJsonBody(req.body) : {}) : undefined;
    const result = route.handle({ params, query: search, body });
    const answer = result instanceof Answer ? result : new Answer(route.status ?? 200, result);
    const headers: Record<string, string> = { Date: new Date(this.sim.clock.now()).toUTCString(), 'Cache-Control': 'no-store' };
    if (answer.status === 204 || answer.body === undefined) return { status: answer.status, headers, body: null };
    headers['Content-Type'] = answer.contentType;
    const text = typeof answer.body === 'string' ? answer.body : renderJson(answer.body, flag(search, 'pretty'));
    return { status: answer.status, headers, body: text };
  }

  #table(): ControlRoute[] {
    const sim = this.sim;
    const P = CONTROL_PREFIX;
    return [
      {
        method: 'GET',
        path: P,
        summary: 'This index of control-plane routes.',
        handle: () => ({ routes: this.routes.map((r) => ({ method: r.method, path: r.path, summary: r.summary })) }),
      },
      {
        method: 'GET',
        path: `${P}/health`,
        summary: 'Liveness: status, version, seed, clock and default organization.',
        handle: () => ({
          status: 'ok',
          version: SIMULATOR_VERSION,
          seed: sim.seed,
          clock: sim.clock.snapshot(),
          defaultOrgId: sim.defaultTenant?.orgId ?? null,
          organizations: sim.world.orgs.size,
        }),
      },
      {
        method: 'GET',
        path: `${P}/tenants`,
        summary: 'Organizations in the simulation.',
        handle: () => sim.world.orgs.list().map((o) => ({ orgId: o.id, name: o.name, tenant: o.tenant !== undefined })),
      },
      {
        method: 'POST',
        path: `${P}/tenants`,
        summary: 'Creates an isolated tenant (organization, ORG_OWNER service account and API key) and returns its credentials. Body: {name?, secretExpiresAfterHours?}.',
        body: TenantInput,
        status: 201,
        handle: ({ body }) => sim.createTenant(body as z.infer<typeof TenantInput>),
      },
      {
        method: 'GET',
        path: `${P}/tenants/{orgId}`,
        summary: 'Credentials of a tenant.',
        handle: ({ params }) => this.tenantCredentials(orgIdParam(params.orgId)),
      },
      {
        method: 'DELETE',
        path: `${P}/tenants/{orgId}`,
        summary: 'Removes a tenant and everything in it.',
        status: 204,
        handle: ({ params }) => {
          const orgId = orgIdParam(params.orgId);
          if (!sim.world.dropOrg(orgId)) throw new AtlasError('ORG_NOT_FOUND', [orgId]);
          if (sim.defaultTenant?.orgId === orgId) sim.defaultTenant = null;
          sim.persist();
        },
      },
      {
        method: 'POST',
        path: `${P}/reset`,
        summary: 'Resets everything to the start state, or with {orgId} empties one tenant (its credentials stay).',
        body: z.strictObject({ orgId: z.string().optional() }),
        status: 204,
        handle: ({ body }) => {
          const { orgId } = body as { orgId?: string };
          if (orgId === undefined) sim.reset();
          else sim.resetTenant(orgIdParam(orgId));
        },
      },
      {
        method: 'GET',
        path: `${P}/clock`,
        summary: 'The simulation clock: mode and current instant.',
        handle: () => sim.clock.snapshot(),
      },
      {
        method: 'POST',
        path: `${P}/clock/advance`,
        summary: 'Moves the clock forward. Body: {seconds}.',
        body: z.strictObject({ seconds: Seconds }),
        handle: ({ body }) => {
          sim.advance((body as { seconds: number }).seconds);
          sim.persist();
          return sim.clock.snapshot();
        },
      },
      {
        method: 'PUT',
        path: `${P}/clock`,
        summary: 'Sets the clock. Body: {now} as ISO-8601 or epoch milliseconds.',
        body: z.strictObject({ now: z.union([z.string(), z.number()]) }),
        handle: ({ body }) => {
          const now = (body as { now: string | number }).now;
          const ms = typeof now === 'number' ? now : Date.parse(now);
          if (!Number.isFinite(ms)) throw new AtlasError('INVALID_ATTRIBUTE', ['now']);
          sim.clock.set(ms);
          sim.persist();
          return sim.clock.snapshot();
        },
      },
      {
        method: 'GET',
        path: `${P}/state`,
        summary: 'Exports the whole state as JSON (import it with PUT).',
        handle: () => sim.exportState(),
      },
      {
        method: 'PUT',
        path: `${P}/state`,
        summary: 'Replaces the whole state with an export. All or nothing: a bad export changes nothing.',
        body: StateInput,
        status: 204,
        handle: ({ body }) => {
          try {
            sim.importState(body as WorldState);
          } catch (e) {
            if (e instanceof AtlasError) throw e;
            throw new AtlasError('INVALID_JSON', []);
          }
        },
      },
      {
        method: 'GET',
        path: `${P}/requests`,
        summary: 'The request journal, oldest first. Query: limit, operationId, principal, status, method.',
        handle: ({ query }) => {
          let entries = [...sim.journal.list()];
          const f = (k: string) => query.get(k);
          if (f('operationId')) entries = entries.filter((e) => e.operationId === f('operationId'));
          if (f('principal')) entries = entries.filter((e) => e.principal === f('principal'));
          if (f('method')) entries = entries.filter((e) => e.method === f('method')!.toUpperCase());
          if (f('status')) entries = entries.filter((e) => String(e.status) === f('status'));
          const limit = f('limit');
          if (limit !== null) {
            if (!/^\d+$/.test(limit)) throw new AtlasError('INVALID_QUERY_PARAMETER', ['limit']);
            entries = entries.slice(-Number(limit) || entries.length);
          }
          return { requests: entries };
        },
      },
      {
        method: 'DELETE',
        path: `${P}/requests`,
        summary: 'Empties the request journal.',
        status: 204,
        handle: () => sim.journal.clear(),
      },
      {
        method: 'GET',
        path: `${P}/audit`,
        summary: 'Failed authentications and lockouts. Query: since, until (ISO or epoch ms), principal, ip, format=jsonl.',
        handle: ({ query }) => {
          const filter: Parameters<typeof sim.auth.audit.list>[0] = {};
          const since = timeParam(query, 'since');
          const until = timeParam(query, 'until');
          if (since !== undefined) filter.sinceMs = since;
          if (until !== undefined) filter.untilMs = until;
          if (query.get('principal') !== null) filter.principal = query.get('principal')!;
          if (query.get('ip') !== null) filter.ip = query.get('ip')!;
          const entries = sim.auth.audit.list(filter).map(({ timeMs: _t, ...e }) => e);
          const format = query.get('format') ?? 'json';
          if (format === 'jsonl') return new Answer(200, entries.map((e) => JSON.stringify(e) + '\n').join(''), 'application/x-ndjson');
          if (format !== 'json') throw new AtlasError('INVALID_QUERY_PARAMETER', ['format']);
          return { entries };
        },
      },
      {
        method: 'DELETE',
        path: `${P}/audit`,
        summary: 'Empties the audit log.',
        status: 204,
        handle: () => sim.auth.audit.clear(),
      },
      {
        method: 'GET',
        path: `${P}/lockout`,
        summary: 'Temporary lockout after failed authentication: settings and the principals locked out now.',
        handle: () => ({
          ...sim.auth.lockouts.settings,
          lockedOut: sim.auth.lockouts.active().map((l) => ({ principal: l.principal, lockedUntil: new Date(l.lockedUntil).toISOString() })),
        }),
      },
      {
        method: 'PUT',
        path: `${P}/lockout`,
        summary: 'Changes lockout settings: {maxFailures? (0 disables), windowSeconds?, lockoutSeconds?}.',
        body: z.strictObject({
          maxFailures: z.number().int().nonnegative().optional(),
          windowSeconds: z.number().int().positive().optional(),
          lockoutSeconds: z.number().int().nonnegative().optional(),
        }),
        handle: ({ body }) => sim.auth.lockouts.configure(Object.fromEntries(Object.entries(body as object).filter(([, v]) => v !== undefined))),
      },
      {
        method: 'DELETE',
        path: `${P}/lockout`,
        summary: 'Lifts every lockout and forgets failure counts.',
        status: 204,
        handle: () => sim.auth.lockouts.clear(),
      },
      {
        method: 'GET',
        path: `${P}/lifecycle`,
        summary: 'Lifecycle delays (simulated seconds, or "manual").',
        handle: () => sim.world.lifecycle.get(),
      },
      {
        method: 'PUT',
        path: `${P}/lifecycle`,
        summary: `Changes lifecycle delays. Body: any of ${LIFECYCLE_KINDS.join(', ')} as seconds or "manual".`,
        body: z.strictObject(Object.fromEntries(LIFECYCLE_KINDS.map((k) => [k, Delay.optional()]))),
        handle: ({ body }) => {
          sim.world.lifecycle.set(body as Record<string, number | 'manual'>);
          sim.persist();
          return sim.world.lifecycle.get();
        },
      },
      {
        method: 'POST',
        path: `${P}/lifecycle/complete`,
        summary: 'Completes transitions waiting on a "manual" delay, now. Body (all optional filters): {kind, groupId, name}. Answers {completed: [{kind, groupId, name, to}]}.',
        body: z.strictObject({ kind: z.enum(LIFECYCLE_KINDS).optional(), groupId: z.string().optional(), name: z.string().optional() }),
        handle: ({ body }) => {
          const completed = sim.world.lifecycle.completeManual(body as ManualFilter);
          sim.persist();
          return { completed };
        },
      },
      {
        method: 'GET',
        path: `${P}/faults`,
        summary: 'Injected faults.',
        handle: () => ({ faults: sim.faults.list() }),
      },
      {
        method: 'POST',
        path: `${P}/faults`,
        summary: 'Injects a fault: {path (with * and ** wildcards), method?, errorCode?, params?, latencyMs?, count?}.',
        body: FaultInput,
        status: 201,
        handle: ({ body }) => {
          const { count, ...rest } = body as z.infer<typeof FaultInput>;
          const input = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
          return sim.faults.add({ ...(input as { path: string }), ...(count !== undefined && { remaining: count }) });
        },
      },
      {
        method: 'DELETE',
        path: `${P}/faults`,
        summary: 'Removes every injected fault.',
        status: 204,
        handle: () => sim.faults.clear(),
      },
      {
        method: 'DELETE',
        path: `${P}/faults/{faultId}`,
        summary: 'Removes one injected fault.',
        status: 204,
        handle: ({ params }) => {
          const id = Number(params.faultId);
          if (!Number.isInteger(id) || !sim.faults.remove(id)) throw new AtlasError('RESOURCE_NOT_FOUND', [`fault ${params.faultId}`]);
        },
      },
      {
        method: 'GET',
        path: `${P}/rateLimits`,
        summary: 'Rate limiting: on/off and each endpoint set with its capacity and refill.',
        handle: () => ({
          enabled: sim.rateLimiter.settings.enabled,
          endpointSets: Object.fromEntries(Object.keys(ENDPOINT_SETS).map((id) => [id, sim.rateLimiter.endpointSet(id as keyof typeof ENDPOINT_SETS)])),
        }),
      },
      {
        method: 'PUT',
        path: `${P}/rateLimits`,
        summary: 'Changes rate limiting: {enabled?, overrides?: {<endpointSet>: {capacity?, refill?}}}. Refills every bucket.',
        body: z.strictObject({
          enabled: z.boolean().optional(),
          overrides: z.partialRecord(z.enum(Object.keys(ENDPOINT_SETS) as [keyof typeof ENDPOINT_SETS]), EndpointSetOverride).optional(),
        }),
        status: 204,
        handle: ({ body }) => sim.rateLimiter.configure(body as Parameters<typeof sim.rateLimiter.configure>[0]),
      },
      {
        method: 'GET',
        path: `${P}/groups/{groupId}/databaseUsers/{databaseName}/{username}`,
        summary:
          'How a database user authenticates to MongoDB: method, mechanism (password users: SCRAM-SHA-256 only, as on Atlas for Government) and the stored SCRAM credential. Never a password.',
        handle: ({ params }) => {
          const groupId = groupIdParam(params.groupId);
          sim.world.projects.get(groupId);
          return databaseUserInternals(sim.world.databaseUsers.get(groupId, params.databaseName!, params.username!));
        },
      },
      {
        method: 'POST',
        path: `${P}/groups/{groupId}/databaseUsers/{databaseName}/{username}/verifyPassword`,
        summary: "Checks a password against a SCRAM user's stored credential, as mongod would. Body: {password}. Answers {valid}.",
        body: z.strictObject({ password: z.string() }),
        handle: ({ params, body }) => {
          const groupId = groupIdParam(params.groupId);
          sim.world.projects.get(groupId);
          const user = sim.world.databaseUsers.get(groupId, params.databaseName!, params.username!);
          return { valid: sim.world.databaseUsers.passwordMatches(user, (body as { password: string }).password) };
        },
      },
      ...alertConditionRoutes(sim, P),
    ];
  }
}
