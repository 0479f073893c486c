/**
 * Runs scenarios against a target and reports a pass/fail table with an expected-versus-
 * actual diff per failure. The target is any base URL: a simulator (detected through its
 * control plane, `/_mock/health`), the msw face, or the real Atlas for Government.
 *
 * Safety against a real host: writing scenarios run only with `allowWrites`; a write must
 * name the run's unique prefix or address something the run created (WriteGuard), else
 * it is stopped before it leaves; each scenario's cleanups run even when it fails, and a
 * failed cleanup fails the scenario (something was left behind).
 */
import { randomBytes } from 'node:crypto';
import { OPERATIONS } from '../../api/catalog.js';
import { AtlasClient, type HttpResponse, type RecordedExchange } from '../client/http.js';
import { checkExchanges, type CapturedExchange } from '../conformance.js';
import { formatViolation } from '../openapi/formatViolations.js';
import type { OpenApiDocument } from '../openapi/document.js';
import { check, type Mismatch } from './match.js';
import { ScenarioAssertion, type CredentialKind, type Failure, type ResponseExpectation, type Scenario, type ScenarioContext, type WaitOptions } from './types.js';

export interface TargetCredentials {
  oauth?: { clientId: string; clientSecret: string };
  digest?: { publicKey: string; privateKey: string };
}

export interface RunOptions {
  baseUrl: string;
  credentials: TargetCredentials;
  orgId: string;
  scenarios: readonly Scenario[];
  /** Extra CA (PEM) to trust for HTTPS. */
  ca?: string;
  /** Allow scenarios that write against a real host. */
  allowWrites?: boolean;
  /** Run only scenarios that do not write. */
  readOnly?: boolean;
  /** Keep scenarios whose id contains this. */
  only?: string;
  /** Checks every answer against the document too (null: don't). */
  document?: OpenApiDocument | null;
  /** Overrides the detection through `/_mock/health`. */
  isSimulator?: boolean;
  /** Prefix of resource names; default `agm-contract-<time>-<random>-`. */
  prefix?: string;
  log?: (line: string) => void;
  /** Asked before each scenario; true skips the rest (an interrupted run still cleans up the current one). */
  shouldStop?: () => boolean;
}

export type ScenarioStatus = 'passed' | 'failed' | 'skipped';

export interface ScenarioResult {
  id: string;
  title: string;
  operations: readonly string[];
  status: ScenarioStatus;
  durationMs: number;
  failures: Failure[];
  /** Why it was skipped. */
  reason?: string;
  /** Every exchange the scenario made. */
  exchanges: RecordedExchange[];
}

export interface RunReport {
  baseUrl: string;
  isSimulator: boolean;
  prefix: string;
  results: ScenarioResult[];
}

/** Against a real host, writing scenarios were selected without `allowWrites`. */
export class WritesRefused extends Error {
  constructor(readonly scenarios: string[]) {
    super(
      `refusing to run ${scenarios.length} scenario(s) that create or change resources against a real host without --allow-writes: ${scenarios.join(', ')}. ` +
        'They only touch resources named with a unique prefix and delete them afterwards; pass --allow-writes to run them, or --read-only to leave them out.',
    );
  }
}

/** Is the target a simulator? Its control plane answers `/_mock/health` with `status: ok`. */
export async function detectSimulator(client: AtlasClient): Promise<boolean> {
  try {
    const res = await client.raw('GET', '/_mock/health', { Accept: 'application/json' });
    return res.status === 200 && (res.json as { status?: string } | undefined)?.status === 'ok';
  } catch {
    return false;
  }
}

function defaultPrefix(): string {
  const t = new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14);
  return `agm-contract-${t}-${randomBytes(2).toString('hex')}-`;
}

const VND = /^application\/vnd\.atlas\.(\d{4}-\d{2}-\d{2})\+json/;

/** Mismatches of a response against an expectation. */
export function responseMismatches(res: HttpResponse, e: ResponseExpectation): Mismatch[] {
  const out: Mismatch[] = [];
  if (res.status !== e.status) out.push({ path: 'status', expected: String(e.status), actual: `${res.status}${res.text ? ` ${res.text.slice(0, 160)}` : ''}` });
  const ct = res.headers['content-type'];
  const wantCt = e.contentType ?? (e.errorCode ? 'json' : undefined);
  if (wantCt !== undefined) {
    const ok =
      wantCt === 'json' ? ct?.split(';')[0]?.trim() === 'application/json' : wantCt === 'none' ? ct === undefined : typeof wantCt === 'object' ? ct === `application/vnd.atlas.${wantCt.version}+json;charset=utf-8` : ct === wantCt;
    if (!ok) {
      const expected = wantCt === 'json' ? 'application/json' : wantCt === 'none' ? '(absent)' : typeof wantCt === 'object' ? `application/vnd.atlas.${wantCt.version}+json;charset=utf-8` : wantCt;
      out.push({ path: 'header content-type', expected, actual: ct ?? '(absent)' });
    }
  }
  for (const [name, pattern] of Object.entries(e.headers ?? {})) out.push(...check(res.headers[name.toLowerCase()], pattern, `header ${name.toLowerCase()}`));
  if (e.errorCode) {
    const body = res.json as Record<string, unknown> | undefined;
    if (body?.errorCode !== e.errorCode) out.push({ path: '$.errorCode', expected: JSON.stringify(e.errorCode), actual: JSON.stringify(body?.errorCode) });
    if (body?.error !== e.status) out.push({ path: '$.error', expected: String(e.status), actual: JSON.stringify(body?.error) });
    if (typeof body?.detail !== 'string') out.push({ path: '$.detail', expected: 'a string', actual: JSON.stringify(body?.detail) });
    if (res.headers['x-error-code'] !== e.errorCode) out.push({ path: 'header x-error-code', expected: e.errorCode, actual: res.headers['x-error-code'] ?? '(absent)' });
  }
  if ('body' in e) out.push(...check(res.text === '' ? undefined : res.json, e.body));
  if (e.contract) {
    const op = OPERATIONS.find((o) => o.operationId === e.contract);
    const date = VND.exec(ct ?? '')?.[1];
    const v = op?.versions.find((x) => x.date === date);
    if (!op) out.push({ path: 'contract', expected: `catalog operation ${e.contract}`, actual: 'not in the catalog' });
    else if (!v) out.push({ path: 'contract', expected: `a version of ${e.contract} (${op.versions.map((x) => x.date).join(', ')})`, actual: date ?? ct ?? '(no Content-Type)' });
    else if (v.response) {
      const r = v.response.safeParse(res.json);
      if (!r.success) {
        for (const i of r.error.issues) {
          out.push({ path: `$${i.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('')}`, expected: `the ${e.contract} ${v.date} contract`, actual: i.message });
        }
      }
    }
  }
  return out;
}

const toCaptured = (x: RecordedExchange): CapturedExchange => {
  const q = x.path.indexOf('?');
  return { method: x.method, path: q < 0 ? x.path : x.path.slice(0, q), query: q < 0 ? '' : x.path.slice(q + 1), status: x.status, headers: x.headers, body: x.body };
};

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** A write the guard stopped before it reached a real host. */
export class WriteRefused extends Error {}

/**
 * Against a real host, a scenario may create only what is named with the run's prefix,
 * and change or delete only what it created: a write must carry the prefix in its path
 * or body, or address an id this run's writes got back. Reads are free.
 */
class WriteGuard {
  readonly #owned = new Set<string>();
  constructor(readonly prefix: string) {}

  check(method: string, path: string, body: string | undefined): void {
    if (!WRITES.has(method.toUpperCase()) || !path.startsWith('/api/atlas/v2')) return;
    if (path.includes(this.prefix) || body?.includes(this.prefix)) return;
    const segments = path.split(/[/?&=]/).map((x) => decodeURIComponent(x));
    if (segments.some((x) => this.#owned.has(x))) return;
    throw new WriteRefused(
      `refused ${method} ${path}: against a real host scenarios may only create resources named with the run prefix ${this.prefix} and change or delete resources they created`,
    );
  }

  /** Ids in the answer to an allowed write belong to the run. */
  learn(x: RecordedExchange): void {
    if (!WRITES.has(x.method.toUpperCase()) || x.status >= 300 || !x.path.startsWith('/api/atlas/v2')) return;
    try {
      const body = JSON.parse(x.body) as unknown;
      const items = Array.isArray(body) ? body : body && typeof body === 'object' && Array.isArray((body as { results?: unknown }).results) ? (body as { results: unknown[] }).results : [body];
      for (const item of items) {
        const id = item && typeof item === 'object' ? (item as { id?: unknown }).id : undefined;
        if (typeof id === 'string' && id) this.#owned.add(id);
      }
    } catch {
      /* not JSON: nothing to learn */
    }
  }
}

class Run implements ScenarioContext {
  readonly exchanges: RecordedExchange[] = [];
  readonly undo: Array<{ description: string; fn: () => Promise<unknown> }> = [];
  readonly api: AtlasClient;
  readonly oauth: AtlasClient | undefined;
  readonly digest: AtlasClient | undefined;
  readonly anonymous: AtlasClient;
  readonly orgId: string;
  readonly serviceAccount: { clientId: string; clientSecret: string } | undefined;
  readonly target: { baseUrl: string; isSimulator: boolean };
  readonly prefix: string;
  readonly #control: AtlasClient;
  readonly #base: Omit<ConstructorParameters<typeof AtlasClient>[0], 'credentials'>;

  constructor(o: RunOptions, isSimulator: boolean, prefix: string, guard: WriteGuard | undefined) {
    const base = {
      baseUrl: o.baseUrl,
      ...(o.ca && { ca: o.ca }),
      onExchange: (x: RecordedExchange) => {
        this.exchanges.push(x);
        guard?.learn(x);
      },
      ...(guard && { beforeRequest: (method: string, path: string, body: string | undefined) => guard.check(method, path, body) }),
    };
    this.#base = base;
    this.oauth = o.credentials.oauth ? new AtlasClient({ ...base, credentials: { kind: 'oauth', ...o.credentials.oauth } }) : undefined;
    this.digest = o.credentials.digest ? new AtlasClient({ ...base, credentials: { kind: 'digest', ...o.credentials.digest } }) : undefined;
    this.anonymous = new AtlasClient({ ...base, credentials: { kind: 'none' } });
    this.api = (this.oauth ?? this.digest)!;
    this.#control = new AtlasClient({ baseUrl: o.baseUrl, ...(o.ca && { ca: o.ca }), credentials: { kind: 'none' } });
    this.orgId = o.orgId;
    this.serviceAccount = o.credentials.oauth;
    this.target = { baseUrl: o.baseUrl, isSimulator };
    this.prefix = prefix;
  }

  name(suffix: string): string {
    return `${this.prefix}${suffix}`;
  }

  withDigest(credentials: { publicKey: string; privateKey: string }): AtlasClient {
    return new AtlasClient({ ...this.#base, credentials: { kind: 'digest', ...credentials } });
  }

  cleanup(description: string, fn: () => Promise<unknown>): void {
    this.undo.push({ description, fn });
  }

  expectResponse(res: HttpResponse, expected: ResponseExpectation, label?: string): void {
    const mismatches = responseMismatches(res, expected);
    if (mismatches.length) {
      const last = this.exchanges[this.exchanges.length - 1];
      throw new ScenarioAssertion({ label: label ?? (last ? `${last.method} ${last.path} → ${last.status}` : 'response'), mismatches });
    }
  }

  expectMatch(actual: unknown, pattern: unknown, label: string): void {
    const mismatches = check(actual, pattern);
    if (mismatches.length) throw new ScenarioAssertion({ label, mismatches });
  }

  async waitFor<T>(description: string, probe: () => Promise<T | undefined | null | false>, options: WaitOptions = {}): Promise<T> {
    const timeout = options.timeoutSeconds ?? 1800;
    const interval = options.intervalSeconds ?? 10;
    for (let waited = 0; ; waited += interval) {
      const got = await probe();
      if (got) return got;
      if (waited + interval > timeout) break;
      if (this.target.isSimulator) {
        const res = await this.#control.raw('POST', '/_mock/clock/advance', { 'Content-Type': 'application/json' }, JSON.stringify({ seconds: interval }));
        if (res.status !== 200) throw new Error(`moving the simulator clock failed: ${res.status} ${res.text}`);
      } else {
        await new Promise((r) => setTimeout(r, interval * 1000));
      }
    }
    throw new ScenarioAssertion({ label: `waiting for ${description}`, mismatches: [{ path: 'condition', expected: `true within ${timeout} s`, actual: 'still false' }] });
  }

  simulator(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<HttpResponse> {
    if (!this.target.isSimulator) throw new Error(`the control plane (${path}) exists only on a simulator`);
    const headers: Record<string, string> = { Accept: 'application/json', ...(body !== undefined && { 'Content-Type': 'application/json' }) };
    return this.#control.raw(method, path, headers, body === undefined ? undefined : JSON.stringify(body));
  }

  version(operationId: string): string {
    const op = OPERATIONS.find((o) => o.operationId === operationId);
    if (!op) throw new Error(`no catalog operation ${operationId}`);
    return op.versions[op.versions.length - 1]!.date;
  }
}

function missingCredentials(s: Scenario, c: TargetCredentials): CredentialKind[] {
  return (s.needs ?? []).filter((k) => !c[k]);
}

/** Runs the selected scenarios one after another. */
export async function runScenarios(o: RunOptions): Promise<RunReport> {
  if (!o.credentials.oauth && !o.credentials.digest) throw new Error('no credentials: give a service account (client id and secret) or an API key (public and private key)');
  const probe = new AtlasClient({ baseUrl: o.baseUrl, ...(o.ca && { ca: o.ca }), credentials: { kind: 'none' } });
  const isSimulator = o.isSimulator ?? (await detectSimulator(probe));
  const selected = o.scenarios.filter((s) => (!o.only || s.id.includes(o.only)) && !(o.readOnly && s.writes));
  if (!isSimulator && !o.allowWrites) {
    const writing = selected.filter((s) => s.writes).map((s) => s.id);
    if (writing.length) throw new WritesRefused(writing);
  }
  const prefix = o.prefix ?? defaultPrefix();
  const report: RunReport = { baseUrl: o.baseUrl, isSimulator, prefix, results: [] };
  // One guard for the whole run: a later scenario may clean up what an earlier one made.
  const guard = isSimulator ? undefined : new WriteGuard(prefix);
  for (const s of selected) {
    const base = { id: s.id, title: s.title, operations: s.operations };
    const missing = missingCredentials(s, o.credentials);
    const stopped = o.shouldStop?.() ?? false;
    if (stopped || missing.length || (s.simulatorOnly && !isSimulator)) {
      const reason = stopped ? 'interrupted' : missing.length ? `needs ${missing.map((k) => (k === 'oauth' ? 'service-account (OAuth)' : 'API-key (Digest)')).join(' and ')} credentials` : 'runs against a simulator only';
      report.results.push({ ...base, status: 'skipped', durationMs: 0, failures: [], reason, exchanges: [] });
      continue;
    }
    const run = new Run(o, isSimulator, prefix, guard);
    const started = Date.now();
    const failures: Failure[] = [];
    try {
      await s.run(run);
    } catch (e) {
      if (e instanceof ScenarioAssertion) failures.push(e.failure);
      else if (e instanceof WriteRefused) failures.push({ label: 'write refused', mismatches: [{ path: '-', expected: 'a write on a resource of this run', actual: e.message }] });
      else failures.push({ label: 'error', mismatches: [{ path: '-', expected: 'no exception', actual: (e as Error).stack ?? String(e) }] });
    } finally {
      for (const u of run.undo.reverse()) {
        try {
          await u.fn();
        } catch (e) {
          failures.push({ label: `cleanup: ${u.description}`, mismatches: [{ path: '-', expected: 'cleaned up', actual: (e as Error).message }] });
        }
      }
    }
    if (o.document) {
      const conformance = checkExchanges(run.exchanges.map(toCaptured), o.document);
      if (conformance.unexplained.length) {
        failures.push({
          label: 'answers against the official OpenAPI document (contracts/harness/knownDifferences.ts lists the deliberate differences)',
          mismatches: conformance.unexplained.map((f) => ({ path: `${f.exchange.method} ${f.exchange.path}`, expected: 'conforms', actual: formatViolation(f.violation) })),
        });
      }
    }
    const result: ScenarioResult = { ...base, status: failures.length ? 'failed' : 'passed', durationMs: Date.now() - started, failures, exchanges: run.exchanges };
    report.results.push(result);
    o.log?.(`${result.status === 'passed' ? 'PASS' : 'FAIL'} ${s.id}`);
  }
  return report;
}

/** The pass/fail table, then the differences of each failure. */
export function formatRunReport(r: RunReport): string {
  const width = Math.max(8, ...r.results.map((x) => x.id.length));
  const lines = [`Contract scenarios against ${r.baseUrl} (${r.isSimulator ? 'simulator' : 'real host'}; resource prefix ${r.prefix})`, '', `${'scenario'.padEnd(width)}  result   time    operations`];
  for (const x of r.results) {
    const result = x.status === 'passed' ? 'PASS' : x.status === 'failed' ? 'FAIL' : 'SKIP';
    lines.push(`${x.id.padEnd(width)}  ${result.padEnd(7)}  ${`${x.durationMs}ms`.padStart(6)}  ${x.operations.join(', ')}${x.reason ? `  (${x.reason})` : ''}`);
  }
  const count = (s: ScenarioStatus) => r.results.filter((x) => x.status === s).length;
  lines.push('', `${count('passed')} passed, ${count('failed')} failed, ${count('skipped')} skipped`);
  for (const x of r.results.filter((y) => y.status === 'failed')) {
    lines.push('', `✗ ${x.id}: ${x.title}`);
    for (const f of x.failures) {
      lines.push(`    ${f.label}`);
      const w = Math.max(...f.mismatches.map((mm) => mm.path.length));
      for (const mm of f.mismatches) lines.push(`      ${mm.path.padEnd(w)}  expected ${mm.expected}`, `      ${''.padEnd(w)}  actual   ${mm.actual}`);
    }
  }
  return lines.join('\n');
}
