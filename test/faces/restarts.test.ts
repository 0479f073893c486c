import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { TenantCredentials } from '../../src/sim/tenants.js';
import { CLI, startCli, type RunningCli } from '../support/cli.js';

/**
 * Findings 1, 2 and 9 of the hostile campaign, replayed step by step against the real
 * command with `--state-file`, killed with SIGKILL or stopped cleanly between steps.
 */
const stateFile = () => join(mkdtempSync(join(tmpdir(), 'atlas-gov-mock-restart-')), 'state.json');
const JSON_HEADERS = { 'Content-Type': 'application/json' };

async function token(url: string, t: TenantCredentials): Promise<string> {
  const res = await fetch(`${url}/api/oauth/token`, {
    method: 'POST',
    headers: {
      Authorization: `Basic ${Buffer.from(`${t.serviceAccount.clientId}:${t.serviceAccount.clientSecret}`).toString('base64')}`,
      'Content-Type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials',
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { access_token: string }).access_token;
}

const jti = (jwt: string): string => JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString()).jti;

const api = (url: string, bearer: string, method = 'GET', path = '/orgs', body?: unknown) =>
  fetch(`${url}/api/atlas/v2${path}`, {
    method,
    headers: { Authorization: `Bearer ${bearer}`, Accept: 'application/vnd.atlas.2023-01-01+json', ...(body !== undefined && JSON_HEADERS) },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });

async function newTenant(cli: RunningCli, name: string): Promise<TenantCredentials> {
  const res = await fetch(`${cli.url}/_mock/tenants`, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify({ name }) });
  expect(res.status).toBe(201);
  return (await res.json()) as TenantCredentials;
}

describe('restarts with --state-file', () => {
  it('finding 1: after kill -9 a new token never reuses an old id, and an old token never acts for another tenant', async () => {
    const file = stateFile();
    const first = await startCli(['--state-file', file]);
    const b = await newTenant(first, 'Tenant B');
    const tokenA = await token(first.url, first.tenant);
    await first.stop('SIGKILL');
    const second = await startCli(['--state-file', file]);
    try {
      const tokenB = await token(second.url, b);
      expect(jti(tokenB)).not.toBe(jti(tokenA));
      // A's token was acknowledged, so it survived the crash: it still works, for A only.
      const orgs = await api(second.url, tokenA);
      expect(orgs.status).toBe(200);
      expect(((await orgs.json()) as { results: Array<{ id: string }> }).results.map((o) => o.id)).toEqual([first.tenant.orgId]);
      const key = await api(second.url, tokenA, 'POST', `/orgs/${b.orgId}/apiKeys`, { desc: 'stolen', roles: ['ORG_OWNER'] });
      expect(key.status).toBeGreaterThanOrEqual(400);
      expect(key.status).toBeLessThan(500);
      const keysOfB = await api(second.url, tokenB, 'GET', `/orgs/${b.orgId}/apiKeys`);
      expect(((await keysOfB.json()) as { results: Array<{ desc: string }> }).results.map((k) => k.desc)).not.toContain('stolen');
    } finally {
      await second.stop();
    }
  });

  it('finding 2: revocation and issuance survive a clean restart and a kill -9', async () => {
    const file = stateFile();
    const first = await startCli(['--state-file', file]);
    const revoked = await token(first.url, first.tenant);
    const basic = `Basic ${Buffer.from(`${first.tenant.serviceAccount.clientId}:${first.tenant.serviceAccount.clientSecret}`).toString('base64')}`;
    const r = await fetch(`${first.url}/api/oauth/revoke`, {
      method: 'POST',
      headers: { Authorization: basic, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: `token=${revoked}`,
    });
    expect(r.status).toBe(200);
    expect((await api(first.url, revoked)).status).toBe(401);
    // Issued after the last API mutation: only the token request itself was saved.
    const late = await token(first.url, first.tenant);
    expect((await api(first.url, late)).status).toBe(200);
    await first.stop('SIGTERM');
    const second = await startCli(['--state-file', file]);
    expect((await api(second.url, revoked)).status).toBe(401);
    expect((await api(second.url, late)).status).toBe(200);
    const later = await token(second.url, second.tenant);
    await second.stop('SIGKILL');
    const third = await startCli(['--state-file', file]);
    try {
      expect((await api(third.url, revoked)).status).toBe(401);
      expect((await api(third.url, late)).status).toBe(200);
      expect((await api(third.url, later)).status).toBe(200);
    } finally {
      await third.stop();
    }
  });

  it('finding 9: leftover temporary files are removed at start, and a torn last record is dropped with a warning', async () => {
    const file = stateFile();
    const first = await startCli(['--state-file', file]);
    const kept = await newTenant(first, 'Kept');
    await first.stop('SIGKILL');
    const leftover = `${file}.4242.tmp`;
    writeFileSync(leftover, '{"half": ');
    // A crash in the middle of an append: a line without its end.
    writeFileSync(`${file}.wal`, readFileSync(`${file}.wal`, 'utf8') + '0badc0de {"seq": 99, "head"');
    const second = await startCli(['--state-file', file]);
    try {
      expect(existsSync(leftover)).toBe(false);
      expect(second.stderr()).toMatch(/torn last record/);
      const list = (await (await fetch(`${second.url}/_mock/tenants`)).json()) as Array<{ orgId: string }>;
      expect(list.map((t) => t.orgId)).toContain(kept.orgId);
    } finally {
      await second.stop();
    }
  });

  it('finding 9: a bad state file is refused at start with one line naming the file, the place and what was expected, and left untouched', async () => {
    const file = stateFile();
    const first = await startCli(['--state-file', file]);
    await first.stop();
    const good = JSON.parse(readFileSync(file, 'utf8'));
    const cases: Array<[string, RegExp]> = [
      ['{"format": "atlas-gov-mock/state@1", "clockMs": ', /state\.json: line 1 column \d+/],
      [JSON.stringify({ ...good, slices: { ...good.slices, tokens: [{ jti: 7 }] } }), /state\.json: at slices\.tokens\[0\]\.jti: .*expected string/],
      [JSON.stringify({ ...good, slices: { ...good.slices, organizations: {} } }), /state\.json: at slices\.organizations: .*expected array/],
      [JSON.stringify({ ...good, clockMs: 9e15 }), /state\.json: at clockMs: /],
    ];
    for (const [text, message] of cases) {
      writeFileSync(file, text);
      const proc = spawn(process.execPath, [CLI, '--json', '--port', '0', '--state-file', file], { stdio: ['ignore', 'pipe', 'pipe'] });
      let err = '';
      proc.stderr.on('data', (d) => (err += d));
      const code = await new Promise<number | null>((resolve) => proc.once('exit', resolve));
      expect(code).toBe(1);
      const lines = err.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(file);
      expect(lines[0]).toMatch(message);
      expect(readFileSync(file, 'utf8')).toBe(text);
    }
  });
});
