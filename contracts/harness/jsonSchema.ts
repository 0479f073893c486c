/**
 * The zod contracts seen as JSON Schema (zod 4's `z.toJSONSchema`), for the tools that
 * look at contracts from outside: the drift check compares them with the document, the
 * replay derives request bodies from recorded resources, and the routing test makes
 * minimal valid bodies.
 */
import { z } from 'zod';

export type JsonSchema = Record<string, unknown>;

const memo = { input: new WeakMap<z.ZodType, JsonSchema>(), output: new WeakMap<z.ZodType, JsonSchema>() };

/**
 * The JSON Schema of a contract. `input` is what a client may send (fields with a
 * default are optional), `output` what a parse yields. Refinements and transforms have
 * no JSON Schema form; they come out as what they accept.
 */
export function contractJsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  let s = memo[io].get(schema);
  if (!s) {
    s = z.toJSONSchema(schema, { io, unrepresentable: 'any', cycles: 'ref', reused: 'inline' }) as JsonSchema;
    memo[io].set(schema, s);
  }
  return s;
}

const isObj = (v: unknown): v is JsonSchema => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Follows a local `#/$defs/…` (or `#/definitions/…`) reference of `root`. */
export function resolveLocalRef(root: JsonSchema, s: JsonSchema): JsonSchema {
  let cur = s;
  for (let i = 0; i < 20 && typeof cur.$ref === 'string'; i++) {
    const ref = cur.$ref as string;
    if (ref === '#') return root;
    const m = /^#\/(\$defs|definitions)\/(.+)$/.exec(ref);
    const next = m ? (root[m[1]!] as Record<string, unknown> | undefined)?.[decodeURIComponent(m[2]!)] : undefined;
    if (!isObj(next)) return {};
    cur = next;
  }
  return cur;
}

const STRING_CANDIDATES = ['sample', 'Sample1', 'sample-1', 'a', '0123456789abcdef01234567', '10.0.0.1', '10.0.0.0/24', 'admin'];

function sampleString(s: JsonSchema): string {
  if (s.format === 'date-time') return '2026-01-01T00:00:00Z';
  if (s.format === 'date') return '2026-01-01';
  if (s.format === 'uri' || s.format === 'url') return 'https://example.com/';
  if (s.format === 'email') return 'user@example.com';
  if (s.format === 'uuid') return '00000000-0000-4000-8000-000000000000';
  const min = typeof s.minLength === 'number' ? s.minLength : 0;
  const max = typeof s.maxLength === 'number' ? s.maxLength : Infinity;
  const fits = (v: string) => v.length >= min && v.length <= max && (typeof s.pattern !== 'string' || new RegExp(s.pattern, 'u').test(v));
  for (const c of STRING_CANDIDATES) if (fits(c)) return c;
  const padded = 'x'.repeat(Math.max(min, 1));
  return fits(padded) ? padded : 'sample';
}

function sampleNumber(s: JsonSchema, integer: boolean): number {
  let v = 0;
  if (typeof s.minimum === 'number') v = s.minimum;
  else if (typeof s.exclusiveMinimum === 'number') v = s.exclusiveMinimum + (integer ? 1 : 0.5);
  else if (typeof s.maximum === 'number' && s.maximum < 0) v = s.maximum;
  return integer ? Math.ceil(v) : v;
}

/**
 * A minimal value the schema accepts: required properties only, first enum value or
 * union branch, smallest numbers and lengths. A best effort (a regular expression is
 * only matched against a few candidates); callers validate the result.
 */
export function sampleValue(schema: JsonSchema, root: JsonSchema = schema, depth = 0): unknown {
  const s = resolveLocalRef(root, schema);
  if (depth > 12) return null;
  if ('const' in s) return s.const;
  if (Array.isArray(s.enum) && s.enum.length) return s.enum[0];
  for (const k of ['anyOf', 'oneOf'] as const) {
    const branches = s[k];
    if (Array.isArray(branches) && branches.length) {
      const nonNull = branches.find((b) => isObj(b) && b.type !== 'null') ?? branches[0];
      return sampleValue(nonNull as JsonSchema, root, depth + 1);
    }
  }
  if (Array.isArray(s.allOf)) {
    const parts = s.allOf.map((p) => sampleValue(p as JsonSchema, root, depth + 1));
    return parts.every(isObj) ? Object.assign({}, ...parts) : parts[0];
  }
  const types = Array.isArray(s.type) ? (s.type as string[]) : typeof s.type === 'string' ? [s.type] : [];
  const type = types.find((t) => t !== 'null') ?? types[0] ?? (isObj(s.properties) ? 'object' : undefined);
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      const props = isObj(s.properties) ? s.properties : {};
      for (const name of Array.isArray(s.required) ? (s.required as string[]) : []) {
        out[name] = sampleValue((props[name] as JsonSchema | undefined) ?? {}, root, depth + 1);
      }
      return out;
    }
    case 'array': {
      const n = typeof s.minItems === 'number' ? s.minItems : 0;
      return Array.from({ length: n }, () => sampleValue(isObj(s.items) ? s.items : {}, root, depth + 1));
    }
    case 'string':
      return sampleString(s);
    case 'integer':
      return sampleNumber(s, true);
    case 'number':
      return sampleNumber(s, false);
    case 'boolean':
      return false;
    case 'null':
      return null;
    default:
      return {};
  }
}

/** A minimal valid request body for a contract, or an explanation of why none could be made. */
export function sampleRequestBody(contract: z.ZodType): { ok: true; body: unknown } | { ok: false; error: string } {
  const body = sampleValue(contractJsonSchema(contract, 'input'));
  const parsed = contract.safeParse(body);
  if (parsed.success) return { ok: true, body };
  return { ok: false, error: `${JSON.stringify(body)} is refused: ${parsed.error.issues.map((i) => `${i.path.join('.') || '$'} ${i.message}`).join('; ')}` };
}

/**
 * The part of `value` a schema describes: properties it does not know are dropped, at
 * every depth (union branches pooled). The replay uses it to turn a recorded resource
 * into the request body that would have made it.
 */
export function pickDescribed(value: unknown, schema: JsonSchema, root: JsonSchema = schema, depth = 0): unknown {
  const s = resolveLocalRef(root, schema);
  if (depth > 30) return value;
  const branches = [...(Array.isArray(s.anyOf) ? s.anyOf : []), ...(Array.isArray(s.oneOf) ? s.oneOf : []), ...(Array.isArray(s.allOf) ? s.allOf : [])] as JsonSchema[];
  if (Array.isArray(value)) {
    const items = isObj(s.items) ? s.items : branches.map((b) => resolveLocalRef(root, b)).find((b) => isObj(b.items))?.items;
    return isObj(items) ? value.map((v) => pickDescribed(v, items, root, depth + 1)) : value;
  }
  if (!isObj(value)) return value;
  const props: Record<string, JsonSchema[]> = {};
  let open = false;
  for (const part of [s, ...branches.map((b) => resolveLocalRef(root, b))]) {
    if (isObj(part.properties)) for (const [k, p] of Object.entries(part.properties)) (props[k] ??= []).push(p as JsonSchema);
    if (isObj(part.additionalProperties) || part.additionalProperties === true) open = true;
  }
  if (!Object.keys(props).length && (open || !branches.length)) return open ? value : {};
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const ps = props[k];
    if (ps) out[k] = pickDescribed(v, ps.length === 1 ? ps[0]! : { anyOf: ps }, root, depth + 1);
    else if (open) out[k] = v;
  }
  return out;
}
