/**
 * JSON exactly as Atlas (Jackson) writes it.
 *
 * - Compact by default; `pretty` reproduces Jackson's DefaultPrettyPrinter: 2-space
 *   object indentation, `"key" : value`, arrays kept on one line (`[ 1, 2 ]`, objects
 *   inside them open on the same line), `{ }` and `[ ]` for empty containers, and no
 *   trailing newline.
 * - Key order is the order of the object's own keys: views build objects in wire order
 *   (alphabetical for almost every Atlas view; see wire-facts C.5 for the exceptions).
 * - Java doubles print with a fraction (`30.0`); wrap such values in `JavaDouble`.
 * - `undefined` members are skipped, like JSON.stringify.
 */
export class JavaDouble {
  constructor(readonly value: number) {}
  toJSON(): number {
    return this.value;
  }
}

/** Marks a number that Atlas serialises as a Java double. */
export function double(value: number): JavaDouble {
  return new JavaDouble(value);
}

function doubleText(v: number): string {
  if (!Number.isFinite(v)) return 'null';
  return Number.isInteger(v) && Math.abs(v) < 1e7 ? `${v}.0` : String(v);
}

export function renderJson(value: unknown, pretty = false): string {
  return pretty ? writePretty(value, 0) : writeCompact(value);
}

function writeScalar(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      return value.toString();
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
    default:
      if (value === null) return 'null';
      if (value instanceof JavaDouble) return doubleText(value.value);
      if (value instanceof Date) return JSON.stringify(value.toISOString());
      return undefined;
  }
}

function isContainer(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !(value instanceof JavaDouble) && !(value instanceof Date);
}

function writeCompact(value: unknown): string {
  if (!isContainer(value)) return writeScalar(value) ?? 'null';
  if (Array.isArray(value)) {
    let s = '[';
    for (let i = 0; i < value.length; i++) {
      if (i) s += ',';
      const v = value[i];
      s += isContainer(v) ? writeCompact(v) : (writeScalar(v) ?? 'null');
    }
    return s + ']';
  }
  let s = '{';
  let first = true;
  for (const key in value) {
    if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
    const v = (value as Record<string, unknown>)[key];
    const text = isContainer(v) ? writeCompact(v) : writeScalar(v);
    if (text === undefined) continue;
    s += (first ? '' : ',') + JSON.stringify(key) + ':' + text;
    first = false;
  }
  return s + '}';
}

function writePretty(value: unknown, nesting: number): string {
  if (!isContainer(value)) return writeScalar(value) ?? 'null';
  if (Array.isArray(value)) {
    if (value.length === 0) return '[ ]';
    // Jackson's array indenter is inline: arrays do not add a nesting level.
    return '[ ' + value.map((v) => writePretty(v === undefined ? null : v, nesting)).join(', ') + ' ]';
  }
  const inner = '\n' + '  '.repeat(nesting + 1);
  const parts: string[] = [];
  for (const key in value) {
    if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
    const v = (value as Record<string, unknown>)[key];
    if (!isContainer(v) && writeScalar(v) === undefined) continue;
    parts.push(JSON.stringify(key) + ' : ' + writePretty(v, nesting + 1));
  }
  if (parts.length === 0) return '{ }';
  return '{' + inner + parts.join(',' + inner) + '\n' + '  '.repeat(nesting) + '}';
}

/** The same object with its keys in alphabetical order, as Atlas (Jackson, sorted) writes some resources. */
export function alphabetical<T extends object>(value: T): T {
  const sorted = Object.keys(value).sort().map((k) => [k, value[k as keyof T]] as const);
  return Object.fromEntries(sorted) as T;
}
