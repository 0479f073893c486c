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
import { AlertConditions, AlertConfigs, Alerts } from './alerts.js';
import { Integrations } from './integrations.js';
import { LdapVerifications, ProjectSecuritySettings } from './projectSecurity.js';
import { ProjectCas, UserCerts } from './userCerts.js';
import { CustomDbRoles } from './customDbRoles.js';

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

  readonly orgs: Organizations;
  readonly apiKeys: ApiKeys;
  readonly serviceAccounts: ServiceAccounts;
  readonly events: Events;
  readonly tokens: Tokens;
  readonly projects: Projects;
  readonly clusters: Clusters;
  readonly databaseUsers: DatabaseUsers;
  readonly ipAccessList: IpAccessList;
  readonly alertConfigs: AlertConfigs;
  readonly alerts: Alerts;
  readonly alertConditions: AlertConditions;
  readonly integrations: Integrations;
  readonly projectSecurity: ProjectSecuritySettings;
  readonly ldapVerifications: LdapVerifications;
  readonly projectCas: ProjectCas;
  readonly userCerts: UserCerts;
  readonly customDbRoles: CustomDbRoles;

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
    this.alertConfigs = this.register(new AlertConfigs(this));
    this.alerts = this.register(new Alerts(this));
    this.alertConditions = this.register(new AlertConditions(this));
    this.integrations = this.register(new Integrations(this));
    this.projectSecurity = this.register(new ProjectSecuritySettings(this));
    this.ldapVerifications = this.register(new LdapVerifications(this));
    this.projectCas = this.register(new ProjectCas(this));
    this.userCerts = this.register(new UserCerts(this));
    this.customDbRoles = this.register(new CustomDbRoles(this));
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

  /** Removes one tenant (organization) and everything under it. */
  dropOrg(orgId: string): boolean {
    if (!this.orgs.find(orgId)) return false;
    const groupIds = new Set(this.projects.idsOf(orgId));
    for (const s of [...this.#slices].reverse()) s.dropOrg(orgId, groupIds);
    return true;
  }

  clear(): void {
    for (const s of this.#slices) s.clear();
  }

  exportState(): WorldState {
    const slices: Record<string, unknown> = {};
    for (const s of this.#slices) slices[s.sliceName] = s.exportSlice();
    return {
      format: WORLD_STATE_FORMAT,
      clockMs: this.clock.now(),
      random: this.random.save(),
      ids: this.ids.save(),
      lifecycle: this.lifecycle.get(),
      slices,
    };
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
    for (const s of this.#slices) if (state.slices[s.sliceName] !== undefined) s.importSlice(state.slices[s.sliceName]);
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
