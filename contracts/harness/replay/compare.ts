/**
 * Comparison of a recorded Atlas response with the simulator's answer to the same
 * request: status, media type and version, the presence of `Deprecation`, `Sunset`
 * and `Ratelimit-*`, the error code, and the body's structure.
 *
 * The body is compared as a set of JSON paths (array elements pooled under `[*]`), each
 * with the kinds of value seen there. Values are masked to their kind: 24-hex ids,
 * entity dates (`2026-08-10T03:01:55Z`; with fractions they are another kind), other
 * strings, numbers, booleans, null. URLs keep their shape with the host and ids masked,
 * and link relations are compared as they are, so links must point to the same places.
 */
export type Flat = Map<string, Set<string>>;

const OBJECT_ID = /^[a-f0-9]{24}$/;
const ENTITY_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const DATE_WITH_FRACTION = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d+Z$/;
const URL_RE = /^[a-z][a-z0-9+.-]*:\/\/[^/\s]+/i;

/**
 * A URL with its scheme and hosts, every id, and generated replica-set names
 * (`atlas-<6 chars>-shard-0`) masked. A MongoDB connection string lists several hosts.
 */
export function maskUrl(url: string): string {
  return url
    .replace(/^mongodb(\+srv)?:\/\/[^/?]*/i, '<host>')
    .replace(URL_RE, '<host>')
    .replace(/(^|[/=?&])[a-f0-9]{24}(?=$|[/?&#%])/g, '$1<id>')
    .replace(/\batlas-[a-z0-9]{6}(?=-)/g, 'atlas-<id>');
}

function kindOf(key: string, v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return 'boolean';
  if (typeof v === 'number') return 'number';
  if (typeof v !== 'string') return typeof v;
  if (key === 'rel') return `rel ${JSON.stringify(v)}`;
  if (OBJECT_ID.test(v)) return 'string:id';
  if (ENTITY_DATE.test(v)) return 'string:date';
  if (DATE_WITH_FRACTION.test(v)) return 'string:date-with-fraction';
  if (URL_RE.test(v)) return `url ${maskUrl(v)}`;
  return 'string';
}

function add(flat: Flat, path: string, kind: string): void {
  let s = flat.get(path);
  if (!s) flat.set(path, (s = new Set()));
  s.add(kind);
}

/** The body as JSON paths and the kinds of value at each. */
export function flatten(value: unknown, path = '$', key = '', out: Flat = new Map()): Flat {
  if (Array.isArray(value)) {
    add(out, path, value.length ? 'array' : 'array (empty)');
    for (const v of value) flatten(v, `${path}[*]`, '', out);
  } else if (value !== null && typeof value === 'object') {
    add(out, path, 'object');
    for (const [k, v] of Object.entries(value)) flatten(v, /^[A-Za-z_$][\w$]*$/.test(k) ? `${path}.${k}` : `${path}[${JSON.stringify(k)}]`, k, out);
  } else {
    add(out, path, kindOf(key, value));
  }
  return out;
}

/** Differences in structure, recorded first; nothing below an array the other side has empty. */
export function compareFlat(recorded: Flat, simulated: Flat): string[] {
  const out: string[] = [];
  const emptyOnOneSide = [...recorded.keys()].filter((p) => {
    const r = recorded.get(p)!;
    const s = simulated.get(p);
    return s && ((r.has('array') && !s.has('array') && s.has('array (empty)')) || (s.has('array') && !r.has('array') && r.has('array (empty)')));
  });
  const below = (p: string) => emptyOnOneSide.some((e) => p !== e && p.startsWith(`${e}[*]`));
  const show = (s: Set<string>) => [...s].sort().join(' | ');
  const paths = [...new Set([...recorded.keys(), ...simulated.keys()])].sort();
  for (const p of paths) {
    if (below(p)) continue;
    const r = recorded.get(p);
    const s = simulated.get(p);
    if (!s) out.push(`${p}: recorded ${show(r!)}, missing in the simulator`);
    else if (!r) out.push(`${p}: simulator ${show(s)}, not in the recording`);
    else {
      // An empty array and a non-empty one are the same structure unless one side has items below.
      const norm = (x: Set<string>) => new Set([...x].map((k) => (k === 'array (empty)' ? 'array' : k)));
      const rn = norm(r);
      const sn = norm(s);
      if (show(rn) !== show(sn)) out.push(`${p}: recorded ${show(r)}, simulator ${show(s)}`);
      else if (emptyOnOneSide.includes(p)) out.push(`${p}: recorded ${show(r)}, simulator ${show(s)} (items not compared)`);
    }
  }
  return out;
}

export interface ComparedResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** The headers the replay compares: presence, and the value where it is deterministic. */
const HEADERS: Array<{ name: string; value: boolean }> = [
  { name: 'deprecation', value: true },
  { name: 'sunset', value: true },
  { name: 'ratelimit-limit', value: true },
  { name: 'ratelimit-remaining', value: false },
];

const mediaType = (h: Record<string, string>) => h['content-type']?.split(';')[0]?.trim().toLowerCase();

function parse(text: string): { ok: boolean; value?: unknown } {
  if (!text) return { ok: true };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/**
 * Every difference between a recorded response (with the Government differences
 * already applied to `expectedFlat`) and the simulator's.
 */
export function compareResponses(recorded: ComparedResponse, simulated: ComparedResponse, expectedFlat?: Flat): string[] {
  const out: string[] = [];
  if (recorded.status !== simulated.status) out.push(`status: recorded ${recorded.status}, simulator ${simulated.status}`);
  const rm = mediaType(recorded.headers);
  const sm = mediaType(simulated.headers);
  if (rm !== sm) out.push(`media type: recorded ${rm ?? '(none)'}, simulator ${sm ?? '(none)'}`);
  for (const h of HEADERS) {
    const r = recorded.headers[h.name];
    const s = simulated.headers[h.name];
    if ((r === undefined) !== (s === undefined)) out.push(`${h.name} header: recorded ${r ?? '(absent)'}, simulator ${s ?? '(absent)'}`);
    else if (h.value && r !== undefined && r !== s) out.push(`${h.name} header: recorded ${r}, simulator ${s}`);
  }
  const rb = parse(recorded.body);
  const sb = parse(simulated.body);
  const code = (b: { value?: unknown }) => (b.value && typeof b.value === 'object' && 'errorCode' in b.value ? String((b.value as { errorCode: unknown }).errorCode) : undefined);
  if (code(rb) !== code(sb)) out.push(`errorCode: recorded ${code(rb) ?? '(none)'}, simulator ${code(sb) ?? '(none)'}`);
  if (!rb.ok || !sb.ok) {
    if (recorded.body !== simulated.body) out.push(`body: not JSON on ${!rb.ok ? 'the recorded' : 'the simulator'} side and the texts differ`);
    return out;
  }
  if ((rb.value === undefined) !== (sb.value === undefined)) {
    out.push(`body: recorded ${rb.value === undefined ? 'none' : 'JSON'}, simulator ${sb.value === undefined ? 'none' : 'JSON'}`);
    return out;
  }
  if (rb.value !== undefined) out.push(...compareFlat(expectedFlat ?? flatten(rb.value), flatten(sb.value)).map((d) => `body ${d}`));
  return out;
}
