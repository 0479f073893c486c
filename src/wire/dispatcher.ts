import type { OperationSpec } from '../../contracts/api/operation.js';
import { PATH_PARAMS } from '../../contracts/api/pathParams.js';
import { ENDPOINT_SETS } from '../../contracts/api/rateLimits.js';
import type { Authenticator } from '../auth/authenticator.js';
import { authorize, type AccessScope } from '../auth/authorize.js';
import { AtlasError, isAtlasError } from '../sim/errors.js';
import type { World } from '../sim/world.js';
import type { Principal } from '../sim/principals.js';
import type { Logger } from '../log.js';
import { parseJsonBody, validateBody } from './body.js';
import { NO_HEADER, RawText, RequestContext, Reply, type HandlerTable } from './context.js';
import { errorBody, UNAUTHORIZED_BODY } from './errors.js';
import type { Faults } from './faults.js';
import { Journal, journalBody, journalHeaders, type JournalEntry } from './journal.js';
import { renderJson } from './json.js';
import { header, type WireRequest, type WireResponse } from './message.js';
import { pageRequest } from './paging.js';
import { flag, parseQuery } from './query.js';
import type { RateLimiter } from './rateLimit.js';
import { buildOperationRouter, Router } from './router.js';
import { deprecationHeaders, negotiateVersion, versionContentType } from './versions.js';

export const API_PREFIX = '/api/atlas/v2';

/** A route outside the versioned API (OAuth, control plane, private endpoints). */
export type RawHandler = (
  req: WireRequest,
  path: string,
  search: URLSearchParams,
  params: Record<string, string>,
) => WireResponse | Promise<WireResponse>;

export interface DispatcherOptions {
  world: World;
  auth: Authenticator;
  operations: readonly OperationSpec[];
  handlers: HandlerTable;
  rateLimiter: RateLimiter;
  journal: Journal;
  faults: Faults;
  logger: Logger;
  /** Origin that `links[].href` use; default: the origin of each request. */
  baseUrl?: string;
  /** Lenient mode: version assumed when Accept names none (`latest` or a date). */
  defaultVersion?: string;
  maxBodyBytes: number;
  /** Value of `X-Mongodb-Service-Version`. */
  serviceVersion: string;
  /** Called with every `/api` exchange (the conformance check and `--capture-file` use it). */
  onExchange?: (exchange: Exchange) => void;
}

/** A request and the response it got, as `onExchange` sees it. */
export interface Exchange {
  method: string;
  path: string;
  query: string;
  operationId?: string;
  status: number;
  headers: Record<string, string>;
  body: string | null;
}

/** What the dispatcher learns about a request as it goes, for the journal and error headers. */
interface Trace {
  op?: OperationSpec;
  version?: string;
  principal?: string;
  authMethod?: 'DIGEST' | 'BEARER';
  /** Headers every later answer carries (Deprecation, Sunset, Ratelimit-*). */
  headers: Record<string, string>;
  /** Settles when the request's committed changes are durable. */
  durable?: Promise<void>;
}

/**
 * The core: one request in, one response out, for every face. Runs the Atlas pipeline
 * for `/api/atlas/v2`: authenticate, route, check the caller's IP access list,
 * negotiate the version, check path ids, resolve the project or organization, authorize,
 * take a rate-limit token, parse the query and body, call the handler, render. Every
 * failure becomes the Atlas error for it; nothing escapes as an exception.
 */
export class Dispatcher {
  readonly #o: DispatcherOptions;
  readonly #router: Router<OperationSpec>;
  readonly #raw = new Router<{ handler: RawHandler; journal: boolean }>();

  constructor(options: DispatcherOptions) {
    this.#o = options;
    this.#router = buildOperationRouter(options.operations);
    for (const op of options.operations) {
      // An operation of a feature Atlas for Government lacks is refused here, never handled.
      if (!op.unavailableInGov !== !!options.handlers[op.operationId]) {
        throw new Error(op.unavailableInGov ? `handler for unavailable operation ${op.operationId}` : `no handler for operation ${op.operationId}`);
      }
    }
    const known = new Set(options.operations.map((o) => o.operationId));
    for (const id of Object.keys(options.handlers)) if (!known.has(id)) throw new Error(`handler without operation: ${id}`);
  }

  /**
   * Adds a route outside the versioned API. Paths use the `{param}` template syntax.
   * `journal` puts its exchanges in the request journal (the OAuth endpoints; not the
   * control plane, whose calls would drown the client's).
   */
  route(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, handler: RawHandler, options: { journal?: boolean } = {}): void {
    this.#raw.add(method, path, { handler, journal: options.journal ?? false });
  }

  async handle(req: WireRequest): Promise<WireResponse> {
    const q = req.url.indexOf('?');
    const path = q < 0 ? req.url : req.url.slice(0, q);
    const search = new URLSearchParams(q < 0 ? '' : req.url.slice(q + 1));
    // Refused before anything else looks at the request, as a proxy in front of Atlas would.
    if (req.bodyTooLarge) return this.errorResponse(new AtlasError('REQUEST_ENTITY_TOO_LARGE', [this.#o.maxBodyBytes]), flag(search, 'pretty'), {});
    if (path === API_PREFIX || path.startsWith(API_PREFIX + '/')) return this.#api(req, path, search);
    const raw = this.#raw.match(req.method, path);
    const startedAt = this.#o.world.clock.now();
    let response: WireResponse;
    const trace: Trace = { headers: {} };
    try {
      if (raw.kind === 'found') response = await this.#atomic(req, trace, () => raw.value.handler(req, path, search, raw.params));
      else {
        throw raw.kind === 'wrong-method'
          ? new AtlasError('METHOD_NOT_ALLOWED', [req.method, path])
          : new AtlasError('RESOURCE_NOT_FOUND', [path]);
      }
    } catch (e) {
      response = this.errorResponse(this.#asAtlasError(e, req, path), flag(search, 'pretty'), {});
    }
    response = await this.#durable(response, trace, req, path, search);
    if (raw.kind === 'found' && raw.value.journal) this.#record(req, path, search, response, { headers: {} }, startedAt);
    return response;
  }

  /**
   * Runs a request's work as one transaction (all but GET): its changes stay only if it
   * answers below 400, whatever went wrong otherwise (an Atlas error, a bug, a string
   * that cannot be rendered). The span stays synchronous unless the work itself is not.
   */
  async #atomic(req: WireRequest, trace: Trace, work: () => WireResponse | Promise<WireResponse>): Promise<WireResponse> {
    if (req.method === 'GET') return work();
    const world = this.#o.world;
    const opened = world.begin();
    const tx = opened instanceof Promise ? await opened : opened;
    try {
      const pending = work();
      const response = pending instanceof Promise ? await pending : pending;
      if (response.status < 400) trace.durable = tx.commit();
      else tx.rollback();
      return response;
    } catch (e) {
      tx.rollback();
      throw e;
    }
  }

  /** Waits until the request's changes are on disk; if they cannot be saved, the client is told. */
  async #durable(response: WireResponse, trace: Trace, req: WireRequest, path: string, search: URLSearchParams): Promise<WireResponse> {
    if (!trace.durable) return response;
    try {
      await trace.durable;
      return response;
    } catch (e) {
      return this.errorResponse(this.#asAtlasError(e, req, path), flag(search, 'pretty'), trace.headers);
    }
  }

  async #api(req: WireRequest, path: string, search: URLSearchParams): Promise<WireResponse> {
    const world = this.#o.world;
    const startedAt = world.clock.now();
    const trace: Trace = { headers: {} };
    const pretty = flag(search, 'pretty');
    let response: WireResponse;
    try {
      response = await this.#pipeline(req, path, search, trace, pretty);
    } catch (e) {
      response = this.errorResponse(this.#asAtlasError(e, req, path), pretty, trace.headers, flag(search, 'envelope'));
    }
    response = await this.#durable(response, trace, req, path, search);
    this.#record(req, path, search, response, trace, startedAt);
    return response;
  }

  async #pipeline(req: WireRequest, path: string, search: URLSearchParams, trace: Trace, pretty: boolean): Promise<WireResponse> {
    const o = this.#o;
    const world = o.world;
    // Transitions that came due since the last request complete first, in time order, so
    // that what this request sees and records (the activity feed) follows them.
    const idle = world.idle();
    if (idle) await idle;
    world.settle();
    const ip = req.remoteAddress;
    const fault = o.faults.take(req.method, path);
    if (fault?.latencyMs) await new Promise((r) => setTimeout(r, fault.latencyMs));
    if (fault?.errorCode) throw new AtlasError(fault.errorCode, fault.params ?? []);

    const auth = await this.authenticate(req, path);
    if ('refusal' in auth) return auth.refusal;
    const principal = auth.principal;
    trace.principal = principal.name;
    trace.authMethod = auth.method;
    o.auth.checkAccessList(principal, ip);

    const match = this.#router.match(req.method, path);
    if (match.kind === 'wrong-method') throw new AtlasError('METHOD_NOT_ALLOWED', [req.method, path]);
    if (match.kind === 'none') throw new AtlasError('RESOURCE_NOT_FOUND', [path]);
    const op = match.value;
    trace.op = op;
    const version = negotiateVersion(op, header(req, 'accept'), world.clock.now(), o.defaultVersion);
    trace.version = version.date;
    Object.assign(trace.headers, deprecationHeaders(op, version));

    const params = match.params;
    for (const [name, value] of Object.entries(params)) {
      const spec = PATH_PARAMS[name];
      if (spec && !spec.pattern.test(value)) throw new AtlasError(spec.invalid, [value]);
    }
    const scope: AccessScope = {};
    if (params.groupId !== undefined) {
      const group = world.projects.get(params.groupId);
      scope.groupId = group.id;
      scope.groupOrgId = group.orgId;
    }
    if (params.orgId !== undefined) scope.orgId = world.orgs.get(params.orgId).id;
    const handlerScoped = op.access.scope !== 'principal' && op.access.scopeFrom === 'request';
    if (!handlerScoped) authorize(principal, op.access, scope);

    if (op.rateLimit) {
      const set = ENDPOINT_SETS[op.rateLimit];
      const key = set.scope === 'GROUP' ? scope.groupId : set.scope === 'ORGANIZATION' ? (scope.orgId ?? scope.groupOrgId) : set.scope === 'IP' ? ip : principal.id;
      const bucket = o.rateLimiter.take(op.rateLimit, key ?? principal.id);
      if (bucket) {
        trace.headers['Ratelimit-Limit'] = String(bucket.limit);
        trace.headers['Ratelimit-Remaining'] = String(bucket.remaining);
      }
    }
    // Decision (wire-facts 14, code and status of low confidence): every feature Atlas for
    // Government lacks answers Atlas's 403 FEATURE_UNSUPPORTED after authentication, the
    // path's ids and the caller's role, with the feature named in the detail.
    if (op.unavailableInGov) {
      throw new AtlasError('FEATURE_UNSUPPORTED', [], {
        detail: `Feature not supported by current account level. Not available in Atlas for Government: ${op.unavailableInGov}.`,
      });
    }

    const query = parseQuery(op, search);
    const body = version.request ? validateBody(version.request, parseJsonBody(req.body)) : undefined;
    const ctx = new RequestContext({
      world,
      op,
      version,
      principal,
      params,
      query,
      body,
      page: pageRequest(query),
      baseUrl: o.baseUrl ?? req.origin,
      rawPath: path,
      remoteAddress: ip,
      authorized: !handlerScoped,
    });
    return this.#atomic(req, trace, () => {
      const result = o.handlers[op.operationId]!(ctx);
      return result instanceof Promise ? result.then((r) => this.#render(ctx, op, version, trace, search, pretty, r)) : this.#render(ctx, op, version, trace, search, pretty, result);
    });
  }

  #render(ctx: RequestContext, op: OperationSpec, version: ReturnType<typeof negotiateVersion>, trace: Trace, search: URLSearchParams, pretty: boolean, result: unknown): WireResponse {
    // A handler that finds its own scope must have applied the declared requirement.
    if (!ctx.authorized) throw new Error(`${op.operationId} answered without applying its access requirement`);
    const status = result instanceof Reply ? result.status : op.status;
    const payload = result instanceof Reply ? result.body : result;
    const headers: Record<string, string> = {
      ...this.standardHeaders(),
      'Content-Type': versionContentType(version),
      ...trace.headers,
      ...(result instanceof Reply ? result.headers : {}),
    };
    for (const [k, v] of Object.entries(headers)) if (v === NO_HEADER) delete headers[k];
    if (status === 204 || payload === undefined) return { status, headers, body: null };
    if (payload instanceof RawText) return { status, headers, body: payload.text };
    const wrapped = flag(search, 'envelope') ? envelope(payload, status) : payload;
    return { status, headers, body: renderJson(wrapped, pretty) };
  }

  /** Headers Atlas's application layer puts on every answer (wire-facts C.3). */
  standardHeaders(): Record<string, string> {
    return {
      Date: new Date(this.#o.world.clock.now()).toUTCString(),
      'Referrer-Policy': 'strict-origin-when-cross-origin',
      Server: 'mdbws',
      'Strict-Transport-Security': 'max-age=31536000; includeSubdomains;',
      'X-Content-Type-Options': 'nosniff',
      'X-Frame-Options': 'DENY',
      'X-Mongodb-Service-Version': this.#o.serviceVersion,
      'X-Permitted-Cross-Domain-Policies': 'none',
    };
  }

  /**
   * Atlas's authentication filter: the principal, or the 401 to answer with. The API
   * pipeline runs it, and so do routes outside the versioned API that Atlas still puts
   * behind the filter (the CLI's `/api/private/ipinfo`).
   */
  async authenticate(req: WireRequest, path: string): Promise<{ principal: Principal; method: 'DIGEST' | 'BEARER' } | { refusal: WireResponse }> {
    const auth = await this.#o.auth.authenticate(req.method, req.originalUrl ?? req.url, header(req, 'authorization'), {
      ip: req.remoteAddress,
      route: `${req.method} ${path}`,
    });
    return auth.ok ? { principal: auth.principal, method: auth.method } : { refusal: this.unauthorized(auth.challenge) };
  }

  /** The authentication filter's 401: minimal headers, the fixed pretty body (wire-facts A.1). */
  unauthorized(challenge: string): WireResponse {
    return {
      status: 401,
      headers: {
        'Content-Type': 'application/json',
        Date: new Date(this.#o.world.clock.now()).toUTCString(),
        Server: 'mdbws',
        Vary: 'Accept-Encoding',
        'Www-Authenticate': challenge,
      },
      body: UNAUTHORIZED_BODY,
    };
  }

  /** An Atlas error body with `Content-Type: application/json` and `X-Error-Code`. */
  errorResponse(error: AtlasError, pretty: boolean, extra: Record<string, string>, wrap = false): WireResponse {
    const { status, body } = errorBody(error);
    return {
      status,
      headers: {
        ...this.standardHeaders(),
        'Content-Type': 'application/json',
        ...extra,
        ...error.headers,
        'X-Error-Code': error.code,
      },
      body: renderJson(wrap ? envelope(body, status) : body, pretty),
    };
  }

  #asAtlasError(e: unknown, req: WireRequest, path: string): AtlasError {
    if (isAtlasError(e)) return e;
    this.#o.logger.error(`unexpected error on ${req.method} ${path}`, e);
    return new AtlasError('UNEXPECTED_ERROR', []);
  }

  /** Puts an exchange in the journal and hands it to `onExchange`. */
  #record(req: WireRequest, path: string, search: URLSearchParams, res: WireResponse, trace: Trace, timeMs: number): void {
    const entry: Omit<JournalEntry, 'seq' | 'time'> & { timeMs: number } = {
      timeMs,
      method: req.method,
      path,
      query: search.toString(),
      status: res.status,
      remoteAddress: req.remoteAddress,
      requestHeaders: journalHeaders(req.headers),
    };
    if (trace.op) entry.operationId = trace.op.operationId;
    if (trace.version) entry.version = trace.version;
    if (trace.principal) entry.principal = trace.principal;
    if (trace.authMethod) entry.authMethod = trace.authMethod;
    const code = res.headers['X-Error-Code'];
    if (code) entry.errorCode = code;
    if (req.body && req.body.length) entry.requestBody = journalBody(req.body.toString('utf8'), header(req, 'content-type'));
    this.#o.journal.add(entry);
    this.#o.onExchange?.({
      method: req.method,
      path,
      query: entry.query,
      ...(trace.op && { operationId: trace.op.operationId }),
      status: res.status,
      headers: res.headers,
      body: res.body,
    });
  }
}

/**
 * `envelope=true` for clients that cannot read status codes or headers. The exact shape
 * is unrecorded (wire-facts C.2, low confidence); following the documentation, a list
 * gets `status` added to its own object and anything else is wrapped as
 * `{content, status}`. The HTTP status itself is unchanged (a simulator decision).
 */
function envelope(body: unknown, status: number): unknown {
  if (body && typeof body === 'object' && !Array.isArray(body) && 'results' in body && 'totalCount' in body) {
    const { links, results, totalCount } = body as { links: unknown; results: unknown; totalCount: unknown };
    return { links, results, status, totalCount };
  }
  return { content: body, status };
}
