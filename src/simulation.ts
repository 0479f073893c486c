import { OPERATIONS } from '../contracts/api/catalog.js';
import { HANDLERS } from '../handlers/index.js';
import { oauthHandlers } from '../handlers/oauth.js';
import { mountPrivateEndpoints } from '../handlers/private.js';
import { Authenticator } from './auth/authenticator.js';
import type { LockoutSettings } from './auth/lockout.js';
import { ControlPlane } from './control/controlPlane.js';
import { createLogger, type Logger } from './log.js';
import { DEFAULT_MANUAL_START_MS, SimClock, type ClockMode } from './sim/clock.js';
import type { LifecycleDelays } from './sim/lifecycle.js';
import { parseSeed } from './sim/random.js';
import { createTenant, resetTenant, type TenantCredentials, type TenantOptions } from './sim/tenants.js';
import { World, type WorldState } from './sim/world.js';
import { StateFile } from './stateFile.js';
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
  /** Persist state to this file after every change, and load it at start. */
  stateFile?: string;
  /** Seed the default tenant at start. Default true. */
  defaultTenant?: boolean;
  /** Sees every `/api` exchange (request line, status, headers, body). */
  onExchange?: (exchange: Exchange) => void;
  logger?: Logger;
}

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

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
    if (start !== undefined && !Number.isFinite(start)) throw new RangeError(`invalid clock start ${String(options.clockStart)}`);
    this.clock = new SimClock(mode, start);
    this.world = new World({ seed: this.seed, clock: this.clock, ...(options.lifecycle && { lifecycle: options.lifecycle }) });
    this.auth = new Authenticator(this.world, {
      ...(options.nonceLifetimeSeconds !== undefined && { nonceLifetimeSeconds: options.nonceLifetimeSeconds }),
      ...(options.lockout && { lockout: options.lockout }),
    });
    this.rateLimiter = new RateLimiter(this.clock, options.rateLimits === false ? { enabled: false } : (options.rateLimits ?? {}));
    this.journal = new Journal(options.journalSize);
    this.#stateFile = options.stateFile ? new StateFile(options.stateFile) : undefined;
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
      onMutation: () => this.persist(),
      ...(options.onExchange && { onExchange: options.onExchange }),
    });
    const now = () => new Date(this.clock.now()).toUTCString();
    const oauth = oauthHandlers(this.auth, now);
    this.dispatcher.route('POST', '/api/oauth/token', (req, path) => oauth.token(req, path), { journal: true });
    this.dispatcher.route('POST', '/api/oauth/revoke', (req, path) => oauth.revoke(req, path), { journal: true });
    mountPrivateEndpoints(this.dispatcher, DEFAULT_MONGODB_MAJOR_VERSION);
    this.control = new ControlPlane(this);
    this.control.mount(this.dispatcher);

    const loaded = this.#stateFile?.load();
    if (loaded) {
      this.world.importState(loaded);
      if (this.clock.mode === 'manual') this.clock.set(loaded.clockMs);
    } else if (options.defaultTenant ?? true) {
      // Seeded at a fixed instant so that the same seed gives the same ids in either clock mode.
      this.defaultTenant = this.clock.runAt(DEFAULT_MANUAL_START_MS, () =>
        createTenant(this.world, { name: 'Atlas for Government Simulator', secretExpiresAfterHours: 24 * 365 * 100 }),
      );
    }
    if (loaded && loaded.defaultTenantOrgId) {
      this.defaultTenant = this.control.tenantCredentials(loaded.defaultTenantOrgId);
    }
    this.#initialState = this.exportState();
    if (!loaded) this.persist();
  }

  /** Answers one request. */
  handle(req: WireRequest): Promise<WireResponse> {
    return this.dispatcher.handle(req);
  }

  /** Makes a new isolated tenant (organization, service account, API key). */
  createTenant(options: TenantOptions = {}): TenantCredentials {
    const t = createTenant(this.world, options);
    this.persist();
    return t;
  }

  /** Empties one tenant, keeping its organization and credentials. */
  resetTenant(orgId: string): void {
    resetTenant(this.world, orgId);
    this.persist();
  }

  /** Back to the state right after start: default tenant only, same credentials. The clock keeps its time. */
  reset(): void {
    this.world.importState(this.#initialState);
    this.auth.clear();
    this.rateLimiter.reset();
    this.journal.clear();
    this.faults.clear();
    this.persist();
  }

  /** Moves the simulation clock forward. */
  advance(seconds: number): void {
    this.clock.advance(seconds);
  }

  exportState(): WorldState & { defaultTenantOrgId?: string } {
    const state = this.world.exportState();
    return this.defaultTenant ? { ...state, defaultTenantOrgId: this.defaultTenant.orgId } : state;
  }

  importState(state: WorldState & { defaultTenantOrgId?: string }): void {
    this.world.importState(state);
    if (this.clock.mode === 'manual') this.clock.set(state.clockMs);
    this.persist();
  }

  /** Writes the state file, when there is one. Called after every acknowledged change. */
  persist(): void {
    this.#stateFile?.save(this.exportState());
  }
}

/** Creates a simulation: the library entry point for seeding, inspecting and moving the clock in code. */
export function createSimulation(options: SimulationOptions = {}): Simulation {
  return new Simulation(options);
}
