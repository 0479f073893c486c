/**
 * The Government differences applied on top of the recordings, which come from a
 * development deployment of commercial Atlas (wire-facts E and "Recording caveats").
 *
 * - Hosts (`localhost:8080` from the recorder, `*.mongodb-dev.net` connection strings)
 *   need nothing here: the comparison masks every host.
 * - Fields Atlas for Government adds to commercial responses: GOV_ADDED_PROPERTIES,
 *   placed wherever the document says an object of that schema appears.
 * - Recordings of things Atlas for Government does not offer are not replayed:
 *   GOV_INAPPLICABLE.
 * - Resources the replay creates must be valid in Gov (M20 and up, AWS FedRAMP Moderate
 *   regions): govResource.
 */
import type { JsonObject, OpenApiDocument } from '../openapi/document.js';
import type { ReplayCase } from './cases.js';
import type { Flat } from './compare.js';

export interface GovAddedProperty {
  /** Component schema of the document whose objects get the property. */
  schema: string;
  property: string;
  /** Kind of value, as the comparison names it. */
  kind: string;
  reason: string;
}

export const GOV_ADDED_PROPERTIES: readonly GovAddedProperty[] = [
  {
    schema: 'Group',
    property: 'regionUsageRestrictions',
    kind: 'string',
    reason: 'the document: "Applies to Atlas for Government only. In Commercial Atlas, this field will be … missing in responses"',
  },
];

export interface GovInapplicable {
  reason: string;
  applies(c: ReplayCase): boolean;
}

const bodyHas = (c: ReplayCase, re: RegExp) => re.test(c.rec.body);

export const GOV_INAPPLICABLE: readonly GovInapplicable[] = [
  {
    reason: 'Flex clusters are not offered in Atlas for Government',
    applies: (c) => bodyHas(c, /"(providerName|errorCode)":"(FLEX|CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API|CANNOT_USE_NON_FLEX_CLUSTER_IN_FLEX_API)"/) || /flexClusters/.test(c.op.path),
  },
  { reason: 'free and shared-tier (TENANT) clusters are not offered in Atlas for Government', applies: (c) => bodyHas(c, /"providerName":"TENANT"|"instanceSize":"M(0|2|5)"/) },
  {
    reason: 'a cluster upgraded from the shared tier (M0/M2/M5), which Atlas for Government does not offer, keeps traits of the shared-tier view',
    applies: (c) => c.rel.includes('/TestSharedClusterUpgrade/'),
  },
  { reason: 'Azure is not offered in Atlas for Government', applies: (c) => bodyHas(c, /"(providerName|cloudProvider)":"AZURE"/) || /\/AZURE(\/|$)/.test(c.rec.flatPath.replace(/_/g, '/')) },
];

/** Why a recording cannot apply to Atlas for Government, if it cannot. */
export function govInapplicable(c: ReplayCase): string | undefined {
  if (c.op.unavailableInGov) return 'the operation is unavailable in Atlas for Government';
  return GOV_INAPPLICABLE.find((g) => g.applies(c))?.reason;
}

const isObj = (v: unknown): v is JsonObject => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * JSON paths (array elements as `[*]`) of the objects in `data` that the document types
 * with a component schema, found by walking the schema alongside the data.
 */
export function typedObjectPaths(doc: OpenApiDocument, schema: unknown, data: unknown): Array<{ path: string; schema: string }> {
  const components = ((doc.raw.components as JsonObject | undefined)?.schemas ?? {}) as Record<string, JsonObject>;
  const out: Array<{ path: string; schema: string }> = [];
  // Polymorphic schemas refer back to their parents (child allOf parent, parent oneOf children):
  // a component is walked at most once per place in the data, which bounds the walk.
  const seen = new Set<string>();
  const walk = (schema: unknown, data: unknown, path: string): void => {
    if (!isObj(schema)) return;
    let s: JsonObject = schema;
    if (typeof s.$ref === 'string') {
      const name = s.$ref.replace('#/components/schemas/', '');
      const key = `${name}@${path}@${Array.isArray(data) ? '[]' : typeof data}`;
      if (seen.has(key)) return;
      seen.add(key);
      if (isObj(data)) out.push({ path, schema: name });
      s = components[name] ?? {};
    }
    for (const k of ['allOf', 'oneOf', 'anyOf'] as const) if (Array.isArray(s[k])) for (const b of s[k] as unknown[]) walk(b, data, path);
    if (Array.isArray(data) && s.items !== undefined) {
      // Elements share one place ([*]); walk each, the seen set keeps it linear.
      for (const v of data) walk(s.items, v, `${path}[*]`);
    } else if (isObj(data) && isObj(s.properties)) {
      for (const [k, v] of Object.entries(data)) {
        const p = (s.properties as JsonObject)[k];
        if (p !== undefined) walk(p, v, /^[A-Za-z_$][\w$]*$/.test(k) ? `${path}.${k}` : `${path}[${JSON.stringify(k)}]`);
      }
    }
  };
  walk(schema, data, '$');
  return out;
}

/** Adds the Gov-only properties to the flattened recorded body, where the document places their schema. */
export function applyGovAdditions(flat: Flat, doc: OpenApiDocument | undefined, responseSchema: unknown, body: unknown): string[] {
  if (!doc || responseSchema === undefined) return [];
  const applied: string[] = [];
  for (const { path, schema } of typedObjectPaths(doc, responseSchema, body)) {
    for (const a of GOV_ADDED_PROPERTIES) {
      if (a.schema !== schema) continue;
      const p = `${path}.${a.property}`;
      if (!flat.has(p)) {
        flat.set(p, new Set([a.kind]));
        applied.push(p);
      }
    }
  }
  return applied;
}

/** AWS regions of the default (FedRAMP Moderate) region designation. */
export const GOV_MODERATE_REGIONS = ['US_EAST_1', 'US_EAST_2', 'US_WEST_1', 'US_WEST_2'];
const BELOW_M20 = /^M(0|2|5|10)$/;
/** What a size Gov lacks becomes: M30, not the Gov minimum M20, because sharded clusters need M30. */
const GOV_SIZE = 'M30';

/**
 * A commercial resource body made valid for Atlas for Government: AWS only, FedRAMP
 * Moderate regions, sizes Gov offers. Everything else is kept.
 */
export function govResource(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(govResource);
  if (!isObj(value)) return value;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(value)) {
    if (k === 'providerName' && typeof v === 'string' && v !== 'AWS') out[k] = 'AWS';
    else if (k === 'regionName' && typeof v === 'string' && !GOV_MODERATE_REGIONS.includes(v)) out[k] = 'US_EAST_1';
    else if (k === 'instanceSize' && typeof v === 'string' && BELOW_M20.test(v)) out[k] = GOV_SIZE;
    else if (k === 'backingProviderName') continue;
    else out[k] = govResource(v);
  }
  return out;
}

/** A recorded query made valid for Atlas for Government: instance-size values Gov lacks (`tier=M10`) become one it has. */
export function govQuery(search: string): string {
  if (!search.includes('=')) return search;
  return search.replace(/([?&](?:tier|instanceSize)=)(M0|M2|M5|M10)(?=&|$)/g, `$1${GOV_SIZE}`);
}

/** The same Gov mapping on the queries that recorded URLs echo (self links of `tier=M10` lists); returns the paths changed. */
export function applyGovQueries(flat: Flat): string[] {
  const changed: string[] = [];
  for (const [path, kinds] of flat) {
    const mapped = new Set([...kinds].map((k) => (k.startsWith('url ') ? `url ${govQuery(k.slice(4))}` : k)));
    if ([...mapped].join() !== [...kinds].join()) {
      flat.set(path, mapped);
      changed.push(path);
    }
  }
  return changed;
}
