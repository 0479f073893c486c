import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OPTION_SPECS } from '../../src/config.js';
import { CLI, startCli } from '../support/cli.js';
import { curlCommand, run } from '../support/tools.js';

const ACCEPT = 'application/vnd.atlas.2025-03-12+json';

describe('the atlas-gov-mock command', () => {
  it('documents every flag with its environment variable in --help', async () => {
    const r = await run(process.execPath, [CLI, '--help']);
    expect(r.code).toBe(0);
    for (const o of OPTION_SPECS) {
      expect(r.stdout).toContain(`--${o.flag}`);
      if (o.env) expect(r.stdout).toContain(o.env);
    }
  });

  it('has every flag and its variable in the README options table', () => {
    const readme = readFileSync('README.md', 'utf8');
    for (const o of OPTION_SPECS) {
      if (o.flag === 'help' || o.flag === 'version') continue;
      expect(readme, o.flag).toMatch(new RegExp(`\\| \`--${o.flag}\` \\| \`${o.env}\` \\|`));
    }
  });

  it('refuses a bad flag value with exit code 2 and a message', async () => {
    const r = await run(process.execPath, [CLI, '--port', 'eighty']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--port');
    expect((await run(process.execPath, [CLI, '--frobnicate'])).code).toBe(2);
  });

  it('prints the base URL and working seeded credentials in its text banner', async () => {
    const { spawn } = await import('node:child_process');
    const proc = spawn(process.execPath, [CLI, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    await new Promise<void>((resolve) => proc.stdout!.on('data', (d) => ((out += d), out.includes('Try:') && resolve())));
    const url = /Base URL\s+(\S+)/.exec(out)![1]!;
    // The browser console, served from the build.
    expect(out).toContain(`Console          ${url}/_mock/ui\n`);
    for (const path of ['/_mock/ui', '/_mock/ui/console.js', '/_mock/ui/console.css']) expect((await fetch(`${url}${path}`)).status, path).toBe(200);
    proc.kill('SIGTERM');
    const pub = /public key\s+(\S+)/.exec(out)![1]!;
    const priv = /private key\s+(\S+)/.exec(out)![1]!;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(out).toMatch(/client id\s+mdb_sa_id_[0-9a-f]{24}/);
    expect(out).toMatch(/client secret\s+mdb_sa_sk_\S+/);
    expect(pub).toMatch(/^[a-z]{8}$/);
    expect(priv).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('gives the same credentials for the same seed (flag or variable) and others for another', async () => {
    const a = await startCli(['--seed', 'agency-1']);
    const b = await startCli([], { ATLAS_MOCK_SEED: 'agency-1' });
    const c = await startCli(['--seed', 'agency-2']);
    try {
      expect(b.tenant).toEqual(a.tenant);
      expect(c.tenant.apiKey.publicKey).not.toBe(a.tenant.apiKey.publicKey);
      const res = await fetch(`${a.url}/api/oauth/token`, {
        method: 'POST',
        headers: { Authorization: `Basic ${Buffer.from(`${a.tenant.serviceAccount.clientId}:${a.tenant.serviceAccount.clientSecret}`).toString('base64')}`, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=client_credentials',
      });
      expect(res.status).toBe(200);
    } finally {
      await Promise.all([a.stop(), b.stop(), c.stop()]);
    }
  });

  it('binds to 127.0.0.1 by default and shuts down cleanly on SIGTERM', async () => {
    const cli = await startCli();
    expect(new URL(cli.url).hostname).toBe('127.0.0.1');
    expect((await fetch(`${cli.url}/_mock/health`)).status).toBe(200);
    expect(await cli.stop('SIGTERM')).toBe(0);
  });

  it('uses --base-url in links', async () => {
    const cli = await startCli(['--base-url', 'https://cloud.mongodbgov.com']);
    try {
      const r = await run(curlCommand(), ['-s', '--digest', '-u', `${cli.tenant.apiKey.publicKey}:${cli.tenant.apiKey.privateKey}`, '-H', `Accept: ${ACCEPT}`, `${cli.url}/api/atlas/v2/orgs`]);
      expect(JSON.parse(r.stdout).links[0].href).toBe('https://cloud.mongodbgov.com/api/atlas/v2/orgs?includeCount=true&name=&pageNum=1&itemsPerPage=100');
    } finally {
      await cli.stop();
    }
  });

  it('keeps state across a crash with --state-file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-gov-mock-state-'));
    const file = join(dir, 'state.json');
    const first = await startCli(['--state-file', file]);
    const tenant = (await (await fetch(`${first.url}/_mock/tenants`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"name":"Survivor"}' })).json()) as { orgId: string };
    await first.stop('SIGKILL');
    expect(existsSync(file)).toBe(true);
    const second = await startCli(['--state-file', file]);
    try {
      const list = (await (await fetch(`${second.url}/_mock/tenants`)).json()) as Array<{ orgId: string }>;
      expect(list.map((t: { orgId: string }) => t.orgId)).toContain(tenant.orgId);
      expect(second.tenant).toEqual(first.tenant);
    } finally {
      await second.stop();
    }
  });

  it('appends every exchange to --capture-file as JSON lines', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'atlas-gov-mock-capture-')), 'x.jsonl');
    const cli = await startCli(['--capture-file', file]);
    await fetch(`${cli.url}/api/atlas/v2/orgs`);
    await cli.stop();
    const lines = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toEqual([expect.objectContaining({ method: 'GET', path: '/api/atlas/v2/orgs', status: 401 })]);
  });
});
