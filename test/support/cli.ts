import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { TenantCredentials } from '../../src/sim/tenants.js';

/** The built command-line entry point, as `npm start` and the `atlas-gov-mock` bin run it. */
export const CLI = join(process.cwd(), 'dist', 'src', 'cli.js');

export interface RunningCli {
  proc: ChildProcess;
  url: string;
  tenant: TenantCredentials;
  caCertPath: string | null;
  /** The control token given or generated (null when none). */
  controlToken: string | null;
  stderr: () => string;
  /** Sends SIGTERM and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts the CLI with `--json --port 0` plus `args`, and waits for its start-up line. */
export function startCli(args: string[] = [], env: NodeJS.ProcessEnv = {}): Promise<RunningCli> {
  const proc = spawn(process.execPath, [CLI, '--json', '--port', '0', ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  proc.stderr!.on('data', (d) => (err += d));
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (d: Buffer) => {
      out += d;
      const nl = out.indexOf('\n');
      if (nl < 0) return;
      proc.stdout!.off('data', onData);
      const info = JSON.parse(out.slice(0, nl));
      resolve({
        proc,
        url: info.url,
        tenant: info.tenant,
        caCertPath: info.caCertPath,
        controlToken: info.controlToken ?? null,
        stderr: () => err,
        stop: (signal = 'SIGTERM') => {
          proc.kill(signal);
          return exited;
        },
      });
    };
    proc.stdout!.on('data', onData);
    void exited.then((code) => reject(new Error(`CLI exited (${code}) before start-up: ${err}`)));
  });
}
