import { execFile, execFileSync } from 'node:child_process';
import { getCurrentTest } from 'vitest/suite';
import { noteSkip } from './skips.js';

/**
 * Real external clients for integration tests: curl and Python `requests`. Each runs as
 * its own process against the simulator's socket, exactly as a user would run it.
 */

/**
 * Skips the running test (visibly, and noted for the end-of-run line) when a tool is
 * missing. The global setup found the tools; a file run on its own looks for them here.
 */
function needTool(kind: 'curl' | 'python-requests', found: string | undefined): string {
  if (found) return found;
  const what = kind === 'curl' ? 'curl' : 'Python 3 with requests';
  const test = getCurrentTest();
  noteSkip([kind], test?.name ?? what);
  const note = `needs ${what}, which is not installed`;
  if (!test) throw new Error(note);
  return test.context.skip(note);
}

function find(envName: string, candidates: string[], args: string[]): string | undefined {
  const known = process.env[envName];
  if (known !== undefined) return known || undefined;
  const found = candidates.find((c) => {
    try {
      execFileSync(c, args, { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  });
  process.env[envName] = found ?? '';
  return found;
}

/** A Python 3 interpreter that has `requests`; skips the test when there is none. */
export function python(): string {
  return needTool('python-requests', find('ATLAS_MOCK_TEST_PYTHON', ['python3', '/usr/bin/python3'], ['-c', 'import requests']));
}

/** curl; skips the test when it is not installed. */
export function curlCommand(): string {
  return needTool('curl', find('ATLAS_MOCK_TEST_CURL', ['curl'], ['--version']));
}

export interface ProcessResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function run(cmd: string, args: string[], options: { env?: NodeJS.ProcessEnv; input?: string; timeoutMs?: number } = {}): Promise<ProcessResult> {
  return new Promise((resolve) => {
    const child = execFile(
      cmd,
      args,
      { env: { ...process.env, ...options.env }, timeout: options.timeoutMs ?? 30_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof (error as { code?: unknown }).code === 'number' ? (error as { code: number }).code : 1) : 0;
        resolve({ code, stdout: String(stdout), stderr: String(stderr) });
      },
    );
    if (options.input !== undefined) child.stdin?.end(options.input);
  });
}

/** Runs a Python snippet with `requests` available; argv follows the script. */
export function runPython(script: string, args: string[] = [], env?: NodeJS.ProcessEnv): Promise<ProcessResult> {
  return run(python(), ['-c', script, ...args], { ...(env && { env }) });
}

export interface CurlResult {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Every response curl saw (a Digest exchange has two), raw header blocks. */
  headerBlocks: string[];
}

/**
 * Runs curl with `--include` and the given arguments; parses the last response. Header
 * names are lower-cased.
 */
export async function curl(args: string[], env?: NodeJS.ProcessEnv): Promise<CurlResult> {
  const r = await run(curlCommand(), ['-sS', '--include', ...args], { ...(env && { env }) });
  if (r.code !== 0) throw new Error(`curl failed (${r.code}): ${r.stderr}`);
  const blocks: string[] = [];
  let rest = r.stdout;
  while (/^HTTP\/[\d.]+ \d{3}/.test(rest)) {
    const end = rest.indexOf('\r\n\r\n');
    if (end < 0) break;
    blocks.push(rest.slice(0, end));
    rest = rest.slice(end + 4);
  }
  const last = blocks[blocks.length - 1] ?? '';
  const [statusLine, ...lines] = last.split('\r\n');
  const headers: Record<string, string> = {};
  for (const l of lines) {
    const i = l.indexOf(':');
    if (i > 0) headers[l.slice(0, i).toLowerCase()] = l.slice(i + 1).trim();
  }
  return { status: Number(statusLine?.split(' ')[1]), headers, body: rest, headerBlocks: blocks };
}
