/**
 * `npm run test:crash`: the crash loop. Starts the built CLI with `--state-file`, lets
 * concurrent writers create, rename and delete projects, kills the process with SIGKILL
 * at a random moment, restarts it on the same file, and checks that every write that was
 * acknowledged (a 2xx answer reached the writer) is there: created projects exist with
 * their last acknowledged name, deleted ones are gone. Writes in flight at the kill may
 * go either way. Exits 1 when any acknowledged write is lost.
 *
 * Environment: CRASH_ROUNDS (default 25), CRASH_WRITERS (default 8).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
const CLI = join(ROOT, 'dist', 'src', 'cli.js');
const ROUNDS = Number(process.env.CRASH_ROUNDS ?? 25);
const WRITERS = Number(process.env.CRASH_WRITERS ?? 8);
const ACCEPT = 'application/vnd.atlas.2023-01-01+json';

interface Server {
  proc: ChildProcess;
  exited: Promise<unknown>;
  url: string;
  info: { url: string; tenant: { orgId: string; serviceAccount: { clientId: string; clientSecret: string } } };
}

/** Odd rounds fold the log into a snapshot every few writes, so that kills land in the middle of background snapshots too. */
function start(file: string, round: number): Promise<Server> {
  const compact = round % 2 ? ['--state-compact-bytes', '8192'] : [];
  const proc = spawn(process.execPath, [CLI, '--json', '--port', '0', '--log-level', 'error', '--rate-limits', 'off', '--state-file', file, ...compact], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise((r) => proc.once('exit', r));
  return new Promise((resolve, reject) => {
    let out = '';
    proc.stdout!.on('data', (d) => {
      out += d;
      const nl = out.indexOf('\n');
      if (nl >= 0) {
        const info = JSON.parse(out.slice(0, nl));
        resolve({ proc, exited, url: info.url, info });
      }
    });
    proc.once('exit', (code) => reject(new Error(`server exited (${code}) before start-up`)));
  });
}

/** What the writers were told: project id -> its last acknowledged name, or null once deleted. */
const acknowledged = new Map<string, string | null>();
/** A write sent but not answered when the process died: its effect may or may not be there. */
const pending = new Map<string, string | null>();
let acks = 0;
let inFlightAtKill = 0;

async function writer(server: Server, bearer: string, round: number, w: number, stop: { now: boolean }): Promise<void> {
  const headers = { Authorization: `Bearer ${bearer}`, Accept: ACCEPT, 'Content-Type': 'application/json' };
  const api = `${server.url}/api/atlas/v2`;
  let i = 0;
  const mine: string[] = [];
  while (!stop.now) {
    i++;
    try {
      const step = i % 4;
      if (step === 3 && mine.length) {
        const id = mine.shift()!;
        pending.set(id, null);
        const res = await fetch(`${api}/groups/${id}`, { method: 'DELETE', headers });
        if (res.ok) {
          acknowledged.set(id, null);
          acks++;
        }
        pending.delete(id);
        await res.arrayBuffer();
      } else if (step === 2 && mine.length) {
        const id = mine[mine.length - 1]!;
        const name = `crash-r${round}-w${w}-${i}-renamed`;
        pending.set(id, name);
        const res = await fetch(`${api}/groups/${id}`, { method: 'PATCH', headers, body: JSON.stringify({ name }) });
        if (res.ok) {
          acknowledged.set(id, name);
          acks++;
        }
        pending.delete(id);
        await res.arrayBuffer();
      } else {
        const name = `crash-r${round}-w${w}-${i}`;
        const res = await fetch(`${api}/groups`, { method: 'POST', headers, body: JSON.stringify({ name, orgId: server.info.tenant.orgId }) });
        if (res.ok) {
          const id = ((await res.json()) as { id: string }).id;
          acknowledged.set(id, name);
          mine.push(id);
          acks++;
        } else await res.arrayBuffer();
      }
    } catch {
      // The kill cut this request off: it was never acknowledged.
      if (stop.now) inFlightAtKill++;
      return;
    }
  }
}

async function token(server: Server): Promise<string> {
  const sa = server.info.tenant.serviceAccount;
  const res = await fetch(`${server.url}/api/oauth/token`, {
    method: 'POST',
    headers: { Authorization: `Basic ${Buffer.from(`${sa.clientId}:${sa.clientSecret}`).toString('base64')}`, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials',
  });
  return ((await res.json()) as { access_token: string }).access_token;
}

/** Acknowledged writes missing from the server's state. */
async function lost(server: Server): Promise<string[]> {
  const state = (await (await fetch(`${server.url}/_mock/state`)).json()) as { slices: { projects: Array<{ id: string; name: string }> } };
  const present = new Map(state.slices.projects.map((p) => [p.id, p.name]));
  const missing: string[] = [];
  for (const [id, name] of acknowledged) {
    const found = present.get(id) ?? null;
    if (found === name) continue;
    if (pending.has(id) && pending.get(id) === found) {
      // The write in flight at the kill was saved: from now on it is the expected value.
      acknowledged.set(id, found);
      continue;
    }
    missing.push(`${id}: expected ${name === null ? 'deleted' : name}, found ${present.get(id) ?? 'nothing'}`);
  }
  return missing;
}

const dir = mkdtempSync(join(tmpdir(), 'atlas-gov-mock-crash-'));
const file = join(dir, 'state.json');
let server = await start(file, 1);
let totalLost = 0;
const t0 = performance.now();
for (let round = 1; round <= ROUNDS; round++) {
  const bearer = await token(server);
  const stop = { now: false };
  const writers = Array.from({ length: WRITERS }, (_, w) => writer(server, bearer, round, w, stop));
  await new Promise((r) => setTimeout(r, 200 + Math.random() * 600));
  stop.now = true;
  server.proc.kill('SIGKILL');
  await Promise.all(writers);
  await server.exited;
  server = await start(file, round + 1);
  const missing = await lost(server);
  pending.clear();
  totalLost += missing.length;
  const leftovers = readdirSync(dir).filter((n) => n.endsWith('.tmp'));
  console.log(`round ${String(round).padStart(2)}${round % 2 ? ' (snapshots every 8 KB of log)' : ''}: ${acknowledged.size} projects tracked, ${acks} acknowledged writes so far, ${missing.length} lost, ${leftovers.length} temporary files`);
  for (const m of missing.slice(0, 5)) console.log(`  lost ${m}`);
}
server.proc.kill('SIGTERM');
console.log(
  `\ncrash loop: ${ROUNDS} rounds of kill -9 under ${WRITERS} concurrent writers in ${((performance.now() - t0) / 1000).toFixed(1)} s; ${acks} acknowledged writes, ${inFlightAtKill} cut off in flight, ${totalLost} acknowledged writes lost`,
);
if (totalLost > 0) process.exitCode = 1;
