import { networkPeeringOperations } from '../contracts/api/operations/networkPeering.js';
import { checkProvider } from '../src/sim/govRules.js';
import type { Container } from '../src/sim/networkContainers.js';
import type { Peer } from '../src/sim/peeringConnections.js';
import { defineHandlers, type HandlerContext } from '../src/wire/context.js';

/** A container on the wire, keys alphabetical (the document's order). */
function containerView(ctx: HandlerContext, c: Container) {
  const provisioned = ctx.world.networkContainers.provisioned(c);
  if (c.providerName === 'AWS') {
    return { atlasCidrBlock: c.atlasCidrBlock, id: c.id, providerName: 'AWS' as const, provisioned, regionName: c.regionName ?? '', vpcId: c.vpcId ?? '' };
  }
  const network = ctx.world.networkContainers.hasClusters(c);
  return {
    atlasCidrBlock: c.atlasCidrBlock,
    ...(network && { gcpProjectId: c.gcpProjectId }),
    id: c.id,
    ...(network && { networkName: c.networkName }),
    providerName: 'GCP' as const,
    provisioned,
    ...(c.regions && { regions: [...c.regions] }),
  };
}

function peerView(ctx: HandlerContext, p: Peer) {
  const s = ctx.world.peeringConnections.status(p);
  if (s.provider === 'AWS') {
    return {
      accepterRegionName: p.accepterRegionName ?? '',
      awsAccountId: p.awsAccountId ?? '',
      connectionId: p.connectionId ?? '',
      containerId: p.containerId,
      id: p.id,
      providerName: 'AWS' as const,
      routeTableCidrBlock: p.routeTableCidrBlock ?? '',
      statusName: s.status,
      vpcId: p.vpcId ?? '',
    };
  }
  return {
    containerId: p.containerId,
    gcpProjectId: p.gcpProjectId ?? '',
    id: p.id,
    networkName: p.networkName ?? '',
    providerName: 'GCP' as const,
    status: s.status,
  };
}

/** Listing Azure containers or peers: Azure does not exist in Atlas for Government. */
function listedProvider(provider: string): string {
  checkProvider(provider);
  return provider;
}

export const networkPeeringHandlers = defineHandlers(networkPeeringOperations, {
  listPeeringContainerByCloudProvider(ctx) {
    ctx.world.projects.get(ctx.params.groupId);
    const all = ctx.world.networkContainers.list(ctx.params.groupId, listedProvider(ctx.query.providerName ?? 'AWS'));
    return ctx.list(all, all.length, (c) => containerView(ctx, c));
  },

  listPeeringContainers(ctx) {
    ctx.world.projects.get(ctx.params.groupId);
    const all = ctx.world.networkContainers.list(ctx.params.groupId);
    return ctx.list(all, all.length, (c) => containerView(ctx, c));
  },

  createPeeringContainer(ctx) {
    return containerView(ctx, ctx.world.networkContainers.create(ctx.params.groupId, ctx.body));
  },

  getPeeringContainer(ctx) {
    return containerView(ctx, ctx.world.networkContainers.get(ctx.params.groupId, ctx.params.containerId));
  },

  updatePeeringContainer(ctx) {
    return containerView(ctx, ctx.world.networkContainers.update(ctx.params.groupId, ctx.params.containerId, ctx.body));
  },

  deletePeeringContainer(ctx) {
    ctx.world.networkContainers.delete(ctx.params.groupId, ctx.params.containerId);
    return undefined;
  },

  listPeeringConnections(ctx) {
    const all = ctx.world.peeringConnections.list(ctx.params.groupId, listedProvider(ctx.query.providerName ?? 'AWS'));
    return ctx.list(all, all.length, (p) => peerView(ctx, p));
  },

  createPeeringConnection(ctx) {
    return peerView(ctx, ctx.world.peeringConnections.create(ctx.params.groupId, ctx.body, ctx.actor));
  },

  getPeeringConnection(ctx) {
    return peerView(ctx, ctx.world.peeringConnections.get(ctx.params.groupId, ctx.params.peerId));
  },

  updatePeeringConnection(ctx) {
    return peerView(ctx, ctx.world.peeringConnections.update(ctx.params.groupId, ctx.params.peerId, ctx.body, ctx.actor));
  },

  deletePeeringConnection(ctx) {
    ctx.world.peeringConnections.delete(ctx.params.groupId, ctx.params.peerId, ctx.actor);
    return {};
  },

  verifyConnectViaPeeringOnlyModeForOneProject(ctx) {
    return { enabled: ctx.world.privateIpModes.get(ctx.params.groupId) };
  },

  disablePeering(ctx) {
    return { enabled: ctx.world.privateIpModes.set(ctx.params.groupId, ctx.body.enabled) };
  },
});
