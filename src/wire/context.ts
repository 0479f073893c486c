import type { OperationSpec, VersionSpec } from '../../contracts/api/operation.js';
import { authorize, type AccessScope } from '../auth/authorize.js';
import type { Principal } from '../sim/principals.js';
import type { Actor, World } from '../sim/world.js';
import { paginate, pageLinks, type ListEnvelope, type PageRequest } from './paging.js';
import type { QueryValues } from './query.js';

/** Everything a handler gets: the parsed request, the caller, and the world to act on. */
export class RequestContext {
  constructor(
    readonly world: World,
    readonly op: OperationSpec,
    readonly version: VersionSpec,
    readonly principal: Principal,
    /** Decoded path parameters. */
    readonly params: Readonly<Record<string, string>>,
    /** Declared query parameters, defaults applied. */
    readonly query: QueryValues,
    /** Request body, already validated against the version's request contract. */
    readonly body: unknown,
    readonly page: PageRequest,
    /** Scheme, host and port that links start with. */
    readonly baseUrl: string,
    /** Raw request path (percent-encoding intact), for self links of lists. */
    readonly rawPath: string,
    readonly remoteAddress: string,
  ) {}

  /** Set once the declared access requirement has been applied to this request. */
  authorized = false;

  /**
   * Applies the operation's declared access requirement to a scope the handler found
   * (for operations declared `scopeFrom: 'request'`). Throws 401 USER_UNAUTHORIZED.
   */
  authorize(scope: AccessScope): void {
    authorize(this.principal, this.op.access, scope);
    this.authorized = true;
  }

  /** The caller as events record it. */
  get actor(): Actor {
    const p = this.principal;
    return p.kind === 'API_KEY'
      ? { kind: 'API_KEY', id: p.id, publicKey: p.name, remoteAddress: this.remoteAddress }
      : { kind: 'SERVICE_ACCOUNT', id: p.id, remoteAddress: this.remoteAddress };
  }

  /** Absolute URL of an API path: `href('/groups/1')` -> `<base>/api/atlas/v2/groups/1`. */
  href(apiPath: string): string {
    return `${this.baseUrl}/api/atlas/v2${apiPath}`;
  }

  /** `[{href, rel: 'self'}]` for an API path. */
  selfLink(apiPath: string): Array<{ href: string; rel: string }> {
    return [{ href: this.href(apiPath), rel: 'self' }];
  }

  /** The list envelope for this request: one page of `items`, with Atlas's links. */
  list<T, R>(items: Iterable<T>, total: number, map: (item: T) => R): ListEnvelope<R> {
    const links = pageLinks(`${this.baseUrl}${this.rawPath}`, this.query, this.page, total);
    return paginate(items, total, this.page, map, links);
  }
}

/** A handler answer other than the operation's usual status with a JSON body. */
export class Reply {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {}
}

/**
 * A handler: parse nothing (the dispatcher did), call the sim, return the view. Return
 * `undefined` for an empty body (204), or a `Reply` to choose status and headers.
 */
export type Handler = (ctx: RequestContext) => unknown;

export type HandlerTable = Readonly<Record<string, Handler>>;
