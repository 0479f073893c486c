import FindMyWay from 'find-my-way';
import type { HttpMethod, OperationSpec } from '../../contracts/api/operation.js';

const METHODS: readonly HttpMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

export type RouteMatch<T> = { kind: 'found'; value: T; params: Record<string, string> } | { kind: 'wrong-method' } | { kind: 'none' };

/**
 * The routing table, compiled once into find-my-way's radix tree so that dispatch
 * never walks the route list. Path templates use the OpenAPI `{param}` syntax;
 * Atlas's custom-method suffixes (`{clientId}:invite`) become a parameter bounded at
 * the colon followed by a literal colon.
 */
export class Router<T> {
  // find-my-way refuses parameters longer than 100 characters by default; Atlas path
  // values run longer (database usernames up to 1024, over-long cluster names that must
  // still read as not found), so the bound is well above any of them.
  readonly #fmw = FindMyWay({ caseSensitive: true, ignoreTrailingSlash: false, ignoreDuplicateSlashes: false, maxParamLength: 8192 });

  add(method: HttpMethod, template: string, value: T): void {
    this.#fmw.on(method, toFindMyWay(template), () => undefined, { value });
  }

  match(method: string, path: string): RouteMatch<T> {
    const found = this.#fmw.find(method as HttpMethod, path);
    if (found) {
      const store = found.store as { value: T };
      return { kind: 'found', value: store.value, params: { ...found.params } as Record<string, string> };
    }
    for (const m of METHODS) if (m !== method && this.#fmw.find(m, path)) return { kind: 'wrong-method' };
    return { kind: 'none' };
  }
}

/** `/a/{x}:do/{y}` -> `/a/:x(^[^:]+)::do/:y`; a file name `{logName}.gz` -> `:logName(^[^.]+).gz`. */
export function toFindMyWay(template: string): string {
  return template
    .split('/')
    .map((segment) => {
      const m = /^\{(\w+)\}(:\w+)?$/.exec(segment);
      if (m) return m[2] ? `:${m[1]}(^[^:]+):${m[2]}` : `:${m[1]}`;
      const file = /^\{(\w+)\}\.(\w+)$/.exec(segment);
      if (file) return `:${file[1]}(^[^.]+).${file[2]}`;
      if (segment.includes('{')) throw new Error(`unsupported path segment ${segment} in ${template}`);
      return segment.replaceAll(':', '::');
    })
    .join('/');
}

export function buildOperationRouter(operations: readonly OperationSpec[]): Router<OperationSpec> {
  const router = new Router<OperationSpec>();
  for (const op of operations) router.add(op.method, op.path, op);
  return router;
}
