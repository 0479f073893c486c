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

/**
 * Role names as the OpenAPI document's descriptions spell them ("the requesting Service
 * Account or API Key must have the Project Read Only role"), for checking the catalog's
 * minimum roles against the document. Names the document uses for roles outside these
 * enums (Project Charts Admin, Group User Admin, ...) are deliberately absent: an
 * operation that names one needs an explicit decision.
 */
export const ROLE_DISPLAY_NAMES: Readonly<Record<string, Role>> = {
  'Organization Owner': 'ORG_OWNER',
  'Organization Project Creator': 'ORG_GROUP_CREATOR',
  'Organization Member': 'ORG_MEMBER',
  'Organization Read Only': 'ORG_READ_ONLY',
  'Organization Billing Admin': 'ORG_BILLING_ADMIN',
  'Organization Billing Viewer': 'ORG_BILLING_READ_ONLY',
  'Organization Billing Read Only': 'ORG_BILLING_READ_ONLY',
  'Project Owner': 'GROUP_OWNER',
  'Project Cluster Manager': 'GROUP_CLUSTER_MANAGER',
  'Project Stream Processing Owner': 'GROUP_STREAM_PROCESSING_OWNER',
  'Project Data Access Admin': 'GROUP_DATA_ACCESS_ADMIN',
  'Project Data Access Read Write': 'GROUP_DATA_ACCESS_READ_WRITE',
  'Project Data Access Read/Write': 'GROUP_DATA_ACCESS_READ_WRITE',
  'Project Data Access Read Only': 'GROUP_DATA_ACCESS_READ_ONLY',
  'Project Read Only': 'GROUP_READ_ONLY',
  'Project Search Index Editor': 'GROUP_SEARCH_INDEX_EDITOR',
  'Project Backup Manager': 'GROUP_BACKUP_MANAGER',
  'Project Observability Viewer': 'GROUP_OBSERVABILITY_VIEWER',
  'Project Database Access Admin': 'GROUP_DATABASE_ACCESS_ADMIN',
};
