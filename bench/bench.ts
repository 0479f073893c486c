/**
 * `npm run bench`: throughput, latency, start-up time and memory of the standalone server,
 * each against a baseline measured in the same run (these are shared 2-core machines, so
 * only ratios are comparable across runs).
 *
 * Scenarios, each run with autocannon over loopback against the built CLI:
 *   baseline  bare express 5 returning the same JSON without authentication
 *   (a)       Bearer GET /api/atlas/v2/orgs/{orgId}
 *   (b)       Digest GET with the full challenge and response on every request
 *   (c)       unauthenticated requests answered 401
 * Targets: (a) >= 0.7x baseline; first answer within 1 s of start; RSS after start <= 100 MB.
 *
 * Scale: two servers in the same run, one seeded with 10 projects and 10 clusters, one
 * with 1,000 projects and 10,000 clusters (both with the same probe project of 10
 * clusters). List pages, gets by id and gets by name must cost the same on both; the
 * large one's memory growth per cluster is reported. Rate limits are off for this part.
 *
 * Persistence: two servers in the same run, one in memory and one with `--state-file`,
 * under a write-heavy mix (3 writes in 4 requests: project renames and creations, and
 * reads). Target: the state-file server at least 0.7x the in-memory one.
 *
 * `--soak`: only the ten-minute soak (bench/soak.ts).
 *
 * Environment: BENCH_DURATION (seconds per run, default 8), BENCH_ROUNDS (default 2),
 * BENCH_CONNECTIONS (default 10), BENCH_NO_FAIL=1 to exit 0 even when a target is missed,
 * BENCH_SKIP_SCALE=1 to leave out the scale part, BENCH_SKIP_PERSIST=1 the persistence part,
 * BENCH_ONLY=persistence to run only that part, BENCH_STATE_SYNC=fsync to measure that mode.
 */
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { soak } from './soak.js';

const ROOT = join(import.meta.dirname, '..');
const CLI = join(ROOT, 'dist', 'src', 'cli.js');
const DURATION = Number(process.env.BENCH_DURATION ?? 8);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const ACCEPT = 'application/vnd.atlas.2025-03-12+json';

interface Started {
  proc: ChildProcess;
  url: string;
  info: any;
  firstAnswerMs: number;
  rssMb: number;
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

/** Spawns a server, waits for its URL line, then polls until the first answer. */
async function start(args: string[], healthPath = '/_mock/health'): Promise<Started> {
  const t0 = performance.now();
  const proc = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    let out = '';
    proc.stdout!.on('data', (d) => {
      out += d;
      if (out.includes('\n')) resolve(out.slice(0, out.indexOf('\n')));
    });
    proc.once('exit', (c) => reject(new Error(`exited ${c}`)));
  });
  const info = line.startsWith('{') ? JSON.parse(line) : { url: line.trim() };
  for (;;) {
    try {
      if ((await fetch(info.url + healthPath)).ok) break;
    } catch {
      await new Promise((r) => setTimeout(r, 2));
    }
  }
  const firstAnswerMs = performance.now() - t0;
  return { proc, url: info.url, info, firstAnswerMs, rssMb: rssMb(proc.pid!) };
}

function stop(s: Started): Promise<void> {
  return new Promise((resolve) => {
    s.proc.once('exit', () => resolve());
    s.proc.kill('SIGTERM');
  });
}

interface Result {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  statuses: Record<string, number>;
}

async function load(opts: autocannon.Options, countStatus?: number): Promise<Result> {
  const statuses: Record<string, number> = {};
  const instance = autocannon({ connections: CONNECTIONS, duration: DURATION, ...opts });
  (instance as unknown as NodeJS.EventEmitter).on('response', (_client: unknown, status: number) => (statuses[status] = (statuses[status] ?? 0) + 1));
  const r = await instance;
  const counted = countStatus === undefined ? r.requests.total : (statuses[countStatus] ?? 0);
  return { rps: counted / r.duration, p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx, statuses };
}

const md5 = (s: string) => createHash('md5').update(s).digest('hex');

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function main(): Promise<void> {
  // Start-up: five cold starts of each, median.
  const simStarts: Started[] = [];
  for (let i = 0; i < 5; i++) {
    const s = await start([CLI, '--port', '0', '--json', '--log-level', 'error']);
    simStarts.push(s);
    await stop(s);
  }
  const baseStarts: Started[] = [];
  for (let i = 0; i < 5; i++) {
    const s = await start([join(ROOT, 'bench', 'baseline.mjs'), '{}']);
    baseStarts.push(s);
    await stop(s);
  }

  const sim = await start([CLI, '--port', '0', '--json', '--log-level', 'error']);
  const t = sim.info.tenant;
  // Keep the rate-limit accounting in the measured path, with buckets too big to empty.
  await fetch(`${sim.url}/_mock/rateLimits`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ overrides: { orgs: { capacity: 1e12, refill: 1e12 } } }),
  });
  const tokenRes = await fetch(`${sim.url}/api/oauth/token`, {
    method: 'POST',
    headers: { Authorization: `Basic ${Buffer.from(`${t.serviceAccount.clientId}:${t.serviceAccount.clientSecret}`).toString('base64')}`, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials',
  });
  const token = ((await tokenRes.json()) as { access_token: string }).access_token;
  const path = `/api/atlas/v2/orgs/${t.orgId}`;
  const orgBody = await (await fetch(sim.url + path, { headers: { Authorization: `Bearer ${token}`, Accept: ACCEPT } })).text();
  const base = await start([join(ROOT, 'bench', 'baseline.mjs'), orgBody], path);

  const scenarios: Record<string, () => Promise<Result>> = {
    baseline: () => load({ url: base.url + path }),
    '(a) Bearer GET org': () => load({ url: sim.url + path, headers: { Authorization: `Bearer ${token}`, Accept: ACCEPT } }),
    '(b) Digest GET org': () =>
      load(
        {
          url: sim.url,
          requests: [
            {
              method: 'GET',
              path,
              headers: { Accept: ACCEPT },
              onResponse: (_status: number, _body: string, context: any, headers?: Record<string, string | string[] | undefined>) => {
                const h = String(headers?.['www-authenticate'] ?? headers?.['Www-Authenticate'] ?? '');
                context.nonce = /nonce="([^"]+)"/.exec(h)?.[1];
              },
            },
            {
              method: 'GET',
              path,
              setupRequest: (req: any, context: any) => {
                const ha1 = md5(`${t.apiKey.publicKey}:MMS Public API:${t.apiKey.privateKey}`);
                const ha2 = md5(`GET:${path}`);
                const cnonce = 'bench';
                const response = md5(`${ha1}:${context.nonce}:00000001:${cnonce}:auth:${ha2}`);
                req.headers = {
                  Accept: ACCEPT,
                  Authorization: `Digest username="${t.apiKey.publicKey}", realm="MMS Public API", nonce="${context.nonce}", uri="${path}", algorithm=MD5, qop=auth, nc=00000001, cnonce="${cnonce}", response="${response}"`,
                };
                return req;
              },
            },
          ],
        },
        200,
      ),
    '(c) unauthenticated 401': () => load({ url: sim.url + path, headers: { Accept: ACCEPT } }),
  };

  const runs: Record<string, Result[]> = Object.fromEntries(Object.keys(scenarios).map((k) => [k, []]));
  for (let round = 0; round < ROUNDS; round++) for (const [name, fn] of Object.entries(scenarios)) runs[name]!.push(await fn());
  const rssAfterLoad = rssMb(sim.proc.pid!);
  await Promise.all([stop(sim), stop(base)]);

  const baseRps = median(runs.baseline!.map((r) => r.rps));
  console.log(`\natlas-gov-mock benchmark: ${CONNECTIONS} connections, ${DURATION}s x ${ROUNDS} rounds per scenario, node ${process.version}\n`);
  console.log('scenario                      req/s     x baseline   p50 ms   p99 ms   statuses');
  for (const [name, results] of Object.entries(runs)) {
    const rps = median(results.map((r) => r.rps));
    const statuses = results.map((r) => JSON.stringify(r.statuses)).join(' ');
    console.log(
      `${name.padEnd(28)} ${rps.toFixed(0).padStart(7)}   ${(rps / baseRps).toFixed(2).padStart(8)}   ${String(median(results.map((r) => r.p50))).padStart(6)}   ${String(median(results.map((r) => r.p99))).padStart(6)}   ${statuses}`,
    );
  }
  console.log('(b) counts authenticated answers: each one is a challenge plus a response, two HTTP requests.');

  const simStart = median(simStarts.map((s) => s.firstAnswerMs));
  const baseStart = median(baseStarts.map((s) => s.firstAnswerMs));
  const simRss = median(simStarts.map((s) => s.rssMb));
  const baseRss = median(baseStarts.map((s) => s.rssMb));
  console.log(`\nfirst answer after start: ${simStart.toFixed(0)} ms (bare express ${baseStart.toFixed(0)} ms, x${(simStart / baseStart).toFixed(2)})`);
  console.log(`RSS after start: ${simRss.toFixed(1)} MB (bare express ${baseRss.toFixed(1)} MB); after the load runs: ${rssAfterLoad.toFixed(1)} MB`);

  const aRatio = median(runs['(a) Bearer GET org']!.map((r) => r.rps)) / baseRps;
  const targets = [
    { name: '(a) >= 0.7x baseline', ok: aRatio >= 0.7, value: `${aRatio.toFixed(2)}x` },
    { name: 'first answer <= 1000 ms', ok: simStart <= 1000, value: `${simStart.toFixed(0)} ms` },
    { name: 'RSS after start <= 100 MB', ok: simRss <= 100, value: `${simRss.toFixed(1)} MB` },
  ];
  console.log('\ntargets:');
  for (const tg of targets) console.log(`  ${tg.ok ? 'PASS' : 'FAIL'}  ${tg.name}: ${tg.value}`);
  if (targets.some((tg) => !tg.ok) && !process.env.BENCH_NO_FAIL) process.exitCode = 1;
}

const CLUSTERS_PER_PROJECT = 10;

/** Runs `fn` over `items` with at most `width` in flight. */
async function pool<T>(items: T[], width: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < items.length) await fn(items[next++]!);
  }));
}

async function seed(sim: Started, projects: number, clustersPerProject: (i: number) => number): Promise<{ headers: Record<string, string>; probe: { id: string; name: string } }> {
  const t = sim.info.tenant;
  await fetch(`${sim.url}/_mock/rateLimits`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ enabled: false }) });
  const tokenRes = await fetch(`${sim.url}/api/oauth/token`, {
    method: 'POST',
    headers: { Authorization: `Basic ${Buffer.from(`${t.serviceAccount.clientId}:${t.serviceAccount.clientSecret}`).toString('base64')}`, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials',
  });
  const headers = { Authorization: `Bearer ${((await tokenRes.json()) as { access_token: string }).access_token}`, Accept: ACCEPT, 'Content-Type': 'application/json' };
  const ids: string[] = [];
  await pool(Array.from({ length: projects }, (_, i) => i), 16, async (i) => {
    const res = await fetch(`${sim.url}/api/atlas/v2/groups`, { method: 'POST', headers, body: JSON.stringify({ name: `project-${String(i).padStart(4, '0')}`, orgId: t.orgId }) });
    if (res.status !== 201) throw new Error(`seeding project ${i}: ${res.status} ${await res.text()}`);
    ids[i] = ((await res.json()) as { id: string }).id;
  });
  const clusters = ids.flatMap((id, i) => Array.from({ length: clustersPerProject(i) }, (_, c) => ({ id, name: `cluster-${c}` })));
  await pool(clusters, 16, async ({ id, name }) => {
    const body = { name, clusterType: 'REPLICASET', replicationSpecs: [{ regionConfigs: [{ electableSpecs: { instanceSize: 'M30', nodeCount: 3 }, priority: 7, providerName: 'AWS', regionName: 'US_EAST_1' }] }] };
    const res = await fetch(`${sim.url}/api/atlas/v2/groups/${id}/clusters`, { method: 'POST', headers: { ...headers, Accept: 'application/vnd.atlas.2024-10-23+json' }, body: JSON.stringify(body) });
    if (res.status !== 201) throw new Error(`seeding cluster ${name} in ${id}: ${res.status} ${await res.text()}`);
    await res.arrayBuffer();
  });
  return { headers, probe: { id: ids[0]!, name: 'project-0000' } };
}

async function scale(): Promise<void> {
  // Clusters turn IDLE at once: otherwise 10,000 transitions would come due during the
  // first probe and be timed as part of it.
  const args = [CLI, '--port', '0', '--json', '--log-level', 'error', '--lifecycle', 'clusterCreate=0'];
  const small = await start(args);
  const large = await start(args);
  const rssBefore = rssMb(large.proc.pid!);
  const s = await seed(small, 10, (i) => (i === 0 ? CLUSTERS_PER_PROJECT : 0));
  const l = await seed(large, 1000, () => CLUSTERS_PER_PROJECT);
  for (const sim of [small, large]) await fetch(`${sim.url}/api/atlas/v2/groups?itemsPerPage=1`, { headers: (sim === small ? s : l).headers });
  const rssAfter = rssMb(large.proc.pid!);
  const probes: Array<[string, (p: { id: string; name: string }) => string]> = [
    ['GET /groups/byName/{name}', (p) => `/api/atlas/v2/groups/byName/${p.name}`],
    ['GET /groups/{id}/clusters/{name}', (p) => `/api/atlas/v2/groups/${p.id}/clusters/cluster-5`],
    ['GET /groups/{id}/clusters (page of 10)', (p) => `/api/atlas/v2/groups/${p.id}/clusters?itemsPerPage=10`],
    ['GET /groups (page of 10)', () => '/api/atlas/v2/groups?itemsPerPage=10'],
  ];
  console.log(`\nscale: 10 projects / 10 clusters vs 1,000 projects / 10,000 clusters (${Math.min(DURATION, 4)}s x ${ROUNDS} rounds per probe, alternated)`);
  console.log('probe                                      small req/s   large req/s   large/small');
  for (const [name, path] of probes) {
    const run = async (sim: Started, seeded: typeof s) => {
      const r = await load({ url: sim.url + path(seeded.probe), headers: seeded.headers, duration: Math.min(DURATION, 4) });
      if (r.non2xx) throw new Error(`${name}: non-2xx answers ${JSON.stringify(r.statuses)}`);
      return r.rps;
    };
    // Alternated rounds, medians: a shared machine's noise hits both sides alike.
    const a: number[] = [];
    const b: number[] = [];
    // Warm-up: each server process compiles the route's code on its own first calls.
    for (const [sim, seeded] of [[small, s], [large, l]] as const) await load({ url: sim.url + path(seeded.probe), headers: seeded.headers, duration: 1 });
    for (let round = 0; round < ROUNDS; round++) {
      a.push(await run(small, s));
      b.push(await run(large, l));
    }
    const [ra, rb] = [median(a), median(b)];
    console.log(`${name.padEnd(42)} ${ra.toFixed(0).padStart(11)}   ${rb.toFixed(0).padStart(11)}   ${(rb / ra).toFixed(2).padStart(11)}`);
  }
  console.log(`memory: RSS grew ${(rssAfter - rssBefore).toFixed(1)} MB for 1,000 projects and 10,000 clusters: about ${(((rssAfter - rssBefore) * 1024) / 10_000).toFixed(1)} KB per cluster (project, events and journal included)`);
  await Promise.all([stop(small), stop(large)]);
}

/** Throughput of a write-heavy mix, in memory and with --state-file, alternated rounds in the same run. */
async function persistence(): Promise<void> {
  const args = [CLI, '--port', '0', '--json', '--log-level', 'error', '--rate-limits', 'off'];
  const memory = await start(args);
  const disk = await start([...args, ...(process.env.BENCH_STATE_SYNC ? ['--state-sync', process.env.BENCH_STATE_SYNC] : []), '--state-file', join(mkdtempSync(join(tmpdir(), 'atlas-gov-mock-bench-')), 'state.json')]);
  const setup = async (sim: Started) => {
    const t = sim.info.tenant;
    const tokenRes = await fetch(`${sim.url}/api/oauth/token`, {
      method: 'POST',
      headers: { Authorization: `Basic ${Buffer.from(`${t.serviceAccount.clientId}:${t.serviceAccount.clientSecret}`).toString('base64')}`, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    });
    const headers = { Authorization: `Bearer ${((await tokenRes.json()) as { access_token: string }).access_token}`, Accept: 'application/vnd.atlas.2023-01-01+json', 'Content-Type': 'application/json' };
    const res = await fetch(`${sim.url}/api/atlas/v2/groups`, { method: 'POST', headers, body: JSON.stringify({ name: 'bench-home', orgId: t.orgId }) });
    return { headers, orgId: t.orgId as string, groupId: ((await res.json()) as { id: string }).id };
  };
  let n = 0;
  const mix = (sim: Started, s: Awaited<ReturnType<typeof setup>>) => () =>
    load({
      url: sim.url,
      headers: s.headers,
      requests: [
        { method: 'PATCH', path: `/api/atlas/v2/groups/${s.groupId}`, setupRequest: (req: any) => ({ ...req, body: JSON.stringify({ name: `bench-home-${++n}` }) }) },
        { method: 'POST', path: '/api/atlas/v2/groups', setupRequest: (req: any) => ({ ...req, body: JSON.stringify({ name: `bench-${++n}`, orgId: s.orgId }) }) },
        { method: 'PATCH', path: `/api/atlas/v2/groups/${s.groupId}`, setupRequest: (req: any) => ({ ...req, body: JSON.stringify({ name: `bench-home-${++n}` }) }) },
        { method: 'GET', path: `/api/atlas/v2/groups/${s.groupId}` },
      ],
    });
  const runs = { memory: [] as Result[], disk: [] as Result[] };
  const [sm, sd] = [await setup(memory), await setup(disk)];
  // Warm-up: each process compiles the write path on its own first calls.
  for (const [sim, s] of [[memory, sm], [disk, sd]] as const) await load({ url: sim.url + `/api/atlas/v2/groups/${s.groupId}`, headers: s.headers, duration: 2 });
  for (let round = 0; round < ROUNDS; round++) {
    runs.memory.push(await mix(memory, sm)());
    runs.disk.push(await mix(disk, sd)());
  }
  await Promise.all([stop(memory), stop(disk)]);
  const [rm, rd] = [median(runs.memory.map((r) => r.rps)), median(runs.disk.map((r) => r.rps))];
  console.log(`
persistence: write-heavy mix (3 writes in 4 requests), ${DURATION}s x ${ROUNDS} rounds each, alternated`);
  console.log(`  in memory        ${rm.toFixed(0).padStart(6)} req/s   statuses ${runs.memory.map((r) => JSON.stringify(r.statuses)).join(' ')}`);
  console.log(`  --state-file     ${rd.toFixed(0).padStart(6)} req/s   statuses ${runs.disk.map((r) => JSON.stringify(r.statuses)).join(' ')}`);
  const ratio = rd / rm;
  console.log(`  ${ratio >= 0.7 ? 'PASS' : 'FAIL'}  --state-file >= 0.7x in memory: ${ratio.toFixed(2)}x`);
  if (ratio < 0.7 && !process.env.BENCH_NO_FAIL) process.exitCode = 1;
}

if (process.argv.includes('--soak')) {
  if (!(await soak()) && !process.env.BENCH_NO_FAIL) process.exitCode = 1;
} else if (process.env.BENCH_ONLY === 'persistence') {
  await persistence();
} else {
  await main();
  if (!process.env.BENCH_SKIP_PERSIST) await persistence();
  if (!process.env.BENCH_SKIP_SCALE) await scale();
}
