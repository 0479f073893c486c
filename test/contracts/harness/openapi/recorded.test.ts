/**
 * Runs the checker over every recorded real Atlas response under /api/atlas/v2
 * (`../shared/atlas/recorded/**.snaphost`) and reports honestly what differs
 * from the official document.
 *
 * Every kind of violation seen is listed in RECORDED_WIRE_DIFFERENCES
 * (contracts/harness/knownDifferences.ts, the one list of deliberate differences) with the reason
 * it is a real difference between Atlas and its document (investigated one by
 * one), so the test fails both when the checker starts reporting something new
 * (a checker bug, or new recordings to look at) and when a listed difference
 * disappears (a checker change hid it).
 */
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { checkResponse, mediaTypeOf, type Violation } from '../../../../contracts/harness/openapi/check.js';
import { loadOpenApiDocument, type OpenApiDocument } from '../../../../contracts/harness/openapi/document.js';
import { formatViolation } from '../../../../contracts/harness/openapi/formatViolations.js';
import { ERROR_BODY_DIFFERENCES, knownWireDifference, RECORDED_WIRE_DIFFERENCES, wireKey } from '../../../../contracts/harness/knownDifferences.js';
import { listSnaphosts, readSnaphost, recordedDir, type Snaphost } from '../../../../contracts/harness/recorded.js';
import { describeWithSharedData } from '../../../support/sharedData.js';

const ORG = 'iam/atlasorgs/TestAtlasOrgs/Describe/GET_api_atlas_v2_orgs_a0123456789abcdef012345a_1.snaphost';
const FLEX = 'clusters/flex/clustersflex/TestFlexCluster/Get_flex_cluster/GET_api_atlas_v2_groups_b0123456789abcdef012345b_flexClusters_cluster-83_1.snaphost';
/** Recordings with a validated body and zero violations (spot checks of the big polymorphic lists too). */
const KNOWN_GOOD = [
  FLEX,
  'generic/alerts/TestAlerts/List_with_no_status/GET_api_atlas_v2_groups_b0123456789abcdef012345b_alerts_1.snaphost',
  'generic/events/TestEvents/List_Project_Events/GET_api_atlas_v2_groups_b0123456789abcdef012345b_events_1.snaphost',
  'generic/integrations/TestIntegrations/Create_OPSGENIE/POST_api_atlas_v2_groups_6a79404f2c88faeba59beea6_integrations_OPS_GENIE_1.snaphost',
];


interface Checked {
  rec: Snaphost;
  rel: string;
  concretePath: string;
  /** Whether the document has a schema for this (operation, status, media type). */
  schema: boolean;
  violations: Violation[];
}

const keyOf = wireKey;

let doc: OpenApiDocument;
const checked: Checked[] = [];
const unresolved: string[] = [];

function check(rec: Snaphost, body: string, concretePath: string): Violation[] {
  return checkResponse({ method: rec.method, path: concretePath, status: rec.status, contentType: rec.headers['content-type'], body }, { document: doc });
}

describeWithSharedData('recorded Atlas responses', ['openapi', 'recorded'], () => {
  beforeAll(() => {
    doc = loadOpenApiDocument();
    for (const file of listSnaphosts()) {
      const rec = readSnaphost(file);
      if (!/^api_atlas_v2(_|$)/.test(rec.flatPath)) continue;
      const rel = path.relative(recordedDir(), file);
      const m = doc.matchUnderscoredPath(rec.method, rec.flatPath);
      if (!m) {
        unresolved.push(rel);
        continue;
      }
      const media = mediaTypeOf(rec.headers['content-type']);
      const response = m.operation.responses[String(rec.status)];
      const schema = !!(media && ((response?.content as Record<string, { schema?: unknown }> | undefined)?.[media]?.schema || (rec.status >= 400 && media === 'application/json')));
      checked.push({ rec, rel, concretePath: m.concretePath, schema, violations: check(rec, rec.body, m.concretePath) });
    }
  }, 60_000);

  it('checks at least 200 recordings and prints a summary grouped by rule', () => {
    const passed = checked.filter((c) => c.violations.length === 0);
    const byRule = new Map<string, Map<string, number>>();
    for (const c of checked) {
      for (const v of c.violations) {
        const kinds = byRule.get(v.rule) ?? new Map<string, number>();
        kinds.set(keyOf(v), (kinds.get(keyOf(v)) ?? 0) + 1);
        byRule.set(v.rule, kinds);
      }
    }
    const lines = [
      `checked ${checked.length} recorded responses under /api/atlas/v2 (${unresolved.length} file names matched no template)`,
      `  ${checked.filter((c) => c.schema).length} had a documented schema for their status and media type; ${passed.length} passed with no violation (${passed.filter((c) => c.schema).length} of them with a validated body)`,
      `  ${checked.length - passed.length} with violations; by rule (count, then kinds as "operationId status jsonPath rule"):`,
    ];
    for (const [rule, kinds] of [...byRule].sort((a, b) => sum(b[1]) - sum(a[1]))) {
      lines.push(`  [${rule}] ${sum(kinds)}`);
      for (const [k, n] of [...kinds].sort((a, b) => b[1] - a[1])) lines.push(`      ${String(n).padStart(3)}  ${k}`);
    }
    for (const u of unresolved) lines.push(`  unresolved file name: ${u}`);
    console.log(lines.join('\n'));
    expect(unresolved).toEqual([]);
    expect(checked.length).toBeGreaterThanOrEqual(200);
  });

  it('reports only the investigated Atlas-vs-document differences', () => {
    const unexplained = new Map<string, string>();
    const used = new Set<string>();
    for (const c of checked) {
      for (const v of c.violations) {
        const known = knownWireDifference(v);
        if (known) used.add(known.key);
        else if (!unexplained.has(keyOf(v))) unexplained.set(keyOf(v), `${formatViolation(v)}  (${c.rel})`);
      }
    }
    expect([...unexplained.values()], 'new kinds of violations: a checker bug, or a real difference to investigate and list').toEqual([]);
    const vanished = [...Object.keys(RECORDED_WIRE_DIFFERENCES), ...Object.keys(ERROR_BODY_DIFFERENCES)].filter((k) => !used.has(k));
    expect(vanished, 'listed differences no longer reported').toEqual([]);
  });

  it('passes known-good recordings with zero violations', () => {
    for (const rel of KNOWN_GOOD) {
      const c = checked.find((x) => x.rel === rel);
      expect(c, `${rel} was checked`).toBeDefined();
      expect(c?.schema, `${rel} has a body schema`).toBe(true);
      expect(c?.violations.map(formatViolation), rel).toEqual([]);
    }
  });

  it('finds only the documented name-pattern difference in the org recording', () => {
    const c = checked.find((x) => x.rel === ORG);
    expect(c?.concretePath).toBe('/api/atlas/v2/orgs/a0123456789abcdef012345a');
    expect(c?.violations.map((v) => `${v.operationId} ${v.jsonPath} ${v.rule}`)).toEqual(['getOrganization $.name pattern']);
  });

  it('fails corrupted copies with the expected JSON paths', () => {
    const org = checked.find((x) => x.rel === ORG) as Checked;
    const orgBody = JSON.parse(org.rec.body) as Record<string, unknown>;
    const paths = (vs: Violation[]): string[] => vs.map((v) => `${v.jsonPath} ${v.rule}`).sort();

    // Wrong type for name (the pattern is not checked on a number, so only the type error remains).
    expect(paths(check(org.rec, JSON.stringify({ ...orgBody, name: 42 }), org.concretePath))).toEqual(['$.name type']);
    // Missing required field (name is AtlasOrganization's only required property), wrong nested type.
    const { name: _name, ...noName } = orgBody;
    const links = structuredClone(orgBody.links) as Array<Record<string, unknown>>;
    links[1]!.href = 17;
    expect(paths(check(org.rec, JSON.stringify({ ...noName, links }), org.concretePath))).toEqual(['$.links[1].href type', '$.name required']);

    const flex = checked.find((x) => x.rel === FLEX) as Checked;
    const f = JSON.parse(flex.rec.body) as Record<string, unknown>;
    delete f.providerSettings;
    f.backupSettings = { enabled: 'yes' };
    f.stateName = 'SLEEPING';
    expect(paths(check(flex.rec, JSON.stringify(f), flex.concretePath))).toEqual([
      '$.backupSettings.enabled type',
      '$.providerSettings required',
      '$.stateName enum',
    ]);
  });
});

function sum(m: Map<string, number>): number {
  let n = 0;
  for (const v of m.values()) n += v;
  return n;
}
