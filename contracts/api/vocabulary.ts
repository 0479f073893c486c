/**
 * The words of the Atlas domain that both the rules (`src/sim`) and the wire contracts
 * need: enumerations of instance sizes, providers, states, auth types and the like, as
 * the OpenAPI document spells them. Role names are in `roles.ts`.
 */

// Projects

/** Atlas for Government region designations (wire-facts E); the first is the default. */
export const REGION_USAGE_RESTRICTIONS = ['COMMERCIAL_FEDRAMP_REGIONS_ONLY', 'GOV_REGIONS_ONLY'] as const;

// Clusters

/** Every instance size name of the OpenAPI document (AWS, Azure, GCP, tenant, and Flex's `FLEX`). */
export const INSTANCE_SIZES = [
  'M0', 'M2', 'M5', 'FLEX', 'M10', 'M20', 'M30', 'M40', 'M50', 'M60', 'M80', 'M90', 'M100', 'M140', 'M200', 'M250',
  'M300', 'M400', 'R40', 'R50', 'R60', 'R80', 'R200', 'R300', 'R400', 'R600', 'R700', 'M40_NVME', 'M50_NVME',
  'M60_NVME', 'M80_NVME', 'M200_NVME', 'M300_NVME', 'M400_NVME', 'M600_NVME',
] as const;

/**
 * Provider names a region config may carry. `FLEX` is not in Atlas's enumeration; it is
 * accepted here so that the Government rules refuse it with a clear error (no Flex in
 * Atlas for Government) rather than an anonymous enumeration error.
 */
export const PROVIDER_NAMES = ['AWS', 'AZURE', 'GCP', 'TENANT', 'FLEX'] as const;
export const CLUSTER_TYPES = ['REPLICASET', 'SHARDED', 'GEOSHARDED'] as const;
export const STATE_NAMES = ['IDLE', 'CREATING', 'UPDATING', 'DELETING', 'REPAIRING'] as const;
export const EBS_VOLUME_TYPES = ['STANDARD', 'PROVISIONED'] as const;
export const DISK_WARMING_MODES = ['FULLY_WARMED', 'VISIBLE_EARLIER'] as const;
export const ENCRYPTION_AT_REST_PROVIDERS = ['NONE', 'AWS', 'AZURE', 'GCP'] as const;
export const VERSION_RELEASE_SYSTEMS = ['LTS', 'CONTINUOUS'] as const;
export const REPLICA_SET_SCALING_STRATEGIES = ['SEQUENTIAL', 'WORKLOAD_TYPE', 'NODE_TYPE'] as const;
export const CONFIG_SERVER_MANAGEMENT_MODES = ['ATLAS_MANAGED', 'FIXED_TO_DEDICATED'] as const;
export const CONFIG_SERVER_TYPES = ['DEDICATED', 'EMBEDDED'] as const;
export const TLS_PROTOCOLS = ['TLS1_0', 'TLS1_1', 'TLS1_2', 'TLS1_3'] as const;
export const TLS_CIPHER_CONFIG_MODES = ['CUSTOM', 'DEFAULT'] as const;
/** `mongoDBEmployeeAccessGrant.grantType`. */
export const EMPLOYEE_GRANT_TYPES = ['CLUSTER_DATABASE_LOGS', 'CLUSTER_INFRASTRUCTURE', 'CLUSTER_INFRASTRUCTURE_AND_APP_SERVICES_SYNC_DATA'] as const;
/** How auto-scaling applies to a cluster's shards (`autoScalingConfiguration`). */
export const AUTO_SCALING_MODES = ['CLUSTER_WIDE_SCALING', 'INDEPENDENT_SHARD_SCALING'] as const;
export const TLS12_CIPHERS = ['TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384', 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256'] as const;
/**
 * BI Connector read preferences. The document spells them in capitals, Atlas sends (and
 * Terraform sends back) lower case; both are read.
 */
export const BI_READ_PREFERENCES = ['primary', 'secondary', 'analytics', 'PRIMARY', 'SECONDARY', 'ANALYTICS'] as const;

// Database users

export const X509_TYPES = ['NONE', 'CUSTOMER', 'MANAGED'] as const;
export const AWS_IAM_TYPES = ['NONE', 'USER', 'ROLE'] as const;
export const LDAP_AUTH_TYPES = ['NONE', 'GROUP', 'USER'] as const;
export const OIDC_AUTH_TYPES = ['NONE', 'IDP_GROUP', 'USER'] as const;
export const USER_SCOPE_TYPES = ['CLUSTER', 'DATA_LAKE', 'STREAM'] as const;

// Regions

/** AWS region names as Atlas spells them (shared by clusters, key management and private endpoints). */
export const AWS_REGIONS = [
  'US_GOV_WEST_1', 'US_GOV_EAST_1', 'US_EAST_1', 'US_EAST_2', 'US_WEST_1', 'US_WEST_2', 'CA_CENTRAL_1', 'EU_NORTH_1',
  'EU_WEST_1', 'EU_WEST_2', 'EU_WEST_3', 'EU_CENTRAL_1', 'EU_CENTRAL_2', 'AP_EAST_1', 'AP_NORTHEAST_1', 'AP_NORTHEAST_2',
  'AP_NORTHEAST_3', 'AP_SOUTHEAST_1', 'AP_SOUTHEAST_2', 'AP_SOUTHEAST_3', 'AP_SOUTHEAST_4', 'AP_SOUTH_1', 'AP_SOUTH_2',
  'SA_EAST_1', 'CN_NORTH_1', 'CN_NORTHWEST_1', 'ME_SOUTH_1', 'ME_CENTRAL_1', 'AF_SOUTH_1', 'EU_SOUTH_1', 'EU_SOUTH_2',
  'IL_CENTRAL_1', 'CA_WEST_1', 'AP_SOUTHEAST_5', 'AP_SOUTHEAST_7', 'MX_CENTRAL_1', 'GLOBAL',
] as const;
// Cloud Backups

/** How often a backup policy item takes a snapshot. */
export const FREQUENCY_TYPES = ['hourly', 'daily', 'weekly', 'monthly', 'yearly'] as const;
export const RETENTION_UNITS = ['days', 'weeks', 'months', 'years'] as const;
/** Which snapshots a copy setting or an extra retention setting applies to. */
export const COPY_FREQUENCIES = ['HOURLY', 'DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY', 'ON_DEMAND'] as const;
export const BACKUP_PROVIDERS = ['AWS', 'AZURE', 'GCP'] as const;
// Alerts

export const MATCHER_OPERATORS = ['EQUALS', 'CONTAINS', 'STARTS_WITH', 'ENDS_WITH', 'NOT_EQUALS', 'NOT_CONTAINS', 'REGEX'] as const;
export const SEVERITIES = ['INFO', 'WARNING', 'ERROR', 'CRITICAL'] as const;
export const ALERT_STATUSES = ['CANCELLED', 'CLOSED', 'OPEN', 'TRACKING'] as const;
/** Every notification `typeName` of the document's notification branches. */
export const NOTIFICATION_TYPES = [
  'DATADOG', 'EMAIL', 'GROUP', 'HIP_CHAT', 'MICROSOFT_TEAMS', 'OPS_GENIE', 'ORG', 'PAGER_DUTY', 'SLACK', 'SMS', 'TEAM', 'USER', 'VICTOR_OPS', 'WEBHOOK',
] as const;
export const NOTIFICATION_ROLES = [
  'ORG_OWNER', 'ORG_MEMBER', 'ORG_GROUP_CREATOR', 'ORG_BILLING_ADMIN', 'ORG_BILLING_READ_ONLY', 'ORG_READ_ONLY',
  'GROUP_BACKUP_MANAGER', 'GROUP_CLUSTER_MANAGER', 'GROUP_DATA_ACCESS_ADMIN', 'GROUP_DATA_ACCESS_READ_ONLY', 'GROUP_DATA_ACCESS_READ_WRITE',
  'GROUP_DATABASE_ACCESS_ADMIN', 'GROUP_OBSERVABILITY_VIEWER', 'GROUP_OWNER', 'GROUP_READ_ONLY', 'GROUP_SEARCH_INDEX_EDITOR', 'GROUP_STREAM_PROCESSING_OWNER',
] as const;
/** Every comparison operator of the document's threshold shapes (`<`/`>` for replica set thresholds). */
export const THRESHOLD_OPERATORS = ['<', '>', 'GREATER_THAN', 'LESS_THAN'] as const;

// Third-party integrations

/** Integration types in the document's order, which is also the order Atlas lists them in (recorded). */
export const INTEGRATION_TYPES = [
  'PAGER_DUTY', 'SLACK', 'DATADOG', 'NEW_RELIC', 'OPS_GENIE', 'VICTOR_OPS', 'WEBHOOK', 'HIP_CHAT', 'PROMETHEUS', 'MICROSOFT_TEAMS',
] as const;
export type IntegrationType = (typeof INTEGRATION_TYPES)[number];
export const DATADOG_REGIONS = ['US', 'EU', 'US3', 'US5', 'AP1', 'US1_FED'] as const;

// Auditing, LDAP

export const AUDIT_CONFIGURATION_TYPES = ['NONE', 'FILTER_BUILDER', 'FILTER_JSON'] as const;
export const LDAP_VERIFY_STATUSES = ['FAIL', 'PENDING', 'SUCCESS'] as const;
export const LDAP_VALIDATION_TYPES = ['AUTHENTICATE', 'AUTHORIZATION_ENABLED', 'CONNECT', 'PARSE_AUTHZ_QUERY', 'QUERY_SERVER', 'SERVER_SPECIFIED', 'TEMPLATE'] as const;

// Custom database roles

/** Privilege actions a custom role may hold (DatabasePrivilegeAction, 2025-06). */
export const PRIVILEGE_ACTIONS = [
  'FIND', 'INSERT', 'REMOVE', 'UPDATE', 'BYPASS_DOCUMENT_VALIDATION', 'USE_UUID', 'KILL_OP', 'BYPASS_DEFAULT_MAX_TIME_MS', 'CREATE_COLLECTION',
  'CREATE_INDEX', 'DROP_COLLECTION', 'ENABLE_PROFILER', 'KILL_ANY_CURSOR', 'CHANGE_STREAM', 'COLL_MOD', 'COMPACT', 'CONVERT_TO_CAPPED', 'DROP_DATABASE',
  'DROP_INDEX', 'RE_INDEX', 'RENAME_COLLECTION_SAME_DB', 'SET_USER_WRITE_BLOCK', 'BYPASS_USER_WRITE_BLOCK', 'LIST_SESSIONS', 'KILL_ANY_SESSION',
  'COLL_STATS', 'CONN_POOL_STATS', 'DB_HASH', 'DB_STATS', 'GET_CMD_LINE_OPTS', 'GET_LOG', 'GET_PARAMETER', 'GET_SHARD_MAP', 'HOST_INFO', 'IN_PROG',
  'LIST_DATABASES', 'LIST_COLLECTIONS', 'LIST_INDEXES', 'LIST_SHARDS', 'NET_STAT', 'REPL_SET_GET_CONFIG', 'REPL_SET_GET_STATUS', 'SERVER_STATUS',
  'VALIDATE', 'SHARDING_STATE', 'TOP', 'SQL_GET_SCHEMA', 'SQL_SET_SCHEMA', 'VIEW_ALL_HISTORY', 'OUT_TO_S3', 'OUT_TO_AZURE', 'OUT_TO_GCS',
  'STORAGE_GET_CONFIG', 'STORAGE_SET_CONFIG', 'FLUSH_ROUTER_CONFIG', 'ENABLE_SHARDING', 'CHECK_METADATA_CONSISTENCY', 'MOVE_CHUNK', 'SPLIT_CHUNK',
  'ANALYZE_SHARD_KEY', 'REFINE_COLLECTION_SHARD_KEY', 'CLEAR_JUMBO_FLAG', 'RESHARD_COLLECTION', 'SHARDED_DATA_DISTRIBUTION', 'GET_STREAM_PROCESSOR',
  'CREATE_STREAM_PROCESSOR', 'PROCESS_STREAM_PROCESSOR', 'START_STREAM_PROCESSOR', 'STOP_STREAM_PROCESSOR', 'DROP_STREAM_PROCESSOR',
  'SAMPLE_STREAM_PROCESSOR', 'LIST_STREAM_PROCESSORS', 'LIST_CONNECTIONS', 'STREAM_PROCESSOR_STATS',
] as const;
export type PrivilegeAction = (typeof PRIVILEGE_ACTIONS)[number];
