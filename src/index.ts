/**
 * atlas-gov-mock as a library.
 *
 * - `createSimulation(options)`: a simulated Atlas for Government to seed, inspect and
 *   drive in code (`sim.world`, `sim.clock`, `sim.createTenant()`, `sim.handle(request)`).
 * - `startServer(sim, options)`: the standalone HTTP(S) server.
 * - `atlas-gov-mock/express`: `atlasMiddleware(sim)` for an existing express app.
 * - `atlas-gov-mock/msw`: `atlasHandlers(sim)` for `setupServer(...)` in Node tests.
 * - `atlas-gov-mock/undici`: `atlasDispatcher(sim)` for clients on undici (urllib, fetch).
 */
export { createSimulation, Simulation, DEFAULT_SEED, type SimulationOptions } from './simulation.js';
export { startServer, type RunningServer, type ServerOptions } from './faces/server.js';
export { ensureTlsMaterial, type TlsMaterial } from './faces/tls.js';
export type { TenantCredentials, TenantOptions } from './sim/tenants.js';
export type { WireRequest, WireResponse } from './wire/message.js';
export type { Exchange } from './wire/dispatcher.js';
export { SIMULATOR_VERSION } from './version.js';
