import { z } from 'zod';
import { AtlasError } from './errors.js';
import { OBJECT_ID } from './ids.js';
import type { CompletedTransition, LifecycleParticipant, ManualFilter } from './lifecycle.js';
import { parseBlock } from './networkAddress.js';
import { ProjectScopedTable } from './projectScopedTable.js';
import { Table } from './table.js';
import type { World } from './world.js';

/**
 * Live migrations (push) into Atlas (`/orgs/{orgId}/liveMigrations/linkTokens`,
 * `/groups/{groupId}/liveMigrations`): an organization owner creates a link token, pastes
 * it into the Cloud Manager organization whose cluster is to move, validates the
 * migration, starts it, and cuts over once the destination has caught up.
 *
 * Decision [M]: Atlas for Government offers it. The Government feature matrix and its API
 * page list what is unavailable (Online Archive, Data Federation, Stream Processing, ...);
 * live migration is not among them, so the simulator serves it as commercial Atlas does.
 *
 * The Cloud Manager side (its projects, clusters and migration hosts) is outside the
 * simulation: a migration takes its source as given, and the organization's list of
 * source projects is empty. What is simulated is Atlas's side: the one link per
 * organization, the destination cluster, and the states on the clock.
 *
 * States (each step one `liveMigration` lifecycle delay, settled when read): a migration
 * is NEW, then WORKING, then WORKING with `readyForCutover` and a replication lag; a
 * cutover makes it WORKING again (replication stopping), then COMPLETE. One left ready
 * for 120 hours without a cutover is EXPIRED (the document's timer). Deleting the
 * destination cluster fails a migration in progress. A validation is PENDING, then
 * SUCCESS, or FAILED when the destination cluster cannot take data at that moment.
 */
export const ORG_LINK_NOT_FOUND = 'Could not find the requested external organization link.';
/** "this synchronization starts a timer of 120 hours" (LiveMigrationResponse.status). */
const CUTOVER_WINDOW_MS = 120 * 3600 * 1000;

const StepRecord = z.object({ to: z.enum(['WORKING', 'READY', 'COMPLETE', 'SUCCESS']), at: z.number().nullable() });

export const OrgLinkRecord = z.object({ orgId: z.string(), linkToken: z.string(), accessListIps: z.array(z.string()), created: z.number() });
export type OrgLink = z.infer<typeof OrgLinkRecord>;

export const LiveMigrationRecord = z.object({
  id: z.string(),
  groupId: z.string(),
  clusterName: z.string(),
  sourceGroupId: z.string(),
  sourceClusterName: z.string(),
  migrationHosts: z.array(z.string()),
  created: z.number(),
  status: z.enum(['NEW', 'WORKING', 'FAILED', 'COMPLETE', 'EXPIRED']),
  readySince: z.number().optional(),
  cutoverAt: z.number().optional(),
  lagTimeSeconds: z.number().optional(),
  step: StepRecord.optional(),
});
export type LiveMigration = z.infer<typeof LiveMigrationRecord>;

export const MigrationValidationRecord = z.object({
  id: z.string(),
  groupId: z.string(),
  clusterName: z.string(),
  sourceGroupId: z.string(),
  created: z.number(),
  status: z.enum(['PENDING', 'SUCCESS', 'FAILED']),
  errorMessage: z.string().optional(),
  step: StepRecord.optional(),
});
export type MigrationValidation = z.infer<typeof MigrationValidationRecord>;

/** The request both validation and migration take (LiveMigrationRequest20240530), as parsed. */
export interface MigrationRequest {
  destination: { clusterName: string; groupId: string; hostnameSchemaType: 'PUBLIC' | 'PRIVATE_LINK' | 'VPC_PEERING'; privateLinkId?: string | undefined };
  source: { clusterName: string; groupId: string; managedAuthentication: boolean; ssl: boolean; username?: string | undefined; password?: string | undefined; caCertificatePath?: string | undefined };
  migrationHosts?: readonly string[] | undefined;
}

const linkMissing = () => new AtlasError('UNEXPECTED_ERROR', null, { status: 404, detail: ORG_LINK_NOT_FOUND });

/** The organization links (one per organization). */
export class OrgLinks extends Table<OrgLink> {
  constructor(private readonly world: World) {
    super('liveMigrationLinks', OrgLinkRecord, (r) => r.orgId, (r) => ({ orgId: r.orgId }));
  }

  /**
   * Creates the organization's link token. Decision [L]: a second token replaces the
   * first (the link is made by whichever token Cloud Manager is given last). Each access
   * list entry must be an address or a CIDR block: 400 INVALID_IP_ADDRESS_OR_CIDR_NOTATION.
   */
  create(orgId: string, accessListIps: readonly string[]): OrgLink {
    this.world.orgs.get(orgId);
    for (const ip of accessListIps) if (!parseBlock(ip)) throw new AtlasError('INVALID_IP_ADDRESS_OR_CIDR_NOTATION', [ip]);
    // The token carries what Cloud Manager needs to reach this organization; opaque to the caller.
    const payload = { orgId, apiKey: this.world.random.hex(16), secret: this.world.random.uuid(), accessListIps };
    const link: OrgLink = { orgId, linkToken: Buffer.from(JSON.stringify(payload)).toString('base64'), accessListIps: [...accessListIps], created: this.world.clock.now() };
    this.insert(link);
    return link;
  }

  /** The organization's link, or 404 UNEXPECTED_ERROR as recorded (parameters null). */
  get(orgId: string): OrgLink {
    this.world.orgs.get(orgId);
    const link = this.find(orgId);
    if (!link) throw linkMissing();
    return link;
  }

  /** Removes the link; 409 while a migration into one of the organization's projects is in progress. */
  delete(orgId: string): void {
    this.get(orgId);
    const active = this.world.liveMigrations.activeIn(orgId);
    if (active.length > 0) throw new AtlasError('CANNOT_DELETE_ORG_ACTIVE_LIVE_MIGRATION_ATLAS_ORG_LINK', [[...new Set(active.map((m) => m.groupId))].join(', ')]);
    this.remove(orgId);
  }
}

/**
 * The request's rules, shared by validation and migration: the organization is linked,
 * the destination is this project's cluster, and the credentials and network fields fit
 * together. Decisions [L] for the codes: a destination in another project is 400
 * INVALID_ATTRIBUTE destination.groupId; PRIVATE_LINK without `privateLinkId` is 400
 * MISSING_ATTRIBUTE (and the id with another network type INVALID_ATTRIBUTE); managed
 * authentication takes no username or password, unmanaged needs both; a push migration
 * needs its one migration host.
 */
function checkRequest(world: World, groupId: string, req: MigrationRequest) {
  const project = world.projects.get(groupId);
  world.liveMigrationLinks.get(project.orgId);
  const { destination: d, source: s } = req;
  if (d.groupId !== groupId) throw new AtlasError('INVALID_ATTRIBUTE', ['destination.groupId']);
  if (d.hostnameSchemaType === 'PRIVATE_LINK' && d.privateLinkId === undefined) throw new AtlasError('MISSING_ATTRIBUTE', ['destination.privateLinkId']);
  if (d.hostnameSchemaType !== 'PRIVATE_LINK' && d.privateLinkId !== undefined) throw new AtlasError('INVALID_ATTRIBUTE', ['destination.privateLinkId']);
  if (!OBJECT_ID.test(s.groupId)) throw new AtlasError('INVALID_ATTRIBUTE', ['source.groupId']);
  if (s.managedAuthentication) {
    if (s.username !== undefined) throw new AtlasError('INVALID_ATTRIBUTE', ['source.username']);
    if (s.password !== undefined) throw new AtlasError('INVALID_ATTRIBUTE', ['source.password']);
  } else {
    if (s.username === undefined) throw new AtlasError('MISSING_ATTRIBUTE', ['source.username']);
    if (s.password === undefined) throw new AtlasError('MISSING_ATTRIBUTE', ['source.password']);
  }
  if (!req.migrationHosts) throw new AtlasError('MISSING_ATTRIBUTE', ['migrationHosts']);
  return world.clusters.get(groupId, d.clusterName);
}

/** Why the destination cannot take data now, or undefined when it can. */
function destinationProblem(world: World, groupId: string, clusterName: string): string | undefined {
  const c = world.clusters.findInGroup(groupId, clusterName);
  if (!c || c.stateName === 'DELETING') return `Destination cluster ${clusterName} no longer exists.`;
  if (c.paused) return `Destination cluster ${clusterName} is paused.`;
  if (!c.hostsReady) return `Destination cluster ${clusterName} is not yet deployed.`;
  return undefined;
}

export class LiveMigrations extends ProjectScopedTable<LiveMigration> implements LifecycleParticipant {
  constructor(private readonly world: World) {
    super('liveMigrations', LiveMigrationRecord, (r) => r.id, world.clock);
    world.lifecycle.addParticipant(this);
  }

  /**
   * Starts a migration into one of the project's clusters (201, NEW). Besides the
   * request's rules: a cluster being deleted is 400 CLUSTER_ALREADY_REQUESTED_DELETION,
   * and a cluster already receiving a migration 409 CANNOT_MODIFY_CLUSTER_WITH_RUNNING_LIVE_IMPORT.
   */
  create(groupId: string, req: MigrationRequest): LiveMigration {
    const c = checkRequest(this.world, groupId, req);
    if (c.stateName === 'DELETING') throw new AtlasError('CLUSTER_ALREADY_REQUESTED_DELETION', [c.name]);
    if (this.listIn(groupId).some((m) => m.clusterName === c.name && isActive(this.#settle(m)))) throw new AtlasError('CANNOT_MODIFY_CLUSTER_WITH_RUNNING_LIVE_IMPORT', []);
    const now = this.world.clock.now();
    const m: LiveMigration = {
      id: this.world.ids.next(),
      groupId,
      clusterName: c.name,
      sourceGroupId: req.source.groupId,
      sourceClusterName: req.source.clusterName,
      migrationHosts: [...(req.migrationHosts ?? [])],
      created: now,
      status: 'NEW',
      step: this.#schedule('WORKING', now),
    };
    this.insert(m);
    return m;
  }

  /** The migration, settled; 404 RESOURCE_NOT_FOUND for an id the project has not. */
  get(groupId: string, id: string): LiveMigration {
    this.world.projects.get(groupId);
    const m = OBJECT_ID.test(id) ? this.find(id) : undefined;
    if (!m || m.groupId !== groupId) throw new AtlasError('RESOURCE_NOT_FOUND', [id]);
    return this.#settle(m);
  }

  /**
   * Starts the cutover (202): only a migration ready for it; any other is 400
   * ATLAS_GENERAL_ERROR naming its state (decision [L]: the document lists 400 without a code).
   */
  cutover(groupId: string, id: string): LiveMigration {
    const m = this.get(groupId, id);
    if (m.status !== 'WORKING' || m.readySince === undefined || m.cutoverAt !== undefined) {
      throw new AtlasError('ATLAS_GENERAL_ERROR', [`Live migration ${id} is not ready for cutover (status ${m.status}).`]);
    }
    const now = this.world.clock.now();
    return this.replace({ ...m, cutoverAt: now, lagTimeSeconds: undefined, step: this.#schedule('COMPLETE', now) });
  }

  /** Migrations into the organization's projects still running (NEW or WORKING). */
  activeIn(orgId: string): LiveMigration[] {
    return [...this.values()].filter((m) => this.world.projects.find(m.groupId)?.orgId === orgId).filter((m) => isActive(this.#settle(m)));
  }

  /** Whether the migration is ready for cutover. */
  readyForCutover(m: LiveMigration): boolean {
    return m.status === 'WORKING' && m.readySince !== undefined && m.cutoverAt === undefined;
  }

  #schedule(to: z.infer<typeof StepRecord>['to'], from: number) {
    return this.world.lifecycle.schedule('liveMigration', to, from);
  }

  /** Walks every step due by now, then the destination's fate and the cutover timer. */
  #settle(m: LiveMigration): LiveMigration {
    if (!isActive(m)) return m;
    const now = this.world.clock.now();
    let next = m;
    while (next.step && next.step.at !== null && next.step.at <= now && isActive(next)) next = this.#reach(next, next.step.at);
    if (isActive(next) && next.cutoverAt === undefined) {
      const problem = destinationProblem(this.world, m.groupId, m.clusterName);
      if (problem && !problem.endsWith('paused.')) next = { ...next, status: 'FAILED', step: undefined, lagTimeSeconds: undefined };
      else if (next.readySince !== undefined && now >= next.readySince + CUTOVER_WINDOW_MS) next = { ...next, status: 'EXPIRED', step: undefined, lagTimeSeconds: undefined };
    }
    return next === m ? m : this.replace(next);
  }

  #reach(m: LiveMigration, at: number): LiveMigration {
    switch (m.step?.to) {
      case 'WORKING':
        return { ...m, status: 'WORKING', step: this.#schedule('READY', at) };
      case 'READY':
        // Caught up: the lag is a few seconds (random, seeded).
        return { ...m, readySince: at, lagTimeSeconds: this.world.random.int(0, 5), step: undefined };
      default:
        return { ...m, status: 'COMPLETE', step: undefined };
    }
  }

  completeManual(filter: ManualFilter): CompletedTransition[] {
    if (filter.kind !== undefined && filter.kind !== 'liveMigration') return [];
    const done: CompletedTransition[] = [];
    for (const m of [...this.values()]) {
      if (!m.step || (m.step.at !== null && !filter.all)) continue;
      if (filter.groupId !== undefined && m.groupId !== filter.groupId) continue;
      if (filter.name !== undefined && m.id !== filter.name) continue;
      const reached = this.replace(this.#reach(m, this.world.clock.now()));
      done.push({ kind: 'liveMigration', groupId: m.groupId, name: m.id, to: reached.status });
    }
    return done;
  }
}

export class MigrationValidations extends ProjectScopedTable<MigrationValidation> implements LifecycleParticipant {
  constructor(private readonly world: World) {
    super('liveMigrationValidations', MigrationValidationRecord, (r) => r.id, world.clock);
    world.lifecycle.addParticipant(this);
  }

  /** Starts a validation job (PENDING); the request's rules are checked at once. */
  create(groupId: string, req: MigrationRequest): MigrationValidation {
    checkRequest(this.world, groupId, req);
    const now = this.world.clock.now();
    const v: MigrationValidation = {
      id: this.world.ids.next(),
      groupId,
      clusterName: req.destination.clusterName,
      sourceGroupId: req.source.groupId,
      created: now,
      status: 'PENDING',
      step: this.world.lifecycle.schedule('liveMigration', 'SUCCESS', now),
    };
    this.insert(v);
    return v;
  }

  /** The validation, settled; 404 RESOURCE_NOT_FOUND for an id the project has not. */
  get(groupId: string, id: string): MigrationValidation {
    this.world.projects.get(groupId);
    const v = OBJECT_ID.test(id) ? this.find(id) : undefined;
    if (!v || v.groupId !== groupId) throw new AtlasError('RESOURCE_NOT_FOUND', [id]);
    return v.step && v.step.at !== null && v.step.at <= this.world.clock.now() ? this.replace(this.#finish(v)) : v;
  }

  /** The check itself, when its step is due: can the destination take data now? */
  #finish(v: MigrationValidation): MigrationValidation {
    const problem = destinationProblem(this.world, v.groupId, v.clusterName);
    return problem ? { ...v, status: 'FAILED', errorMessage: problem, step: undefined } : { ...v, status: 'SUCCESS', step: undefined };
  }

  completeManual(filter: ManualFilter): CompletedTransition[] {
    if (filter.kind !== undefined && filter.kind !== 'liveMigration') return [];
    const done: CompletedTransition[] = [];
    for (const v of [...this.values()]) {
      if (!v.step || (v.step.at !== null && !filter.all)) continue;
      if (filter.groupId !== undefined && v.groupId !== filter.groupId) continue;
      if (filter.name !== undefined && v.id !== filter.name) continue;
      const finished = this.replace(this.#finish(v));
      done.push({ kind: 'liveMigration', groupId: v.groupId, name: v.id, to: finished.status });
    }
    return done;
  }
}

function isActive(m: LiveMigration): boolean {
  return m.status === 'NEW' || m.status === 'WORKING';
}
