import { execFile } from 'node:child_process';
import path from 'node:path';
import { projectRoot } from '../../contracts/harness/openapi/document.js';

export interface ScriptResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a TypeScript entry point of the project with tsx, as its npm script does. */
export function runScript(script: string, args: string[] = [], env: NodeJS.ProcessEnv = {}, timeoutMs = 120_000): Promise<ScriptResult> {
  const root = projectRoot();
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(root, 'node_modules/tsx/dist/cli.mjs'), script, ...args],
      { cwd: root, env: { ...process.env, NO_COLOR: '1', ...env }, timeout: timeoutMs, maxBuffer: 32 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof (error as { code?: unknown }).code === 'number' ? (error as { code: number }).code : 1) : 0;
        resolve({ code, stdout: String(stdout), stderr: String(stderr) });
      },
    );
  });
}
