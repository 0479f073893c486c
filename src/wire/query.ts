import type { OperationSpec, QueryParamSpec } from '../../contracts/api/operation.js';
import { AtlasError } from '../sim/errors.js';

export type QueryValue = boolean | number | string | string[];
export type QueryValues = Record<string, QueryValue>;

const TRUE_FALSE = /^(true|false)$/i;

function parseOne(name: string, spec: QueryParamSpec, raw: string): boolean | number | string {
  switch (spec.type) {
    case 'boolean':
      if (!TRUE_FALSE.test(raw)) throw new AtlasError('INVALID_QUERY_PARAMETER', [name]);
      return raw.toLowerCase() === 'true';
    case 'integer': {
      if (!/^-?\d{1,10}$/.test(raw)) throw new AtlasError('INVALID_QUERY_PARAMETER', [name]);
      const n = Number(raw);
      if ((spec.min !== undefined && n < spec.min) || (spec.max !== undefined && n > spec.max)) {
        throw new AtlasError('INVALID_QUERY_PARAMETER', [name]);
      }
      return n;
    }
    case 'string':
      if (spec.enum && !spec.enum.includes(raw)) throw new AtlasError('INVALID_ENUM_VALUE', [raw]);
      return raw;
  }
}

/**
 * Reads the operation's declared query parameters, applying defaults. A malformed or
 * out-of-range value gets 400 INVALID_QUERY_PARAMETER naming the parameter (the real
 * code for paging errors is unrecorded; this is the catalog's query-parameter code).
 * Undeclared parameters are ignored, as Atlas ignores them.
 */
export function parseQuery(op: OperationSpec, search: URLSearchParams): QueryValues {
  const out: QueryValues = {};
  if (!op.query) return out;
  for (const [name, spec] of Object.entries(op.query)) {
    const raws = search.getAll(name);
    if (raws.length === 0) {
      if (spec.default !== undefined) out[name] = spec.default;
      continue;
    }
    if (spec.multi) out[name] = raws.flatMap((r) => r.split(',')).map((r) => String(parseOne(name, spec, r)));
    else out[name] = parseOne(name, spec, raws[raws.length - 1]!);
  }
  return out;
}

/** `true` for `pretty=true` / `envelope=true`; Atlas treats anything else as false. */
export function flag(search: URLSearchParams, name: string): boolean {
  return search.get(name)?.toLowerCase() === 'true';
}
