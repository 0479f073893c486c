import { tenantCredentials, type TenantCredentials } from '../sim/tenants.js';
import { parseJsonBody, validateBody } from '../wire/body.js';
import type { Dispatcher } from '../wire/dispatcher.js';
import { renderJson } from '../wire/json.js';
import type { WireRequest, WireResponse } from '../wire/message.js';
import { flag } from '../wire/query.js';
import type { Simulation } from '../simulation.js';
import { SIMULATOR_VERSION } from '../version.js';
import { clockRoutes } from './clock.js';
import { consoleRoutes } from './console.js';
import { databaseLoginRoutes } from './databaseLogins.js';
import { databaseUserRoutes } from './databaseUsers.js';
import { faultRoutes } from './faults.js';
import { inventoryRoutes } from './inventory.js';
import { ControlGuard } from './guard.js';
import { journalRoutes } from './journal.js';
import { lifecycleRoutes } from './lifecycle.js';
import { performanceAdvisorRoutes } from './performanceAdvisor.js';
import { Answer, CONTROL_PREFIX, type ControlRoute } from './route.js';
import { stateRoutes } from './state.js';
import { tenantRoutes } from './tenants.js';
import { peopleRoutes } from './people.js';
import { alertConditionRoutes } from './alertConditions.js';

export { CONTROL_PREFIX } from './route.js';

/**
 * The control plane under `/_mock/`: health, tenants, reset, clock, state export and
 * import, lifecycle delays, fault injection, rate limits, the request journal, the
 * audit log, the inventory of what the simulation holds, and the browser console. Each group of routes is a small table of tasks in its own module; errors
 * use the Atlas error format, and every call passes the guard first.
 */
export class ControlPlane {
  readonly routes: ControlRoute[];
  readonly guard: ControlGuard;

  constructor(private readonly sim: Simulation) {
    this.guard = new ControlGuard({ token: sim.options.controlToken, allowedHosts: sim.options.allowedHosts });
    this.routes = [
      ...this.#own(),
      ...tenantRoutes(sim),
      ...clockRoutes(sim),
      ...stateRoutes(sim),
      ...journalRoutes(sim),
      ...lifecycleRoutes(sim),
      ...faultRoutes(sim),
      ...databaseUserRoutes(sim),
      ...databaseLoginRoutes(sim),
      ...peopleRoutes(sim),
      ...alertConditionRoutes(sim),
      ...inventoryRoutes(sim),
      ...consoleRoutes(sim),
      ...performanceAdvisorRoutes(sim),
    ];
  }

  tenantCredentials(orgId: string): TenantCredentials {
    return tenantCredentials(this.sim.world, orgId);
  }

  mount(dispatcher: Dispatcher): void {
    for (const route of this.routes) {
      dispatcher.route(route.method, route.path, (req, _path, search, params) => this.#run(route, req, search, params));
    }
  }

  #run(route: ControlRoute, req: WireRequest, search: URLSearchParams, params: Record<string, string>): WireResponse {
    const page = route.page ? { token: route.page === 'entry' ? search.get('token') : null } : undefined;
    this.guard.check(req, route.method, route.path, page);
    const body = route.body ? validateBody(route.body, req.body && req.body.length ? parseJsonBody(req.body) : {}) : undefined;
    const result = route.handle({ params, query: search, body, authorized: this.guard.authorized(req, page), req });
    const answer = result instanceof Answer ? result : new Answer(route.status ?? 200, result);
    const headers: Record<string, string> = { Date: this.#date(), 'Cache-Control': 'no-store', ...answer.headers };
    if (answer.status === 204 || answer.body === undefined) return { status: answer.status, headers, body: null };
    headers['Content-Type'] = answer.contentType;
    const text = typeof answer.body === 'string' ? answer.body : renderJson(answer.body, flag(search, 'pretty'));
    return { status: answer.status, headers, body: text };
  }

  #date(): string {
    const d = new Date(this.sim.clock.now());
    return Number.isFinite(d.getTime()) ? d.toUTCString() : new Date(0).toUTCString();
  }

  /** The index and the health check. */
  #own(): ControlRoute[] {
    const sim = this.sim;
    const P = CONTROL_PREFIX;
    return [
      {
        method: 'GET',
        path: P,
        summary: 'This index of control-plane routes.',
        handle: () => ({ routes: this.routes.map((r) => ({ method: r.method, path: r.path, summary: r.summary })) }),
      },
      {
        method: 'GET',
        path: `${P}/health`,
        summary: 'Liveness: status, version, seed, clock and default organization (status and version only, without the control token when one is set).',
        handle: ({ authorized }) => this.#health(authorized),
      },
    ];
  }

  /** Never fails because of state: it is what tells a broken simulator from a dead one. */
  #health(authorized: boolean): unknown {
    const sim = this.sim;
    // The seed would let anyone rebuild the seeded credentials: only with the token.
    if (!authorized) return { status: 'ok', version: SIMULATOR_VERSION };
    let clock: unknown = null;
    try {
      clock = sim.clock.snapshot();
    } catch {
      // An unreadable clock is reported as null rather than failing the check.
    }
    return {
      status: 'ok',
      version: SIMULATOR_VERSION,
      seed: sim.seed,
      clock,
      defaultOrgId: sim.defaultTenant?.orgId ?? null,
      organizations: sim.world.orgs.size,
    };
  }
}
