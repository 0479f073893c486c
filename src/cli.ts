#!/usr/bin/env node
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { isLoopback } from './control/guard.js';
import { ConfigError, helpText, parseConfig, type CliConfig } from './config.js';
import { startServer } from './faces/server.js';
import { ensureTlsMaterial, type TlsMaterial } from './faces/tls.js';
import { createLogger } from './log.js';
import { Simulation } from './simulation.js';
import type { TenantCredentials } from './sim/tenants.js';
import { SIMULATOR_VERSION } from './version.js';

function banner(url: string, baseUrl: string, tenant: TenantCredentials | null, tls: TlsMaterial | undefined, controlToken: string | undefined): string {
  const lines = [`atlas-gov-mock ${SIMULATOR_VERSION}: Atlas for Government Administration API v2 simulator`, '', `  Base URL         ${url}`];
  if (baseUrl !== url) lines.push(`  Links use        ${baseUrl}`);
  if (tenant) {
    lines.push(
      `  Organization     ${tenant.orgId} (${tenant.orgName})`,
      '  Service account (OAuth 2.0 client credentials, ORG_OWNER)',
      `    client id      ${tenant.serviceAccount.clientId}`,
      `    client secret  ${tenant.serviceAccount.clientSecret}`,
      '  API key (HTTP Digest, ORG_OWNER)',
      `    public key     ${tenant.apiKey.publicKey}`,
      `    private key    ${tenant.apiKey.privateKey}`,
    );
  }
  lines.push(`  Control plane    ${url}/_mock`);
  if (controlToken) lines.push(`    control token  ${controlToken}  (send Authorization: Bearer <token>)`);
  // With a token the browser opens the console once with it in the query (it becomes a session cookie).
  lines.push(`  Console          ${url}/_mock/ui${controlToken ? `?token=${encodeURIComponent(controlToken)}` : ''}`);
  if (tls) {
    lines.push(
      '',
      `  TLS: trust the local CA at ${tls.caCertPath}`,
      `    curl            curl --cacert ${tls.caCertPath} ...`,
      `    Node            NODE_EXTRA_CA_CERTS=${tls.caCertPath}`,
      `    Python          REQUESTS_CA_BUNDLE=${tls.caCertPath}`,
    );
  }
  if (tenant) {
    const ca = tls ? `--cacert ${tls.caCertPath} ` : '';
    lines.push(
      '',
      'Try:',
      `  curl ${ca}--digest -u '${tenant.apiKey.publicKey}:${tenant.apiKey.privateKey}' \\`,
      `    -H 'Accept: application/vnd.atlas.2025-03-12+json' '${url}/api/atlas/v2/orgs?pretty=true'`,
    );
  }
  return lines.join('\n');
}

async function main(argv: string[]): Promise<number> {
  let config: CliConfig;
  try {
    config = parseConfig(argv, process.env);
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`atlas-gov-mock: ${e.message}\nRun with --help for the options.\n`);
      return 2;
    }
    throw e;
  }
  if (config.help) {
    process.stdout.write(helpText() + '\n');
    return 0;
  }
  if (config.version) {
    process.stdout.write(`${SIMULATOR_VERSION}\n`);
    return 0;
  }
  const logger = createLogger(config.logLevel);
  let controlToken = config.controlToken;
  if (!isLoopback(config.host)) {
    // Beyond loopback, anyone who can reach the port could read every tenant's secrets
    // through the control plane. The token is a real secret, so it comes from the
    // system's generator, not from the simulation's seeded one.
    controlToken ??= randomBytes(24).toString('base64url');
    process.stderr.write(
      `atlas-gov-mock: warning: listening on ${config.host}, reachable from other machines. The control plane (/_mock/) needs the control token${config.controlToken ? '' : ' printed below'}; the API answers to the printed credentials.\n`,
    );
  }
  const capture = config.captureFile ? createWriteStream(config.captureFile, { flags: 'a' }) : undefined;
  const sim = new Simulation({
    seed: config.seed,
    clock: config.clock,
    ...(config.clockStart !== undefined && { clockStart: config.clockStart }),
    lifecycle: config.lifecycle,
    rateLimits: config.rateLimits ? {} : false,
    nonceLifetimeSeconds: config.nonceLifetimeSeconds,
    lockout: config.lockout,
    maxBodyBytes: config.maxBodyBytes,
    journalSize: config.journalSize,
    logger,
    ...(config.baseUrl !== undefined && { baseUrl: config.baseUrl }),
    ...(config.defaultVersion !== undefined && { defaultVersion: config.defaultVersion }),
    ...(config.stateFile !== undefined && { stateFile: config.stateFile }),
    ...(config.stateCompactBytes !== undefined && { compactBytes: config.stateCompactBytes }),
    stateSync: config.stateSync,
    retention: config.retention,
    ...(controlToken !== undefined && { controlToken }),
    ...(config.allowedHosts.length && { allowedHosts: config.allowedHosts }),
    ...(capture && { onExchange: (x) => capture.write(JSON.stringify(x) + '\n') }),
  });
  const tls = config.tls ? await ensureTlsMaterial(config.stateDir) : undefined;
  const server = await startServer(sim, { host: config.host, port: config.port, ...(tls && { tls: { cert: tls.cert, key: tls.key } }) });
  const url = server.url;
  const baseUrl = config.baseUrl ?? url;
  if (config.json) {
    process.stdout.write(JSON.stringify({ url, baseUrl, version: SIMULATOR_VERSION, tenant: sim.defaultTenant, caCertPath: tls?.caCertPath ?? null, controlToken: controlToken ?? null }) + '\n');
  } else {
    process.stdout.write(banner(url, baseUrl, sim.defaultTenant, tls, controlToken) + '\n');
  }

  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      logger.info(`${signal}: shutting down`);
      void server.close().then(() => {
        sim.close();
        capture?.end();
        resolve();
      });
      // Keep-alive connections from clients that never hang up must not hold the exit.
      setTimeout(() => server.server.closeAllConnections?.(), 2000).unref();
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`atlas-gov-mock: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  },
);
