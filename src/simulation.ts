import { OPERATIONS } from '../contracts/api/catalog.js';
import { HANDLERS } from '../handlers/index.js';
import { oauthHandlers } from '../handlers/oauth.js';
import { mountPrivateEndpoints } from '../handlers/private.js';
import { Authenticator } from './auth/authenticator.js';
import type { LockoutSettings } from './auth/lockout.js';
import { ControlPlane } from './control/controlPlane.js';
import { createLogger, type Logger } from './log.js';
import { DEFAULT_MANUAL_START_MS, MAX_CLOCK_MS, SimClock, type ClockMode } from './sim/clock.js';
import type { LifecycleDelays } from './sim/lifecycle.js';
import { parseSeed } from './sim/random.js';
import { createTenant, resetTenant, type TenantCredentials, type TenantOptions } from './sim/tenants.js';
import { World, type WorldState } from './sim/world.js';
import { describeIssue, StateFile, StateFileError, type ChangeRecord, type PersistedState, type StateHead, type StateSync } from './stateFile.js';
import { ZodError } from 'zod';
import { SIMULATOR_VERSION } from './version.js';
import { Dispatcher, type Exchange } from './wire/dispatcher.js';
import { Faults } from './wire/faults.js';
import { Journal } from './wire/journal.js';
import type { WireRequest, WireResponse } from './wire/message.js';
import { RateLimiter, type RateLimitSettings } from './wire/rateLimit.js';

/** The seed used when none is given: the printed default credentials are the same on every start. */
export const DEFAULT_SEED = 20261128;

/** Options of a simulation; every CLI flag maps to one of these. */
export interface SimulationOptions {
  /** Seed of the one random generator (number, or any string). Default `DEFAULT_SEED`. */
  seed?: number | string;
  /** `real` follows the wall clock (default for the server); `manual` only moves when told (default for code). */
  clock?: ClockMode;
  /** Start instant of the clock (epoch ms or ISO date). Default: now (real) or 2026-01-01 (manual). */
  clockStart?: number | string;
  /** Lifecycle delays in simulated seconds, or `manual`. */
  lifecycle?: Partial<LifecycleDelays>;
  /** Rate limiting; `false` switches it off. */
  rateLimits?: Partial<RateLimitSettings> | false;
  /** Lifetime of Digest nonces (simulated seconds). Default 300. */
  nonceLifetimeSeconds?: number;
  /** Temporary lockout after repeated failed authentication. */
  lockout?: Partial<LockoutSettings>;
  /** Origin for `links[].href`; default the origin each request came in on. */
  baseUrl?: string;
  /** Lenient versioning: version assumed when Accept names none (`latest` or `YYYY-MM-DD`). */
  defaultVersion?: string;
  /** Largest request body accepted, in bytes. Default 1 MiB. */
  maxBodyBytes?: number;
  /** Requests kept in the journal. Default 1000. */
  journalSize?: number;
  /** Persist state to this file (and a change log beside it) with every change, and load it at start. */
  stateFile?: string;
  /** When a change counts as saved: `write` (default: in the log, survives kill -9) or `fsync` (on the disk, survives power loss). */
  stateSync?: StateSync;
  /** Bytes of change log after which it is folded into a new snapshot. Default: twice the snapshot, at least 4 MiB. */
  compactBytes?: number;
  /** How much history is kept; the oldest goes first. */
  retention?: Partial<RetentionLimits>;
  /**
   * Secret the control plane (`/_mock/`) requires as `Authorization: Bearer <token>`.
   * Unset: no token (the server still refuses foreign `Host` headers and non-JSON writes).
   */
  controlToken?: string;
  /** Extra `Host` names the control plane accepts, besides the addresses the server listens on; `*` accepts any. */
  allowedHosts?: readonly string[];
  /** Seed the default tenant at start. Default true. */
  defaultTenant?: boolean;
  /** Sees every `/api` exchange (request line, status, headers, body). */
  onExchange?: (exchange: Exchange) => void;
  logger?: Logger;
}

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/** Retention limits: how many of each kind of record are kept at most (oldest dropped first). */
export interface RetentionLimits {
  /** Activity-feed events, all organizations together. */
  events: number;
  /** Issued access tokens still on record (expired ones are dropped first, whatever the limit). */
  tokens: number;
  /** Digest nonces handed out and not yet expired. */
  nonces: number;
  /** Entries of the authentication audit log. */
  audit: number;
}

export const DEFAULT_RETENTION: RetentionLimits = { events: 10_000, tokens: 10_000, nonces: 100_000, audit: 10_000 };

/** What `GET /api/private/unauth/nds/defaultMongoDBMajorVersion` answers (recorded: 8.0). */
export const DEFAULT_MONGODB_MAJOR_VERSION = '8.0';

/**
 * One simulated Atlas for Government: the world (state and rules), authentication, the
 * wire dispatcher and the control plane, wired together. Every face (server, express
 * middleware, msw handlers) runs one of these.
 */
export class Simulation {
  readonly clock: SimClock;
  readonly world: World;
  readonly auth: Authenticator;
  readonly rateLimiter: RateLimiter;
  readonly journal: Journal;
  readonly faults = new Faults();
  readonly dispatcher: Dispatcher;
  readonly control: ControlPlane;
  readonly logger: Logger;
  readonly options: Readonly<SimulationOptions>;
  readonly seed: number;
  readonly retention: RetentionLimits;
  /** The tenant seeded at start (null when `defaultTenant: false` or loaded from a state file without it). */
  defaultTenant: TenantCredentials | null = null;
  readonly #stateFile: StateFile | undefined;
  #initialState: WorldState;

  constructor(options: SimulationOptions = {}) {
    this.options = options;
    this.logger = options.logger ?? createLogger('info');
    this.seed = parseSeed(options.seed ?? DEFAULT_SEED);
    const mode = options.clock ?? 'manual';
    const start = options.clockStart === undefined ? undefined : typeof options.clockStart === 'number' ? options.clockStart : Date.parse(options.clockStart);
    if (start !== undefined && !(Number.isFinite(start) && start >= 0 && start <= MAX_CLOCK_MS)) {
      throw new RangeError(`invalid clock start ${String(options.clockStart)}: expected an instant between 1970 and ${new Date(MAX_CLOCK_MS).toISOString()}`);
    }
    this.clock = new SimClock(mode, start);
    this.world = new World({ seed: this.seed, clock: this.clock, ...(options.lifecycle && { lifecycle: options.lifecycle }) });
    const retention = { ...DEFAULT_RETENTION, ...options.retention };
    this.retention = retention;
    this.world.events.limit = retention.events;
    this.world.tokens.limit = retention.tokens;
    this.auth = new Authenticator(this.world, {
      maxNonces: retention.nonces,
      maxTokens: retention.tokens,
      auditCapacity: retention.audit,
      ...(options.nonceLifetimeSeconds !== undefined && { nonceLifetimeSeconds: options.nonceLifetimeSeconds }),
      ...(options.lockout && { lockout: options.lockout }),
    });
    this.rateLimiter = new RateLimiter(this.clock, options.rateLimits === false ? { enabled: false } : (options.rateLimits ?? {}));
    this.journal = new Journal(options.journalSize);
    this.#stateFile = options.stateFile ? new StateFile(options.stateFile, { ...(options.compactBytes !== undefined && { compactBytes: options.compactBytes }), ...(options.stateSync && { sync: options.stateSync }) }) : undefined;
    this.dispatcher = new Dispatcher({
      world: this.world,
      auth: this.auth,
      operations: OPERATIONS,
      handlers: HANDLERS,
      rateLimiter: this.rateLimiter,
      journal: this.journal,
      faults: this.faults,
      logger: this.logger,
      maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
      serviceVersion: `gitHash=0000000000000000000000000000000000000000; versionString=atlas-gov-mock-${SIMULATOR_VERSION}`,
      ...(options.baseUrl && { baseUrl: options.baseUrl.replace(/\/+$/, '') }),
      ...(options.defaultVersion && { defaultVersion: options.defaultVersion }),
      ...(options.onExchange && { onExchange: options.onExchange }),
    });
    const now = () => new Date(this.clock.now()).toUTCString();
    const oauth = oauthHandlers(this.auth, now);
    this.dispatcher.route('POST', '/api/oauth/token', (req, path) => oauth.token(req, path), { journal: true });
    this.dispatcher.route('POST', '/api/oauth/revoke', (req, path) => oauth.revoke(req, path), { journal: true });
    mountPrivateEndpoints(this.dispatcher, DEFAULT_MONGODB_MAJOR_VERSION);
    this.control = new ControlPlane(this);
    this.control.mount(this.dispatcher);

    const store = this.#stateFile;
    let boots = 0;
    if (store) {
      for (const name of store.removeLeftovers()) this.logger.warn(`removed ${name}, left by an interrupted save`);
      const loaded = store.load();
      if (loaded) {
        for (const w of loaded.warnings) this.logger.warn(w);
        this.#restore(store, loaded.snapshot, loaded.records);
        boots = loaded.boots + 1;
        // Whatever was drawn after the last commit (Digest nonces) was handed out but not
        // saved: each start continues on a stream of its own so that nothing repeats.
        this.world.random.fork(boots);
      }
    }
    if (!store?.loaded && (options.defaultTenant ?? true)) {
      // Seeded at a fixed instant so that the same seed gives the same ids in either clock mode.
      this.defaultTenant = this.clock.runAt(DEFAULT_MANUAL_START_MS, () =>
        createTenant(this.world, { name: 'Atlas for Government Simulator', secretExpiresAfterHours: 24 * 365 * 100 }),
      );
    }
    this.#initialState = this.exportState();
    if (store) {
      store.open(this.exportState(), boots);
      store.onError = (e) => this.logger.error(`state file ${store.path}: background snapshot failed (the change log keeps every change)`, e);
      this.world.sink = (commit) => {
        // A commit that replaced everything, or touched most of it, is cheaper as a snapshot.
        if (commit.full || commit.changes.length > 1000) return store.snapshot(this.exportState());
        return store.append(this.#head(), commit.changes, () => this.exportState());
      };
    }
  }

  /** Loads a snapshot and replays the change log after it. Errors name the file and the place. */
  #restore(store: StateFile, snapshot: PersistedState, records: readonly ChangeRecord[]): void {
    try {
      this.world.importState(snapshot);
    } catch (e) {
      if (e instanceof ZodError) throw new StateFileError(`state file ${store.path}: at ${describeIssue(e)}`);
      throw new StateFileError(`state file ${store.path}: ${(e as Error).message}`);
    }
    let head: StateHead = snapshot;
    for (const record of records) {
      try {
        for (const [slice, key, row] of record.changes) this.world.applyChange(slice, key, row);
      } catch (e) {
        const why = e instanceof ZodError ? describeIssue(e) : (e as Error).message;
        throw new StateFileError(`state file ${store.walPath}: record ${record.seq}: ${why}`);
      }
      head = record.head as StateHead;
    }
    this.world.restoreHead(head);
    if (this.clock.mode === 'manual') this.clock.set(head.clockMs);
    if (head.defaultTenantOrgId) this.defaultTenant = this.control.tenantCredentials(head.defaultTenantOrgId);
    store.loaded = true;
  }

  /** The state that is not rows, saved with every commit. */
  #head(): StateHead {
    const head = this.world.exportHead();
    return this.defaultTenant ? { ...head, defaultTenantOrgId: this.defaultTenant.orgId } : head;
  }

  /** Answers one request. */
  handle(req: WireRequest): Promise<WireResponse> {
    return this.dispatcher.handle(req);
  }

  /** Makes a new isolated tenant (organization, service account, API key). */
  createTenant(options: TenantOptions = {}): TenantCredentials {
    return this.world.atomically(() => createTenant(this.world, options));
  }

  /** Empties one tenant, keeping its organization and credentials. */
  resetTenant(orgId: string): void {
    this.world.atomically(() => resetTenant(this.world, orgId));
  }

  /** Removes a tenant and everything in it. False when there is no such organization. */
  deleteTenant(orgId: string): boolean {
    return this.world.atomically(() => {
      if (!this.world.dropOrg(orgId)) return false;
      if (this.defaultTenant?.orgId === orgId) {
        this.defaultTenant = null;
        this.world.noteChange();
      }
      return true;
    });
  }

  /** Back to the state right after start: default tenant only, same credentials. The clock keeps its time. */
  reset(): void {
    this.world.atomically(() => this.world.importState(this.#initialState));
    this.auth.clear();
    this.rateLimiter.reset();
    this.journal.clear();
    this.faults.clear();
  }

  /** Moves the simulation clock forward. */
  advance(seconds: number): void {
    this.world.atomically(() => {
      this.clock.advance(seconds);
      this.world.noteChange();
    });
  }

  /** Sets the simulation clock (epoch ms). */
  setClock(epochMs: number): void {
    this.world.atomically(() => {
      this.clock.set(epochMs);
      this.world.noteChange();
    });
  }

  exportState(): PersistedState {
    const state = this.world.exportState();
    return this.defaultTenant ? { ...state, defaultTenantOrgId: this.defaultTenant.orgId } : state;
  }

  importState(state: PersistedState): void {
    this.world.atomically(() => {
      this.world.importState(state);
      if (this.clock.mode === 'manual') this.clock.set(state.clockMs);
    });
  }

  /** Resolves when the state file has nothing left to write (a background snapshot, a pending sync). */
  async flush(): Promise<void> {
    await this.#stateFile?.settled();
  }

  /** Stops saving (the state file stays as it is). */
  close(): void {
    this.#stateFile?.close();
  }
}

/** Creates a simulation: the library entry point for seeding, inspecting and moving the clock in code. */
export function createSimulation(options: SimulationOptions = {}): Simulation {
  return new Simulation(options);
}
