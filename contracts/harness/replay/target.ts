import { startServer } from '../../../src/faces/server.js';
import { Simulation } from '../../../src/simulation.js';
import type { ReplayTarget, ReplayTargetOptions } from './replay.js';

const quiet = { error() {}, warn() {}, info() {}, debug() {} };

/**
 * A fresh simulator on a loopback port, with a manual clock and rate limits on (their
 * headers are compared). The harness sits above the simulator, like the tests: this is
 * the one place the replay touches the simulator's code.
 */
export async function startReplayTarget(options: ReplayTargetOptions = {}): Promise<ReplayTarget> {
  const sim = new Simulation({ clock: 'manual', logger: quiet, ...(options.clockMs !== undefined && { clockStart: options.clockMs }) });
  const server = await startServer(sim, { port: 0 });
  const tenant = sim.defaultTenant!;
  return {
    url: server.url,
    apiKey: { publicKey: tenant.apiKey.publicKey, privateKey: tenant.apiKey.privateKey },
    orgId: tenant.orgId,
    settle: async () => {
      const delays = Object.values(sim.world.lifecycle.get()).filter((d): d is number => typeof d === 'number');
      sim.advance(Math.max(0, ...delays) + 1);
    },
    close: () => server.close(),
  };
}
