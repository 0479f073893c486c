import type { z } from 'zod';
import type { Role } from './roles.js';
import type { EndpointSetId } from './rateLimits.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One dated version of an operation (wire-facts B). */
export interface VersionSpec {
  /** `YYYY-MM-DD`, as in `application/vnd.atlas.<date>+json`. */
  readonly date: string;
  /** `YYYY-MM-DD` after which the version answers 410 VERSION_GONE. */
  readonly sunset?: string;
  /**
   * `YYYY-MM-DD` since when a version with no successor is deprecated (its `Deprecation`
   * header); a version with a successor is deprecated since the successor's date.
   */
  readonly deprecatedSince?: string;
  /** Request body contract; handlers receive the parsed result. */
  readonly request?: z.ZodType;
  /** Success response body contract (tests validate every response against it). */
  readonly response?: z.ZodType;
}

/** A declared query parameter. Declared parameters with a default are echoed in `links`. */
export interface QueryParamSpec {
  readonly type: 'boolean' | 'integer' | 'string';
  readonly default?: boolean | number | string;
  readonly enum?: readonly string[];
  readonly min?: number;
  readonly max?: number;
  /** May repeat (`?providers=AWS&providers=GCP`). */
  readonly multi?: boolean;
}

/**
 * Who may call an operation: the minimum role the OpenAPI document states ("the
 * requesting Service Account or API Key must have the ... role"), checked once, in the
 * dispatcher, against the organization or project named in the path.
 * `scope: 'principal'` means any authenticated caller; the handler then shows only
 * what the caller can see (e.g. `GET /orgs`).
 * `scopeFrom: 'request'` is for the few operations whose organization or project is not
 * in the path (named in the body, or found by name): the handler finds it and calls
 * `ctx.authorize(scope)`, which applies this same declared requirement; the dispatcher
 * refuses to answer if the handler did not.
 */
export type AccessRequirement =
  | { readonly scope: 'org'; readonly anyOf: readonly Role[]; readonly scopeFrom?: 'request' }
  | { readonly scope: 'group'; readonly anyOf: readonly Role[]; readonly scopeFrom?: 'request' }
  | { readonly scope: 'principal' }
  /** No credentials at all (`/unauth/…` paths): answered before authentication. */
  | { readonly scope: 'public' };

/** An entry of the operation catalog. */
export interface OperationSpec {
  /** The OpenAPI operationId where the document has one. */
  readonly operationId: string;
  readonly method: HttpMethod;
  /** Path template as in the OpenAPI document, e.g. `/api/atlas/v2/groups/{groupId}`. */
  readonly path: string;
  /** Ascending by date; the last one is current, earlier ones are deprecated. */
  readonly versions: readonly VersionSpec[];
  /** Success status as observed on the wire (wire-facts C.6 wins over the document). */
  readonly status: number;
  /** Token bucket this operation draws from, or null when Atlas does not rate-limit it. */
  readonly rateLimit: EndpointSetId | null;
  readonly access: AccessRequirement;
  /** Declared query parameters (besides `pretty` and `envelope`, which every operation takes). */
  readonly query?: Readonly<Record<string, QueryParamSpec>>;
  /** A list operation: takes `pageNum`/`itemsPerPage`/`includeCount` and answers the list envelope. */
  readonly paged?: boolean;
  /**
   * The feature, as `govUnavailable.ts` names it, when Atlas for Government does not offer
   * it: the operation then has no handler and answers 403 FEATURE_UNSUPPORTED naming it.
   */
  readonly unavailableInGov?: string;
  /**
   * The operation answers CSV (`application/vnd.atlas.<date>+csv`): that Accept type is
   * negotiated for it as the JSON one is. Other operations refuse it (406).
   */
  readonly csv?: true;
  /**
   * A download: the success body is a file of this type, not JSON. Clients must ask for
   * `application/vnd.atlas.<date>+gzip` (a `+json` Accept finds no version: 406), and the
   * answer carries that type and `Content-Disposition: attachment` (wire-facts B.1).
   */
  readonly media?: 'gzip';
}

/** The paging parameters every list operation takes (OpenAPI components/parameters). */
export const PAGING_QUERY: Readonly<Record<string, QueryParamSpec>> = {
  includeCount: { type: 'boolean', default: true },
  itemsPerPage: { type: 'integer', default: 100, min: 1, max: 500 },
  pageNum: { type: 'integer', default: 1, min: 1 },
};
