/**
 * Runs the checker over every recorded real Atlas response under /api/atlas/v2
 * (`../shared/atlas/recorded/**.snaphost`) and reports honestly what differs
 * from the official document.
 *
 * Every kind of violation seen is listed in KNOWN_DIFFERENCES with the reason
 * it is a real difference between Atlas and its document (investigated one by
 * one), so the test fails both when the checker starts reporting something new
 * (a checker bug, or new recordings to look at) and when a listed difference
 * disappears (a checker change hid it).
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkResponse, mediaTypeOf, type Violation } from '../../contracts/openapi/check.js';
import { loadOpenApiDocument, type OpenApiDocument } from '../../contracts/openapi/document.js';
import { formatViolation } from '../../contracts/openapi/formatViolations.js';
import { listSnaphosts, readSnaphost, recordedDir, type Snaphost } from './snaphost.js';

const ORG = 'iam/atlasorgs/TestAtlasOrgs/Describe/GET_api_atlas_v2_orgs_a0123456789abcdef012345a_1.snaphost';
const FLEX = 'clusters/flex/clustersflex/TestFlexCluster/Get_flex_cluster/GET_api_atlas_v2_groups_b0123456789abcdef012345b_flexClusters_cluster-83_1.snaphost';
/** Recordings with a validated body and zero violations (spot checks of the big polymorphic lists too). */
const KNOWN_GOOD = [
  FLEX,
  'generic/alerts/TestAlerts/List_with_no_status/GET_api_atlas_v2_groups_b0123456789abcdef012345b_alerts_1.snaphost',
  'generic/events/TestEvents/List_Project_Events/GET_api_atlas_v2_groups_b0123456789abcdef012345b_events_1.snaphost',
  'generic/integrations/TestIntegrations/Create_OPSGENIE/POST_api_atlas_v2_groups_6a79404f2c88faeba59beea6_integrations_OPS_GENIE_1.snaphost',
];

const STATUS = 'real status differs from the document (wire-facts §C.6)';
const OLD_VERSION = 'the CLI asked for an older version; the document only describes the newest one';
const NULLS = 'Atlas serialises null for a property the document does not mark nullable';
const PARAMS = 'ApiError.parameters items are declared `type: object`; Atlas sends strings';
const WRITE_ONLY = 'Atlas returns a property the document marks writeOnly';
const ROLE_RESOURCES = 'custom role resources are either {cluster: true} or {db, collection}; the document requires all three';

/** `operationId status $.json[*].path rule` → why it is a real Atlas-vs-document difference. */
const KNOWN_DIFFERENCES: Record<string, string> = {
  'createProject 201 $ status': STATUS,
  'deleteProject 202 $ status': STATUS,
  'createProjectIpAccessList 201 $ status': STATUS,
  'createAlertConfiguration 201 $ status': STATUS,
  'createPrivateEndpointService 201 $ status': STATUS,
  'deletePrivateEndpointService 202 $ status': STATUS,
  'toggleRegionalizedPrivateEndpointSetting 202 $ status': STATUS,
  'updateAuditingConfiguration 202 $ status': STATUS,
  'deleteOnlineArchive 200 $ status': STATUS,
  'createTeam 201 $ status': STATUS,
  'createCluster 201 $ version-not-in-document': OLD_VERSION,
  'getCluster 200 $ version-not-in-document': OLD_VERSION,
  'listClusters 200 $ version-not-in-document': OLD_VERSION,
  'updateCluster 200 $ version-not-in-document': OLD_VERSION,
  'getClusterAdvancedConfiguration 200 $ version-not-in-document': OLD_VERSION,
  'updateClusterAdvancedConfiguration 200 $ version-not-in-document': OLD_VERSION,
  'getBackupSchedule 200 $ version-not-in-document': OLD_VERSION,
  'updateBackupSchedule 200 $ version-not-in-document': OLD_VERSION,
  'createProject 201 $.withDefaultAlertsSettings writeOnly': WRITE_ONLY,
  'getProject 200 $.withDefaultAlertsSettings writeOnly': WRITE_ONLY,
  'listProjects 200 $.results[*].withDefaultAlertsSettings writeOnly': WRITE_ONLY,
  'updateProject 200 $.withDefaultAlertsSettings writeOnly': WRITE_ONLY,
  'createDatabaseUser 201 $.groupId writeOnly': WRITE_ONLY,
  'getDatabaseUser 200 $.groupId writeOnly': WRITE_ONLY,
  'listDatabaseUsers 200 $.results[*].groupId writeOnly': WRITE_ONLY,
  'updateDatabaseUser 200 $.groupId writeOnly': WRITE_ONLY,
  'createDatabaseUser 404 $.parameters[*] type': PARAMS,
  'deleteCluster 400 $.parameters[*] type': PARAMS,
  'getCluster 400 $.parameters[*] type': PARAMS,
  'getCluster 404 $.parameters[*] type': PARAMS,
  'getFlexBackup 400 $.parameters[*] type': PARAMS,
  'getFlexBackupRestoreJob 400 $.parameters[*] type': PARAMS,
  'getFlexCluster 404 $.parameters[*] type': PARAMS,
  'getOnlineArchive 404 $.parameters[*] type': PARAMS,
  'listFlexBackupRestoreJobs 400 $.parameters[*] type': PARAMS,
  'listFlexBackups 400 $.parameters[*] type': PARAMS,
  'createBackupRestoreJob 200 $.desiredTimestamp.date type': NULLS,
  'createBackupRestoreJob 200 $.desiredTimestamp.increment type': NULLS,
  'getBackupRestoreJob 200 $.desiredTimestamp.date type': NULLS,
  'getBackupRestoreJob 200 $.desiredTimestamp.increment type': NULLS,
  'listBackupRestoreJobs 200 $.results[*].desiredTimestamp.date type': NULLS,
  'listBackupRestoreJobs 200 $.results[*].desiredTimestamp.increment type': NULLS,
  'createOnlineArchive 200 $.partitionFields[*].fieldType type': NULLS,
  'getOnlineArchive 200 $.partitionFields[*].fieldType type': NULLS,
  'listOnlineArchives 200 $.results[*].partitionFields[*].fieldType type': NULLS,
  'updateOnlineArchive 200 $.partitionFields[*].fieldType type': NULLS,
  'createPrivateEndpointService 201 $.endpointServiceName type': NULLS,
  'createPrivateEndpointService 201 $.errorMessage type': NULLS,
  'createPrivateEndpointService 201 $.privateLinkServiceName type': NULLS,
  'createPrivateEndpointService 201 $.privateLinkServiceResourceId type': NULLS,
  'getPrivateEndpointService 200 $.endpointServiceName type': NULLS,
  'getPrivateEndpointService 200 $.errorMessage type': NULLS,
  'getPrivateEndpointService 200 $.privateLinkServiceName type': NULLS,
  'getPrivateEndpointService 200 $.privateLinkServiceResourceId type': NULLS,
  'listPrivateEndpointServices 200 $[*].errorMessage type': NULLS,
  'listOrganizationUsers 200 $.results[*].mobileNumber type': NULLS,
  'listProjectUsers 200 $.results[*].mobileNumber type': NULLS,
  'loadSampleDataset 201 $.completeDate type': NULLS,
  'loadSampleDataset 201 $.errorMessage type': NULLS,
  'createCustomDatabaseRole 202 $.actions[*].resources[*].cluster required': ROLE_RESOURCES,
  'getCustomDatabaseRole 200 $.actions[*].resources[*].cluster required': ROLE_RESOURCES,
  'listCustomDatabaseRoles 200 $[*].actions[*].resources[*].cluster required': ROLE_RESOURCES,
  'listCustomDatabaseRoles 200 $[*].actions[*].resources[*].collection required': ROLE_RESOURCES,
  'listCustomDatabaseRoles 200 $[*].actions[*].resources[*].db required': ROLE_RESOURCES,
  'updateCustomDatabaseRole 200 $.actions[*].resources[*].cluster required': ROLE_RESOURCES,
  'updateCustomDatabaseRole 200 $.actions[*].resources[*].collection required': ROLE_RESOURCES,
  'updateCustomDatabaseRole 200 $.actions[*].resources[*].db required': ROLE_RESOURCES,
  'getCluster 200 $.biConnector.readPreference enum': 'Atlas sends lower-case "secondary"; the enum is PRIMARY/SECONDARY/ANALYTICS',
  'getReplicaSetBackup 200 $.frequencyType enum': 'on-demand snapshots have frequencyType "ondemand", missing from the enum',
  'listReplicaSetBackups 200 $.results[*].frequencyType enum': 'on-demand snapshots have frequencyType "ondemand", missing from the enum',
  'takeSnapshot 200 $.frequencyType enum': 'on-demand snapshots have frequencyType "ondemand", missing from the enum',
  'listFlexClusters 200 $.results[*].versionReleaseSystem enum': 'versionReleaseSystem "CONTINUOUS"; the Flex enum only has LTS',
  'listAlertConfigurationMatchersFieldNames 200 $[*] enum': 'matcher field ATLAS_NODE_TYPE is missing from MatcherFieldView',
  'listAlertConfigurations 200 $.results[*] oneOf': 'alert configs matching no branch, because of the differences listed next',
  'listAlertConfigurations 200 $.results[*].eventTypeName enum':
    'event types HOST_MONGOT_APPROACHING_STOP_REPLICATION, HOST_SEARCH_NODE_INDEX_FAILED, FTS_INDEX_STALE, MONGOTUNE_ALERT are in no alert-config branch',
  'listAlertConfigurations 200 $.results[*].eventTypeName required': 'some default alert configs have no eventTypeName at all',
  'listAlertConfigurations 200 $.results[*].metricThreshold.units enum':
    'metric FLEX_OPCOUNTER_TOTAL is not in the FlexClusterMetricThreshold mapping and units RAW not in the parent enum',
  'listAlertConfigurations 200 $.results[*].notifications[*] oneOf': 'notifications with intervalMin below the documented minimum',
  'listAlertConfigurations 200 $.results[*].notifications[*].intervalMin minimum': 'intervalMin 0 or 1; the document says minimum 5',
  'createApiKeyAccessList 200 $.results[*].count minimum': 'access list entry count 0; the document says minimum 1',
  'listApiKeyAccessListsEntries 200 $.results[*].count minimum': 'access list entry count 0; the document says minimum 1',
  'getOrganization 200 $.name pattern': 'the org name "Atlas CLI E2E" has spaces; the documented name pattern has none',
  'listOrganizations 200 $.results[*].name pattern': 'the org name "Atlas CLI E2E" has spaces; the documented name pattern has none',
  'listProjects 200 $.results[*].name pattern': 'a project named "Atlas CLI E2E" has spaces; the documented name pattern has none',
  'getPrivateEndpointService 200 $.serviceAttachmentNames[*] pattern': 'GCP service attachments are "projects/…" names, not the documented https:// URLs',
  'listPrivateEndpointServices 200 $[*].serviceAttachmentNames[*] pattern': 'GCP service attachments are "projects/…" names, not the documented https:// URLs',
  'acknowledgeAlert 200 $ oneOf': 'the alert matches no branch only because of the next difference',
  'acknowledgeAlert 200 $.acknowledgingUsername format': 'acknowledgingUsername is a plain username, documented as an email',
  'listOrganizationUsers 200 $.results[*].inviterUsername format': 'inviterUsername is a plain username, documented as an email',
};

interface Checked {
  rec: Snaphost;
  rel: string;
  concretePath: string;
  /** Whether the document has a schema for this (operation, status, media type). */
  schema: boolean;
  violations: Violation[];
}

const keyOf = (v: Violation): string => `${v.operationId} ${v.status} ${v.jsonPath.replace(/\[\d+\]/g, '[*]')} ${v.rule}`;

let doc: OpenApiDocument;
const checked: Checked[] = [];
const unresolved: string[] = [];

function check(rec: Snaphost, body: string, concretePath: string): Violation[] {
  return checkResponse({ method: rec.method, path: concretePath, status: rec.status, contentType: rec.headers['content-type'], body }, { document: doc });
}

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

describe('recorded Atlas responses', () => {
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
    const seen = new Map<string, string>();
    for (const c of checked) for (const v of c.violations) if (!seen.has(keyOf(v))) seen.set(keyOf(v), `${formatViolation(v)}  (${c.rel})`);
    const unexpected = [...seen].filter(([k]) => !(k in KNOWN_DIFFERENCES)).map(([, line]) => line);
    expect(unexpected, 'new kinds of violations: a checker bug, or a real difference to investigate and list').toEqual([]);
    const vanished = Object.keys(KNOWN_DIFFERENCES).filter((k) => !seen.has(k));
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
