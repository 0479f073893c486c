/** Role names as the OpenAPI document spells them (AddOrRemoveOrgRole / AddOrRemoveGroupRole). */
export const ORG_ROLES = [
  'ORG_OWNER',
  'ORG_GROUP_CREATOR',
  'ORG_MEMBER',
  'ORG_READ_ONLY',
  'ORG_BILLING_ADMIN',
  'ORG_BILLING_READ_ONLY',
] as const;
export type OrgRole = (typeof ORG_ROLES)[number];

export const GROUP_ROLES = [
  'GROUP_OWNER',
  'GROUP_CLUSTER_MANAGER',
  'GROUP_STREAM_PROCESSING_OWNER',
  'GROUP_DATA_ACCESS_ADMIN',
  'GROUP_DATA_ACCESS_READ_WRITE',
  'GROUP_DATA_ACCESS_READ_ONLY',
  'GROUP_READ_ONLY',
  'GROUP_SEARCH_INDEX_EDITOR',
  'GROUP_BACKUP_MANAGER',
  'GROUP_OBSERVABILITY_VIEWER',
  'GROUP_DATABASE_ACCESS_ADMIN',
] as const;
export type GroupRole = (typeof GROUP_ROLES)[number];

export type Role = OrgRole | GroupRole;
