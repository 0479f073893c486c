import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OPTION_SPECS } from '../../src/config.js';
import { startCli } from '../support/cli.js';
import { run } from '../support/tools.js';

/**
 * No Docker engine runs on the build machines, so the image itself is not built here.
 * These tests hold the Dockerfile to its promises and run its health check for real.
 */
const dockerfile = readFileSync('Dockerfile', 'utf8');
const healthcheck = join(process.cwd(), 'dist', 'src', 'healthcheck.js');

describe('Dockerfile', () => {
  it('is multi-stage, runs as a non-root user and checks /_mock/health', () => {
    expect(dockerfile.match(/^FROM /gm)!.length).toBeGreaterThanOrEqual(2);
    expect(dockerfile).toMatch(/^FROM .+ AS build$/m);
    expect(dockerfile).toMatch(/^COPY --from=build /m);
    const user = /^USER (\S+)$/m.exec(dockerfile)?.[1];
    expect(user).toBeDefined();
    expect(['root', '0']).not.toContain(user);
    expect(dockerfile).toMatch(/^HEALTHCHECK .*dist\/src\/healthcheck\.js/m);
    expect(readFileSync('src/healthcheck.ts', 'utf8')).toContain("'/_mock/health'");
    expect(dockerfile).toMatch(/^# +docker run .*atlas-gov-mock$/m);
  });

  it('builds and runs on the current Node LTS line', () => {
    const bases = [...dockerfile.matchAll(/^FROM (\S+)/gm)].map((m) => m[1]);
    expect(bases).toEqual(['node:26-slim', 'node:26-slim']);
  });

  it('binds 0.0.0.0 only inside the container; everywhere else the default is 127.0.0.1', () => {
    expect(dockerfile).toMatch(/ATLAS_MOCK_HOST=0\.0\.0\.0/);
    expect(OPTION_SPECS.find((o) => o.flag === 'host')!.default).toBe('127.0.0.1');
    expect(readFileSync('src/faces/server.ts', 'utf8')).toContain("options.host ?? '127.0.0.1'");
  });
});

describe('the container health check', () => {
  it('passes against a live server over HTTP and HTTPS and fails when nothing listens', async () => {
    const plain = await startCli();
    const tls = await startCli(['--tls', '--state-dir', mkdtempSync(join(tmpdir(), 'atlas-gov-mock-hc-'))]);
    try {
      const port = (url: string) => new URL(url).port;
      expect((await run(process.execPath, [healthcheck], { env: { ATLAS_MOCK_PORT: port(plain.url) } })).code).toBe(0);
      expect((await run(process.execPath, [healthcheck], { env: { ATLAS_MOCK_PORT: port(tls.url), ATLAS_MOCK_TLS: '1' } })).code).toBe(0);
      expect((await run(process.execPath, [healthcheck], { env: { ATLAS_MOCK_PORT: port(tls.url) } })).code).toBe(1);
    } finally {
      await Promise.all([plain.stop(), tls.stop()]);
    }
    expect((await run(process.execPath, [healthcheck], { env: { ATLAS_MOCK_PORT: '1' } })).code).toBe(1);
  });
});
