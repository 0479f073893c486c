import { startServer, type RunningServer } from '../../../src/faces/server.js';
import { Simulation } from '../../../src/simulation.js';
import type { TargetCredentials } from './runner.js';

/**
 * The default target of `npm run contract`: a simulator the harness starts itself, on a
 * loopback port, with the real clock (waits move it through the control plane). The one
 * place the scenario runner touches the simulator's code.
 */
export interface StartedSimulator {
  baseUrl: string;
  orgId: string;
  credentials: TargetCredentials;
  sim: Simulation;
  server: RunningServer;
  close(): Promise<void>;
}

const quiet = { error: (m: string, e?: unknown) => console.error(m, e), warn() {}, info() {}, debug() {} };

export async function startOwnSimulator(): Promise<StartedSimulator> {
  const sim = new Simulation({ clock: 'real', logger: quiet });
  const server = await startServer(sim, { port: 0 });
  const t = sim.defaultTenant!;
  return {
    baseUrl: server.url,
    orgId: t.orgId,
    credentials: { oauth: { clientId: t.serviceAccount.clientId, clientSecret: t.serviceAccount.clientSecret }, digest: { publicKey: t.apiKey.publicKey, privateKey: t.apiKey.privateKey } },
    sim,
    server,
    close: () => server.close(),
  };
}
