/**
 * The official MongoDB MCP server (npm `mongodb-mcp-server`) driven over stdio against the
 * standalone server in HTTPS mode, with exactly the README's recipe: `--tls`, the printed
 * CA in SSL_CERT_FILE, base URL and service account in MDB_MCP_API_*. The package is
 * large (hundreds of MB), so it is no dependency of the project: `.ci/run` installs it and
 * names it in ATLAS_MOCK_TEST_MCP_SERVER; elsewhere the test is skipped, and said so at
 * the end of the run.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Agent, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCli, type RunningCli } from '../support/cli.js';
import { noteSkip } from '../support/skips.js';

/** A control-plane call to the running simulator (JSON both ways); fails the test on an error status. */
async function control(cli: RunningCli, method: string, route: string, body?: unknown): Promise<any> {
  const dispatcher = new Agent({ connect: { ca: readFileSync(cli.caCertPath!) } });
  const res = await request(`${cli.url}/_mock${route}`, { method: method as 'POST', dispatcher, headers: { 'content-type': 'application/json' }, ...(body !== undefined && { body: JSON.stringify(body) }) });
  const text = await res.body.text();
  expect(res.statusCode, text).toBeLessThan(300);
  return text ? JSON.parse(text) : undefined;
}

/** The MCP server's entry point: ATLAS_MOCK_TEST_MCP_SERVER, else one installed next to the project. */
function mcpEntry(): string | undefined {
  const given = process.env.ATLAS_MOCK_TEST_MCP_SERVER;
  if (given) return existsSync(given) ? given : undefined;
  try {
    const pkg = createRequire(import.meta.url).resolve('mongodb-mcp-server/package.json');
    return path.join(path.dirname(pkg), 'dist/esm/index.js');
  } catch {
    return undefined;
  }
}

/** A minimal MCP client: JSON-RPC 2.0, one message per line on the server's stdin/stdout. */
class StdioClient {
  private nextId = 1;
  private buffer = '';
  private readonly waiting = new Map<number, (msg: any) => void>();
  stderr = '';

  constructor(readonly proc: ChildProcess) {
    proc.stdout!.setEncoding('utf8');
    proc.stdout!.on('data', (chunk: string) => {
      this.buffer += chunk;
      for (let nl = this.buffer.indexOf('\n'); nl >= 0; nl = this.buffer.indexOf('\n')) {
        const line = this.buffer.slice(0, nl).trim();
        this.buffer = this.buffer.slice(nl + 1);
        if (!line) continue;
        const msg = JSON.parse(line);
        if (typeof msg.id === 'number' && this.waiting.has(msg.id)) {
          this.waiting.get(msg.id)!(msg);
          this.waiting.delete(msg.id);
        }
      }
    });
    proc.stderr!.on('data', (d) => (this.stderr += d));
  }

  request(method: string, params: object = {}): Promise<any> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${method}: no answer in 30 s; stderr: ${this.stderr.slice(-2000)}`)), 30_000);
      this.waiting.set(id, (msg) => {
        clearTimeout(timer);
        if (msg.error) reject(new Error(`${method}: ${JSON.stringify(msg.error)}`));
        else resolve(msg.result);
      });
      this.proc.stdin!.write(`${JSON.stringify({ jsonrpc: '2.0', id, method, params })}\n`);
    });
  }

  notify(method: string, params: object = {}): void {
    this.proc.stdin!.write(`${JSON.stringify({ jsonrpc: '2.0', method, params })}\n`);
  }

  /** Calls a tool; answers its text and structured content, failing on a tool error. */
  async tool(name: string, args: object): Promise<{ text: string; structured: any }> {
    const r = await this.request('tools/call', { name, arguments: args });
    const text = (r.content ?? []).map((c: { text?: string }) => c.text ?? '').join('\n');
    if (r.isError) throw new Error(`${name} failed: ${text}`);
    return { text, structured: r.structuredContent };
  }
}

const entry = mcpEntry();

describe.skipIf(!entry)('the official MongoDB MCP server, as the README runs it', () => {
  let cli: RunningCli;
  let stateDir: string;
  let mcp: StdioClient;
  beforeAll(async () => {
    stateDir = mkdtempSync(path.join(tmpdir(), 'mcp-tls-'));
    cli = await startCli(['--tls', '--state-dir', stateDir]);
    const t = cli.tenant;
    // The README's recipe, word for word: the HTTPS base URL, the CA in SSL_CERT_FILE, the service account.
    const proc = spawn(process.execPath, [entry!], {
      env: {
        PATH: process.env.PATH,
        HOME: stateDir,
        SSL_CERT_FILE: cli.caCertPath!,
        MDB_MCP_API_BASE_URL: cli.url,
        MDB_MCP_API_CLIENT_ID: t.serviceAccount.clientId,
        MDB_MCP_API_CLIENT_SECRET: t.serviceAccount.clientSecret,
        MDB_MCP_TELEMETRY: 'disabled',
        DO_NOT_TRACK: '1',
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    mcp = new StdioClient(proc);
    await mcp.request('initialize', { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'atlas-gov-mock-test', version: '1' } });
    mcp.notify('notifications/initialized');
  });
  afterAll(async () => {
    mcp?.proc.kill();
    await cli?.stop();
    rmSync(stateDir, { recursive: true, force: true });
  });

  it('lists the Atlas tools', async () => {
    const { tools } = await mcp.request('tools/list');
    const names = (tools as { name: string }[]).map((t) => t.name);
    expect(names).toEqual(expect.arrayContaining(['atlas-list-orgs', 'atlas-list-projects', 'atlas-create-project', 'atlas-create-cluster', 'atlas-create-db-user', 'atlas-create-access-list']));
  });

  it('lists organizations and projects, creates a project, a cluster, a database user and an access-list entry', async () => {
    const t = cli.tenant;
    expect((await mcp.tool('atlas-list-orgs', {})).text).toContain(t.orgId);
    expect((await mcp.tool('atlas-create-project', { orgId: t.orgId, projectName: 'mcp-project' })).text).toContain('mcp-project');
    const listed = await mcp.tool('atlas-list-projects', { orgId: t.orgId });
    const project = (listed.structured.projects as { name: string; id: string }[]).find((p) => p.name === 'mcp-project');
    expect(project?.id).toMatch(/^[0-9a-f]{24}$/);
    const projectId = project!.id;

    // Atlas for Government: M30 (the tool's M10 default does not exist there) in a FedRAMP Moderate region, the project's default designation.
    const cluster = await mcp.tool('atlas-create-cluster', {
      projectId,
      clusterName: 'mcp-cluster',
      provider: 'AWS',
      regions: ['US_EAST_1'],
      instanceSize: 'M30',
      encryptionAtRestProvider: 'NONE',
    });
    expect(cluster.text).toContain('is being created');
    const inspected = await mcp.tool('atlas-inspect-cluster', { projectId, clusterName: 'mcp-cluster' });
    expect(inspected.structured).toMatchObject({ name: 'mcp-cluster', instanceSize: 'M30', state: 'CREATING' });

    const user = await mcp.tool('atlas-create-db-user', { projectId, username: 'mcp-user', roles: [{ roleName: 'readWrite', databaseName: 'app' }] });
    expect(user.text).toContain('mcp-user');
    const access = await mcp.tool('atlas-create-access-list', { projectId, ipAddresses: ['203.0.113.7'], comment: 'from MCP' });
    expect(access.text).toContain('IP/CIDR ranges added to access list');

    // What the tools asked for is what the simulator did.
    const journal = await request(`${cli.url}/_mock/requests`, { dispatcher: new Agent({ connect: { ca: readFileSync(cli.caCertPath!) } }) });
    const { requests } = (await journal.body.json()) as { requests: { operationId?: string; status: number }[] };
    const byOperation = new Map(requests.map((r) => [r.operationId, r.status]));
    expect(Object.fromEntries(['createProject', 'createCluster', 'createDatabaseUser', 'createProjectIpAccessList'].map((op) => [op, byOperation.get(op)]))).toEqual({
      createProject: 201,
      createCluster: 201,
      createDatabaseUser: 201,
      createProjectIpAccessList: 201,
    });
  });

  it('creates a cluster with the tool’s defaults, which first read the project’s encryption at rest', async () => {
    const t = cli.tenant;
    expect((await mcp.tool('atlas-create-project', { orgId: t.orgId, projectName: 'mcp-defaults' })).text).toContain('mcp-defaults');
    const listed = await mcp.tool('atlas-list-projects', { orgId: t.orgId });
    const projectId = (listed.structured.projects as { name: string; id: string }[]).find((p) => p.name === 'mcp-defaults')!.id;

    // Only the size is given: the tool's default (M10 in a project with fewer than two
    // clusters) does not exist in Atlas for Government. Everything else is the tool's:
    // compute and disk auto-scaling, snapshot backups, the latest MongoDB, and, without
    // encryptionAtRestProvider, the provider's key management if the project has a valid one.
    const created = await mcp.tool('atlas-create-cluster', { projectId, clusterName: 'mcp-defaults', provider: 'AWS', regions: ['US_EAST_1'], instanceSize: 'M30' });
    expect(created.text).toContain('is being created');
    expect(created.structured).toMatchObject({ instanceSize: 'M30', backup: 'SNAPSHOT', computeAutoScaling: true, mongoDBVersion: 'LATEST', encryptionAtRestProvider: 'NONE' });
    const inspected = await mcp.tool('atlas-inspect-cluster', { projectId, clusterName: 'mcp-defaults' });
    expect(inspected.structured).toMatchObject({ name: 'mcp-defaults', instanceSize: 'M30', state: 'CREATING' });

    const journal = await request(`${cli.url}/_mock/requests`, { dispatcher: new Agent({ connect: { ca: readFileSync(cli.caCertPath!) } }) });
    const { requests } = (await journal.body.json()) as { requests: { operationId?: string; status: number; path?: string }[] };
    const mine = requests.filter((r) => r.path?.includes(projectId));
    expect(mine.filter((r) => r.operationId === 'getEncryptionAtRest').map((r) => r.status)).toEqual([200]);
    expect(mine.filter((r) => r.operationId === 'createCluster').map((r) => r.status)).toEqual([201]);
  });

  it('lists the alerts a condition raised, and loads sample data into a cluster', async () => {
    const listed = await mcp.tool('atlas-list-projects', { orgId: cli.tenant.orgId });
    const projectId = (listed.structured.projects as { name: string; id: string }[]).find((p) => p.name === 'mcp-project')!.id;
    await control(cli, 'POST', '/lifecycle/complete', { all: true });

    // Nothing raised yet; then a primary lost past the default configuration's 15 minutes.
    expect((await mcp.tool('atlas-list-alerts', { projectId })).structured.alerts ?? []).toEqual([]);
    await control(cli, 'POST', `/groups/${projectId}/alertConditions`, { eventTypeName: 'NO_PRIMARY', clusterName: 'mcp-cluster', replicaSetName: 'atlas-rs-0' });
    expect((await mcp.tool('atlas-list-alerts', { projectId, status: 'TRACKING' })).structured.alerts).toEqual([expect.objectContaining({ eventTypeName: 'NO_PRIMARY', status: 'TRACKING' })]);
    await control(cli, 'POST', '/clock/advance', { seconds: 16 * 60 });
    expect((await mcp.tool('atlas-list-alerts', { projectId })).structured.alerts).toEqual([expect.objectContaining({ eventTypeName: 'NO_PRIMARY', status: 'OPEN' })]);

    // A sample data load: WORKING when asked for, COMPLETED once its lifecycle finishes.
    const started = await mcp.tool('atlas-load-sample-dataset', { projectId, clusterName: 'mcp-cluster' });
    expect(started.structured).toMatchObject({ clusterName: 'mcp-cluster', state: 'WORKING' });
    await control(cli, 'POST', '/lifecycle/complete', { all: true });
    const done = await mcp.tool('atlas-load-sample-dataset', { projectId, jobId: started.structured.jobId });
    expect(done.structured).toMatchObject({ jobId: started.structured.jobId, state: 'COMPLETED' });
  });

  it('gets Performance Advisor recommendations derived from slow queries the control plane injected', async () => {
    const t = cli.tenant;
    const agent = new Agent({ connect: { ca: readFileSync(cli.caCertPath!) } });
    const listed = await mcp.tool('atlas-list-projects', { orgId: t.orgId });
    const projectId = (listed.structured.projects as { name: string; id: string }[]).find((p) => p.name === 'mcp-project')!.id;

    // A fresh cluster: Atlas has nothing to recommend yet, and the tool says so.
    await control(cli, 'POST', '/lifecycle/complete', { all: true });
    const empty = await mcp.tool('atlas-get-performance-advisor', { projectId, clusterName: 'mcp-cluster' });
    expect(empty.text).toContain('No performance advisor recommendations found.');

    // Slow operations on the cluster's primary, and an index built in a rolling manner that no slow query uses.
    await control(cli, 'POST', `/groups/${projectId}/clusters/mcp-cluster/slowQueries`, {
      queries: [
        { namespace: 'shop.orders', filter: { status: 'A', total: { $gt: 100 } }, sort: { created: -1 }, millis: 900 },
        { namespace: 'shop.orders', filter: { status: 'B', total: { $gt: 5 } }, sort: { created: -1 }, millis: 700 },
        { namespace: 'shop.users', filter: { name: { $regex: '^al', $options: 'i' } }, millis: 300 },
      ],
    });
    await control(cli, 'POST', '/clock/advance', { seconds: 1 });
    const advice = await mcp.tool('atlas-get-performance-advisor', { projectId, clusterName: 'mcp-cluster' });
    expect(advice.text).toContain('## Suggested Indexes');
    expect(advice.structured.suggestedIndexes).toEqual(
      expect.arrayContaining([expect.objectContaining({ namespace: 'shop.orders', index: [{ status: 1 }, { created: -1 }, { total: 1 }], weight: 1600 })]),
    );
    expect(advice.structured.slowQueryLogs).toHaveLength(3);
    expect(JSON.parse(advice.structured.slowQueryLogs[0].line)).toMatchObject({ msg: 'Slow query', attr: { ns: 'shop.orders', durationMillis: 900 } });
    expect(advice.structured.schemaSuggestions).toEqual([expect.objectContaining({ recommendation: 'OPTIMIZE_CASE_INSENSITIVE_REGEX_QUERIES' })]);
    expect(advice.structured.dropIndexSuggestions).toEqual({ hiddenIndexes: [], redundantIndexes: [], unusedIndexes: [] });

    // The journal shows the tool's seven calls answered.
    const journal = await request(`${cli.url}/_mock/requests`, { dispatcher: agent });
    const { requests } = (await journal.body.json()) as { requests: { operationId?: string; status: number }[] };
    const statuses = new Map<string, number[]>();
    for (const r of requests) if (r.operationId) statuses.set(r.operationId, [...(statuses.get(r.operationId) ?? []), r.status]);
    for (const op of ['listClusterSuggestedIndexes', 'listDropIndexes', 'listSchemaAdvice', 'getCluster', 'listSlowQueries']) {
      expect(statuses.get(op)?.every((s) => s === 200), op).toBe(true);
    }
    expect(statuses.get('listSlowQueries')!.length).toBeGreaterThanOrEqual(3);
  });
});

if (!entry) {
  describe('the official MongoDB MCP server', () => {
    it.skip('skipped: mongodb-mcp-server is not installed (.ci/run installs it; or npm install --no-save mongodb-mcp-server)', () => undefined);
  });
  noteSkip(['mongodb-mcp-server'], 'the MongoDB MCP server test');
}
