import { awsCustomDnsOperations, privateEndpointOperations } from '../contracts/api/operations/privateEndpoints.js';
import { gcpLocation } from '../src/sim/govRules.js';
import { GCP_SERVICE_ATTACHMENTS, type EndpointService, type PrivateEndpoint } from '../src/sim/privateEndpoints.js';
import { defineHandlers } from '../src/wire/context.js';

const SERVICE_STATUSES = ['INITIATING', 'AVAILABLE', 'WAITING_FOR_USER', 'FAILED', 'DELETING'] as const;
const AWS_ENDPOINT_STATUSES = ['PENDING_ACCEPTANCE', 'PENDING', 'AVAILABLE', 'REJECTED', 'DELETING'] as const;
const GCP_ENDPOINT_STATUSES = ['INITIATING', 'VERIFIED', 'AVAILABLE', 'FAILED', 'DELETING'] as const;

/** The status in the view's enumeration (the sim only ever holds these; anything else would be a failure). */
function oneOf<S extends string>(values: readonly S[], status: string, failed: S): S {
  return values.find((v) => v === status) ?? failed;
}

/** An endpoint service as recorded (keys alphabetical, nulls where Atlas sends them). */
function serviceView(s: EndpointService) {
  const available = s.status === 'AVAILABLE';
  const status = oneOf(SERVICE_STATUSES, s.status, 'FAILED');
  const live = s.endpoints.map((e) => e.id);
  if (s.provider === 'AWS') {
    return {
      cloudProvider: 'AWS' as const,
      endpointServiceName: available ? (s.endpointServiceName ?? null) : null,
      errorMessage: null,
      id: s.id,
      interfaceEndpoints: live,
      regionName: s.regionName,
      status,
      supportedRemoteRegions: s.supportedRemoteRegions ?? null,
    };
  }
  const location = gcpLocation(s.regionName);
  return {
    cloudProvider: 'GCP' as const,
    endpointGroupNames: live,
    errorMessage: null,
    id: s.id,
    portMappingEnabled: false,
    regionName: s.regionName,
    serviceAttachmentNames: available
      ? Array.from({ length: GCP_SERVICE_ATTACHMENTS }, (_, i) => `projects/${s.attachmentProject}/regions/${location}/serviceAttachments/sa-${location}-${s.groupId}-${i}`)
      : [],
    status,
  };
}

function endpointView(s: EndpointService, e: PrivateEndpoint) {
  const deleteRequested = e.status === 'DELETING';
  if (s.provider === 'AWS') {
    return { cloudProvider: 'AWS' as const, connectionStatus: oneOf(AWS_ENDPOINT_STATUSES, e.status, 'REJECTED'), deleteRequested, interfaceEndpointId: e.id };
  }
  const ruleStatus: 'AVAILABLE' | 'DELETING' | 'INITIATING' = e.status === 'AVAILABLE' ? 'AVAILABLE' : deleteRequested ? 'DELETING' : 'INITIATING';
  return {
    cloudProvider: 'GCP' as const,
    deleteRequested,
    endpointGroupName: e.id,
    endpoints: (e.forwardingRules ?? []).map((r) => ({ endpointName: r.endpointName, ipAddress: r.ipAddress, status: ruleStatus })),
    status: oneOf(GCP_ENDPOINT_STATUSES, e.status, 'FAILED'),
  };
}

export const privateEndpointHandlers = defineHandlers(privateEndpointOperations, {
  createPrivateEndpointService(ctx) {
    return serviceView(ctx.world.privateEndpointServices.createService(ctx.params.groupId, ctx.body.providerName, ctx.body.region));
  },

  listPrivateEndpointServices(ctx) {
    return ctx.world.privateEndpointServices.listServices(ctx.params.groupId, ctx.params.cloudProvider).map(serviceView);
  },

  updatePrivateEndpointService(ctx) {
    const { groupId, endpointServiceId } = ctx.params;
    return serviceView(ctx.world.privateEndpointServices.updateService(groupId, endpointServiceId, ctx.body));
  },

  getPrivateEndpointService(ctx) {
    const { groupId, cloudProvider, endpointServiceId } = ctx.params;
    return serviceView(ctx.world.privateEndpointServices.getService(groupId, cloudProvider, endpointServiceId));
  },

  deletePrivateEndpointService(ctx) {
    const { groupId, cloudProvider, endpointServiceId } = ctx.params;
    ctx.world.privateEndpointServices.deleteService(groupId, cloudProvider, endpointServiceId);
    return {};
  },

  createPrivateEndpoint(ctx) {
    const { groupId, cloudProvider, endpointServiceId } = ctx.params;
    const services = ctx.world.privateEndpointServices;
    const e = services.createEndpoint(groupId, cloudProvider, endpointServiceId, ctx.body);
    return endpointView(services.getService(groupId, cloudProvider, endpointServiceId), e);
  },

  getPrivateEndpoint(ctx) {
    const { groupId, cloudProvider, endpointServiceId, endpointId } = ctx.params;
    const services = ctx.world.privateEndpointServices;
    const e = services.getEndpoint(groupId, cloudProvider, endpointServiceId, endpointId);
    return endpointView(services.getService(groupId, cloudProvider, endpointServiceId), e);
  },

  deletePrivateEndpoint(ctx) {
    const { groupId, cloudProvider, endpointServiceId, endpointId } = ctx.params;
    ctx.world.privateEndpointServices.deleteEndpoint(groupId, cloudProvider, endpointServiceId, endpointId);
    return undefined;
  },

  getRegionalizedPrivateEndpointSetting(ctx) {
    return { enabled: ctx.world.networkSettings.get(ctx.params.groupId).regionalizedPrivateEndpoints };
  },

  toggleRegionalizedPrivateEndpointSetting(ctx) {
    const { groupId } = ctx.params;
    if (!ctx.body.enabled) ctx.world.privateEndpointServices.checkSingleRegion(groupId);
    return { enabled: ctx.world.networkSettings.set(groupId, { regionalizedPrivateEndpoints: ctx.body.enabled }).regionalizedPrivateEndpoints };
  },
});

export const awsCustomDnsHandlers = defineHandlers(awsCustomDnsOperations, {
  getAwsCustomDns(ctx) {
    return { enabled: ctx.world.networkSettings.get(ctx.params.groupId).awsCustomDns };
  },

  toggleAwsCustomDns(ctx) {
    return { enabled: ctx.world.networkSettings.set(ctx.params.groupId, { awsCustomDns: ctx.body.enabled }).awsCustomDns };
  },
});
