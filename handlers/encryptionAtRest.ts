import { encryptionAtRestOperations } from '../contracts/api/operations/encryptionAtRest.js';
import type { EarPrivateEndpoint, EncryptionAtRestConfig } from '../src/sim/encryptionAtRest.js';
import { defineHandlers } from '../src/wire/context.js';
import { EAR_ENDPOINT_STATUSES } from '../contracts/api/operations/encryptionAtRest.js';

/**
 * EncryptionAtRest on the wire: every provider block; Azure Key Vault always disabled.
 * An enabled provider reads `valid: true` (the simulator cannot reach the key).
 */
function encryptionAtRestView(c: EncryptionAtRestConfig) {
  return {
    awsKms: { ...c.awsKms, ...(c.awsKms.enabled && { valid: true }) },
    azureKeyVault: { enabled: false },
    enabledForSearchNodes: c.enabledForSearchNodes,
    googleCloudKms: { ...c.googleCloudKms, ...(c.googleCloudKms.enabled && { valid: true }) },
  };
}

const endpointStatus = (s: string) => EAR_ENDPOINT_STATUSES.find((x) => x === s) ?? 'FAILED';

function endpointView(e: EarPrivateEndpoint) {
  return { cloudProvider: e.cloudProvider, id: e.id, regionName: e.regionName, status: endpointStatus(e.status) };
}

export const encryptionAtRestHandlers = defineHandlers(encryptionAtRestOperations, {
  getEncryptionAtRest(ctx) {
    return encryptionAtRestView(ctx.world.encryptionAtRest.get(ctx.params.groupId));
  },

  updateEncryptionAtRest(ctx) {
    return encryptionAtRestView(ctx.world.encryptionAtRest.update(ctx.params.groupId, ctx.body));
  },

  getEncryptionAtRestPrivateEndpointsForCloudProvider(ctx) {
    const endpoints = ctx.world.encryptionAtRestPrivateEndpoints.list(ctx.params.groupId, ctx.params.cloudProvider);
    return ctx.list(endpoints, endpoints.length, endpointView);
  },

  createEncryptionAtRestPrivateEndpoint(ctx) {
    const { groupId, cloudProvider } = ctx.params;
    return endpointView(ctx.world.encryptionAtRestPrivateEndpoints.create(groupId, cloudProvider, ctx.body.regionName));
  },

  getEncryptionAtRestPrivateEndpoint(ctx) {
    const { groupId, cloudProvider, endpointId } = ctx.params;
    return endpointView(ctx.world.encryptionAtRestPrivateEndpoints.get(groupId, cloudProvider, endpointId));
  },

  requestEncryptionAtRestPrivateEndpointDeletion(ctx) {
    const { groupId, cloudProvider, endpointId } = ctx.params;
    ctx.world.encryptionAtRestPrivateEndpoints.requestDeletion(groupId, cloudProvider, endpointId);
    return undefined;
  },
});
