import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { CLI, startCli, type RunningCli } from '../support/cli.js';
import { curl, curlCommand, run, runPython } from '../support/tools.js';

const ACCEPT = 'application/vnd.atlas.2025-03-12+json';
let stateDir: string;
let cli: RunningCli;

beforeAll(async () => {
  stateDir = mkdtempSync(join(tmpdir(), 'atlas-gov-mock-tls-'));
  cli = await startCli(['--tls', '--state-dir', stateDir]);
});
afterAll(() => cli.stop());

describe('--tls', () => {
  it('serves HTTPS with a localhost certificate from a local CA it writes to the state directory', async () => {
    expect(cli.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(cli.caCertPath).toBe(join(stateDir, 'ca.pem'));
    expect(readFileSync(cli.caCertPath!, 'utf8')).toMatch(/^-----BEGIN CERTIFICATE-----/);
    const trusted = await curl(['--cacert', cli.caCertPath!, `${cli.url}/_mock/health`]);
    expect(trusted.status).toBe(200);
    const localhost = await curl(['--cacert', cli.caCertPath!, cli.url.replace('127.0.0.1', 'localhost') + '/_mock/health']);
    expect(localhost.status).toBe(200);
    const untrusted = await run(curlCommand(), ['-sS', `${cli.url}/_mock/health`]);
    expect(untrusted.code).not.toBe(0);
  });

  it('prints how to trust the CA with curl, Node and Python', async () => {
    const proc = spawn(process.execPath, [CLI, '--tls', '--port', '0', '--state-dir', stateDir], { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    await new Promise<void>((resolve) => proc.stdout!.on('data', (d) => ((stdout += d), stdout.includes('Try:') && resolve())));
    proc.kill('SIGTERM');
    const r = { stdout };
    expect(r.stdout).toContain(`--cacert ${join(stateDir, 'ca.pem')}`);
    expect(r.stdout).toContain(`NODE_EXTRA_CA_CERTS=${join(stateDir, 'ca.pem')}`);
    expect(r.stdout).toContain(`REQUESTS_CA_BUNDLE=${join(stateDir, 'ca.pem')}`);
  });

  it('reuses the same CA on the next start, so users trust it once', async () => {
    const before = readFileSync(cli.caCertPath!, 'utf8');
    const again = await startCli(['--tls', '--state-dir', stateDir]);
    await again.stop();
    expect(readFileSync(cli.caCertPath!, 'utf8')).toBe(before);
  });

  it('works with a Node OAuth client-credentials client trusting the CA through NODE_EXTRA_CA_CERTS', async () => {
    const t = cli.tenant;
    const r = await run(process.execPath, ['test/fixtures/oauth-client.mjs', cli.url, t.serviceAccount.clientId, t.serviceAccount.clientSecret, t.orgId], {
      env: { NODE_EXTRA_CA_CERTS: cli.caCertPath! },
    });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({ expiresIn: 3600, status: 200, id: t.orgId });
  });

  it('works with Python requests trusting the CA through REQUESTS_CA_BUNDLE', async () => {
    const script = `
import sys, requests
from requests.auth import HTTPDigestAuth
r = requests.get(sys.argv[1] + '/api/atlas/v2/orgs', auth=HTTPDigestAuth(sys.argv[2], sys.argv[3]), headers={'Accept': '${ACCEPT}'})
print(r.status_code, r.json()['results'][0]['id'])
`;
    const r = await runPython(script, [cli.url, cli.tenant.apiKey.publicKey, cli.tenant.apiKey.privateKey], { REQUESTS_CA_BUNDLE: cli.caCertPath! });
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe(`200 ${cli.tenant.orgId}`);
  });
});
