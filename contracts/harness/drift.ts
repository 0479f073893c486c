/**
 * Drift check: the zod contracts of the catalog against the official document's
 * schemas, for every operation and version the document describes. Fields, types,
 * enums and required lists are compared; the deliberate differences are listed in
 * knownDifferences.ts (DRIFT_DIFFERENCES) and everything else is reported as drift.
 *
 * Both sides are first reduced to the same simple shape (types, properties, required,
 * items, enum values). Unions (`oneOf`, `anyOf`, discriminators) become the union of
 * their branches: a property any branch has, the types and enum values of all of them,
 * and as required only what every branch requires. `allOf` merges its parts. OpenAPI's
 * `nullable` adds `null`; `readOnly` properties leave request schemas and `writeOnly`
 * ones leave response schemas, as they do on the wire.
 *
 * What counts as a difference depends on the direction, because a contract may be
 * stricter than the document only where that cannot surprise a client:
 * - response: every field both ways (a missing field is one Atlas sends and the
 *   simulator never does); the contract's types and enum values must be within the
 *   document's; a field the document requires must be required by the contract (the
 *   contract may require more: Atlas always sends many fields the document leaves optional).
 * - request: everything both ways (a stricter contract refuses what Atlas accepts, a
 *   looser one accepts what Atlas refuses).
 */
import type { z } from 'zod';
import { contractJsonSchema, resolveLocalRef, type JsonSchema } from './jsonSchema.js';
import { knownDriftDifference } from './knownDifferences.js';
import type { OperationSpec } from '../api/operation.js';
import type { JsonObject, OpenApiDocument } from './openapi/document.js';

export type Direction = 'request' | 'response';

/** The comparable reduction of a schema. An empty `types` set means "anything". */
export interface Shape {
  types: Set<string>;
  props: Map<string, Shape> | undefined;
  required: Set<string>;
  items: Shape | undefined;
  /** Schema of map values (`additionalProperties` as a schema). */
  values: Shape | undefined;
  /** JSON-encoded allowed values, when restricted (`null` is a type, never listed here). */
  enum: Set<string> | undefined;
  /** Request direction: properties the document marks readOnly (a client should not send them). */
  readOnlyProps?: Set<string>;
}

export interface DriftDifference {
  operationId: string;
  version: string;
  direction: Direction;
  jsonPath: string;
  /** `field`, `type`, `enum`, `required`, `body`. */
  rule: string;
  message: string;
}

export interface DriftEntry {
  difference: DriftDifference;
  /** Why it is deliberate, when DRIFT_DIFFERENCES lists it. */
  known?: string;
}

export interface DriftReport {
  /** Operation versions compared (request and response each count once when present). */
  compared: Array<{ operationId: string; version: string; direction: Direction }>;
  /** Catalog versions the document does not describe (not comparable; listed for the record). */
  notDescribed: Array<{ operationId: string; version: string; reason: string }>;
  entries: DriftEntry[];
  /** DRIFT_DIFFERENCES keys that matched nothing (the difference is gone: remove the entry). */
  stale: string[];
}

const ANY = (): Shape => ({ types: new Set(), props: undefined, required: new Set(), items: undefined, values: undefined, enum: undefined });

const isObj = (v: unknown): v is JsonObject => v !== null && typeof v === 'object' && !Array.isArray(v);

function union(shapes: Shape[]): Shape {
  if (shapes.length === 0) return ANY();
  if (shapes.length === 1) return shapes[0]!;
  if (shapes.some((s) => s.types.size === 0 && !s.props && !s.enum)) return ANY();
  const out = ANY();
  for (const s of shapes) for (const t of s.types) out.types.add(t);
  const withProps = shapes.filter((s) => s.props);
  if (withProps.length) {
    const names = new Set(withProps.flatMap((s) => [...s.props!.keys()]));
    out.props = new Map([...names].map((n) => [n, union(withProps.flatMap((s) => (s.props!.has(n) ? [s.props!.get(n)!] : [])))]));
    out.required = new Set([...names].filter((n) => withProps.every((s) => s.required.has(n))));
  }
  const withItems = shapes.filter((s) => s.items);
  if (withItems.length) out.items = union(withItems.map((s) => s.items!));
  const withValues = shapes.filter((s) => s.values);
  if (withValues.length) out.values = union(withValues.map((s) => s.values!));
  // A union stays restricted only if every branch that can be a scalar is.
  const isNull = (s: Shape) => s.types.size === 1 && s.types.has('null');
  const scalar = shapes.filter((s) => !s.props && !s.items && !s.values && !isNull(s));
  if (scalar.length && scalar.every((s) => s.enum)) out.enum = new Set(scalar.flatMap((s) => [...s.enum!]));
  const readOnly = shapes.flatMap((s) => [...(s.readOnlyProps ?? [])]);
  if (readOnly.length) out.readOnlyProps = new Set(readOnly);
  return out;
}

function intersect(shapes: Shape[]): Shape {
  const typed = shapes.filter((s) => s.types.size);
  const out = ANY();
  if (typed.length) {
    let t = new Set(typed[0]!.types);
    for (const s of typed.slice(1)) t = new Set([...t].filter((x) => s.types.has(x)));
    out.types = t.size ? t : new Set(typed.flatMap((s) => [...s.types]));
  }
  const withProps = shapes.filter((s) => s.props);
  if (withProps.length) {
    out.props = new Map();
    for (const s of withProps) {
      for (const [n, p] of s.props!) out.props.set(n, out.props.has(n) ? intersect([out.props.get(n)!, p]) : p);
      for (const r of s.required) out.required.add(r);
    }
  }
  const items = shapes.filter((s) => s.items).map((s) => s.items!);
  if (items.length) out.items = intersect(items);
  const values = shapes.filter((s) => s.values).map((s) => s.values!);
  if (values.length) out.values = intersect(values);
  const enums = shapes.filter((s) => s.enum).map((s) => s.enum!);
  if (enums.length) out.enum = new Set([...enums[0]!].filter((v) => enums.every((e) => e.has(v))));
  const readOnly = shapes.flatMap((s) => [...(s.readOnlyProps ?? [])]);
  if (readOnly.length) out.readOnlyProps = new Set(readOnly);
  return out;
}

const enc = (v: unknown): string => JSON.stringify(v);

/** Shape of a JSON Schema made by zod (draft 2020-12). */
export function shapeOfJsonSchema(schema: JsonSchema, root: JsonSchema = schema, depth = 0): Shape {
  if (depth > 40) return ANY();
  const s = resolveLocalRef(root, schema);
  const parts: Shape[] = [];
  for (const k of ['anyOf', 'oneOf'] as const) {
    if (Array.isArray(s[k])) parts.push(union((s[k] as JsonSchema[]).map((b) => shapeOfJsonSchema(b, root, depth + 1))));
  }
  if (Array.isArray(s.allOf)) parts.push(intersect((s.allOf as JsonSchema[]).map((b) => shapeOfJsonSchema(b, root, depth + 1))));
  const own = ANY();
  const types = Array.isArray(s.type) ? (s.type as string[]) : typeof s.type === 'string' ? [s.type] : [];
  for (const t of types) own.types.add(t);
  if ('const' in s && s.const !== null) own.enum = new Set([enc(s.const)]);
  else if (Array.isArray(s.enum)) own.enum = new Set(s.enum.filter((v) => v !== null).map(enc));
  if (isObj(s.properties)) {
    own.props = new Map(Object.entries(s.properties).map(([n, p]) => [n, shapeOfJsonSchema(p as JsonSchema, root, depth + 1)]));
    for (const r of Array.isArray(s.required) ? (s.required as string[]) : []) own.required.add(r);
    if (!types.length) own.types.add('object');
  }
  if (isObj(s.items)) own.items = shapeOfJsonSchema(s.items, root, depth + 1);
  if (isObj(s.additionalProperties)) own.values = shapeOfJsonSchema(s.additionalProperties, root, depth + 1);
  const ownIsEmpty = !own.types.size && !own.props && !own.enum && !own.items && !own.values;
  if (!parts.length) return own;
  return ownIsEmpty ? (parts.length === 1 ? parts[0]! : intersect(parts)) : intersect([own, ...parts]);
}

/** Shape of an OpenAPI 3.0 schema of the document, for one direction. */
export class DocumentShapes {
  readonly #schemas: Record<string, JsonObject>;
  readonly #memo = new Map<string, Shape>();
  readonly #inProgress = new Set<string>();

  constructor(doc: OpenApiDocument) {
    this.#schemas = ((doc.raw.components as JsonObject | undefined)?.schemas ?? {}) as Record<string, JsonObject>;
  }

  shape(s: unknown, dir: Direction, depth = 0): Shape {
    if (!isObj(s) || depth > 40) return ANY();
    if (typeof s.$ref === 'string') {
      const name = s.$ref.replace('#/components/schemas/', '');
      const key = `${dir}:${name}`;
      const memo = this.#memo.get(key);
      if (memo) return memo;
      if (this.#inProgress.has(key)) return ANY(); // recursive schema: compared one level deep
      this.#inProgress.add(key);
      const out = this.#shapeOf(this.#schemas[name], dir, depth, name);
      this.#inProgress.delete(key);
      this.#memo.set(key, out);
      return out;
    }
    return this.#shapeOf(s, dir, depth);
  }

  #flag(p: unknown, flag: 'readOnly' | 'writeOnly'): boolean {
    if (!isObj(p)) return false;
    if (p[flag] === true) return true;
    if (typeof p.$ref === 'string') return this.#schemas[p.$ref.replace('#/components/schemas/', '')]?.[flag] === true;
    return false;
  }

  #shapeOf(s: JsonObject | undefined, dir: Direction, depth: number, name?: string): Shape {
    if (!s) return ANY();
    const drop: 'readOnly' | 'writeOnly' = dir === 'request' ? 'readOnly' : 'writeOnly';
    const own = ANY();
    if (typeof s.type === 'string') own.types.add(s.type);
    if (Array.isArray(s.enum)) {
      const values = new Set(s.enum.filter((v) => v !== null).map(enc));
      if (s.type === 'array') own.items = { ...ANY(), enum: values };
      else own.enum = values;
    }
    if (isObj(s.properties)) {
      own.props = new Map();
      for (const [n, p] of Object.entries(s.properties)) {
        if (!this.#flag(p, drop)) own.props.set(n, this.shape(p, dir, depth + 1));
        else if (dir === 'request' && this.#flag(p, 'readOnly')) (own.readOnlyProps ??= new Set()).add(n);
      }
      for (const r of Array.isArray(s.required) ? (s.required as string[]) : []) if (own.props.has(r)) own.required.add(r);
      if (!own.types.size) own.types.add('object');
    }
    if (s.items !== undefined) {
      const items = this.shape(s.items, dir, depth + 1);
      own.items = own.items ? intersect([own.items, items]) : items;
    }
    if (isObj(s.additionalProperties)) own.values = this.shape(s.additionalProperties, dir, depth + 1);
    const parts: Shape[] = [];
    if (Array.isArray(s.allOf)) {
      parts.push(
        intersect(
          s.allOf.map((p) => {
            // A child extending its discriminating parent: the parent's own fields, not the union of all children.
            if (isObj(p) && typeof p.$ref === 'string' && name) {
              const parent = this.#schemas[p.$ref.replace('#/components/schemas/', '')];
              if (parent && isObj(parent.discriminator)) return this.#shapeOf({ ...parent, discriminator: undefined }, dir, depth + 1);
            }
            return this.shape(p, dir, depth + 1);
          }),
        ),
      );
    }
    for (const k of ['oneOf', 'anyOf'] as const) {
      if (!Array.isArray(s[k])) continue;
      const u = union((s[k] as unknown[]).map((b) => this.shape(b, dir, depth + 1)));
      // `type: object` beside a oneOf of string enums (region names) cannot be meant: the checker repairs it the same way.
      if (u.enum && !own.props && own.types.has('object')) own.types.delete('object');
      parts.push(u);
    }
    if (isObj(s.discriminator) && !Array.isArray(s.oneOf) && isObj(s.discriminator.mapping)) {
      // A parent whose children are named by the discriminator: the object is one of them.
      const children = Object.values(s.discriminator.mapping as Record<string, string>).filter((ref) => ref !== `#/components/schemas/${name}`);
      if (children.length) return union([own, ...children.map((ref) => this.shape({ $ref: ref }, dir, depth + 1))]);
    }
    let out = parts.length ? intersect([own, ...parts]) : own;
    if (s.nullable === true) out = { ...out, types: out.types.size ? new Set([...out.types, 'null']) : out.types, enum: out.enum ? new Set([...out.enum, 'null']) : undefined };
    return out;
  }
}

/** `integer` is a `number`; an empty set accepts anything. */
function accepts(types: Set<string>, t: string): boolean {
  return types.size === 0 || types.has(t) || (t === 'integer' && types.has('number'));
}

const list = (s: Iterable<string>) => [...s].join(', ');
/** Enum values for a message: long lists (regions, instance sizes) are cut. */
const values = (v: Iterable<string>) => {
  const all = [...v];
  return all.length > 12 ? `${all.slice(0, 12).join(', ')} (and ${all.length - 12} more)` : all.join(', ');
};
const join = (base: string, prop: string) => (/^[A-Za-z_$][\w$]*$/.test(prop) ? `${base}.${prop}` : `${base}[${JSON.stringify(prop)}]`);

/** Differences between a contract shape and a document shape at `path`. */
export function compareShapes(contract: Shape, doc: Shape, dir: Direction, path = '$'): Array<Pick<DriftDifference, 'jsonPath' | 'rule' | 'message'>> {
  const out: Array<Pick<DriftDifference, 'jsonPath' | 'rule' | 'message'>> = [];
  const d = (rule: string, message: string, at = path) => out.push({ jsonPath: at, rule, message });
  if (contract.types.size && doc.types.size) {
    const [from, to, who] = dir === 'response' ? [contract.types, doc.types, 'the contract'] : [doc.types, contract.types, 'the document'];
    const extra = [...from].filter((t) => !accepts(to, t));
    if (extra.length) d('type', `${who} allows ${list(extra)}; contract: ${list(contract.types)}, document: ${list(doc.types)}`);
  }
  const ce = contract.enum;
  const de = doc.enum;
  if (ce || de) {
    const scalarTypes = (s: Shape) => [...s.types].filter((t) => t !== 'null');
    if (ce && de) {
      const onlyContract = [...ce].filter((v) => !de.has(v));
      const onlyDoc = [...de].filter((v) => !ce.has(v));
      if (onlyContract.length) d('enum', `only in the contract: ${values(onlyContract)}`);
      if (dir === 'request' && onlyDoc.length) d('enum', `only in the document: ${values(onlyDoc)}`);
    } else if (de && !ce && scalarTypes(contract).some((t) => t === 'string' || t === 'integer' || t === 'number')) {
      d('enum', `the document allows only ${values(de)}; the contract any value`);
    } else if (ce && !de && dir === 'request' && scalarTypes(doc).length) {
      d('enum', `the contract allows only ${values(ce)}; the document any value`);
    }
  }
  if (contract.props && doc.props) {
    for (const [n, p] of contract.props) {
      const q = doc.props.get(n);
      const ignored = !p.types.size && !p.props && !p.enum && !p.items;
      if (q) out.push(...compareShapes(p, q, dir, join(path, n)));
      // A read-only property a client sends back is ignored by Atlas (Jackson): accepting anything there and using nothing is compatible.
      else if (doc.readOnlyProps?.has(n)) {
        if (!ignored) d('readOnly', 'the document marks it readOnly; the contract reads it from requests', join(path, n));
      } else d('field', 'only in the contract', join(path, n));
    }
    for (const n of doc.props.keys()) if (!contract.props.has(n)) d('field', 'only in the document', join(path, n));
    for (const n of doc.required) if (contract.props.has(n) && !contract.required.has(n)) d('required', 'required by the document, optional in the contract', join(path, n));
    if (dir === 'request') for (const n of contract.required) if (doc.props.has(n) && !doc.required.has(n)) d('required', 'required by the contract, optional in the document', join(path, n));
  }
  if (contract.items && doc.items) out.push(...compareShapes(contract.items, doc.items, dir, `${path}[*]`));
  if (contract.values && doc.values) out.push(...compareShapes(contract.values, doc.values, dir, `${path}[*]`));
  return out;
}

const mediaOf = (date: string) => `application/vnd.atlas.${date}+json`;

function contentSchema(r: JsonObject | undefined, media: string): { described: boolean; schema: unknown } {
  const content = isObj(r?.content) ? (r!.content as Record<string, JsonObject>) : undefined;
  return content && media in content ? { described: true, schema: content[media]?.schema } : { described: false, schema: undefined };
}

export const driftKey = (d: DriftDifference): string => `${d.operationId} ${d.version} ${d.direction} ${d.jsonPath} ${d.rule}`;

/**
 * Compares every catalog operation and version the document describes.
 * @param known lookup of deliberate differences (default: DRIFT_DIFFERENCES)
 */
export function checkDrift(
  doc: OpenApiDocument,
  catalog: readonly OperationSpec[],
  known: (key: string) => string | undefined = knownDriftDifference,
  knownKeys: readonly string[] = [],
): DriftReport {
  const shapes = new DocumentShapes(doc);
  const report: DriftReport = { compared: [], notDescribed: [], entries: [], stale: [] };
  const used = new Set<string>();
  const add = (op: OperationSpec, version: string, direction: Direction, diffs: Array<Pick<DriftDifference, 'jsonPath' | 'rule' | 'message'>>) => {
    for (const x of diffs) {
      const difference: DriftDifference = { operationId: op.operationId, version, direction, ...x };
      const key = driftKey(difference);
      const reason = known(key);
      if (reason) used.add(key);
      report.entries.push(reason ? { difference, known: reason } : { difference });
    }
  };
  const cmp = (contract: z.ZodType, docSchema: unknown, dir: Direction) =>
    compareShapes(shapeOfJsonSchema(contractJsonSchema(contract, dir === 'request' ? 'input' : 'output')), shapes.shape(docSchema, dir), dir);

  for (const op of catalog) {
    // An operation Atlas for Government lacks never answers a success nor reads a body:
    // it has no contracts to drift.
    if (op.unavailableInGov && op.versions.every((v) => !v.request && !v.response)) continue;
    const d = doc.getOperation(op.operationId);
    for (const v of op.versions) {
      if (!d) {
        report.notDescribed.push({ operationId: op.operationId, version: v.date, reason: 'the document has no such operation' });
        continue;
      }
      const media = mediaOf(v.date);
      const successes = Object.keys(d.responses).filter((k) => /^2/.test(k));
      // The catalog status may differ from the document's (wire-facts C.6): compare with the documented success.
      const statusKey = successes.includes(String(op.status)) ? String(op.status) : successes.find((k) => contentSchema(d.responses[k], media).described);
      const res = statusKey ? contentSchema(d.responses[statusKey], media) : { described: false, schema: undefined };
      const req = contentSchema(d.requestBody, media);
      const anyVersionDescribed = [...successes.map((k) => d.responses[k]), d.requestBody].some((r) => isObj(r?.content) && Object.keys(r!.content as object).some((m) => m.startsWith('application/vnd.atlas.')));
      if (!res.described && !req.described && anyVersionDescribed) {
        report.notDescribed.push({ operationId: op.operationId, version: v.date, reason: 'the document describes only another version' });
        continue;
      }
      report.compared.push({ operationId: op.operationId, version: v.date, direction: 'response' });
      if (v.response && res.schema !== undefined) add(op, v.date, 'response', cmp(v.response, res.schema, 'response'));
      else if (v.response && op.status !== 204) add(op, v.date, 'response', [{ jsonPath: '$', rule: 'body', message: 'the contract has a response body; the document describes none' }]);
      else if (!v.response && res.schema !== undefined) add(op, v.date, 'response', [{ jsonPath: '$', rule: 'body', message: 'the document describes a response body; the catalog has no response contract' }]);
      if (v.request || req.described) {
        report.compared.push({ operationId: op.operationId, version: v.date, direction: 'request' });
        if (v.request && req.schema !== undefined) add(op, v.date, 'request', cmp(v.request, req.schema, 'request'));
        else if (v.request) add(op, v.date, 'request', [{ jsonPath: '$', rule: 'body', message: 'the contract takes a request body; the document describes none' }]);
        else add(op, v.date, 'request', [{ jsonPath: '$', rule: 'body', message: 'the document describes a request body; the catalog has no request contract' }]);
      }
    }
  }
  report.stale = knownKeys.filter((k) => !used.has(k));
  return report;
}

/** Per operation and version: each difference, `~` when deliberate (with why), `✗` when not. */
export function formatDrift(r: DriftReport): string {
  const unexplained = r.entries.filter((e) => !e.known);
  const lines = [
    `Drift of the zod contracts against the document: ${r.compared.length} request/response contracts compared, ` +
      `${unexplained.length} undeclared difference(s), ${r.entries.length - unexplained.length} declared in contracts/harness/knownDifferences.ts`,
  ];
  let last = '';
  for (const e of [...r.entries].sort((a, b) => driftKey(a.difference).localeCompare(driftKey(b.difference)))) {
    const x = e.difference;
    const head = `${x.operationId} ${x.version} ${x.direction}`;
    if (head !== last) lines.push(`  ${(last = head)}`);
    lines.push(`    ${e.known ? '~' : '✗'} ${x.jsonPath} [${x.rule}] ${x.message}${e.known ? ` — declared: ${e.known}` : ''}`);
  }
  for (const n of r.notDescribed) lines.push(`  not compared: ${n.operationId} ${n.version} (${n.reason})`);
  for (const k of r.stale) lines.push(`  ✗ declared but no longer different (remove it from DRIFT_DIFFERENCES): ${k}`);
  return lines.join('\n');
}
