/**
 * The one list of deliberate differences from the official OpenAPI document.
 *
 * Atlas itself contradicts its document in places (wire-facts: 201 instead of 200,
 * 202 `{}` instead of 204, writeOnly fields returned, nulls where nothing is nullable,
 * older versions the document does not describe). The simulator copies the real server,
 * so the same differences show in its answers. Everything that differs must be listed
 * here, matched precisely on operation, status or direction, JSON path and rule, with the
 * reason; anything else is a failure of the conformance check, the drift check or the
 * recorded-responses test.
 *
 * Keys: wire differences are `operationId status $.json[*].path rule` (array indices
 * written `[*]`); drift differences are `operationId version request|response $.path rule`.
 */
import { OPERATIONS } from '../api/catalog.js';
import type { OperationSpec } from '../api/operation.js';
import type { Violation } from './openapi/check.js';

const STATUS = 'real status differs from the document (wire-facts §C.6)';
const OLD_VERSION = 'the CLI asked for an older version; the document only describes the newest one';
const NULLS = 'Atlas serialises null for a property the document does not mark nullable';
const PARAMS = 'ApiError.parameters items are declared `type: object`; Atlas sends strings';
const WRITE_ONLY = 'Atlas returns a property the document marks writeOnly';
const CUSTOM_ROLE_NAME = 'a database user may hold a custom role, by its name (wire-facts G); the document enumerates the built-in roles and the placeholder "<a custom role name>"';
const HOST_MATCHER_BRANCH = 'the configuration matches no branch only because of its host matcher value (next difference)';
const HOST_MATCHER_VALUE =
  'HostMatcher types every value as a host type (MatcherHostType); a HOSTNAME, PORT or REPLICA_SET_NAME matcher holds a host name, a port or a replica set name';
const ROLE_RESOURCES = 'custom role resources are either {cluster: true} or {db, collection}; the document requires all three';

/**
 * Differences seen in the real responses recorded from Atlas (reference data, docs/reference-data.md),
 * investigated one by one. test/contracts/harness/openapi/recorded.test.ts fails when one is no longer seen
 * there (a checker change hid it) and when a new kind shows up.
 */
export const RECORDED_WIRE_DIFFERENCES: Readonly<Record<string, string>> = {
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

/**
 * Differences in the shared error body (`ApiError`), whatever the operation: keys are
 * `$.json.path rule` and apply to every error response (status 400 and up) in
 * `application/json`. Seen in the recordings on every kind of error.
 */
export const ERROR_BODY_DIFFERENCES: Readonly<Record<string, string>> = {
  '$.parameters[*] type': PARAMS,
};

/**
 * Differences the simulator makes on purpose in its answers that the recordings do not
 * show (each reason names its source in wire-facts).
 */
export const SIMULATOR_WIRE_DIFFERENCES: Readonly<Record<string, string>> = {
  // Atlas Search (contracts/api/operations/atlasSearch.ts): the document types a vector index's fields as
  // BasicDBObject, whose every value must be an object; a vector field is {"type": "vector", "path": "…",
  // "numDimensions": 1536, "similarity": "cosine"} (its own description and the create request's).
  ...Object.fromEntries(
    ['createAtlasSearchIndex 201 $', 'listAtlasSearchIndexesCluster 200 $[*]'].flatMap((at) => [
      ...['type', 'path', 'numDimensions', 'similarity'].map((k) => [
        `${at}.latestDefinition.fields[*].${k} type`,
        'vector search fields hold strings and numbers; the document\'s BasicDBObject says every value is an object',
      ]),
      [`${at}.latestDefinition.analyzer enum`, 'an index may name a custom analyzer it defines in `analyzers` (the document\'s own description); the enum lists only the built-in ones'],
      [`${at}.latestDefinition.analyzers[*].tokenizer.type type`, 'a tokenizer is {"type": "standard", …}; the document types every tokenizer value as an object'],
    ]),
  ),
  // Cloud Backups (contracts/api/operations/backups.ts)
  'updateSnapshotRetention 200 $.frequencyType enum': 'on-demand snapshots have frequencyType "ondemand" (recorded for getReplicaSetBackup, listReplicaSetBackups, takeSnapshot), missing from the enum',
  'createBackupExportJob 200 $.prefix pattern': 'the documented pattern is the template itself ({ORG-NAME}/{PROJECT-NAME}/...), which no filled-in prefix matches',
  'getBackupExportJob 200 $.prefix pattern': 'the documented pattern is the template itself ({ORG-NAME}/{PROJECT-NAME}/...), which no filled-in prefix matches',
  'listBackupExportJobs 200 $.results[*].prefix pattern': 'the documented pattern is the template itself ({ORG-NAME}/{PROJECT-NAME}/...), which no filled-in prefix matches',
  'getDataProtectionSettings 200 $.authorizedEmail required': 'a project without a Backup Compliance Policy answers {} (wire-facts-wave2 6.6: an empty answer, read by Terraform as "no policy")',
  'getDataProtectionSettings 200 $.authorizedUserFirstName required': 'a project without a Backup Compliance Policy answers {} (wire-facts-wave2 6.6)',
  'getDataProtectionSettings 200 $.authorizedUserLastName required': 'a project without a Backup Compliance Policy answers {} (wire-facts-wave2 6.6)',
  'getDataProtectionSettings 200 $.updatedUser format': 'updatedUser names the API key or service account that set the policy; those have no email address',
  'updateDataProtectionSettings 200 $.updatedUser format': 'updatedUser names the API key or service account that set the policy; those have no email address',
  // The same project view as getProject/listProjects, where the recordings show it.
  'getProjectByName 200 $.withDefaultAlertsSettings writeOnly': WRITE_ONLY + ' (the project view, recorded for getProject and listProjects)',
  'listOrganizationProjects 200 $.results[*].withDefaultAlertsSettings writeOnly': WRITE_ONLY + ' (the project view, recorded for getProject and listProjects)',
  'createProject 201 $.name pattern': 'project names may have spaces and other characters (recorded: a project named "Atlas CLI E2E"); the documented name pattern has none',
  'getProjectByName 200 $.name pattern': 'project names may have spaces and other characters (recorded: a project named "Atlas CLI E2E"); the documented name pattern has none',
  'getApiKeyAccessList 200 $.count minimum': 'access list entry count 0 (recorded for createApiKeyAccessList and listApiKeyAccessListsEntries); the document says minimum 1',
  // The pattern's IPv6 alternatives only allow `%2F` before the prefix length, and the `^…|…|…$` alternation anchors each at one end only.
  'createProjectIpAccessList 201 $.results[*].cidrBlock pattern': 'an IPv6 CIDR written with "/", as Atlas writes CIDRs (recorded "192.168.0.243/32"), cannot match the document\'s pattern',
  'getProjectIpList 200 $.cidrBlock pattern': 'an IPv6 CIDR written with "/", as Atlas writes CIDRs (recorded "192.168.0.243/32"), cannot match the document\'s pattern',
  // The same cluster view as getCluster, where the recordings show it.
  'createCluster 201 $.biConnector.readPreference enum': 'Atlas sends lower-case "secondary" (recorded in getCluster); the enum is PRIMARY/SECONDARY/ANALYTICS',
  'updateCluster 200 $.biConnector.readPreference enum': 'Atlas sends lower-case "secondary" (recorded in getCluster); the enum is PRIMARY/SECONDARY/ANALYTICS',
  'listClusters 200 $.results[*].biConnector.readPreference enum': 'Atlas sends lower-case "secondary" (recorded in getCluster); the enum is PRIMARY/SECONDARY/ANALYTICS',
  // Clusters of all projects and sample data loads.
  'listClustersForAllProjects 200 $.results[*].orgName pattern': 'organization names may have spaces (recorded: "Atlas CLI E2E"); the documented name pattern has none',
  'listClustersForAllProjects 200 $.results[*].groupName pattern': 'project names may have spaces (recorded: a project named "Atlas CLI E2E"); the documented name pattern has none',
  'getSampleDatasetLoadStatus 200 $.completeDate type': NULLS + ' (recorded for loadSampleDataset: null until the load ends)',
  'getSampleDatasetLoadStatus 200 $.errorMessage type': NULLS + ' (recorded for loadSampleDataset: null unless the load failed)',
  // Network peering.
  ...Object.fromEntries(
    ['createPeeringConnection 200 $', 'getPeeringConnection 200 $', 'updatePeeringConnection 200 $', 'listPeeringConnections 200 $.results[*]'].map((at) => [
      `${at}.routeTableCidrBlock pattern`,
      'the route table block is a CIDR ("10.0.0.0/16", as its description and the Terraform provider say); the document\'s pattern only matches a bare address',
    ]),
  ),
  'getEncryptionAtRest 200 $.awsKms.roleId writeOnly': WRITE_ONLY + ': the Terraform provider reads role_id back from this answer (wire-facts-wave2 §3.1)',
  'updateEncryptionAtRest 200 $.awsKms.roleId writeOnly': WRITE_ONLY + ': the Terraform provider reads role_id back from this answer (wire-facts-wave2 §3.1)',
  // The endpoint service view of getPrivateEndpointService, answered by the update of the 2026-08 document.
  'updatePrivateEndpointService 200 $.errorMessage type': NULLS + ' (recorded for the same service view in createPrivateEndpointService and getPrivateEndpointService)',
  // Cloud Migration Service (contracts/api/operations/liveMigrations.ts).
  'createLinkToken 201 $ status': STATUS + ': POST /orgs/{orgId}/liveMigrations/linkTokens answers 201',
  // A 404 for a missing organization link is sent with `parameters: null` (wire-facts §D.2).
  'deleteLinkToken 404 $.parameters type': 'Atlas sends `parameters: null` for a missing organization link (wire-facts §D.2)',
  'listSourceProjects 404 $.parameters type': 'Atlas sends `parameters: null` for a missing organization link (wire-facts §D.2)',
  'createPushMigration 404 $.parameters type': 'Atlas sends `parameters: null` for a missing organization link (wire-facts §D.2)',
  'validateMigration 404 $.parameters type': 'Atlas sends `parameters: null` for a missing organization link (wire-facts §D.2)',
  'listPrivateEndpointServices 200 $[*].endpointServiceName type': NULLS + ' (recorded for the same service view in createPrivateEndpointService and getPrivateEndpointService, before the service is AVAILABLE)',
  'getPrivateEndpointService 200 $.interfaceEndpoints[*] pattern': 'interface endpoints are listed by their AWS ids (vpce-…), which the Terraform provider reads back; the document\'s item pattern is an ObjectId',
  'listPrivateEndpointServices 200 $[*].interfaceEndpoints[*] pattern': 'interface endpoints are listed by their AWS ids (vpce-…), which the Terraform provider reads back; the document\'s item pattern is an ObjectId',
  // People (users, invitations): the user and invitation views recorded for listOrganizationUsers / getOrganization.
  ...peopleDifferences(),
  // Alert configurations and alerts, X.509, custom roles.
  'createDatabaseUser 201 $.roles[*].roleName enum': CUSTOM_ROLE_NAME,
  'getDatabaseUser 200 $.roles[*].roleName enum': CUSTOM_ROLE_NAME,
  'updateDatabaseUser 200 $.roles[*].roleName enum': CUSTOM_ROLE_NAME,
  'listDatabaseUsers 200 $.results[*].roles[*].roleName enum': CUSTOM_ROLE_NAME,
  'listDatabaseUserCertificates 200 $.results[*].subject pattern':
    'an Atlas-managed certificate names its user CN=<username> (the form ATLAS_MANAGED_X509_NAME_INVALID asks for); the document reuses a DN pattern that requires DC components',
  'createDatabaseUserCertificate 201 $ json': 'the answer is the PEM text of the certificate and its key (wire-facts G), which the document types as a string under the JSON media type',
  'getAlert 200 $ oneOf': 'the alert matches no branch only because of the next difference (recorded for acknowledgeAlert)',
  'getAlert 200 $.acknowledgingUsername format': 'acknowledgingUsername is a plain username, documented as an email (recorded for acknowledgeAlert)',
  'listAlerts 200 $.results[*] oneOf': 'the alert matches no branch only because of the next difference (recorded for acknowledgeAlert)',
  'listAlerts 200 $.results[*].acknowledgingUsername format': 'acknowledgingUsername is a plain username, documented as an email (recorded for acknowledgeAlert)',
  'listAlertsByAlertConfigurationId 200 $.results[*] oneOf': 'the alert matches no branch only because of the next difference (recorded for acknowledgeAlert)',
  'listAlertsByAlertConfigurationId 200 $.results[*].acknowledgingUsername format': 'acknowledgingUsername is a plain username, documented as an email (recorded for acknowledgeAlert)',
  'createAlertConfiguration 201 $ oneOf': HOST_MATCHER_BRANCH,
  'createAlertConfiguration 201 $.matchers[*].value enum': HOST_MATCHER_VALUE,
  'updateAlertConfiguration 200 $ oneOf': HOST_MATCHER_BRANCH,
  'updateAlertConfiguration 200 $.matchers[*].value enum': HOST_MATCHER_VALUE,
  'toggleAlertConfiguration 200 $ oneOf': HOST_MATCHER_BRANCH,
  'toggleAlertConfiguration 200 $.matchers[*].value enum': HOST_MATCHER_VALUE,
  'getAlertConfiguration 200 $ oneOf': HOST_MATCHER_BRANCH,
  'getAlertConfiguration 200 $.matchers[*].value enum': HOST_MATCHER_VALUE,
  'listAlertConfigurations 200 $.results[*].matchers[*].value enum': HOST_MATCHER_VALUE,
  'listAlertConfigurationsByAlertId 200 $.results[*] oneOf': HOST_MATCHER_BRANCH,
  'listAlertConfigurationsByAlertId 200 $.results[*].matchers[*].value enum': HOST_MATCHER_VALUE,
};

/**
 * The user views of every people operation show what the recordings show for
 * listOrganizationUsers and listProjectUsers (`mobileNumber: null`, an `inviterUsername`
 * that is no email address: an API key or service account invites) and for
 * getOrganization (an organization name with spaces).
 */
function peopleDifferences(): Record<string, string> {
  const NULL_MOBILE = NULLS + ' (mobileNumber: null, recorded in listOrganizationUsers and listProjectUsers)';
  const INVITER = 'inviterUsername is a plain username, documented as an email (recorded in listOrganizationUsers); API keys and service accounts invite under their own names';
  const ORG_NAME = 'organization names have spaces (recorded "Atlas CLI E2E" in getOrganization); the documented name pattern has none';
  const out: Record<string, string> = {};
  const one = ['getOrganizationUser 200', 'updateOrganizationUser 200', 'addOrganizationRole 200', 'removeOrganizationRole 200', 'createOrganizationUser 201',
    'addUserToTeam 200', 'removeUserFromTeam 200', 'addProjectUser 201', 'getProjectUser 200', 'addProjectRole 200', 'removeProjectRole 200', 'getUser 200', 'getUserByUsername 200'];
  const lists = ['listTeamUsers 200', 'addTeamUser 200'];
  for (const op of one) out[`${op} $.mobileNumber type`] = NULL_MOBILE;
  for (const op of lists) out[`${op} $.results[*].mobileNumber type`] = NULL_MOBILE;
  for (const op of one.slice(0, 11)) out[`${op} $.inviterUsername format`] = INVITER;
  out['listTeamUsers 200 $.results[*].inviterUsername format'] = INVITER;
  out['listProjectUsers 200 $.results[*].inviterUsername format'] = INVITER;
  for (const op of ['createOrganizationInvitation 200', 'getOrganizationInvitation 200', 'updateOrganizationInvitation 200', 'updateOrganizationInvitationById 200', 'addUserToProject 200']) {
    out[`${op} $.inviterUsername format`] = INVITER;
    out[`${op} $.orgName pattern`] = ORG_NAME;
  }
  out['listOrganizationInvitations 200 $[*].inviterUsername format'] = INVITER;
  out['listOrganizationInvitations 200 $[*].orgName pattern'] = ORG_NAME;
  for (const op of ['createProjectInvitation 200', 'getProjectInvitation 200', 'updateProjectInvitation 200', 'updateProjectInvitationById 200']) out[`${op} $.inviterUsername format`] = INVITER;
  out['listProjectInvitations 200 $[*].inviterUsername format'] = INVITER;
  for (const op of ['getUser 200', 'getUserByUsername 200']) out[`${op} $.password required`] = 'CloudAppUser requires password, a writeOnly property Atlas never returns';
  out['addTeamUser 200 $.results[*].password required'] = 'CloudAppUser requires password, a writeOnly property Atlas never returns';
  out['migrateProjectToAnotherOrg 200 $.withDefaultAlertsSettings writeOnly'] = WRITE_ONLY + ' (the project view, recorded for getProject and listProjects)';
  for (const op of ['updateOrganization 200', 'createOrganization 201']) out[`${op} ${op.startsWith('create') ? '$.organization' : '$'}.name pattern`] = ORG_NAME;
  return out;
}

/**
 * Drift: where a zod contract deliberately differs from the document's schema
 * (`npm run contract:drift`). Declared in groups that share a reason; each group lists
 * exactly where (`operationId version request|response`, followed by the path its paths
 * hang under for lists) and which JSON paths, and every combination must occur, so a
 * difference that goes away must leave the list too.
 */
export interface DriftDeclaration {
  readonly where: readonly string[];
  readonly rule: 'field' | 'type' | 'enum' | 'required' | 'readOnly' | 'body';
  readonly paths: readonly string[];
  readonly reason: string;
}

const CLUSTER_REQUESTS = ['createCluster 2024-10-23 request', 'updateCluster 2024-10-23 request', 'upgradeFlexCluster 2024-11-13 request'];
const CLUSTER_VIEWS = ['createCluster 2024-10-23 response', 'updateCluster 2024-10-23 response', 'getCluster 2024-08-05 response', 'listClusters 2024-08-05 response $.results[*]'];
const REGION = '$.replicationSpecs[*].regionConfigs[*]';
const RECORDED_VIEW = 'Atlas returns it in the cluster view (recorded, wire-facts F) but the 2025-06 document does not list it';
const SENT_BACK = 'a read-only attribute of the recorded cluster view the 2025-06 document does not list; accepted back and ignored so that a client can PATCH what it read';

const SNAPSHOT_VIEWS = ['getReplicaSetBackup 2023-01-01 response', 'listReplicaSetBackups 2023-01-01 response $.results[*]', 'takeSnapshot 2023-01-01 response', 'updateSnapshotRetention 2023-01-01 response'];
const SCHEDULE_VIEWS = ['getBackupSchedule 2024-08-05 response', 'updateBackupSchedule 2024-08-05 response', 'deleteAllBackupSchedules 2024-08-05 response'];
const RESTORE_VIEWS = ['createBackupRestoreJob 2023-01-01 response', 'getBackupRestoreJob 2023-01-01 response', 'listBackupRestoreJobs 2023-01-01 response $.results[*]'];
const ALERT_CONFIG_VIEWS = [
  'createAlertConfiguration 2023-01-01 response', 'getAlertConfiguration 2023-01-01 response', 'updateAlertConfiguration 2023-01-01 response', 'toggleAlertConfiguration 2023-01-01 response',
  'listAlertConfigurations 2023-01-01 response $.results[*]', 'listAlertConfigurationsByAlertId 2023-01-01 response $.results[*]',
];
const INTEGRATION_VIEWS = [
  'getThirdPartyIntegration 2023-01-01 response', 'listThirdPartyIntegrations 2023-01-01 response $.results[*]',
  'createThirdPartyIntegration 2023-01-01 response $.results[*]', 'updateThirdPartyIntegration 2023-01-01 response $.results[*]',
];

export const DRIFT_DECLARATIONS: readonly DriftDeclaration[] = [
  {
    where: ['createAtlasSearchIndex 2024-05-30 request', 'updateAtlasSearchIndex 2024-05-30 request', 'updateAtlasSearchIndexByName 2024-05-30 request'],
    rule: 'enum',
    paths: ['$.definition.analyzer', '$.definition.searchAnalyzer'],
    reason: 'an index may name a custom analyzer it defines in `analyzers` (the document\'s own description); the enum lists only the built-in ones. The mapping validation checks the name',
  },
  {
    where: [
      'createAtlasSearchIndexDeprecated 2023-01-01 request',
      'updateAtlasSearchIndexDeprecated 2023-01-01 request',
      'createAtlasSearchIndexDeprecated 2023-01-01 response',
      'getAtlasSearchIndexDeprecated 2023-01-01 response',
      'updateAtlasSearchIndexDeprecated 2023-01-01 response',
      'listAtlasSearchIndexesDeprecated 2023-01-01 response $[*]',
    ],
    rule: 'enum',
    paths: ['$.analyzer', '$.searchAnalyzer'],
    reason: 'an index may name a custom analyzer it defines in `analyzers`; the enum lists only the built-in ones. The mapping validation checks the name',
  },
  {
    where: ['getCollStatsLatencyNamespaceMetrics 2023-11-15 response'],
    rule: 'body',
    paths: ['$'],
    reason: 'the 2025-06 document names no schema for the metric list; the 2026-08 one describes it (CollStatsLatencyNamespaceMetrics), which the contract follows',
  },
  {
    where: ['listClusterSuggestedIndexes 2024-08-05 response', 'listDropIndexes 2024-08-05 response', 'listSchemaAdvice 2024-08-05 response'],
    rule: 'field',
    paths: ['$.content'],
    reason: 'the cluster-level advice comes wrapped in {"content": …} on the wire (wire-facts-wave2 §13.3; the official MCP server reads response.content); the 2025-06 document shows the inner object only',
  },
  {
    where: ['listClusterSuggestedIndexes 2024-08-05 response'],
    rule: 'field',
    paths: ['$.shapes', '$.suggestedIndexes'],
    reason: 'inside the {"content": …} wrapper (see the $.content declaration)',
  },
  {
    where: ['listDropIndexes 2024-08-05 response'],
    rule: 'field',
    paths: ['$.hiddenIndexes', '$.redundantIndexes', '$.unusedIndexes'],
    reason: 'inside the {"content": …} wrapper (see the $.content declaration)',
  },
  {
    where: ['listSuggestedIndexes 2023-01-01 response'],
    rule: 'enum',
    paths: ['$.suggestedIndexes[*].index[*][*]'],
    reason: 'the directions are integers 1 or -1 (the sim writes no other); zod literals would read as `number`, which the document\'s `integer` does not admit, so the contract says integer',
  },
  {
    where: ['listSchemaAdvice 2024-08-05 response'],
    rule: 'field',
    paths: ['$.recommendations'],
    reason: 'inside the {"content": …} wrapper (see the $.content declaration)',
  },
  {
    where: ['createProject 2023-01-01 response', 'getProject 2023-01-01 response', 'getProjectByName 2023-01-01 response', 'updateProject 2023-01-01 response', 'listProjects 2023-01-01 response $.results[*]', 'listOrganizationProjects 2023-01-01 response $.results[*]'],
    rule: 'field',
    paths: ['$.withDefaultAlertsSettings'],
    reason: WRITE_ONLY + ' (withDefaultAlertsSettings, recorded)',
  },
  {
    where: ['createDatabaseUser 2023-01-01 response', 'getDatabaseUser 2023-01-01 response', 'updateDatabaseUser 2023-01-01 response', 'listDatabaseUsers 2023-01-01 response $.results[*]'],
    rule: 'field',
    paths: ['$.groupId'],
    reason: WRITE_ONLY + ' (groupId, recorded)',
  },
  {
    where: ['deleteCluster 2023-02-01 response', 'deleteProject 2023-01-01 response'],
    rule: 'body',
    paths: ['$'],
    reason: 'Atlas answers 202 with the body {} where the document says 204 without one (wire-facts C.6, recorded)',
  },
  {
    where: ['createDatabaseUser 2023-01-01 request', 'updateDatabaseUser 2023-01-01 request', 'createDatabaseUser 2023-01-01 response', 'getDatabaseUser 2023-01-01 response', 'updateDatabaseUser 2023-01-01 response', 'listDatabaseUsers 2023-01-01 response $.results[*]'],
    rule: 'enum',
    paths: ['$.roles[*].roleName'],
    reason: 'a role may also be a custom role, by name (wire-facts G); the document enumerates only the built-in roles',
  },
  {
    where: ['createDatabaseUser 2023-01-01 request', 'updateDatabaseUser 2023-01-01 request'],
    rule: 'enum',
    paths: ['$.databaseName'],
    reason: 'checked by the database-user rules, which answer DATABASE_NAME_INVALID_ADMIN / DATABASE_NAME_INVALID_EXTERNAL for the kind of user (wire-facts G)',
  },
  {
    where: ['updateDatabaseUser 2023-01-01 request'],
    rule: 'required',
    paths: ['$.databaseName', '$.groupId', '$.username'],
    reason: 'PATCH takes only what changes, the path names the user; the document reuses the create schema and its required list',
  },
  {
    where: CLUSTER_VIEWS,
    rule: 'field',
    paths: ['$.adaptiveCapacity', '$.effectiveDatabaseEdition', '$.effectiveReplicationSpecs', '$.internalClusterRole', '$.retainBackups', '$.useAwsTimeBasedSnapshotCopyForFastInitialSync', '$.advancedConfiguration.customOpensslCipherConfigTls13', `${REGION}.effectiveAnalyticsSpecs`, `${REGION}.effectiveElectableSpecs`, `${REGION}.effectiveReadOnlySpecs`],
    reason: RECORDED_VIEW,
  },
  {
    where: CLUSTER_VIEWS,
    rule: 'field',
    paths: ['$.connectionStrings.awsPrivateLink', '$.connectionStrings.private', '$.connectionStrings.privateSrv'],
    reason: 'present only for clusters reached through peering or private endpoints (wire-facts F), which the simulator does not offer yet',
  },
  {
    where: CLUSTER_VIEWS,
    rule: 'field',
    paths: ['$.acceptDataRisksAndForceReplicaSetReconfig'],
    reason: 'absent from every recorded cluster view: set only by a forced reconfiguration, which the simulator does not serve',
  },
  {
    where: CLUSTER_VIEWS,
    rule: 'field',
    paths: [`${REGION}.backingProviderName`, `${REGION}.electableSpecs.effectiveInstanceSize`],
    reason: 'attributes of tenant (M0/M2/M5) region configs, which Atlas for Government does not offer (wire-facts E)',
  },
  {
    where: CLUSTER_VIEWS,
    rule: 'enum',
    paths: ['$.advancedConfiguration.customOpensslCipherConfigTls12[*]', '$.advancedConfiguration.minimumEnabledTlsProtocol', `${REGION}.analyticsAutoScaling.compute.maxInstanceSize`, `${REGION}.analyticsAutoScaling.compute.minInstanceSize`, `${REGION}.autoScaling.compute.maxInstanceSize`, `${REGION}.autoScaling.compute.minInstanceSize`, `${REGION}.analyticsSpecs.instanceSize`, `${REGION}.electableSpecs.instanceSize`, `${REGION}.readOnlySpecs.instanceSize`, `${REGION}.regionName`],
    reason: 'the view does not repeat the enumeration: it only ever holds values the request contract and the cluster rules (Government regions and sizes) accepted',
  },
  {
    where: [...CLUSTER_VIEWS, ...CLUSTER_REQUESTS],
    rule: 'enum',
    paths: ['$.biConnector.readPreference'],
    reason: 'Atlas sends the read preference in lower case (recorded "secondary"), and clients send it back so; the document spells it in capitals',
  },
  {
    where: CLUSTER_REQUESTS,
    rule: 'enum',
    paths: ['$.advancedConfiguration.minimumEnabledTlsProtocol'],
    reason: 'the cluster contract also takes TLS1_3 (contracts/api/schemas/clusters.ts); the 2025-06 document lists TLS1_0 to TLS1_2',
  },
  {
    where: CLUSTER_REQUESTS,
    rule: 'enum',
    paths: [`${REGION}.providerName`, `${REGION}.analyticsSpecs.instanceSize`, `${REGION}.electableSpecs.instanceSize`, `${REGION}.readOnlySpecs.instanceSize`],
    reason: 'FLEX (and tenant sizes where the document omits them) are read so that the Government rules refuse them with their own error rather than an anonymous enumeration error (contracts/api/schemas/clusters.ts)',
  },
  {
    where: CLUSTER_REQUESTS,
    rule: 'enum',
    paths: [`${REGION}.regionName`],
    reason: 'any region name is read: the Government rules decide, per provider and region designation, and answer INVALID_REGION (wire-facts E)',
  },
  {
    where: CLUSTER_REQUESTS,
    rule: 'field',
    paths: ['$.adaptiveCapacity', '$.effectiveDatabaseEdition', '$.effectiveReplicationSpecs', '$.internalClusterRole', '$.retainBackups', '$.useAwsTimeBasedSnapshotCopyForFastInitialSync', `${REGION}.effectiveAnalyticsSpecs`, `${REGION}.effectiveElectableSpecs`, `${REGION}.effectiveReadOnlySpecs`, `${REGION}.analyticsSpecs.effectiveInstanceSize`, `${REGION}.readOnlySpecs.effectiveInstanceSize`],
    reason: SENT_BACK,
  },
  {
    where: CLUSTER_REQUESTS,
    rule: 'field',
    paths: ['$.advancedConfiguration.customOpensslCipherConfigTls13'],
    reason: 'Atlas has the TLS 1.3 cipher list (recorded in the view, documented in the 2026-08 document); the 2025-06 document does not list it',
  },
  {
    where: CLUSTER_REQUESTS,
    rule: 'readOnly',
    paths: ['$.replicationSpecs[*].id', `${REGION}.analyticsAutoScaling.compute.maxInstanceSize`, `${REGION}.analyticsAutoScaling.compute.minInstanceSize`, `${REGION}.autoScaling.compute.maxInstanceSize`, `${REGION}.autoScaling.compute.minInstanceSize`],
    reason: 'marked readOnly by the document, yet clients set them (a replication spec names itself by id in an update; auto-scaling bounds are how compute auto-scaling is configured) and Atlas reads them',
  },
  {
    where: CLUSTER_REQUESTS,
    rule: 'required',
    paths: ['$.labels[*].key', '$.labels[*].value'],
    reason: 'a label needs a key and a value of 1 to 255 characters (the document gives those lengths but no required list)',
  },
  {
    where: ['upgradeFlexCluster 2024-11-13 request'],
    rule: 'required',
    paths: ['$.name'],
    reason: 'attributes Atlas requires are reported missing by the cluster rules, one at a time in Atlas\'s order (MISSING_ATTRIBUTE), not by the contract',
  },
  {
    where: ['createFlexCluster 2024-11-13 response', 'getFlexCluster 2024-11-13 response', 'updateFlexCluster 2024-11-13 response', 'upgradeFlexCluster 2024-11-13 response', 'listFlexClusters 2024-11-13 response $.results[*]'],
    rule: 'field',
    paths: ['$.links'],
    reason: 'the Flex view has no links (recorded, wire-facts F)',
  },
  {
    where: ['createFlexCluster 2024-11-13 response', 'getFlexCluster 2024-11-13 response', 'updateFlexCluster 2024-11-13 response', 'upgradeFlexCluster 2024-11-13 response', 'listFlexClusters 2024-11-13 response $.results[*]'],
    rule: 'enum',
    paths: ['$.versionReleaseSystem'],
    reason: 'versionReleaseSystem "CONTINUOUS" (recorded); the Flex enumeration only has LTS',
  },
  // Cloud Backups (contracts/api/operations/backups.ts)
  {
    where: [...SNAPSHOT_VIEWS, 'getShardedClusterBackup 2023-01-01 response', 'listShardedClusterBackups 2023-01-01 response $.results[*]'],
    rule: 'enum',
    paths: ['$.frequencyType'],
    reason: 'on-demand snapshots have frequencyType "ondemand" on the wire (recorded), missing from the enumeration',
  },
  {
    where: [...SNAPSHOT_VIEWS, 'getShardedClusterBackup 2023-01-01 response', 'listShardedClusterBackups 2023-01-01 response $.results[*]'],
    rule: 'field',
    paths: ['$.masterKeyUUID'],
    reason: 'set only for snapshots of clusters encrypted with a customer-managed key, which the simulator does not offer',
  },
  {
    where: [...SCHEDULE_VIEWS, 'updateBackupSchedule 2024-08-05 request'],
    rule: 'field',
    paths: ['$.copyPolicyItemsEnabled'],
    reason: 'Atlas returns copyPolicyItemsEnabled in the 2024-08-05 schedule (recorded); accepted back and ignored',
  },
  {
    where: [...SCHEDULE_VIEWS, 'updateBackupSchedule 2024-08-05 request'],
    rule: 'enum',
    paths: ['$.policies[*].policyItems[*].frequencyInterval'],
    reason: 'the intervals depend on the frequency type (hourly 1 2 4 6 8 12, weekly 1-7, ...); the schedule rules check them with INVALID_BACKUP_POLICY, which one pooled list cannot express',
  },
  {
    where: ['getDataProtectionSettings 2023-10-01 response', 'updateDataProtectionSettings 2023-10-01 request', 'updateDataProtectionSettings 2023-10-01 response'],
    rule: 'enum',
    paths: ['$.scheduledPolicyItems[*].frequencyInterval', '$.onDemandPolicyItem.frequencyInterval'],
    reason: 'the intervals depend on the frequency type; the compliance rules check them (BACKUP_COMPLIANCE_POLICY_SETTINGS_INVALID)',
  },
  {
    where: ['getDataProtectionSettings 2023-10-01 response'],
    rule: 'required',
    paths: ['$.authorizedEmail', '$.authorizedUserFirstName', '$.authorizedUserLastName'],
    reason: 'a project without a policy answers {} (wire-facts-wave2 6.6: an empty answer, which Terraform reads as "no policy")',
  },
  {
    where: RESTORE_VIEWS,
    rule: 'field',
    paths: ['$.desiredTimestamp.time', '$.targetDeploymentItemName'],
    reason: 'recorded in every restore job (wire-facts-wave2 0.3, 6.4); the document does not list them',
  },
  {
    where: RESTORE_VIEWS,
    rule: 'type',
    paths: ['$.desiredTimestamp.date', '$.desiredTimestamp.increment'],
    reason: 'desiredTimestamp is always there, with nulls outside point-in-time restores (recorded)',
  },
  {
    where: RESTORE_VIEWS,
    rule: 'field',
    paths: ['$.components', '$.privateDownloadDeliveryUrls'],
    reason: 'per-shard components and private-endpoint download URLs need sharded download restores and private endpoints, which the simulator does not produce',
  },
  {
    where: ['createBackupExportJob 2023-01-01 response', 'getBackupExportJob 2023-01-01 response', 'listBackupExportJobs 2023-01-01 response $.results[*]'],
    rule: 'field',
    paths: ['$.components', '$.stateReason'],
    reason: 'per-shard components and the failure reason: the simulated export jobs are of whole snapshots and never fail',
  },
  {
    where: ['createBackupExportJob 2023-01-01 request'],
    rule: 'required',
    paths: ['$.customData[*].key', '$.customData[*].value'],
    reason: 'a label is a key and a value; the document gives BackupLabel no required list',
  },
  {
    where: ['createExportBucket 2024-05-30 response', 'getExportBucket 2024-05-30 response', 'listExportBuckets 2024-05-30 response $.results[*]'],
    rule: 'field',
    paths: ['$.serviceUrl', '$.tenantId'],
    reason: 'fields of Azure buckets; Azure does not exist in Atlas for Government',
  },
  {
    where: ['createExportBucket 2024-05-30 response', 'getExportBucket 2024-05-30 response', 'listExportBuckets 2024-05-30 response $.results[*]'],
    rule: 'field',
    paths: ['$.requirePrivateNetworking'],
    reason: 'the AWS bucket setting of the 2026-08 document (updateBackupExportBucket), shown once set; the 2025-06 document predates it',
  },
  // Alert configurations, alerts and third-party integrations.
  {
    where: ['createAlertConfiguration 2023-01-01 request', 'updateAlertConfiguration 2023-01-01 request'],
    rule: 'enum',
    paths: ['$.eventTypeName', '$.metricThreshold.units', '$.threshold.units'],
    reason: 'any name is read: the alert rules answer INVALID_EVENT_TYPE_FOR_ALERT for unknown and Government-unavailable event types, and INVALID_ENUM_VALUE for units outside the metric\'s family',
  },
  {
    where: ['createAlertConfiguration 2023-01-01 request', 'updateAlertConfiguration 2023-01-01 request'],
    rule: 'required',
    paths: ['$.notifications'],
    reason: 'a configuration without notifications is 400 MISSING_NOTIFICATIONS from the alert rules (wire-facts-wave2 §8.4), not a generic MISSING_ATTRIBUTE',
  },
  {
    where: [...ALERT_CONFIG_VIEWS, 'createAlertConfiguration 2023-01-01 request', 'updateAlertConfiguration 2023-01-01 request'],
    rule: 'field',
    paths: ['$.threshold.metricName', '$.threshold.mode'],
    reason: 'attributes of stream processor metric thresholds; Stream Processing is not offered in Atlas for Government',
  },
  {
    where: [
      'createCustomDatabaseRole 2023-01-01 request', 'updateCustomDatabaseRole 2023-01-01 request', 'createCustomDatabaseRole 2023-01-01 response',
      'getCustomDatabaseRole 2023-01-01 response', 'updateCustomDatabaseRole 2023-01-01 response', 'listCustomDatabaseRoles 2023-01-01 response $[*]',
    ],
    rule: 'required',
    paths: ['$.actions[*].resources[*].cluster', '$.actions[*].resources[*].collection', '$.actions[*].resources[*].db'],
    reason: ROLE_RESOURCES + ' (recorded); the role rules check each form',
  },
  {
    where: ['getLdapConfiguration 2023-01-01 response', 'saveLdapConfiguration 2023-01-01 response', 'deleteLdapConfiguration 2023-01-01 response', 'disableCustomerManagedX509 2023-01-01 response'],
    rule: 'field',
    paths: ['$.customerX509.links', '$.ldap.links'],
    reason: 'no recording shows links inside the LDAP and X.509 settings (wire-facts-wave2 §16: LDAP/X.509 unrecorded); the view links once, at its top',
  },
  {
    where: ['createDatabaseUserCertificate 2023-01-01 response'],
    rule: 'body',
    paths: ['$'],
    reason: 'the answer is PEM text (the certificate and its key, wire-facts G), not JSON: there is no JSON contract to compare',
  },
  {
    where: ['listAlertConfigurationMatchersFieldNames 2023-01-01 response'],
    rule: 'enum',
    paths: ['$[*]'],
    reason: 'Atlas answers ATLAS_NODE_TYPE too (recorded), which MatcherFieldView does not list',
  },
  {
    where: [...INTEGRATION_VIEWS, 'createThirdPartyIntegration 2023-01-01 request', 'updateThirdPartyIntegration 2023-01-01 request'],
    rule: 'field',
    paths: ['$.bodyTemplate', '$.customEndpoint', '$.headersTemplate', '$.sendQueryStatsMetrics'],
    reason: 'Atlas returns them (recorded Datadog and webhook integrations) although the document does not list them; accepted back so that a client can send what it read',
  },
  {
    where: INTEGRATION_VIEWS,
    rule: 'field',
    paths: ['$.accountId', '$.apiToken', '$.channelName', '$.enabled', '$.licenseKey', '$.readToken', '$.serviceDiscovery', '$.teamName', '$.username', '$.writeToken'],
    reason: 'attributes of Slack (configured only through the Atlas UI), New Relic (retired) and Prometheus (not offered in Atlas for Government) integrations, which the simulator refuses to create',
  },
];

const ORG_EVENTS = ['getOrganizationEvent 2023-01-01 response', 'listOrganizationEvents 2023-01-01 response $.results[*]'];
const GROUP_EVENTS = ['getProjectEvent 2023-01-01 response', 'listProjectEvents 2023-01-01 response $.results[*]'];
const EVENTS_2026 =
  'contracts/api/operations/events.ts shapes events as recorded (generic/events) with the type-specific keys of the 2026-08 document\'s event views plus the recorded clusterName; the 2025-06 document\'s views, pooled, do not show this key here';

export const IAM_DRIFT_DECLARATIONS: readonly DriftDeclaration[] = [
  {
    where: ['createApiKey 2023-01-01 request', 'createProjectApiKey 2023-01-01 request'],
    rule: 'required',
    paths: ['$.desc', '$.roles'],
    reason: 'checked by the API-key rules, which answer Atlas\'s own codes for a missing description or roles (wire-facts A.4) rather than MISSING_ATTRIBUTE',
  },
  {
    where: ['addProjectApiKey 2023-01-01 request'],
    rule: 'readOnly',
    paths: ['$[*].userId'],
    reason: 'UserAccessRoleAssignment.userId is read-only: the contract accepts it as a string and ignores it (contracts/api/operations/apiKeys.ts)',
  },
  {
    where: [...ORG_EVENTS, ...GROUP_EVENTS],
    rule: 'field',
    paths: ['$.clusterName', '$.fromTier', '$.hostname', '$.reason', '$.region', '$.targetPublicKey', '$.toTier'],
    reason: EVENTS_2026,
  },
  {
    where: ORG_EVENTS,
    rule: 'field',
    paths: ['$.collection', '$.currentValue', '$.database', '$.endpointId', '$.instanceName', '$.metricName', '$.opType', '$.port', '$.processorErrorMsg', '$.processorName', '$.processorState', '$.providerEndpointId', '$.replicaSetName', '$.shardName', '$.violatedPolicies', '$.violationAction'],
    reason: EVENTS_2026 + ' (one event contract serves organization and project feeds)',
  },
  {
    where: [...ORG_EVENTS, ...GROUP_EVENTS],
    rule: 'field',
    paths: ['$.raw', '$.userId', '$.username'],
    reason: 'set only for events of human users and with includeRaw=true; the simulator\'s principals are API keys and service accounts, and it keeps no raw documents',
  },
  {
    where: GROUP_EVENTS,
    rule: 'field',
    paths: ['$.deskLocation', '$.employeeIdentifier', '$.sessionId'],
    reason: 'fields of MongoDB-employee access events, which the simulator never produces',
  },
  {
    where: [...ORG_EVENTS, ...GROUP_EVENTS],
    rule: 'enum',
    paths: ['$.eventTypeName'],
    reason: 'the event type names are the simulator\'s own list of the events it records (a few dozen); the document enumerates every type of every feature',
  },
];


// Network peering.
const CONTAINER_VIEWS = ['createPeeringContainer 2023-01-01 response', 'getPeeringContainer 2023-01-01 response', 'updatePeeringContainer 2023-01-01 response', 'listPeeringContainerByCloudProvider 2023-01-01 response $.results[*]', 'listPeeringContainers 2023-01-01 response $.results[*]'];
const PEER_VIEWS = ['createPeeringConnection 2023-01-01 response', 'getPeeringConnection 2023-01-01 response', 'updatePeeringConnection 2023-01-01 response', 'listPeeringConnections 2023-01-01 response $.results[*]'];
const NO_AZURE = 'Azure attributes: Azure does not exist in Atlas for Government, so no container or connection ever has them';

export const NETWORK_DRIFT_DECLARATIONS: readonly DriftDeclaration[] = [
  { where: CONTAINER_VIEWS, rule: 'field', paths: ['$.azureSubscriptionId', '$.region', '$.vnetName'], reason: NO_AZURE },
  { where: PEER_VIEWS, rule: 'field', paths: ['$.azureDirectoryId', '$.azureSubscriptionId', '$.errorState', '$.resourceGroupName', '$.vnetName'], reason: NO_AZURE },
  {
    where: [...CONTAINER_VIEWS, 'createPeeringContainer 2023-01-01 request', 'updatePeeringContainer 2023-01-01 request'],
    rule: 'enum',
    paths: ['$.regionName', '$.regions[*]'],
    reason: 'any region name is read and shown: the Government rules decide per designation (INVALID_REGION, REGION_UNAVAILABLE), and the GCP Assured Workloads names (`_AW`) are missing from the document\'s GCP enumeration (wire-facts-wave2 1.2)',
  },
  {
    where: ['createPeeringContainer 2023-01-01 request', 'updatePeeringContainer 2023-01-01 request'],
    rule: 'enum',
    paths: ['$.region'],
    reason: NO_AZURE + '; an Azure region is read so that the provider is refused by name (INVALID_PROVIDER)',
  },
  {
    where: ['loadSampleDataset 2023-01-01 response', 'getSampleDatasetLoadStatus 2023-01-01 response'],
    rule: 'type',
    paths: ['$.completeDate', '$.errorMessage'],
    reason: NULLS + ' (recorded loadSampleDataset: null until the load ends, and unless it failed)',
  },
  {
    where: ['createPeeringConnection 2023-01-01 request', 'updatePeeringConnection 2023-01-01 request'],
    rule: 'required',
    paths: ['$.containerId'],
    reason: 'reported by the peering rules (MISSING_ATTRIBUTE containerId) in their order; a PATCH names the connection in its path and need not repeat it',
  },
];

const SERVICE_VIEWS = ['createPrivateEndpointService 2023-01-01 response', 'getPrivateEndpointService 2023-01-01 response', 'listPrivateEndpointServices 2023-01-01 response $[*]'];
const EAR_VIEWS = ['getEncryptionAtRest 2023-01-01 response', 'updateEncryptionAtRest 2023-01-01 response'];

/** Encryption at rest, cloud provider access, private endpoints and custom DNS. */
export const NETWORK_SECURITY_DRIFT_DECLARATIONS: readonly DriftDeclaration[] = [
  {
    where: EAR_VIEWS,
    rule: 'field',
    paths: ['$.awsKms.roleId'],
    reason: WRITE_ONLY + ': the Terraform provider reads role_id back from the encryption at rest answer (wire-facts-wave2 §3.1)',
  },
  {
    where: ['createCloudProviderAccessRole 2023-01-01 response', 'getCloudProviderAccessRole 2023-01-01 response', 'authorizeCloudProviderAccessRole 2023-01-01 response'],
    rule: 'field',
    paths: ['$._id', '$.atlasAzureAppId', '$.lastUpdatedDate', '$.servicePrincipalId', '$.tenantId'],
    reason: 'attributes of Azure service principals, which Atlas for Government does not offer (no Azure at all)',
  },
  {
    where: ['listCloudProviderAccessRoles 2023-01-01 response'],
    rule: 'field',
    paths: ['$.gcpServiceAccounts'],
    reason: 'the GCP roles the 2025-06 document lets a project create are listed under gcpServiceAccounts, as the 2026-08 document describes',
  },
  {
    where: ['createEncryptionAtRestPrivateEndpoint 2023-01-01 request', 'createEncryptionAtRestPrivateEndpoint 2023-01-01 response', 'getEncryptionAtRestPrivateEndpoint 2023-01-01 response', 'getEncryptionAtRestPrivateEndpointsForCloudProvider 2023-01-01 response $.results[*]'],
    rule: 'enum',
    paths: ['$.regionName'],
    reason: 'any region name is read and the Government region rules decide (INVALID_REGION, REGION_UNAVAILABLE); the view only ever holds regions they accepted',
  },
  {
    where: SERVICE_VIEWS,
    rule: 'type',
    paths: ['$.endpointServiceName', '$.errorMessage'],
    reason: NULLS + ' (recorded: networking/privateendpoint, until the service has a name or an error)',
  },
  {
    where: SERVICE_VIEWS,
    rule: 'field',
    paths: ['$.portMappingEnabled', '$.supportedRemoteRegions'],
    reason: 'recorded in every GCP (portMappingEnabled) and AWS (supportedRemoteRegions) service view; the 2025-06 document does not list them',
  },
  {
    where: SERVICE_VIEWS,
    rule: 'field',
    paths: ['$.privateEndpoints', '$.privateLinkServiceName', '$.privateLinkServiceResourceId'],
    reason: 'attributes of Azure Private Link services, which Atlas for Government does not offer (no Azure at all)',
  },
  {
    where: ['createPrivateEndpoint 2023-01-01 response', 'getPrivateEndpoint 2023-01-01 response'],
    rule: 'field',
    paths: ['$.privateEndpointConnectionName', '$.privateEndpointIPAddress', '$.privateEndpointResourceId'],
    reason: 'attributes of Azure private endpoints, which Atlas for Government does not offer (no Azure at all)',
  },
  {
    where: ['getInvoice 2023-01-01 response', 'listPendingInvoices 2023-01-01 response $.results[*]'],
    rule: 'enum',
    paths: ['$.lineItems[*].sku'],
    reason: 'the simulator bills cluster instances only, as ATLAS_<provider>_INSTANCE_<size>[_PAUSED], names of the document\'s enumeration (the conformance check holds every answer to it); the contract does not repeat its 426 names',
  },
  {
    where: ['getIdentityProvider 2023-11-15 response', 'updateIdentityProvider 2023-11-15 response', 'listIdentityProviders 2023-01-01 response $.results[*]'],
    rule: 'field',
    paths: ['$.acsUrl', '$.audienceUri', '$.pemFileInfo', '$.requestBinding', '$.responseSignatureAlgorithm', '$.slug', '$.ssoDebugEnabled', '$.ssoUrl', '$.status'],
    reason: 'attributes of SAML identity providers, which only the Federation Management Console creates: the simulated federations hold OIDC providers only',
  },
  {
    where: ['deletePrivateEndpointService 2023-01-01 response'],
    rule: 'body',
    paths: ['$'],
    reason: 'Atlas answers 202 with the body {} where the document says 204 without one (recorded: networking/privateendpoint Delete)',
  },
];

const USER_VIEWS = ['addOrganizationRole', 'addProjectRole', 'addProjectUser', 'addUserToTeam', 'createOrganizationUser', 'getOrganizationUser', 'getProjectUser', 'removeOrganizationRole', 'removeProjectRole', 'removeUserFromTeam', 'updateOrganizationUser']
  .map((op) => `${op} 2025-02-19 response`);
const USER_LISTS = ['listOrganizationUsers', 'listProjectUsers', 'listTeamUsers'].map((op) => `${op} 2025-02-19 response $.results[*]`);
const CLOUD_APP_USERS = ['createUser 2023-01-01 response', 'getUser 2023-01-01 response', 'getUserByUsername 2023-01-01 response', 'addTeamUser 2023-01-01 response $.results[*]'];

/** The people operations (contracts/api/operations/cloudUsers.ts, teams.ts, projects.ts). */
export const PEOPLE_DRIFT_DECLARATIONS: readonly DriftDeclaration[] = [
  {
    where: [...USER_VIEWS, ...USER_LISTS, ...CLOUD_APP_USERS],
    rule: 'type',
    paths: ['$.mobileNumber'],
    reason: NULLS + ' (mobileNumber: null for a user without one, recorded in listOrganizationUsers and listProjectUsers)',
  },
  {
    where: CLOUD_APP_USERS,
    rule: 'field',
    paths: ['$.password'],
    reason: 'CloudAppUser.password is writeOnly and required: Atlas never returns a password',
  },
  {
    where: ['migrateProjectToAnotherOrg 2024-05-30 response'],
    rule: 'field',
    paths: ['$.withDefaultAlertsSettings'],
    reason: WRITE_ONLY + ' (withDefaultAlertsSettings: the project view, recorded for getProject)',
  },
];

/** The declarations as `operationId version request|response $.path rule` → reason. */
export const DRIFT_DIFFERENCES: Readonly<Record<string, string>> = (() => {
  const out: Record<string, string> = {};
  for (const d of [...DRIFT_DECLARATIONS, ...IAM_DRIFT_DECLARATIONS, ...NETWORK_DRIFT_DECLARATIONS, ...NETWORK_SECURITY_DRIFT_DECLARATIONS, ...PEOPLE_DRIFT_DECLARATIONS]) {
    for (const w of d.where) {
      const [op, version, direction, under] = w.split(' ');
      for (const p of d.paths) {
        const key = `${op} ${version} ${direction} ${under ? under + p.slice(1) : p} ${d.rule}`;
        if (out[key]) throw new Error(`drift difference declared twice: ${key}`);
        out[key] = d.reason;
      }
    }
  }
  return out;
})();

/**
 * Operations of the document the simulator does not have, whose paths another catalog
 * operation's template also matches, so that the simulator answers them as that one.
 * operationId → why it is accepted for now. test/contracts/api/routing.test.ts fails for any
 * other such operation, and for an entry that no longer applies.
 */
export const ROUTING_DIFFERENCES: Readonly<Record<string, string>> = {};

/** `$.results[3].links[0]` → `$.results[*].links[*]`. */
const generalPath = (jsonPath: string): string => jsonPath.replace(/\[\d+\]/g, '[*]');

/** `operationId status $.json[*].path rule` of a wire violation. */
export function wireKey(v: Violation): string {
  return `${v.operationId} ${v.status ?? 'request'} ${generalPath(v.jsonPath)} ${v.rule}`;
}

/** The entry that explains a wire violation: its key in one of the tables above, and why. */
export interface MatchedDifference {
  key: string;
  reason: string;
}

const byId = new Map<string, OperationSpec>(OPERATIONS.map((o) => [o.operationId, o]));

/**
 * Why a wire violation is deliberate, or undefined when it is not.
 *
 * Besides the listed keys, one family is derived from the catalog instead of listed:
 * the document describes only the newest version of each operation, so a response in
 * an older version the catalog serves (a deprecated one) cannot be validated against it.
 * This holds only for versions older than the catalog's newest one; a newest version the
 * document does not describe is a real difference and must be listed.
 *
 * @param servedVersion the version date in the response's Content-Type, if any
 */
export function knownWireDifference(v: Violation, servedVersion?: string): MatchedDifference | undefined {
  const key = wireKey(v);
  const listed = RECORDED_WIRE_DIFFERENCES[key] ?? SIMULATOR_WIRE_DIFFERENCES[key];
  if (listed) return { key, reason: listed };
  const errorKey = `${generalPath(v.jsonPath)} ${v.rule}`;
  if (v.status !== null && v.status >= 400 && ERROR_BODY_DIFFERENCES[errorKey]) {
    return { key: errorKey, reason: ERROR_BODY_DIFFERENCES[errorKey] };
  }
  if (v.rule === 'version-not-in-document' && servedVersion) {
    const op = byId.get(v.operationId);
    const newest = op?.versions[op.versions.length - 1];
    if (op && newest && servedVersion < newest.date && op.versions.some((x) => x.date === servedVersion)) {
      return {
        key: `${v.operationId} ${servedVersion} version-not-in-document`,
        reason: `${servedVersion} is a deprecated version of ${v.operationId}; the document describes only the newest one (${newest.date})`,
      };
    }
  }
  return undefined;
}

/** Why a drift difference is deliberate, or undefined. */
export function knownDriftDifference(key: string): string | undefined {
  return DRIFT_DIFFERENCES[key];
}
