import { ZodError } from 'zod';
import { SimClock } from './clock.js';
import { ObjectIdGenerator } from './ids.js';
import { SeededRandom } from './random.js';
import { LifecycleSettings, type LifecycleDelays } from './lifecycle.js';
import { Organizations } from './organizations.js';
import { ApiKeys } from './apiKeys.js';
import { ServiceAccounts } from './serviceAccounts.js';
import { Events } from './events.js';
import { Tokens } from './tokens.js';
import { Projects } from './projects.js';
import { Clusters } from './clusters.js';
import { DatabaseUsers } from './databaseUsers.js';
import { IpAccessList } from './ipAccessList.js';
import type { RowChange } from './table.js';
import { NetworkContainers } from './networkContainers.js';
import { PeeringConnections, PrivateIpModes } from './peeringConnections.js';
import { SampleDatasetLoads } from './sampleDatasets.js';
import { Processes } from './processes.js';
import { DatabaseAccessLog } from './dbAccess.js';
import { EncryptionAtRest, EncryptionAtRestPrivateEndpoints } from './encryptionAtRest.js';
import { CloudProviderAccess } from './cloudProviderAccess.js';
import { ResourcePolicies } from './resourcePolicies.js';
import { FederatedAuth } from './federation.js';
import { Billing } from './billing.js';
import { LiveMigrations, MigrationValidations, OrgLinks } from './liveMigrations.js';
import { OrgDelegationSettings } from './delegationSettings.js';
import { PrivateEndpointServices } from './privateEndpoints.js';
import { ProjectNetworkSettings } from './networkSettings.js';
import { Backups } from './backups.js';
import { CloudUsers } from './cloudUsers.js';
import { Invitations } from './invitations.js';
import { Teams } from './teams.js';
import { OrgUsers } from './orgUsers.js';
import { OrgSettingsTable, ProjectSettingsTable } from './settings.js';
import { AlertConditions, AlertConfigs, Alerts } from './alerts.js';
import { Integrations } from './integrations.js';
import { LdapVerifications, ProjectSecuritySettings } from './projectSecurity.js';
import { ProjectCas, UserCerts } from './userCerts.js';
import { CustomDbRoles } from './customDbRoles.js';
import { ManagedSlowMsSettings, SlowQueries } from './performanceAdvisor.js';
import { RollingIndexes } from './rollingIndexes.js';
import { OutageSimulations } from './outageSimulations.js';
import { CollStats } from './collStats.js';
import { SearchDeployments, SearchIndexes } from './atlasSearch.js';

/**
 * One piece of state owned by one domain module. The world exports, imports and resets
 * state slice by slice, so a new resource only has to describe its own records.
 */
export interface StateSlice {
  /** Key of this slice in exported state. */
  readonly sliceName: string;
  exportSlice(): unknown;
  importSlice(data: unknown): void;
  /** Drops every record that belongs to the organization (tenant reset). */
  dropOrg(orgId: string, groupIds: ReadonlySet<string>): void;
  clear(): void;
  /** Completes the lifecycle transitions that are due on the clock (slices with lifecycles). */
  settle?(): void;
  /** Transaction hooks (every `Table` has them): see `World.begin`. */
  begin?(): void;
  commit?(out: RowChange[]): void;
  rollback?(): void;
  /** Applies one committed change read back from the state file. */
  applyChange?(key: string, row: unknown): void;
}

/** What a committed transaction changed, for the state file. */
export interface Commit {
  changes: RowChange[];
  /** The whole state was replaced or emptied (import, reset): a snapshot says it better than a list of rows. */
  full: boolean;
}

/** Receives every commit; the promise settles once the commit is durable. */
export type CommitSink = (commit: Commit) => Promise<void> | void;

/**
 * One request's changes: they become visible to later requests as they are made, and
 * stay only if the transaction commits. Transactions run one at a time.
 */
export class Transaction {
  #open = true;
  constructor(
    private readonly world: World,
    private readonly release: () => void,
  ) {}

  /** Keeps the changes; resolves when they are durable (at once without a state file). */
  commit(): Promise<void> {
    if (!this.#open) return Promise.resolve();
    this.#open = false;
    const commit = this.world.endTransaction(true);
    this.release();
    return commit ? Promise.resolve(this.world.sink?.(commit)) : Promise.resolve();
  }

  /** Undoes every change made since `begin`. */
  rollback(): void {
    if (!this.#open) return;
    this.#open = false;
    this.world.endTransaction(false);
    this.release();
  }
}

export interface WorldOptions {
  seed: number;
  clock: SimClock;
  lifecycle?: Partial<LifecycleDelays>;
}

/** Who did something, for events and audit: the principal and where the call came from. */
export interface Actor {
  kind: 'API_KEY' | 'SERVICE_ACCOUNT' | 'SYSTEM';
  /** API key id or service account client id. */
  id: string;
  /** API key public key (events carry `publicKey`). */
  publicKey?: string;
  remoteAddress?: string;
}

export const SYSTEM_ACTOR: Actor = { kind: 'SYSTEM', id: 'system' };

/**
 * The simulated Atlas: organizations, their projects, principals and resources, and the
 * rules that govern them. No HTTP types in here: callers pass plain values and get plain
 * records back or an `AtlasError`.
 */
export class World {
  readonly clock: SimClock;
  readonly random: SeededRandom;
  readonly ids: ObjectIdGenerator;
  readonly lifecycle: LifecycleSettings;
  readonly #slices: StateSlice[] = [];
  /** Where commits go (the state file); none keeps state in memory only. */
  sink: CommitSink | undefined;
  #inTransaction = false;
  #full = false;
  #dirty = false;
  /** Settles when the transaction in progress ends. */
  #busy: Promise<void> | undefined;

  readonly orgs: Organizations;
  readonly apiKeys: ApiKeys;
  readonly serviceAccounts: ServiceAccounts;
  readonly events: Events;
  readonly tokens: Tokens;
  readonly projects: Projects;
  readonly clusters: Clusters;
  readonly databaseUsers: DatabaseUsers;
  readonly ipAccessList: IpAccessList;
  readonly networkContainers: NetworkContainers;
  readonly peeringConnections: PeeringConnections;
  readonly privateIpModes: PrivateIpModes;
  readonly sampleDatasetLoads: SampleDatasetLoads;
  readonly encryptionAtRest: EncryptionAtRest;
  readonly encryptionAtRestPrivateEndpoints: EncryptionAtRestPrivateEndpoints;
  readonly cloudProviderAccess: CloudProviderAccess;
  readonly resourcePolicies: ResourcePolicies;
  readonly federatedAuth: FederatedAuth;
  readonly billing: Billing;
  readonly privateEndpointServices: PrivateEndpointServices;
  readonly networkSettings: ProjectNetworkSettings;
  readonly backups: Backups;
  readonly liveMigrationLinks: OrgLinks;
  readonly liveMigrations: LiveMigrations;
  readonly liveMigrationValidations: MigrationValidations;
  readonly orgDelegationSettings: OrgDelegationSettings;
  /** Derived from the clusters: no state of its own. */
  readonly processes: Processes;
  readonly dbAccessHistory: DatabaseAccessLog;
  readonly cloudUsers: CloudUsers;
  readonly invitations: Invitations;
  readonly teams: Teams;
  readonly orgSettings: OrgSettingsTable;
  readonly projectSettings: ProjectSettingsTable;
  /** Active and pending users of organizations, over `cloudUsers` and `invitations` (no state of its own). */
  readonly orgUsers: OrgUsers;
  readonly alertConfigs: AlertConfigs;
  readonly alerts: Alerts;
  readonly alertConditions: AlertConditions;
  readonly integrations: Integrations;
  readonly projectSecurity: ProjectSecuritySettings;
  readonly ldapVerifications: LdapVerifications;
  readonly projectCas: ProjectCas;
  readonly userCerts: UserCerts;
  readonly customDbRoles: CustomDbRoles;
  readonly managedSlowMs: ManagedSlowMsSettings;
  readonly slowQueries: SlowQueries;
  readonly rollingIndexes: RollingIndexes;
  readonly outageSimulations: OutageSimulations;
  readonly collStats: CollStats;
  readonly searchIndexes: SearchIndexes;
  readonly searchDeployments: SearchDeployments;

  constructor(options: WorldOptions) {
    this.clock = options.clock;
    this.random = new SeededRandom(options.seed);
    this.ids = new ObjectIdGenerator(this.clock, this.random);
    this.lifecycle = new LifecycleSettings(options.lifecycle);
    this.orgs = this.register(new Organizations(this));
    this.apiKeys = this.register(new ApiKeys(this));
    this.serviceAccounts = this.register(new ServiceAccounts(this));
    this.events = this.register(new Events(this));
    this.tokens = this.register(new Tokens(this));
    this.projects = this.register(new Projects(this));
    this.clusters = this.register(new Clusters(this));
    this.databaseUsers = this.register(new DatabaseUsers(this));
    this.ipAccessList = this.register(new IpAccessList(this));
    this.networkContainers = this.register(new NetworkContainers(this));
    this.peeringConnections = this.register(new PeeringConnections(this));
    this.privateIpModes = this.register(new PrivateIpModes(this));
    this.sampleDatasetLoads = this.register(new SampleDatasetLoads(this));
    this.encryptionAtRest = this.register(new EncryptionAtRest(this));
    this.encryptionAtRestPrivateEndpoints = this.register(new EncryptionAtRestPrivateEndpoints(this));
    this.cloudProviderAccess = this.register(new CloudProviderAccess(this));
    this.resourcePolicies = this.register(new ResourcePolicies(this));
    this.federatedAuth = new FederatedAuth(this);
    this.register(this.federatedAuth.federations);
    this.register(this.federatedAuth.connectedOrgs);
    this.register(this.federatedAuth.identityProviders);
    this.billing = new Billing(this);
    this.register(this.billing.usage);
    this.register(this.billing.costQueries);
    this.privateEndpointServices = this.register(new PrivateEndpointServices(this));
    this.networkSettings = this.register(new ProjectNetworkSettings(this));
    this.dbAccessHistory = this.register(new DatabaseAccessLog(this));
    this.backups = new Backups(this);
    this.liveMigrationLinks = this.register(new OrgLinks(this));
    this.liveMigrations = this.register(new LiveMigrations(this));
    this.liveMigrationValidations = this.register(new MigrationValidations(this));
    this.orgDelegationSettings = this.register(new OrgDelegationSettings(this));
    this.processes = new Processes(this);
    this.cloudUsers = this.register(new CloudUsers(this));
    this.invitations = this.register(new Invitations(this));
    this.teams = this.register(new Teams(this));
    this.orgSettings = this.register(new OrgSettingsTable(this));
    this.projectSettings = this.register(new ProjectSettingsTable(this));
    this.orgUsers = new OrgUsers(this);
    this.alertConfigs = this.register(new AlertConfigs(this));
    this.alerts = this.register(new Alerts(this));
    this.alertConditions = this.register(new AlertConditions(this));
    this.integrations = this.register(new Integrations(this));
    this.projectSecurity = this.register(new ProjectSecuritySettings(this));
    this.ldapVerifications = this.register(new LdapVerifications(this));
    this.projectCas = this.register(new ProjectCas(this));
    this.userCerts = this.register(new UserCerts(this));
    this.customDbRoles = this.register(new CustomDbRoles(this));
    this.managedSlowMs = this.register(new ManagedSlowMsSettings(this));
    this.slowQueries = this.register(new SlowQueries(this));
    this.rollingIndexes = this.register(new RollingIndexes(this));
    this.outageSimulations = this.register(new OutageSimulations(this));
    this.collStats = this.register(new CollStats(this));
    this.searchIndexes = this.register(new SearchIndexes(this));
    this.searchDeployments = this.register(new SearchDeployments(this));
  }

  /** Adds a domain module's state to export, import and reset. */
  register<T extends StateSlice>(slice: T): T {
    if (this.#slices.some((s) => s.sliceName === slice.sliceName)) throw new Error(`duplicate slice ${slice.sliceName}`);
    this.#slices.push(slice);
    return slice;
  }

  /**
   * Completes every lifecycle transition that is due by now, in every slice. Reads of a
   * slice settle that slice themselves; call this before reading across slices (the
   * activity feed, which shows the events of completed transitions).
   */
  settle(): void {
    for (const s of this.#slices) s.settle?.();
  }

  /**
   * Opens a transaction: at once when none is in progress, otherwise once it has ended.
   * Every row the domain modules touch from now on is recorded; `commit` sends what
   * changed to the sink, `rollback` puts it all back. Callers keep the span between
   * `begin` and the end synchronous whenever they can, so that no other request's code
   * runs inside it.
   */
  begin(): Transaction | Promise<Transaction> {
    return this.#busy ? this.#whenFree().then(() => this.begin()) : this.#open();
  }

  /** Resolves when no transaction is in progress. */
  async #whenFree(): Promise<void> {
    while (this.#busy) await this.#busy;
  }

  /** A promise when a transaction is in progress (wait for it before reading across slices), else undefined. */
  idle(): Promise<void> | undefined {
    return this.#busy ? this.#whenFree() : undefined;
  }

  #open(): Transaction {
    let release!: () => void;
    this.#busy = new Promise<void>((r) => (release = r));
    this.#inTransaction = true;
    this.#full = false;
    this.#dirty = false;
    for (const s of this.#slices) s.begin?.();
    return new Transaction(this, () => {
      this.#busy = undefined;
      release();
    });
  }

  /** True between `begin` and the end of that transaction. */
  get inTransaction(): boolean {
    return this.#inTransaction;
  }

  /**
   * Runs synchronous code as one transaction (code calling the world directly: tenant
   * creation from the library API, settling). Inside an open transaction it simply
   * joins it. Durability is not waited for.
   */
  atomically<T>(fn: () => T): T {
    if (this.#inTransaction) return fn();
    const tx = this.#open();
    let result: T;
    try {
      result = fn();
    } catch (e) {
      tx.rollback();
      throw e;
    }
    void tx.commit().catch(() => undefined);
    return result;
  }

  /** @internal Ends the open transaction (Transaction calls this). Returns the commit, when anything changed. */
  endTransaction(keep: boolean): Commit | undefined {
    this.#inTransaction = false;
    if (!keep) {
      for (const s of [...this.#slices].reverse()) s.rollback?.();
      return undefined;
    }
    const changes: RowChange[] = [];
    for (const s of this.#slices) s.commit?.(changes);
    if (!this.#full && !this.#dirty && changes.length === 0) return undefined;
    return { changes, full: this.#full };
  }

  /** Marks the open transaction as changing state that is not rows (clock, lifecycle settings). */
  noteChange(): void {
    this.#dirty = true;
  }

  /** Applies a change read back from the state file. */
  applyChange(slice: string, key: string, row: unknown): void {
    const s = this.#slices.find((x) => x.sliceName === slice);
    if (!s?.applyChange) throw new Error(`unknown slice "${slice}"`);
    s.applyChange(key, row);
  }

  /** Removes one tenant (organization) and everything under it. */
  dropOrg(orgId: string): boolean {
    if (!this.orgs.find(orgId)) return false;
    const groupIds = new Set(this.projects.idsOf(orgId));
    for (const s of [...this.#slices].reverse()) s.dropOrg(orgId, groupIds);
    return true;
  }

  clear(): void {
    this.#full = true;
    for (const s of this.#slices) s.clear();
  }

  exportState(): WorldState {
    const slices: Record<string, unknown> = {};
    for (const s of this.#slices) slices[s.sliceName] = s.exportSlice();
    return { ...this.exportHead(), slices };
  }

  /** Everything but the rows: small, saved with every commit. */
  exportHead(): Omit<WorldState, 'slices'> {
    return {
      format: WORLD_STATE_FORMAT,
      clockMs: this.clock.now(),
      random: this.random.save(),
      ids: this.ids.save(),
      lifecycle: this.lifecycle.get(),
    };
  }

  /** Puts back the generator, ids and lifecycle settings of a saved head (the clock is the caller's). */
  restoreHead(head: Omit<WorldState, 'slices'>): void {
    this.random.restore(head.random);
    this.ids.restore(head.ids);
    this.lifecycle.set(head.lifecycle);
  }

  /**
   * Replaces all state, all or nothing: if any slice refuses its records, the state from
   * before the call is put back and the error rethrown.
   */
  importState(state: WorldState): void {
    const backup = this.exportState();
    try {
      this.#load(state);
    } catch (e) {
      this.#load(backup);
      throw e;
    }
  }

  #load(state: WorldState): void {
    this.clear();
    this.random.restore(state.random);
    this.ids.restore(state.ids);
    this.lifecycle.set(state.lifecycle);
    for (const s of this.#slices) {
      if (state.slices[s.sliceName] === undefined) continue;
      try {
        s.importSlice(state.slices[s.sliceName]);
      } catch (e) {
        // Name the slice in the place of the error ("slices.tokens[3].jti").
        if (e instanceof ZodError) for (const issue of e.issues) issue.path.unshift('slices', s.sliceName);
        throw e;
      }
    }
  }
}

export const WORLD_STATE_FORMAT = 'atlas-gov-mock/state@1';

export interface WorldState {
  format: typeof WORLD_STATE_FORMAT;
  clockMs: number;
  random: number[];
  ids: { machine: string; counter: number };
  lifecycle: LifecycleDelays;
  slices: Record<string, unknown>;
}
