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
