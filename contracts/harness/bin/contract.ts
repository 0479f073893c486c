/**
 * `npm run contract -- [--target <base-url>] [--allow-writes | --read-only] [--only <id part>]
 *   [--ca <pem>] [--no-openapi] [--list]`
 *
 * Runs the contract scenarios against a target and prints a pass/fail table, then an
 * expected-versus-actual diff per failure. Without `--target`, against a simulator it
 * starts itself. Credentials come from the environment: ATLAS_CLIENT_ID and
 * ATLAS_CLIENT_SECRET (service account) and/or ATLAS_PUBLIC_KEY and ATLAS_PRIVATE_KEY
 * (API key), plus ATLAS_ORG_ID. Against a simulator given no credentials, a fresh tenant
 * is made through its control plane and removed afterwards.
 *
 * Exit codes: 0 every scenario passed (or was skipped), 1 a scenario failed, 2 bad usage,
 * missing credentials, or writes refused against a real host.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { AtlasClient } from '../client/http.js';
import { loadOpenApiDocument, type OpenApiDocument } from '../openapi/document.js';
import { SCENARIOS } from '../scenarios/index.js';
import { detectSimulator, formatRunReport, runScenarios, WritesRefused, type TargetCredentials } from '../scenarios/runner.js';
import { startOwnSimulator } from '../scenarios/target.js';

const USAGE = `usage: npm run contract -- [--target <base-url>] [--allow-writes | --read-only] [--only <scenario id part>] [--ca <pem file>] [--no-openapi] [--list]

  --target        base URL of the API host, e.g. https://cloud.mongodbgov.com (default: a simulator started here)
  --allow-writes  let scenarios create and delete resources (named with a unique prefix) on a real host
  --read-only     leave out the scenarios that write
  --ca            extra CA certificate to trust (NODE_EXTRA_CA_CERTS works too)
  --no-openapi    do not check the answers against the official OpenAPI document

environment: ATLAS_CLIENT_ID + ATLAS_CLIENT_SECRET and/or ATLAS_PUBLIC_KEY + ATLAS_PRIVATE_KEY, and ATLAS_ORG_ID`;

function envCredentials(env: NodeJS.ProcessEnv): TargetCredentials {
  const c: TargetCredentials = {};
  if (env.ATLAS_CLIENT_ID && env.ATLAS_CLIENT_SECRET) c.oauth = { clientId: env.ATLAS_CLIENT_ID, clientSecret: env.ATLAS_CLIENT_SECRET };
  if (env.ATLAS_PUBLIC_KEY && env.ATLAS_PRIVATE_KEY) c.digest = { publicKey: env.ATLAS_PUBLIC_KEY, privateKey: env.ATLAS_PRIVATE_KEY };
  return c;
}

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        target: { type: 'string' },
        'allow-writes': { type: 'boolean', default: false },
        'read-only': { type: 'boolean', default: false },
        only: { type: 'string' },
        ca: { type: 'string' },
        'no-openapi': { type: 'boolean', default: false },
        list: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (values.list) {
    for (const s of SCENARIOS) process.stdout.write(`${s.id.padEnd(36)} ${s.writes ? 'writes ' : '       '} ${s.operations.join(', ')}\n`);
    return 0;
  }
  let document: OpenApiDocument | null = null;
  if (!values['no-openapi']) {
    try {
      document = loadOpenApiDocument();
    } catch (e) {
      process.stderr.write(`answers will not be checked against the OpenAPI document: ${(e as Error).message}\n`);
    }
  }
  const ca = values.ca ? readFileSync(values.ca, 'utf8') : undefined;
  const cleanups: Array<() => Promise<unknown>> = [];
  let baseUrl: string;
  let credentials: TargetCredentials;
  let orgId: string | undefined;
  try {
    if (!values.target) {
      const own = await startOwnSimulator();
      cleanups.push(() => own.close());
      ({ baseUrl, credentials, orgId } = own);
    } else {
      baseUrl = values.target.replace(/\/+$/, '');
      credentials = envCredentials(process.env);
      orgId = process.env.ATLAS_ORG_ID;
      const control = new AtlasClient({ baseUrl, ...(ca && { ca }), credentials: { kind: 'none' } });
      const simulator = await detectSimulator(control);
      if (!credentials.oauth && !credentials.digest) {
        if (!simulator) {
          process.stderr.write(`${baseUrl} is not a simulator and no credentials are set.\n${USAGE}\n`);
          return 2;
        }
        // A tenant of its own, so that the run shares nothing with other users of that simulator.
        const made = await control.raw('POST', '/_mock/tenants', { 'Content-Type': 'application/json' }, JSON.stringify({ name: 'Contract scenarios' }));
        if (made.status !== 201) throw new Error(`creating a tenant on the simulator failed: ${made.status} ${made.text}`);
        const t = made.json as { orgId: string; serviceAccount: { clientId: string; clientSecret: string }; apiKey: { publicKey: string; privateKey: string } };
        credentials = { oauth: { clientId: t.serviceAccount.clientId, clientSecret: t.serviceAccount.clientSecret }, digest: { publicKey: t.apiKey.publicKey, privateKey: t.apiKey.privateKey } };
        orgId = t.orgId;
        cleanups.push(() => control.raw('DELETE', `/_mock/tenants/${t.orgId}`));
      } else if (!orgId) {
        process.stderr.write('ATLAS_ORG_ID is not set: the scenarios need the organization they may work in.\n');
        return 2;
      }
    }
    let stopping = false;
    process.on('SIGINT', () => {
      if (stopping) process.exit(130);
      stopping = true;
      process.stderr.write('\ninterrupted: finishing the current scenario and its cleanup (Ctrl-C again to exit now)\n');
    });
    const report = await runScenarios({
      baseUrl,
      credentials,
      orgId: orgId!,
      scenarios: SCENARIOS,
      shouldStop: () => stopping,
      ...(ca && { ca }),
      allowWrites: values['allow-writes'],
      readOnly: values['read-only'],
      ...(values.only && { only: values.only }),
      document,
    });
    process.stdout.write(formatRunReport(report) + '\n');
    return report.results.some((r) => r.status === 'failed') ? 1 : 0;
  } catch (e) {
    if (e instanceof WritesRefused) {
      process.stderr.write(`${e.message}\n`);
      return 2;
    }
    throw e;
  } finally {
    for (const c of cleanups.reverse()) await c().catch((e: unknown) => process.stderr.write(`cleanup failed: ${(e as Error).message}\n`));
  }
}

main().then(
  (code) => (process.exitCode = code),
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  },
);
