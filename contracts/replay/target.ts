import { startServer } from '../../src/faces/server.js';
import { Simulation } from '../../src/simulation.js';
import type { ReplayTarget } from './replay.js';

const quiet = { error() {}, warn() {}, info() {}, debug() {} };

/**
 * A fresh simulator on a loopback port, with a manual clock and rate limits on (their
 * headers are compared). The harness sits above the simulator, like the tests: this is
 * the one place the replay touches the simulator's code.
 */
export async function startReplayTarget(): Promise<ReplayTarget> {
  const sim = new Simulation({ clock: 'manual', logger: quiet });
  const server = await startServer(sim, { port: 0 });
  const tenant = sim.defaultTenant!;
  return {
    url: server.url,
    apiKey: { publicKey: tenant.apiKey.publicKey, privateKey: tenant.apiKey.privateKey },
    orgId: tenant.orgId,
    advance: async (seconds) => sim.advance(seconds),
    close: () => server.close(),
  };
}
