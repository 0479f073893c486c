/**
 * The soak (`npm run bench -- --soak`): one server with `--state-file` under ten minutes
 * of mixed traffic that churns every kind of history the simulator keeps (projects made
 * and deleted, with their events; tokens; Digest challenges; failed authentications;
 * database users), sampling RSS, the size of the state export and the throughput every
 * ten seconds. Targets: over the second half RSS and export size stay within 10 % of
 * where they were at half time, and the throughput does not fall by more than 10 %.
 *
 * Environment: SOAK_SECONDS (default 600), SOAK_WORKERS (default 8), SOAK_MAX_TOKENS
 * (default 1000) and SOAK_MAX_EVENTS (default 5000): retention limits of the server.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
const CLI = join(ROOT, 'dist', 'src', 'cli.js');
const ACCEPT = 'application/vnd.atlas.2023-01-01+json';

const rssMb = (pid: number): number => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

interface Sample {
  atS: number;
  rssMb: number;
  exportKb: number;
  opsPerS: number;
}

export async function soak(): Promise<boolean> {
  const seconds = Number(process.env.SOAK_SECONDS ?? 600);
  const workers = Number(process.env.SOAK_WORKERS ?? 8);
  const file = join(mkdtempSync(join(tmpdir(), 'atlas-gov-mock-soak-')), 'state.json');
  // Tokens live an hour and events stay until the limit: lower limits than the defaults
  // make both reach their steady state within the first half of the run.
  const limits = ['--max-tokens', process.env.SOAK_MAX_TOKENS ?? '1000', '--max-events', process.env.SOAK_MAX_EVENTS ?? '5000'];
  const proc = spawn(process.execPath, [CLI, '--json', '--port', '0', '--log-level', 'error', '--rate-limits', 'off', '--state-file', file, ...limits], { stdio: ['ignore', 'pipe', 'inherit'] });
  const info = await new Promise<any>((resolve) => {
    let out = '';
    proc.stdout!.on('data', (d) => {
      out += d;
      if (out.includes('\n')) resolve(JSON.parse(out.slice(0, out.indexOf('\n'))));
    });
  });
  const url: string = info.url;
  const sa = info.tenant.serviceAccount;
  const basic = `Basic ${Buffer.from(`${sa.clientId}:${sa.clientSecret}`).toString('base64')}`;
  const newToken = async () => {
    const res = await fetch(`${url}/api/oauth/token`, { method: 'POST', headers: { Authorization: basic, 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'grant_type=client_credentials' });
    return ((await res.json()) as { access_token: string }).access_token;
  };
  const api = `${url}/api/atlas/v2`;
  const headers = (token: string) => ({ Authorization: `Bearer ${token}`, Accept: ACCEPT, 'Content-Type': 'application/json' });
  const home = (await (await fetch(`${api}/groups`, { method: 'POST', headers: headers(await newToken()), body: JSON.stringify({ name: 'soak-home', orgId: info.tenant.orgId }) })).json()) as { id: string };

  let ops = 0;
  let errors = 0;
  const deadline = performance.now() + seconds * 1000;
  const call = async (input: string, init: RequestInit, expect: number) => {
    const res = await fetch(input, init);
    await res.arrayBuffer();
    ops++;
    if (res.status !== expect) errors++;
  };
  const worker = async (w: number) => {
    let token = await newToken();
    for (let i = 0; performance.now() < deadline; i++) {
      if (i % 4 === 0) token = await newToken();
      const h = headers(token);
      const made = await fetch(`${api}/groups`, { method: 'POST', headers: h, body: JSON.stringify({ name: `soak-${w}-${i}`, orgId: info.tenant.orgId }) });
      ops++;
      if (made.status !== 201) {
        errors++;
        await made.arrayBuffer();
        continue;
      }
      const id = ((await made.json()) as { id: string }).id;
      await call(`${api}/groups/${id}`, { headers: h }, 200);
      await call(`${api}/groups/${id}`, { method: 'PATCH', headers: h, body: JSON.stringify({ name: `soak-${w}-${i}-b` }) }, 200);
      await call(`${api}/groups/${id}`, { method: 'DELETE', headers: h }, 202);
      if (i % 4 === 0) await call(`${api}/groups/${home.id}`, { headers: { Accept: ACCEPT } }, 401);
      if (i % 4 === 1) await call(`${api}/groups/${home.id}`, { headers: headers('not-a-token') }, 401);
      if (i % 8 === 2) {
        const user = { databaseName: 'admin', groupId: home.id, username: `soak-${w}`, password: 'Corr3ct-Horse-Battery', roles: [{ databaseName: 'admin', roleName: 'readAnyDatabase' }] };
        await call(`${api}/groups/${home.id}/databaseUsers`, { method: 'POST', headers: h, body: JSON.stringify(user) }, 201);
        await call(`${api}/groups/${home.id}/databaseUsers/admin/soak-${w}`, { method: 'DELETE', headers: h }, 204);
      }
    }
  };

  const samples: Sample[] = [];
  const t0 = performance.now();
  let lastOps = 0;
  const sampler = setInterval(() => {
    void (async () => {
      const exported = await (await fetch(`${url}/_mock/state`)).text();
      const atS = (performance.now() - t0) / 1000;
      samples.push({ atS, rssMb: rssMb(proc.pid!), exportKb: exported.length / 1024, opsPerS: (ops - lastOps) / 10 });
      lastOps = ops;
      const s = samples[samples.length - 1]!;
      console.log(`  ${atS.toFixed(0).padStart(4)} s   RSS ${s.rssMb.toFixed(1).padStart(6)} MB   export ${s.exportKb.toFixed(0).padStart(6)} KB   ${s.opsPerS.toFixed(0).padStart(5)} req/s`);
    })();
  }, 10_000);
  console.log(`\nsoak: ${seconds} s of mixed traffic, ${workers} workers, --state-file, ${limits.join(' ')}`);
  await Promise.all(Array.from({ length: workers }, (_, w) => worker(w)));
  clearInterval(sampler);
  await new Promise((r) => setTimeout(r, 200));
  proc.kill('SIGTERM');

  const half = samples.filter((s) => s.atS >= seconds / 2);
  const firstHalf = samples.filter((s) => s.atS < seconds / 2);
  const spread = (xs: number[]) => Math.max(...xs) / Math.min(...xs) - 1;
  const slope = (key: 'rssMb' | 'exportKb') => {
    // Least-squares slope over the second half, as a fraction of the mean per second half.
    const n = half.length;
    const mx = half.reduce((a, s) => a + s.atS, 0) / n;
    const my = half.reduce((a, s) => a + s[key], 0) / n;
    const b = half.reduce((a, s) => a + (s.atS - mx) * (s[key] - my), 0) / half.reduce((a, s) => a + (s.atS - mx) ** 2, 0);
    return (b * (half[n - 1]!.atS - half[0]!.atS)) / my;
  };
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const rssSlope = slope('rssMb');
  const exportSlope = slope('exportKb');
  const throughput = mean(half.map((s) => s.opsPerS)) / mean(firstHalf.slice(1).map((s) => s.opsPerS)) - 1;
  console.log(`\nsoak: ${ops} requests, ${errors} unexpected statuses`);
  console.log(`second half: RSS ${half[0]!.rssMb.toFixed(1)} -> ${half[half.length - 1]!.rssMb.toFixed(1)} MB (trend ${(rssSlope * 100).toFixed(1)} %, spread ${(spread(half.map((s) => s.rssMb)) * 100).toFixed(1)} %)`);
  console.log(`second half: export ${half[0]!.exportKb.toFixed(0)} -> ${half[half.length - 1]!.exportKb.toFixed(0)} KB (trend ${(exportSlope * 100).toFixed(1)} %, spread ${(spread(half.map((s) => s.exportKb)) * 100).toFixed(1)} %)`);
  console.log(`throughput: second half vs first half ${(throughput * 100).toFixed(1)} %`);
  const targets = [
    { name: 'RSS flat over the second half (trend within 10 %)', ok: Math.abs(rssSlope) <= 0.1 },
    { name: 'export size flat over the second half (trend within 10 %)', ok: Math.abs(exportSlope) <= 0.1 },
    { name: 'throughput steady (second half within 10 % of the first)', ok: throughput >= -0.1 },
    { name: 'no unexpected statuses', ok: errors === 0 },
  ];
  console.log('\nsoak targets:');
  for (const t of targets) console.log(`  ${t.ok ? 'PASS' : 'FAIL'}  ${t.name}`);
  return targets.every((t) => t.ok);
}
