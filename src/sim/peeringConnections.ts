import { z } from 'zod';
import { AtlasError } from './errors.js';
import { checkProvider } from './govRules.js';
import { isPrivateBlock, overlaps, parseIpv4Block } from './networkContainers.js';
import type { CompletedTransition, LifecycleParticipant, ManualFilter } from './lifecycle.js';
import { ProjectScopedTable } from './projectScopedTable.js';
import { regionExists } from './regions.js';
import { Table } from './table.js';
import type { Actor, World } from './world.js';

/**
 * Network peering connections between a project's container and a customer network,
 * with their states on the simulation clock (wire-facts-wave2 1.3):
 *
 * - AWS (`statusName`): INITIATING, then PENDING_ACCEPTANCE while the customer accepts
 *   the request in their account, FINALIZING, AVAILABLE; DELETE: TERMINATING, then gone.
 * - GCP (`status`): ADDING_PEER, then WAITING_FOR_USER until the customer creates the
 *   reverse peering, AVAILABLE; DELETE: DELETING, then gone.
 *
 * The customer's side cannot happen offline, so it is the `peeringConnect` delay: the
 * first fifth of it initiating, AWS's last fifth finalizing, the rest waiting for the
 * customer; `manual` holds the connection waiting until `POST /_mock/lifecycle/complete`.
 * A deleted connection is gone after the `peeringDelete` delay (Terraform polls for 404).
 *
 * Government rule: a GovCloud container peers only with a customer VPC in a GovCloud
 * region, a commercial one only with a commercial region. GCP connections name no
 * region (the API carries only the customer's project and network); their container is
 * an Assured Workloads one whenever the project may have GCP at all, which is as far as
 * the simulator can see the Assured Workloads rule.
 */
const Phase = z.object({ from: z.number(), at: z.number().nullable() });

export const PeerRecord = z.object({
  id: z.string(),
  groupId: z.string(),
  containerId: z.string(),
  providerName: z.enum(['AWS', 'GCP']),
  /** AWS. */
  accepterRegionName: z.string().optional(),
  awsAccountId: z.string().optional(),
  routeTableCidrBlock: z.string().optional(),
  vpcId: z.string().optional(),
  connectionId: z.string().optional(),
  /** GCP. */
  gcpProjectId: z.string().optional(),
  networkName: z.string().optional(),
  /** Connecting: since `from`, done at `at` (null: waiting for manual completion). */
  connect: Phase,
  /** Being deleted. */
  removal: Phase.optional(),
  deleteAfter: z.number().optional(),
});
export type Peer = z.infer<typeof PeerRecord>;

export type AwsPeerStatus = 'INITIATING' | 'PENDING_ACCEPTANCE' | 'FINALIZING' | 'AVAILABLE' | 'TERMINATING';
export type GcpPeerStatus = 'ADDING_PEER' | 'WAITING_FOR_USER' | 'AVAILABLE' | 'DELETING';

export interface PeerInput {
  containerId?: string | undefined;
  providerName?: string | undefined;
  accepterRegionName?: string | undefined;
  awsAccountId?: string | undefined;
  routeTableCidrBlock?: string | undefined;
  vpcId?: string | undefined;
  gcpProjectId?: string | undefined;
  networkName?: string | undefined;
}

/** Share of the connect delay spent initiating, and (AWS) finalizing. */
const INITIATING_SHARE = 0.2;
const FINALIZING_SHARE = 0.2;

/** AWS region names come as `us-gov-west-1` (AWS's spelling) or `US_GOV_WEST_1` (Atlas's). */
function atlasRegionName(name: string): string {
  return name.toUpperCase().replace(/-/g, '_');
}
const isGovCloud = (atlasRegion: string): boolean => atlasRegion.startsWith('US_GOV_');

export class PeeringConnections extends ProjectScopedTable<Peer> implements LifecycleParticipant {
  constructor(private readonly world: World) {
    super('peeringConnections', PeerRecord, (p) => p.id, world.clock);
    world.lifecycle.addParticipant(this);
  }

  /** Drops the project's connections whose deletion has completed. */
  #settle(groupId: string): void {
    const now = this.world.clock.now();
    for (const p of super.listIn(groupId)) if (p.removal && p.removal.at !== null && p.removal.at <= now) this.remove(p.id);
  }

  settle(): void {
    for (const p of [...this.values()]) this.#settle(p.groupId);
  }

  override listIn(groupId: string): Peer[] {
    this.#settle(groupId);
    return super.listIn(groupId);
  }

  override countIn(groupId: string): number {
    this.#settle(groupId);
    return super.countIn(groupId);
  }

  list(groupId: string, provider?: string): Peer[] {
    this.world.projects.get(groupId);
    const all = this.listIn(groupId);
    return provider === undefined ? all : all.filter((p) => p.providerName === provider);
  }

  /** The connection, or 404 PEER_NOT_FOUND. */
  get(groupId: string, id: string): Peer {
    this.world.projects.get(groupId);
    this.#settle(groupId);
    const p = this.find(id);
    if (!p || p.groupId !== groupId) throw new AtlasError('PEER_NOT_FOUND', [id, groupId]);
    return p;
  }

  usingContainer(groupId: string, containerId: string): boolean {
    return this.listIn(groupId).some((p) => p.containerId === containerId);
  }

  /** The connection's state now, in its provider's vocabulary. */
  status(p: Peer): { provider: 'AWS'; status: AwsPeerStatus } | { provider: 'GCP'; status: GcpPeerStatus } {
    const phase = this.#phase(p);
    if (p.providerName === 'AWS') {
      const aws = { removing: 'TERMINATING', starting: 'INITIATING', waiting: 'PENDING_ACCEPTANCE', finishing: 'FINALIZING', done: 'AVAILABLE' } as const;
      return { provider: 'AWS', status: aws[phase] };
    }
    const gcp = { removing: 'DELETING', starting: 'ADDING_PEER', waiting: 'WAITING_FOR_USER', finishing: 'WAITING_FOR_USER', done: 'AVAILABLE' } as const;
    return { provider: 'GCP', status: gcp[phase] };
  }

  #phase(p: Peer): 'removing' | 'starting' | 'waiting' | 'finishing' | 'done' {
    if (p.removal) return 'removing';
    const now = this.world.clock.now();
    const { from, at } = p.connect;
    if (at === null) return 'waiting';
    if (now >= at) return 'done';
    const share = (now - from) / (at - from);
    if (share < INITIATING_SHARE) return 'starting';
    return share >= 1 - FINALIZING_SHARE ? 'finishing' : 'waiting';
  }

  #connectPhase(): Peer['connect'] {
    const now = this.world.clock.now();
    return { from: now, at: this.world.lifecycle.schedule('peeringConnect', 'AVAILABLE', now).at };
  }

  create(groupId: string, input: PeerInput, actor: Actor): Peer {
    if (input.containerId === undefined) throw new AtlasError('MISSING_ATTRIBUTE', ['containerId']);
    const container = this.world.networkContainers.get(groupId, input.containerId);
    const provider = input.providerName ?? 'AWS';
    checkProvider(provider);
    if (provider !== container.providerName) throw new AtlasError('INVALID_PROVIDER_PARAMETERS', [provider]);
    const fields = this.#checkFields(provider, input, container.atlasCidrBlock, container.regionName);
    const others = this.listIn(groupId).filter((p) => p.containerId === container.id);
    if (provider === 'AWS' && others.some((p) => p.awsAccountId === fields.awsAccountId && p.vpcId === fields.vpcId)) {
      throw new AtlasError('PEER_ALREADY_EXISTS', [fields.awsAccountId, fields.vpcId]);
    }
    if (provider === 'GCP' && others.some((p) => p.gcpProjectId === fields.gcpProjectId && p.networkName === fields.networkName)) {
      throw new AtlasError('PEER_ALREADY_EXISTS_GCP', [fields.gcpProjectId, fields.networkName]);
    }
    const peer: Peer = {
      id: this.world.ids.next(),
      groupId,
      containerId: container.id,
      providerName: provider,
      ...fields,
      ...(provider === 'AWS' && { connectionId: `pcx-${this.world.random.hex(17)}` }),
      connect: this.#connectPhase(),
    };
    this.insert(peer);
    this.#event(peer, 'CREATED', actor);
    return peer;
  }

  /** The provider's required attributes, checked; the Government region rule for AWS. */
  #checkFields(provider: 'AWS' | 'GCP', input: PeerInput, atlasCidr: string, containerRegion: string | undefined): Partial<Peer> {
    const missing = (a: string): never => {
      throw new AtlasError('MISSING_ATTRIBUTE', [a]);
    };
    if (provider === 'GCP') {
      const gcpProjectId = input.gcpProjectId ?? missing('gcpProjectId');
      const networkName = input.networkName ?? missing('networkName');
      if (!/^[a-z][0-9a-z-]{4,28}[0-9a-z]$/.test(gcpProjectId)) throw new AtlasError('INVALID_ATTRIBUTE', ['gcpProjectId']);
      if (!/^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/.test(networkName)) throw new AtlasError('INVALID_ATTRIBUTE', ['networkName']);
      return { gcpProjectId, networkName };
    }
    const accepterRegionName = input.accepterRegionName ?? missing('accepterRegionName');
    const awsAccountId = input.awsAccountId ?? missing('awsAccountId');
    const routeTableCidrBlock = input.routeTableCidrBlock ?? missing('routeTableCidrBlock');
    const vpcId = input.vpcId ?? missing('vpcId');
    const region = atlasRegionName(accepterRegionName);
    if (!regionExists('AWS', region)) throw new AtlasError('INVALID_REGION', [accepterRegionName, 'AWS']);
    // Decision: 409 REGION_UNAVAILABLE, as for a cluster region of the other designation:
    // the region exists, but this project's network may not reach it.
    if (containerRegion !== undefined && isGovCloud(region) !== isGovCloud(containerRegion)) throw new AtlasError('REGION_UNAVAILABLE', [accepterRegionName]);
    if (!/^[0-9]{12}$/.test(awsAccountId)) throw new AtlasError('INVALID_ATTRIBUTE', ['awsAccountId']);
    if (!/^vpc-([0-9a-f]{8}|[0-9a-f]{17})$/.test(vpcId)) throw new AtlasError('INVALID_ATTRIBUTE', ['vpcId']);
    const route = parseIpv4Block(routeTableCidrBlock);
    if (!route) throw new AtlasError('INVALID_CIDR_BLOCK', [routeTableCidrBlock]);
    if (!isPrivateBlock(route)) throw new AtlasError('INVALID_ROUTE_TABLE_CIDR', [routeTableCidrBlock]);
    if (overlaps(route, parseIpv4Block(atlasCidr)!)) throw new AtlasError('OVERLAPPING_ATLAS_CIDR_BLOCK', [routeTableCidrBlock]);
    return { accepterRegionName, awsAccountId, routeTableCidrBlock, vpcId };
  }

  /** Changes the customer's side; the connection starts over. */
  update(groupId: string, id: string, input: PeerInput, actor: Actor): Peer {
    const p = this.get(groupId, id);
    if (p.removal) throw new AtlasError('PEER_ALREADY_REQUESTED_DELETION', [id]);
    if (input.providerName !== undefined && input.providerName !== p.providerName) {
      checkProvider(input.providerName);
      throw new AtlasError('INVALID_PROVIDER_PARAMETERS', [input.providerName]);
    }
    if (input.containerId !== undefined && input.containerId !== p.containerId) throw new AtlasError('INVALID_ATTRIBUTE', ['containerId']);
    const container = this.world.networkContainers.get(groupId, p.containerId);
    const merged: PeerInput = {
      accepterRegionName: input.accepterRegionName ?? p.accepterRegionName,
      awsAccountId: input.awsAccountId ?? p.awsAccountId,
      routeTableCidrBlock: input.routeTableCidrBlock ?? p.routeTableCidrBlock,
      vpcId: input.vpcId ?? p.vpcId,
      gcpProjectId: input.gcpProjectId ?? p.gcpProjectId,
      networkName: input.networkName ?? p.networkName,
    };
    const fields = this.#checkFields(p.providerName, merged, container.atlasCidrBlock, container.regionName);
    if (Object.entries(fields).every(([k, v]) => p[k as keyof Peer] === v)) return p;
    const next = this.replace({ ...p, ...fields, connect: this.#connectPhase() });
    this.#event(next, 'UPDATED', actor);
    return next;
  }

  /** Atlas's activity feed names AWS connections PEER_*, GCP ones GCP_PEER_*. */
  #event(p: Peer, what: 'CREATED' | 'UPDATED' | 'DELETED', actor: Actor): void {
    const orgId = this.world.projects.find(p.groupId)?.orgId;
    this.world.events.record(`${p.providerName === 'GCP' ? 'GCP_' : ''}PEER_${what}`, { ...(orgId !== undefined && { orgId }), groupId: p.groupId }, actor);
  }

  delete(groupId: string, id: string, actor: Actor): void {
    const p = this.get(groupId, id);
    if (p.removal) throw new AtlasError('PEER_ALREADY_REQUESTED_DELETION', [id]);
    const now = this.world.clock.now();
    this.replace({ ...p, removal: { from: now, at: this.world.lifecycle.schedule('peeringDelete', 'DELETED', now).at } });
    this.#event(p, 'DELETED', actor);
    this.#settle(groupId);
  }

  completeManual(filter: ManualFilter): CompletedTransition[] {
    const done: CompletedTransition[] = [];
    const now = this.world.clock.now();
    for (const p of [...this.values()]) {
      if (filter.groupId !== undefined && p.groupId !== filter.groupId) continue;
      if (filter.name !== undefined && p.id !== filter.name) continue;
      if (p.removal && (p.removal.at === null || filter.all) && (filter.kind === undefined || filter.kind === 'peeringDelete')) {
        this.remove(p.id);
        done.push({ kind: 'peeringDelete', groupId: p.groupId, name: p.id, to: 'DELETED' });
      } else if (!p.removal && (p.connect.at === null || (filter.all && p.connect.at > now)) && (filter.kind === undefined || filter.kind === 'peeringConnect')) {
        this.replace({ ...p, connect: { from: p.connect.from, at: now } });
        done.push({ kind: 'peeringConnect', groupId: p.groupId, name: p.id, to: 'AVAILABLE' });
      }
    }
    return done;
  }
}

/**
 * Private IP mode (deprecated "connect via peering only"): a per-project flag, off by
 * default, which cannot change while the project has dedicated clusters.
 */
export const PrivateIpModeRecord = z.object({ groupId: z.string(), enabled: z.boolean() });
export type PrivateIpMode = z.infer<typeof PrivateIpModeRecord>;

export class PrivateIpModes extends Table<PrivateIpMode> {
  constructor(private readonly world: World) {
    super('privateIpMode', PrivateIpModeRecord, (r) => r.groupId, (r) => ({ groupId: r.groupId }));
  }

  get(groupId: string): boolean {
    this.world.projects.get(groupId);
    return this.find(groupId)?.enabled ?? false;
  }

  set(groupId: string, enabled: boolean): boolean {
    if (enabled === this.get(groupId)) return enabled;
    if (this.world.clusters.countIn(groupId) > 0) throw new AtlasError('CANNOT_UPDATE_PRIVATE_IP_MODE', [groupId]);
    this.insert({ groupId, enabled });
    return enabled;
  }

  dropGroup(groupId: string): void {
    this.remove(groupId);
  }
}
