import type { ErrorCode } from './errorCatalog.js';

/**
 * Path parameters whose format Atlas checks before looking anything up. A value that
 * does not match gets 404 with the parameter's INVALID_*_ID code and the value as the
 * only parameter (wire-facts D.3, "Invalid ObjectId in path"); a well-formed id that
 * does not exist gets the resource's NOT_FOUND code from the sim.
 */
export interface PathParamSpec {
  readonly pattern: RegExp;
  readonly invalid: ErrorCode;
}

const OBJECT_ID = /^[a-f0-9]{24}$/;

export const PATH_PARAMS: Readonly<Record<string, PathParamSpec>> = {
  orgId: { pattern: OBJECT_ID, invalid: 'INVALID_ORG_ID' },
  groupId: { pattern: OBJECT_ID, invalid: 'INVALID_GROUP_ID' },
  apiUserId: { pattern: OBJECT_ID, invalid: 'INVALID_KEY_ID' },
  containerId: { pattern: OBJECT_ID, invalid: 'CLOUD_PROVIDER_CONTAINER_NOT_FOUND' },
  peerId: { pattern: OBJECT_ID, invalid: 'INVALID_PEER_ID' },
  sampleDatasetId: { pattern: OBJECT_ID, invalid: 'RESOURCE_NOT_FOUND' },
  alertConfigId: { pattern: OBJECT_ID, invalid: 'INVALID_ALERT_CONFIG_ID' },
  alertId: { pattern: OBJECT_ID, invalid: 'INVALID_ALERT_ID' },
};
