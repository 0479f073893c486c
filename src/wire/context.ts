import type { z } from 'zod';
import type { OperationSpec, QueryParamSpec, VersionSpec } from '../../contracts/api/operation.js';
import { authorize, type AccessScope } from '../auth/authorize.js';
import type { Principal } from '../sim/principals.js';
import type { Actor, World } from '../sim/world.js';
import type { JavaDouble } from './json.js';
import { paginate, pageLinks, type Link, type ListEnvelope, type PageRequest, type RandomAccessList } from './paging.js';
import type { QueryValues } from './query.js';

/** What the dispatcher has learnt about a request by the time its handler runs. */
export interface RequestContextOptions {
  world: World;
  op: OperationSpec;
  version: VersionSpec;
  principal: Principal;
  /** Decoded path parameters. */
  params: Readonly<Record<string, string>>;
  /** Declared query parameters, defaults applied. */
  query: QueryValues;
  /** Request body, already validated against the version's request contract. */
  body: unknown;
  page: PageRequest;
  /** Scheme, host and port that links start with. */
  baseUrl: string;
  /** Raw request path (percent-encoding intact), for self links of lists. */
  rawPath: string;
  remoteAddress: string;
  /** False for operations that find their own scope and must call `authorize`. */
  authorized: boolean;
}

/**
 * What every handler may use besides its typed request: the world to act on, the
 * caller, and the helpers that build links and list pages. Handlers see this narrow
 * interface, never the dispatcher's bookkeeping.
 */
export interface HandlerContext {
  readonly world: World;
  readonly principal: Principal;
  /** The caller as events record it. */
  readonly actor: Actor;
  /** Scheme, host and port that links start with. */
  readonly baseUrl: string;
  /** The caller's IP address. */
  readonly remoteAddress: string;
  /**
   * Applies the operation's declared access requirement to a scope the handler found
   * (for operations declared `scopeFrom: 'request'`). Throws 401 USER_UNAUTHORIZED.
   */
  authorize(scope: AccessScope): void;
  /** Absolute URL of an API path: `href('/groups/1')` -> `<base>/api/atlas/v2/groups/1`. */
  href(apiPath: string): string;
  /** `[{href, rel: 'self'}]` for an API path. */
  selfLink(apiPath: string): Link[];
  /** The list envelope for this request: one page of `items`, with Atlas's links. */
  list<T, R>(items: Iterable<T> | RandomAccessList<T>, total: number, map: (item: T) => R): ListEnvelope<R>;
}

/** The dispatcher's side of a request context: options in, the handler's interface out. */
export class RequestContext implements HandlerContext {
  readonly world: World;
  readonly op: OperationSpec;
  readonly version: VersionSpec;
  readonly principal: Principal;
  readonly params: Readonly<Record<string, string>>;
  readonly query: QueryValues;
  readonly body: unknown;
  readonly baseUrl: string;
  readonly remoteAddress: string;
  readonly #page: PageRequest;
  readonly #rawPath: string;
  /** Set once the declared access requirement has been applied to this request. */
  authorized: boolean;

  constructor(o: RequestContextOptions) {
    this.world = o.world;
    this.op = o.op;
    this.version = o.version;
    this.principal = o.principal;
    this.params = o.params;
    this.query = o.query;
    this.body = o.body;
    this.baseUrl = o.baseUrl;
    this.#page = o.page;
    this.#rawPath = o.rawPath;
    this.remoteAddress = o.remoteAddress;
    this.authorized = o.authorized;
  }

  authorize(scope: AccessScope): void {
    authorize(this.principal, this.op.access, scope);
    this.authorized = true;
  }

  get actor(): Actor {
    const p = this.principal;
    return p.kind === 'API_KEY'
      ? { kind: 'API_KEY', id: p.id, publicKey: p.name, remoteAddress: this.remoteAddress }
      : { kind: 'SERVICE_ACCOUNT', id: p.id, remoteAddress: this.remoteAddress };
  }

  href(apiPath: string): string {
    return `${this.baseUrl}/api/atlas/v2${apiPath}`;
  }

  selfLink(apiPath: string): Link[] {
    return [{ href: this.href(apiPath), rel: 'self' }];
  }

  list<T, R>(items: Iterable<T> | RandomAccessList<T>, total: number, map: (item: T) => R): ListEnvelope<R> {
    const links = pageLinks(`${this.baseUrl}${this.#rawPath}`, this.query, this.#page, total);
    return paginate(items, total, this.#page, map, links);
  }
}

/** A handler answer other than the operation's usual status with a JSON body. */
export class Reply<B = unknown> {
  constructor(
    readonly status: number,
    readonly body: B,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {}
}

/** A body sent as it is, not as JSON (the PEM certificate of `POST …/certs`). */
export class RawText {
  constructor(readonly text: string) {}
}

/** Reply header value that removes the header (answers Atlas sends without a Content-Type). */
export const NO_HEADER = '';

/** The dispatcher's view of a handler: any context in, any answer out. */
export type Handler = (ctx: RequestContext) => unknown;
export type HandlerTable = Readonly<Record<string, Handler>>;

// ---- Typing handlers from their operation's contract ----

type PathParamNames<P extends string> = P extends `${string}{${infer N}}${infer Rest}` ? N | PathParamNames<Rest> : never;

/** `{groupId: string, clusterName: string}` from `/groups/{groupId}/clusters/{clusterName}`. */
export type PathParams<P extends string> = { readonly [K in PathParamNames<P>]: string };

type QueryValueOf<S extends QueryParamSpec> = S extends { readonly multi: true }
  ? S extends { readonly enum: readonly (infer E)[] } ? E[] : string[]
  : S extends { readonly type: 'boolean' }
    ? boolean
    : S extends { readonly type: 'integer' }
      ? number
      : S extends { readonly enum: readonly (infer E)[] }
        ? E
        : string;

/** Declared query parameters: those with a default are always present, the others optional. */
export type QueryOf<Q> = Q extends Readonly<Record<string, QueryParamSpec>>
  ? { readonly [K in keyof Q as Q[K] extends { readonly default: unknown } ? K : never]: QueryValueOf<Q[K]> } & {
      readonly [K in keyof Q as Q[K] extends { readonly default: unknown } ? never : K]?: QueryValueOf<Q[K]>;
    }
  : Record<never, never>;

type VersionOf<Op extends OperationSpec> = Op['versions'][number];
type RequestOf<V> = V extends { readonly request: infer R extends z.ZodType } ? z.output<R> : never;
type ResponseOf<V> = V extends { readonly response: infer R extends z.ZodType } ? Rendered<z.input<R>> : never;

/** A response contract's input as views build it: any number may be a `JavaDouble`, which renders as a number. */
type Rendered<T> = T extends number ? number | JavaDouble : T extends object ? { [K in keyof T]: Rendered<T[K]> } : T;
type OrUndefined<T> = [T] extends [never] ? undefined : T;

/** The request body as validated by the negotiated version's contract (a union across versions). */
export type BodyOf<Op extends OperationSpec> = OrUndefined<RequestOf<VersionOf<Op>>>;

/**
 * What a handler may answer: a body the compiler checks against a response contract, or
 * nothing (204 and bodiless answers), with another status when wrapped in a `Reply`
 * (e.g. `addUserToProject`: 200 with a body, or 204 without).
 */
export type AnswerOf<Op extends OperationSpec> = OrUndefined<ResponseOf<VersionOf<Op>>> | Reply<OrUndefined<ResponseOf<VersionOf<Op>>> | undefined> | Reply<RawText>;

/** A handler's context, typed from its operation: path parameters, query, body and version. */
export interface OperationContext<Op extends OperationSpec> extends HandlerContext {
  readonly params: PathParams<Op['path']>;
  readonly query: QueryOf<Op['query']>;
  readonly body: BodyOf<Op>;
  /** The negotiated version. */
  readonly version: VersionOf<Op>;
}

export type OperationHandler<Op extends OperationSpec> = (ctx: OperationContext<Op>) => AnswerOf<Op> | Promise<AnswerOf<Op>>;

/** One handler for every operation of a domain, each typed from its own contract. */
export type HandlersOf<Ops extends readonly OperationSpec[]> = {
  readonly [Id in Ops[number]['operationId']]: OperationHandler<Extract<Ops[number], { readonly operationId: Id }>>;
};

/**
 * Binds a domain's handlers to its operations. The compiler checks that every operation
 * has a handler, that each reads only its own path parameters, query and body with their
 * contract's types, and that each answers its response contract.
 */
export function defineHandlers<const Ops extends readonly OperationSpec[]>(_operations: Ops, handlers: HandlersOf<Ops>): HandlerTable {
  // The one place where typed handlers meet the dispatcher's untyped table: the
  // dispatcher builds each context from the same contract the types are derived from.
  return handlers as unknown as HandlerTable;
}
