/**
 * OpenAPI 3.0 schema → JSON Schema (draft-07) conversion and lazy Ajv compilation.
 *
 * What OpenAPI 3.0 means differently from JSON Schema, and how it is mapped:
 * - `nullable: true` → `null` is allowed as well (type list or an if/else wrapper).
 * - `readOnly` / `writeOnly` → direction-dependent: in a response a writeOnly
 *   property is never required and must be absent; in a request the same holds
 *   for readOnly properties. So every component schema is converted twice,
 *   once per direction, under distinct Ajv ids.
 * - `discriminator` (with `oneOf`, or on a parent that children extend with
 *   `allOf`) → if/then dispatch on the property value, so a failure reports the
 *   errors of the selected branch only. Without `mapping` the implicit mapping
 *   is the schema name. A `$ref` to the parent from inside a mapped child's
 *   `allOf` uses the parent's *base* variant (no dispatch) to avoid infinite
 *   recursion.
 * - `oneOf` without discriminator → custom keyword that reports "no branch
 *   matched, closest is X" plus X's errors instead of the errors of every branch.
 *   A `oneOf` whose branches are all plain string enums is turned into one enum:
 *   the Atlas document uses that pattern for unions of region / instance-size /
 *   event-type lists that overlap (e.g. `M10` is in the AWS, Azure and GCP lists),
 *   which strict oneOf would reject although the document clearly means "any of".
 * - `$ref` siblings are ignored (as OpenAPI 3.0 says); exclusiveMinimum/Maximum
 *   booleans become draft-07 numbers; unknown formats are dropped; invalid
 *   regex patterns are dropped.
 *
 * Component schemas are converted on first reference and added to Ajv by id,
 * so Ajv compiles each one once and lazily, and recursive schemas are plain
 * recursive `$ref`s.
 */
import { Ajv, type AnySchemaObject, type ErrorObject, type ValidateFunction } from 'ajv';
import type { JsonObject } from './document.js';

/** Which side of the exchange a body belongs to. */
export type Direction = 'request' | 'response';

/** One schema failure, already translated to a JSON path like `$.results[0].links[1].href`. */
export interface SchemaIssue {
  jsonPath: string;
  /** The failing keyword (`type`, `required`, `enum`, `oneOf`, `discriminator`, `readOnly`, `writeOnly`, …). */
  rule: string;
  message: string;
}

type Schema = JsonObject;

const BASE_URI = 'https://atlas-gov-mock.invalid/openapi/';
const COMPONENT_PREFIX = '#/components/schemas/';

/** Formats the Atlas document uses; anything else is dropped (never fails). */
const FORMATS: Record<string, { type: 'string' | 'number'; validate: (v: never) => boolean }> = {
  'date-time': {
    type: 'string',
    validate: (s: string) =>
      /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:?\d{2})$/.test(s) && !Number.isNaN(Date.parse(s)),
  },
  date: { type: 'string', validate: (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(s)) },
  uri: { type: 'string', validate: (s: string) => /^[a-z][a-z0-9+.-]*:[^\s]*$/i.test(s) },
  email: { type: 'string', validate: (s: string) => /^[^\s@]+@[^\s@]+$/.test(s) },
  uuid: {
    type: 'string',
    validate: (s: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s),
  },
  int32: { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= -2147483648 && n <= 2147483647 },
  // JSON numbers beyond 2^53 lose precision in JS; accept any integer.
  int64: { type: 'number', validate: (n: number) => Number.isInteger(n) },
  float: { type: 'number', validate: () => true },
  double: { type: 'number', validate: () => true },
  binary: { type: 'string', validate: () => true },
  byte: { type: 'string', validate: () => true },
  password: { type: 'string', validate: () => true },
};

/**
 * Patterns: the document mixes `\p{L}` (needs the `u` flag) with escapes such
 * as `\-` outside classes (a syntax error with `u`), so try `u` first and fall
 * back to a plain RegExp.
 */
const PATTERN_ENGINE = Object.assign(
  (pattern: string, _u: string): RegExp => {
    try {
      return new RegExp(pattern, 'u');
    } catch {
      return new RegExp(pattern);
    }
  },
  { code: 'atlasPatternEngine' },
);

/** Keywords copied as they are (after the OpenAPI-specific ones are handled). */
const COPIED = [
  'type',
  'multipleOf',
  'maxLength',
  'minLength',
  'maxItems',
  'minItems',
  'uniqueItems',
  'maxProperties',
  'minProperties',
] as const;

const isObj = (v: unknown): v is JsonObject => v !== null && typeof v === 'object' && !Array.isArray(v);

function componentName(ref: string): string | undefined {
  return ref.startsWith(COMPONENT_PREFIX) ? ref.slice(COMPONENT_PREFIX.length) : undefined;
}

/** `/results/0/links/1/href` → `$.results[0].links[1].href`. */
export function toJsonPath(instancePath: string): string {
  if (!instancePath) return '$';
  let out = '$';
  for (const raw of instancePath.split('/').slice(1)) {
    const p = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (/^\d+$/.test(p)) out += `[${p}]`;
    else if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(p)) out += `.${p}`;
    else out += `[${JSON.stringify(p)}]`;
  }
  return out;
}

const escapePointer = (s: string): string => s.replace(/~/g, '~0').replace(/\//g, '~1');

function valueAt(root: unknown, instancePath: string): unknown {
  let cur = root;
  for (const raw of instancePath.split('/').slice(1)) {
    const p = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[p];
  }
  return cur;
}

function preview(v: unknown): string {
  if (v === undefined) return 'undefined';
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

function describeType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number' && Number.isInteger(v)) return 'integer';
  return typeof v;
}

/** Options of {@link SchemaCompiler}. */
export interface SchemaCompilerOptions {
  strictOneOf?: boolean;
}

interface Branch {
  name: string;
  schema: AnySchemaObject;
}

interface ConvertCtx {
  dir: Direction;
  /** Name of the component being converted, for its top-level `allOf` only. */
  owner?: string;
}

/**
 * Converts schemas of one OpenAPI document and compiles validators on demand.
 * One instance per document; it keeps its own Ajv instance.
 */
export class SchemaCompiler {
  private readonly ajv: Ajv;
  private readonly registered = new Set<string>();
  private readonly validators = new WeakMap<object, Partial<Record<Direction, ValidateFunction>>>();
  private readonly branchValidators = new WeakMap<object, ValidateFunction>();
  private allOfChildren: Map<string, string[]> | undefined;
  private readonly schemas: Record<string, Schema>;

  /**
   * @param raw the whole parsed OpenAPI document (only `components.schemas` is read)
   * @param options `strictOneOf`: report objects matching several branches of a
   *   non-discriminated oneOf (rule `oneOf-ambiguous`); off by default, see {@link runOneOf}
   */
  constructor(
    raw: JsonObject,
    readonly options: SchemaCompilerOptions = {},
  ) {
    this.schemas = ((raw.components as JsonObject | undefined)?.schemas ?? {}) as Record<string, Schema>;
    this.ajv = new Ajv({
      strict: false,
      allErrors: true,
      validateSchema: false,
      logger: false,
      code: { regExp: PATTERN_ENGINE },
    });
    for (const [name, f] of Object.entries(FORMATS)) {
      this.ajv.addFormat(name, { type: f.type, validate: f.validate as (v: string) => boolean } as never);
    }
    const compiler = this;
    this.ajv.addKeyword({
      keyword: 'atlasForbidden',
      schemaType: 'string',
      validate: function forbidden(kind: string): boolean {
        (forbidden as unknown as { errors: Partial<ErrorObject>[] }).errors = [
          {
            keyword: kind,
            params: {},
            message:
              kind === 'writeOnly'
                ? 'writeOnly property must not appear in a response'
                : 'readOnly property must not appear in a request',
          },
        ];
        return false;
      },
    });
    this.ajv.addKeyword({
      keyword: 'atlasOneOf',
      schemaType: 'array',
      validate: function oneOf(branches: Branch[], data: unknown, _ps: unknown, cxt?: DataCxt): boolean {
        const r = compiler.runOneOf(branches, data, cxt);
        (oneOf as unknown as { errors: Partial<ErrorObject>[] | null }).errors = r;
        return r === null;
      },
    });
    this.ajv.addKeyword({
      keyword: 'atlasDiscriminator',
      schemaType: 'object',
      validate: function disc(spec: { propertyName: string; allowed: string[] }, data: unknown, _ps: unknown, cxt?: DataCxt): boolean {
        if (!isObj(data) || !(spec.propertyName in data)) return true;
        const v = data[spec.propertyName];
        if (typeof v === 'string' && spec.allowed.includes(v)) return true;
        (disc as unknown as { errors: Partial<ErrorObject>[] }).errors = [
          {
            keyword: 'discriminator',
            instancePath: `${cxt?.instancePath ?? ''}/${escapePointer(spec.propertyName)}`,
            params: { allowed: spec.allowed },
            message: `discriminator value ${preview(v)} maps to no schema (expected one of ${spec.allowed.join(', ')})`,
          },
        ];
        return false;
      },
    });
  }

  // -------------------------------------------------------------------------
  // Validation
  // -------------------------------------------------------------------------

  /**
   * The compiled validator for an OpenAPI schema (a `$ref` or inline schema
   * object taken from the document) in a direction. Cached by the identity of
   * the schema object, so pass the document's own objects, not copies; a bare
   * `$ref` shares the component's compiled validator anyway.
   */
  validator(schema: JsonObject, dir: Direction): ValidateFunction {
    let perDir = this.validators.get(schema);
    if (!perDir) this.validators.set(schema, (perDir = {}));
    let v = perDir[dir];
    if (!v) {
      const converted = this.convert(schema, { dir });
      const ref = typeof converted.$ref === 'string' && Object.keys(converted).length === 1 ? converted.$ref : undefined;
      v = (ref ? this.ajv.getSchema(ref) : undefined) ?? this.ajv.compile(converted);
      perDir[dir] = v;
    }
    return v;
  }

  /** Validates `data` against an OpenAPI schema and returns readable issues (empty when valid). */
  validate(schema: JsonObject, dir: Direction, data: unknown): SchemaIssue[] {
    const v = this.validator(schema, dir);
    if (v(data)) return [];
    return this.issues(v.errors ?? [], data);
  }

  /** Translates Ajv errors to issues with JSON paths; drops if/then noise and duplicates. */
  issues(errors: readonly ErrorObject[] | Partial<ErrorObject>[], root: unknown): SchemaIssue[] {
    const out: SchemaIssue[] = [];
    const seen = new Set<string>();
    // A null (or otherwise mistyped) value also fails `enum`; the type error says it all.
    const typed = new Set(errors.filter((e) => e.keyword === 'type').map((e) => e.instancePath ?? ''));
    for (const e of errors) {
      const keyword = e.keyword ?? 'schema';
      if (keyword === 'if') continue; // the branch's own errors are reported
      if (keyword === 'enum' && typed.has(e.instancePath ?? '')) continue;
      let inst = e.instancePath ?? '';
      const params = (e.params ?? {}) as Record<string, unknown>;
      let message = e.message ?? 'is invalid';
      const actual = valueAt(root, inst);
      switch (keyword) {
        case 'required':
          inst += `/${escapePointer(String(params.missingProperty))}`;
          message = `required property '${String(params.missingProperty)}' is missing`;
          break;
        case 'additionalProperties':
          inst += `/${escapePointer(String(params.additionalProperty))}`;
          message = 'property is not allowed (additionalProperties: false)';
          break;
        case 'type':
          message = `must be ${String(params.type)}, got ${describeType(actual)} ${preview(actual)}`;
          break;
        case 'enum': {
          const allowed = (params.allowedValues ?? []) as unknown[];
          const list = allowed.length > 12 ? `${allowed.slice(0, 12).map(preview).join(', ')}, … (${allowed.length} values)` : allowed.map(preview).join(', ');
          message = `${preview(actual)} is not one of ${list}`;
          break;
        }
        case 'format':
        case 'pattern':
        case 'minimum':
        case 'maximum':
        case 'minLength':
        case 'maxLength':
          message = `${message}, got ${preview(actual)}`;
          break;
        default:
          break;
      }
      const issue = { jsonPath: toJsonPath(inst), rule: keyword, message };
      const k = `${issue.jsonPath}|${issue.rule}|${issue.message}`;
      if (!seen.has(k)) {
        seen.add(k);
        out.push(issue);
      }
    }
    return out;
  }

  /**
   * Runs a non-discriminated oneOf; null when it passes, else the errors to
   * report. With several matching branches it passes unless `strictOneOf`:
   * the Atlas document uses oneOf for overlapping unions (the AWS/Azure/GCP
   * hardware specs accept the same objects), where "exactly one" can never hold.
   */
  private runOneOf(branches: Branch[], data: unknown, cxt?: DataCxt): Partial<ErrorObject>[] | null {
    const passing: string[] = [];
    const here = cxt?.instancePath ?? '';
    let best: { name: string; errors: ErrorObject[]; score: number } | undefined;
    for (const b of branches) {
      let v = this.branchValidators.get(b.schema);
      if (!v) {
        v = this.ajv.compile(b.schema);
        this.branchValidators.set(b.schema, v);
      }
      if (v(data, cxt ? { ...cxt } : undefined)) {
        passing.push(b.name);
        continue;
      }
      const errors = [...(v.errors ?? [])];
      // "Closest" branch: a wrong type of the value itself, or a wrong enum value of a
      // direct property (typically a type-selecting field such as eventTypeName), means
      // "not this branch" far more than deeper or other errors do.
      let score = 0;
      for (const e of errors) {
        const rel = e.instancePath.startsWith(here) ? e.instancePath.slice(here.length) : e.instancePath;
        const depth = rel === '' ? 0 : rel.split('/').length - 1;
        if (depth === 0 && e.keyword === 'type') score += 1000;
        else if (depth <= 1 && ['enum', 'const', 'discriminator'].includes(e.keyword)) score += 100;
        else if (depth <= 1 && e.keyword === 'type') score += 10;
        else score += 1;
      }
      if (!best || score < best.score) best = { name: b.name, errors, score };
    }
    if (passing.length === 1 || (passing.length > 1 && !this.options.strictOneOf)) return null;
    const names = branches.map((b) => b.name).join(', ');
    if (passing.length > 1) {
      return [
        {
          keyword: 'oneOf-ambiguous',
          params: { passing },
          message: `matches ${passing.length} oneOf branches (${passing.join(', ')}) but exactly one is required`,
        },
      ];
    }
    return [
      {
        keyword: 'oneOf',
        params: { closest: best?.name },
        message: `matches none of the oneOf branches (${names}); closest is ${best?.name ?? '?'}, whose errors follow`,
      },
      ...(best?.errors ?? []),
    ];
  }

  // -------------------------------------------------------------------------
  // Conversion
  // -------------------------------------------------------------------------

  private target(name: string): Schema | undefined {
    return this.schemas[name];
  }

  private hasDiscriminator(name: string): boolean {
    const s = this.target(name);
    return !!s && isObj(s.discriminator) && typeof s.discriminator.propertyName === 'string';
  }

  /**
   * Ajv id of a component in a direction. `base` = without the discriminator
   * dispatch (used from a mapped child's allOf and for self-mappings).
   */
  ref(name: string, dir: Direction, base = false): string {
    const useBase = base && this.hasDiscriminator(name);
    const id = `${BASE_URI}${dir}/${encodeURIComponent(name)}${useBase ? '.base' : ''}.json`;
    if (!this.registered.has(id)) {
      this.registered.add(id); // before converting: recursive refs must not recurse here
      const s = this.target(name);
      if (!s) throw new Error(`Unknown schema ${COMPONENT_PREFIX}${name}`);
      const converted = useBase ? this.convertBase(s, { dir, owner: name }) : this.convertObject(s, { dir, owner: name });
      this.ajv.addSchema({ ...converted, $id: id }, id);
    }
    return id;
  }

  private refSchema(ref: string, dir: Direction, base = false): AnySchemaObject {
    const name = componentName(ref);
    if (!name) throw new Error(`Unsupported $ref ${ref} (only ${COMPONENT_PREFIX}… are schemas)`);
    return { $ref: this.ref(name, dir, base) };
  }

  /** Converts any OpenAPI schema (object, `$ref`, boolean) for a direction. */
  convert(s: unknown, ctx: ConvertCtx): AnySchemaObject {
    if (!isObj(s)) return {};
    if (typeof s.$ref === 'string') return this.refSchema(s.$ref, ctx.dir);
    return this.convertObject(s, ctx);
  }

  /** Is property `prop` of schema `s` flagged readOnly/writeOnly (looking through $ref and allOf)? */
  private propFlag(s: Schema, prop: string, flag: 'readOnly' | 'writeOnly', seen = new Set<Schema>()): boolean | undefined {
    if (seen.has(s)) return undefined;
    seen.add(s);
    const props = isObj(s.properties) ? s.properties : undefined;
    if (props && isObj(props[prop])) return this.flagOf(props[prop], flag);
    for (const part of Array.isArray(s.allOf) ? s.allOf : []) {
      const p = this.derefSchema(part);
      if (!p) continue;
      const r = this.propFlag(p, prop, flag, seen);
      if (r !== undefined) return r;
    }
    return undefined;
  }

  private flagOf(prop: Schema, flag: 'readOnly' | 'writeOnly'): boolean {
    if (prop[flag] === true) return true;
    const t = this.derefSchema(prop);
    if (t && t !== prop && t[flag] === true) return true;
    return false;
  }

  private derefSchema(s: unknown): Schema | undefined {
    if (!isObj(s)) return undefined;
    if (typeof s.$ref === 'string') {
      const n = componentName(s.$ref);
      return n ? this.target(n) : undefined;
    }
    return s;
  }

  private convertObject(s: Schema, ctx: ConvertCtx): AnySchemaObject {
    if (isObj(s.discriminator) && typeof s.discriminator.propertyName === 'string') {
      return this.withNullable(s, this.convertPolymorphic(s, ctx));
    }
    return this.convertBase(s, ctx);
  }

  /** The schema without its discriminator dispatch (and without the oneOf it governs). */
  private convertBase(s: Schema, ctx: ConvertCtx): AnySchemaObject {
    const { dir } = ctx;
    const out: AnySchemaObject = {};
    for (const k of COPIED) if (s[k] !== undefined) out[k] = s[k];
    const union = Array.isArray(s.oneOf) && !isObj(s.discriminator) ? this.enumUnion(s.oneOf) : undefined;
    if (union && s.type !== undefined && s.type !== 'string') {
      // Repair: `type: object` beside a oneOf of string enums (BaseStreamsRegion) can never be satisfied.
      delete out.type;
    }
    if (typeof s.minimum === 'number') {
      if (s.exclusiveMinimum === true) out.exclusiveMinimum = s.minimum;
      else out.minimum = s.minimum;
    }
    if (typeof s.maximum === 'number') {
      if (s.exclusiveMaximum === true) out.exclusiveMaximum = s.maximum;
      else out.maximum = s.maximum;
    }
    if (Array.isArray(s.enum)) {
      if (s.type === 'array' && s.enum.every((v) => !Array.isArray(v))) {
        // Repair: an enum of scalars on an array schema (TeamRole.roleNames) can never be
        // satisfied; it obviously constrains the items.
        const items = this.convert(s.items, { dir });
        out.items = items.$ref ? { allOf: [items], enum: [...s.enum] } : { ...items, enum: [...s.enum] };
      } else {
        out.enum = [...s.enum];
      }
    }
    if (typeof s.format === 'string' && s.format in FORMATS) out.format = s.format;
    if (typeof s.pattern === 'string') {
      try {
        PATTERN_ENGINE(s.pattern, '');
        out.pattern = s.pattern;
      } catch {
        /* a pattern JS cannot compile at all is not enforced */
      }
    }
    if (s.items !== undefined && out.items === undefined) out.items = this.convert(s.items, { dir });
    if (isObj(s.properties)) {
      const props: Record<string, AnySchemaObject> = {};
      for (const [name, ps] of Object.entries(s.properties)) {
        if (!isObj(ps)) continue;
        if (dir === 'response' && this.flagOf(ps, 'writeOnly')) props[name] = { atlasForbidden: 'writeOnly' };
        else if (dir === 'request' && this.flagOf(ps, 'readOnly')) props[name] = { atlasForbidden: 'readOnly' };
        else props[name] = this.convert(ps, { dir });
      }
      out.properties = props;
    }
    if (Array.isArray(s.required)) {
      const flag = dir === 'response' ? 'writeOnly' : 'readOnly';
      const req = (s.required as string[]).filter((p) => !this.propFlag(s, p, flag));
      if (req.length) out.required = req;
    }
    if (s.additionalProperties !== undefined) {
      out.additionalProperties =
        typeof s.additionalProperties === 'boolean' ? s.additionalProperties : this.convert(s.additionalProperties, { dir });
    }
    if (Array.isArray(s.allOf)) {
      out.allOf = s.allOf.map((part) => {
        // A mapped child extending its discriminating parent: use the parent's base.
        if (isObj(part) && typeof part.$ref === 'string' && ctx.owner) {
          const parent = componentName(part.$ref);
          if (parent && this.hasDiscriminator(parent) && this.isMappedChild(parent, ctx.owner)) {
            return this.refSchema(part.$ref, dir, true);
          }
        }
        return isObj(part) && !part.$ref ? this.convertObject(part, { dir, owner: ctx.owner }) : this.convert(part, { dir });
      });
    }
    if (Array.isArray(s.anyOf)) out.anyOf = s.anyOf.map((p) => this.convert(p, { dir }));
    if (s.not !== undefined) out.not = this.convert(s.not, { dir });
    if (Array.isArray(s.oneOf) && !isObj(s.discriminator)) {
      if (union) {
        out.type = 'string';
        out.enum = union;
      } else {
        out.atlasOneOf = s.oneOf.map((b, i) => ({ name: this.branchName(b, i), schema: this.convert(b, { dir }) }));
      }
    }
    return this.withNullable(s, out);
  }

  /** `oneOf` of plain string enums (inline or `$ref`) → the union of their values, else undefined. */
  private enumUnion(branches: unknown[]): unknown[] | undefined {
    const values = new Set<unknown>();
    for (const raw of branches) {
      const b = this.derefSchema(raw);
      if (!b || !Array.isArray(b.enum) || (b.type !== undefined && b.type !== 'string')) return undefined;
      const extra = Object.keys(b).filter((k) => !['type', 'enum', 'title', 'description', 'example', 'externalDocs'].includes(k));
      if (extra.length) return undefined;
      for (const v of b.enum) values.add(v);
    }
    return [...values];
  }

  private branchName(b: unknown, i: number): string {
    if (isObj(b) && typeof b.$ref === 'string') return componentName(b.$ref) ?? b.$ref;
    if (isObj(b) && typeof b.title === 'string') return b.title;
    return `#${i}`;
  }

  /** Adds `null` to what `out` accepts when the OpenAPI schema says `nullable: true`. */
  private withNullable(s: Schema, out: AnySchemaObject): AnySchemaObject {
    if (s.nullable !== true) return out;
    const complex = ['$ref', 'allOf', 'anyOf', 'oneOf', 'not', 'atlasOneOf', 'if'].some((k) => k in out);
    if (!complex && typeof out.type === 'string') {
      const r: AnySchemaObject = { ...out, type: [out.type, 'null'] };
      if (Array.isArray(r.enum) && !r.enum.includes(null)) r.enum = [...r.enum, null];
      return r;
    }
    if (!complex && out.type === undefined && !Array.isArray(out.enum)) return out; // accepts null already
    return { if: { type: 'null' }, then: true, else: out };
  }

  /** Components whose top-level allOf references `parent` (implicit discriminator mapping). */
  private childrenOf(parent: string): string[] {
    if (!this.allOfChildren) {
      const idx = new Map<string, string[]>();
      for (const [name, s] of Object.entries(this.schemas)) {
        for (const part of Array.isArray(s.allOf) ? s.allOf : []) {
          const p = isObj(part) && typeof part.$ref === 'string' ? componentName(part.$ref) : undefined;
          if (p) idx.set(p, [...(idx.get(p) ?? []), name]);
        }
      }
      this.allOfChildren = idx;
    }
    return this.allOfChildren.get(parent) ?? [];
  }

  /** value → component name, explicit mapping plus implicit (schema-name) entries. */
  private mappingOf(s: Schema, selfName?: string): Map<string, string> {
    const disc = s.discriminator as JsonObject;
    const map = new Map<string, string>();
    const explicit = isObj(disc.mapping) ? (disc.mapping as Record<string, string>) : {};
    for (const [value, target] of Object.entries(explicit)) {
      map.set(value, componentName(target) ?? target);
    }
    const mapped = new Set(map.values());
    const implicit = Array.isArray(s.oneOf)
      ? s.oneOf.map((b) => (isObj(b) && typeof b.$ref === 'string' ? componentName(b.$ref) : undefined))
      : selfName && Object.keys(explicit).length === 0
        ? this.childrenOf(selfName)
        : [];
    for (const n of implicit) if (n && !mapped.has(n) && !map.has(n)) map.set(n, n);
    return map;
  }

  private isMappedChild(parent: string, child: string): boolean {
    const s = this.target(parent);
    if (!s) return false;
    for (const t of this.mappingOf(s, parent).values()) if (t === child) return true;
    return false;
  }

  /**
   * Discriminated schema.
   * - With `oneOf`: the parent's other keywords apply as well (JSON Schema
   *   semantics of sibling keywords), and the value picks the one branch to
   *   check; an unmapped value is reported; without the property, plain oneOf.
   * - Without `oneOf` (discriminator on a parent that children extend): a
   *   mapped value means the object IS the mapped schema, which replaces the
   *   parent (the Atlas document has parents whose own properties contradict
   *   the mapped views, e.g. `HostMetricAlert.currentValue` vs
   *   `RawMetricAlertView.currentValue`); unmapped or absent → the parent itself.
   */
  private convertPolymorphic(s: Schema, ctx: ConvertCtx): AnySchemaObject {
    const { dir } = ctx;
    const disc = s.discriminator as JsonObject;
    const prop = disc.propertyName as string;
    const { discriminator: _d, oneOf, nullable: _n, ...rest } = s;
    const base = this.convertBase(rest, ctx);
    const mapping = this.mappingOf(s, ctx.owner);
    const byTarget = new Map<string, string[]>();
    for (const [value, target] of mapping) {
      if (target === ctx.owner || !this.target(target)) continue; // self-mapping: the base is the schema
      byTarget.set(target, [...(byTarget.get(target) ?? []), value]);
    }
    const dispatch: AnySchemaObject[] = [];
    for (const [target, values] of byTarget) {
      const t = this.target(target) as Schema;
      const sameProp = isObj(t.discriminator) && t.discriminator.propertyName === prop;
      dispatch.push({
        if: { type: 'object', properties: { [prop]: { enum: values } }, required: [prop] },
        then: { $ref: this.ref(target, dir, sameProp) },
      });
    }
    if (!Array.isArray(oneOf)) {
      const dispatched = [...byTarget.values()].flat();
      if (!dispatched.length) return base;
      return {
        if: { type: 'object', properties: { [prop]: { enum: dispatched } }, required: [prop] },
        then: dispatch.length === 1 ? (dispatch[0] as AnySchemaObject) : { allOf: dispatch },
        else: base,
      };
    }
    return {
      allOf: [
        base,
        ...dispatch,
        { atlasDiscriminator: { propertyName: prop, allowed: [...mapping.keys()] } },
        {
          if: { required: [prop] },
          else: { atlasOneOf: oneOf.map((b, i) => ({ name: this.branchName(b, i), schema: this.convert(b, { dir }) })) },
        },
      ],
    };
  }
}

/** What Ajv passes to function keywords as the 4th argument (and accepts back as a validator's 2nd). */
type DataCxt = NonNullable<Parameters<ValidateFunction>[1]>;

const compilers = new WeakMap<object, Map<boolean, SchemaCompiler>>();

/** The (memoised) compiler for a parsed document and options. */
export function schemaCompilerFor(raw: JsonObject, options: SchemaCompilerOptions = {}): SchemaCompiler {
  let byOpts = compilers.get(raw);
  if (!byOpts) compilers.set(raw, (byOpts = new Map()));
  const strict = options.strictOneOf === true;
  let c = byOpts.get(strict);
  if (!c) byOpts.set(strict, (c = new SchemaCompiler(raw, { strictOneOf: strict })));
  return c;
}
