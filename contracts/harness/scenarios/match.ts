/**
 * Patterns for what a scenario expects, and the expected-versus-actual differences when
 * an answer does not fit. A pattern is a plain value (compared exactly), a plain object
 * (exactly these keys, each matched), a plain array (this length, element by element),
 * or a matcher from `m`.
 */

export interface Mismatch {
  /** JSON path in the body, or `status`, `header <name>`, …. */
  path: string;
  expected: string;
  actual: string;
}

export abstract class Matcher {
  abstract describe(): string;
  abstract test(actual: unknown, path: string, out: Mismatch[]): void;
}

const show = (v: unknown): string => {
  if (v === undefined) return '(absent)';
  // Matchers inside a pattern print as what they accept.
  const s = JSON.stringify(v, (_k, x: unknown) => (x instanceof Matcher ? `<${x.describe()}>` : x));
  return s.length > 160 ? `${s.slice(0, 157)}...` : s;
};

class Predicate extends Matcher {
  constructor(
    readonly text: string,
    readonly ok: (v: unknown) => boolean,
  ) {
    super();
  }
  describe(): string {
    return this.text;
  }
  test(actual: unknown, path: string, out: Mismatch[]): void {
    if (!this.ok(actual)) out.push({ path, expected: this.text, actual: show(actual) });
  }
}

class Optional extends Matcher {
  constructor(readonly inner: unknown) {
    super();
  }
  describe(): string {
    return `optional ${describePattern(this.inner)}`;
  }
  test(actual: unknown, path: string, out: Mismatch[]): void {
    if (actual !== undefined) match(actual, this.inner, path, out);
  }
}

class Absent extends Matcher {
  describe(): string {
    return '(absent)';
  }
  test(actual: unknown, path: string, out: Mismatch[]): void {
    if (actual !== undefined) out.push({ path, expected: '(absent)', actual: show(actual) });
  }
}

class Partial extends Matcher {
  constructor(readonly shape: Record<string, unknown>) {
    super();
  }
  describe(): string {
    return `an object with at least ${Object.keys(this.shape).join(', ')}`;
  }
  test(actual: unknown, path: string, out: Mismatch[]): void {
    if (!isPlainObject(actual)) {
      out.push({ path, expected: 'an object', actual: show(actual) });
      return;
    }
    for (const [k, p] of Object.entries(this.shape)) match(actual[k], p, join(path, k), out);
  }
}

class ArrayOf extends Matcher {
  constructor(
    readonly item: unknown,
    readonly min: number,
    readonly max: number,
  ) {
    super();
  }
  describe(): string {
    const n = this.max === Infinity ? `at least ${this.min}` : this.min === this.max ? `${this.min}` : `${this.min} to ${this.max}`;
    return `an array of ${n} × ${describePattern(this.item)}`;
  }
  test(actual: unknown, path: string, out: Mismatch[]): void {
    if (!Array.isArray(actual)) {
      out.push({ path, expected: 'an array', actual: show(actual) });
      return;
    }
    if (actual.length < this.min || actual.length > this.max) out.push({ path: `${path}.length`, expected: this.describe(), actual: String(actual.length) });
    actual.forEach((v, i) => match(v, this.item, `${path}[${i}]`, out));
  }
}

class Some extends Matcher {
  constructor(readonly item: unknown) {
    super();
  }
  describe(): string {
    return `an array with an element like ${describePattern(this.item)}`;
  }
  test(actual: unknown, path: string, out: Mismatch[]): void {
    if (!Array.isArray(actual) || !actual.some((v) => check(v, this.item).length === 0)) out.push({ path, expected: this.describe(), actual: show(actual) });
  }
}

class AllOf extends Matcher {
  constructor(readonly parts: unknown[]) {
    super();
  }
  describe(): string {
    return this.parts.map(describePattern).join(' and ');
  }
  test(actual: unknown, path: string, out: Mismatch[]): void {
    for (const p of this.parts) match(actual, p, path, out);
  }
}

const OBJECT_ID = /^[a-f0-9]{24}$/;
const ENTITY_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

export const m = {
  any: (): Matcher => new Predicate('anything', () => true),
  string: (re?: RegExp): Matcher => new Predicate(re ? `a string matching ${re}` : 'a string', (v) => typeof v === 'string' && (!re || re.test(v))),
  objectId: (): Matcher => new Predicate('a 24-hex id', (v) => typeof v === 'string' && OBJECT_ID.test(v)),
  date: (): Matcher => new Predicate('an ISO-8601 UTC date without fractions', (v) => typeof v === 'string' && ENTITY_DATE.test(v)),
  integer: (min = -Infinity, max = Infinity): Matcher =>
    new Predicate(`an integer${min > -Infinity ? ` ≥ ${min}` : ''}${max < Infinity ? ` ≤ ${max}` : ''}`, (v) => Number.isInteger(v) && (v as number) >= min && (v as number) <= max),
  boolean: (): Matcher => new Predicate('a boolean', (v) => typeof v === 'boolean'),
  oneOf: (...values: unknown[]): Matcher => new Predicate(`one of ${values.map(show).join(', ')}`, (v) => values.some((x) => x === v)),
  /** A URL whose path (and query) ends with `suffix`, on whatever host the target uses. */
  urlEndingWith: (suffix: string): Matcher => new Predicate(`a URL ending with ${suffix}`, (v) => typeof v === 'string' && /^https?:\/\//.test(v) && v.endsWith(suffix)),
  arrayOf: (item: unknown, options: { min?: number; max?: number } = {}): Matcher => new ArrayOf(item, options.min ?? 0, options.max ?? Infinity),
  some: (item: unknown): Matcher => new Some(item),
  optional: (inner: unknown): Matcher => new Optional(inner),
  absent: (): Matcher => new Absent(),
  partial: (shape: Record<string, unknown>): Matcher => new Partial(shape),
  allOf: (...parts: unknown[]): Matcher => new AllOf(parts),
  where: (text: string, ok: (v: unknown) => boolean): Matcher => new Predicate(text, ok),
};

const isPlainObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Matcher);
const join = (path: string, key: string) => (/^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`);

export function describePattern(p: unknown): string {
  if (p instanceof Matcher) return p.describe();
  return show(p);
}

/** Adds to `out` every way `actual` fails `pattern`. */
export function match(actual: unknown, pattern: unknown, path: string, out: Mismatch[]): void {
  if (pattern instanceof Matcher) {
    pattern.test(actual, path, out);
    return;
  }
  if (Array.isArray(pattern)) {
    if (!Array.isArray(actual)) {
      out.push({ path, expected: `an array of ${pattern.length}`, actual: show(actual) });
      return;
    }
    if (actual.length !== pattern.length) out.push({ path: `${path}.length`, expected: String(pattern.length), actual: String(actual.length) });
    pattern.forEach((p, i) => match(actual[i], p, `${path}[${i}]`, out));
    return;
  }
  if (isPlainObject(pattern)) {
    if (!isPlainObject(actual)) {
      out.push({ path, expected: 'an object', actual: show(actual) });
      return;
    }
    for (const [k, p] of Object.entries(pattern)) match(actual[k], p, join(path, k), out);
    for (const k of Object.keys(actual)) if (!(k in pattern)) out.push({ path: join(path, k), expected: '(absent)', actual: show(actual[k]) });
    return;
  }
  if (actual !== pattern) out.push({ path, expected: show(pattern), actual: show(actual) });
}

export function check(actual: unknown, pattern: unknown, path = '$'): Mismatch[] {
  const out: Mismatch[] = [];
  match(actual, pattern, path, out);
  return out;
}
