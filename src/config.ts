import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { LOG_LEVELS, type LogLevel } from './log.js';
import { LIFECYCLE_KINDS, type Delay, type LifecycleKind } from './sim/lifecycle.js';

/**
 * The command-line interface's options. Each flag has an `ATLAS_MOCK_*` environment
 * variable; a flag wins over its variable, which wins over the default.
 */
interface OptionSpec {
  flag: string;
  env: string;
  type: 'string' | 'boolean';
  /** Shown in --help. */
  help: string;
  default?: string;
}

export const OPTION_SPECS: readonly OptionSpec[] = [
  { flag: 'host', env: 'ATLAS_MOCK_HOST', type: 'string', default: '127.0.0.1', help: 'Interface to listen on (the container image uses 0.0.0.0).' },
  { flag: 'port', env: 'ATLAS_MOCK_PORT', type: 'string', default: '8080', help: 'Port to listen on; 0 picks a free one.' },
  { flag: 'tls', env: 'ATLAS_MOCK_TLS', type: 'boolean', help: 'Serve HTTPS with a local CA and a localhost certificate kept in --state-dir.' },
  { flag: 'state-dir', env: 'ATLAS_MOCK_STATE_DIR', type: 'string', default: join(homedir(), '.atlas-gov-mock'), help: 'Where --tls keeps its CA and certificate.' },
  { flag: 'seed', env: 'ATLAS_MOCK_SEED', type: 'string', default: '20261128', help: 'Seed of all randomness: the same seed gives the same ids and credentials.' },
  { flag: 'base-url', env: 'ATLAS_MOCK_BASE_URL', type: 'string', help: 'Origin used in links[].href (default: the origin each request came in on).' },
  { flag: 'state-file', env: 'ATLAS_MOCK_STATE_FILE', type: 'string', help: 'Load state from this file at start and save every change to it (with a change log beside it, <file>.wal).' },
  { flag: 'state-sync', env: 'ATLAS_MOCK_STATE_SYNC', type: 'string', default: 'write', help: '"write": a change is answered once in the change log (survives kill -9; on disk within 100 ms); "fsync": once on disk (survives power loss, slower).' },
  { flag: 'state-compact-bytes', env: 'ATLAS_MOCK_STATE_COMPACT_BYTES', type: 'string', help: 'Change-log size after which it is folded into a new snapshot (default: twice the snapshot, at least 4 MiB).' },
  { flag: 'control-token', env: 'ATLAS_MOCK_CONTROL_TOKEN', type: 'string', help: 'Secret the control plane (/_mock/) requires as a Bearer token; generated and printed when listening beyond loopback.' },
  { flag: 'allowed-hosts', env: 'ATLAS_MOCK_ALLOWED_HOSTS', type: 'string', help: 'Extra Host names the control plane answers for (comma-separated; "*" for any).' },
  { flag: 'max-events', env: 'ATLAS_MOCK_MAX_EVENTS', type: 'string', default: '10000', help: 'Activity-feed events kept (all organizations); the oldest go first.' },
  { flag: 'max-tokens', env: 'ATLAS_MOCK_MAX_TOKENS', type: 'string', default: '10000', help: 'Access tokens kept on record; expired ones go first, then the oldest.' },
  { flag: 'max-nonces', env: 'ATLAS_MOCK_MAX_NONCES', type: 'string', default: '100000', help: 'Digest nonces kept; expired ones go first, then the oldest.' },
  { flag: 'audit-size', env: 'ATLAS_MOCK_AUDIT_SIZE', type: 'string', default: '10000', help: 'Entries kept in the audit log (/_mock/audit).' },
  { flag: 'log-level', env: 'ATLAS_MOCK_LOG_LEVEL', type: 'string', default: 'info', help: `One of ${LOG_LEVELS.join(', ')}.` },
  { flag: 'default-version', env: 'ATLAS_MOCK_DEFAULT_VERSION', type: 'string', help: 'Lenient mode: API version (YYYY-MM-DD or "latest") for requests whose Accept names none.' },
  { flag: 'clock', env: 'ATLAS_MOCK_CLOCK', type: 'string', default: 'real', help: '"real" follows the wall clock; "manual" moves only through /_mock/clock.' },
  { flag: 'clock-start', env: 'ATLAS_MOCK_CLOCK_START', type: 'string', help: 'Start instant of the clock (ISO-8601).' },
  { flag: 'lifecycle', env: 'ATLAS_MOCK_LIFECYCLE', type: 'string', help: `Lifecycle delays, e.g. "clusterCreate=60,clusterDelete=manual" (kinds: ${LIFECYCLE_KINDS.join(', ')}).` },
  { flag: 'rate-limits', env: 'ATLAS_MOCK_RATE_LIMITS', type: 'string', default: 'on', help: '"on" (Atlas token buckets) or "off".' },
  { flag: 'nonce-lifetime', env: 'ATLAS_MOCK_NONCE_LIFETIME', type: 'string', default: '300', help: 'Seconds a Digest nonce stays valid (then stale=true).' },
  { flag: 'lockout-max-failures', env: 'ATLAS_MOCK_LOCKOUT_MAX_FAILURES', type: 'string', default: '10', help: 'Failed authentications that lock a principal out (0 disables).' },
  { flag: 'lockout-window', env: 'ATLAS_MOCK_LOCKOUT_WINDOW', type: 'string', default: '300', help: 'Seconds within which those failures count.' },
  { flag: 'lockout-duration', env: 'ATLAS_MOCK_LOCKOUT_DURATION', type: 'string', default: '900', help: 'Seconds a locked-out principal is refused.' },
  { flag: 'max-body-bytes', env: 'ATLAS_MOCK_MAX_BODY_BYTES', type: 'string', default: '1048576', help: 'Largest request body accepted.' },
  { flag: 'journal-size', env: 'ATLAS_MOCK_JOURNAL_SIZE', type: 'string', default: '1000', help: 'Requests kept in the journal (/_mock/requests).' },
  { flag: 'capture-file', env: 'ATLAS_MOCK_CAPTURE_FILE', type: 'string', help: 'Append every /api exchange to this file as JSON lines.' },
  { flag: 'json', env: 'ATLAS_MOCK_JSON', type: 'boolean', help: 'Print the start-up information as one JSON line instead of text.' },
  { flag: 'help', env: '', type: 'boolean', help: 'Show this help.' },
  { flag: 'version', env: '', type: 'boolean', help: 'Show the version.' },
];

export interface CliConfig {
  host: string;
  port: number;
  tls: boolean;
  stateDir: string;
  seed: string;
  baseUrl?: string;
  stateFile?: string;
  stateCompactBytes?: number;
  stateSync: 'write' | 'fsync';
  controlToken?: string;
  allowedHosts: string[];
  retention: { events: number; tokens: number; nonces: number; audit: number };
  logLevel: LogLevel;
  defaultVersion?: string;
  clock: 'real' | 'manual';
  clockStart?: string;
  lifecycle: Partial<Record<LifecycleKind, Delay>>;
  rateLimits: boolean;
  nonceLifetimeSeconds: number;
  lockout: { maxFailures: number; windowSeconds: number; lockoutSeconds: number };
  maxBodyBytes: number;
  journalSize: number;
  captureFile?: string;
  json: boolean;
  help: boolean;
  version: boolean;
}

export class ConfigError extends Error {}

function int(name: string, value: string, min: number, max: number): number {
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) throw new ConfigError(`--${name} must be an integer from ${min} to ${max}, got "${value}"`);
  return Number(value);
}

function lifecycle(value: string | undefined): Partial<Record<LifecycleKind, Delay>> {
  const out: Partial<Record<LifecycleKind, Delay>> = {};
  if (!value) return out;
  for (const part of value.split(',').map((p) => p.trim()).filter(Boolean)) {
    const [k, v] = part.split('=');
    if (!k || v === undefined || !(LIFECYCLE_KINDS as readonly string[]).includes(k)) throw new ConfigError(`--lifecycle: unknown entry "${part}"`);
    out[k as LifecycleKind] = v === 'manual' ? 'manual' : int('lifecycle', v, 0, 365 * 86400);
  }
  return out;
}

/** Reads flags and environment into a checked configuration; throws ConfigError on bad values. */
export function parseConfig(argv: string[], env: NodeJS.ProcessEnv): CliConfig {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: argv,
      options: Object.fromEntries(OPTION_SPECS.map((o) => [o.flag, { type: o.type }])),
      strict: true,
      allowPositionals: false,
    });
  } catch (e) {
    throw new ConfigError((e as Error).message);
  }
  const v = parsed.values as Record<string, string | boolean | undefined>;
  const get = (flag: string): string | undefined => {
    const spec = OPTION_SPECS.find((o) => o.flag === flag)!;
    const given = v[flag];
    if (typeof given === 'string') return given;
    if (spec.env && env[spec.env] !== undefined && env[spec.env] !== '') return env[spec.env];
    return spec.default;
  };
  const bool = (flag: string): boolean => {
    if (v[flag] === true) return true;
    const spec = OPTION_SPECS.find((o) => o.flag === flag)!;
    const e = spec.env ? env[spec.env] : undefined;
    return e !== undefined && /^(1|true|yes|on)$/i.test(e);
  };
  const logLevel = get('log-level')!;
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) throw new ConfigError(`--log-level must be one of ${LOG_LEVELS.join(', ')}`);
  const clock = get('clock');
  if (clock !== 'real' && clock !== 'manual') throw new ConfigError('--clock must be "real" or "manual"');
  const rateLimits = get('rate-limits');
  if (rateLimits !== 'on' && rateLimits !== 'off') throw new ConfigError('--rate-limits must be "on" or "off"');
  const defaultVersion = get('default-version');
  if (defaultVersion !== undefined && defaultVersion !== 'latest' && !/^\d{4}-\d{2}-\d{2}$/.test(defaultVersion)) {
    throw new ConfigError('--default-version must be YYYY-MM-DD or "latest"');
  }
  const baseUrl = get('base-url');
  if (baseUrl !== undefined && !/^https?:\/\/[^/\s]+$/.test(baseUrl.replace(/\/+$/, ''))) throw new ConfigError('--base-url must be an origin like https://host:port');
  const clockStart = get('clock-start');
  if (clockStart !== undefined && !Number.isFinite(Date.parse(clockStart))) throw new ConfigError('--clock-start must be an ISO-8601 instant');
  const compactBytes = get('state-compact-bytes');
  const stateSync = get('state-sync');
  if (stateSync !== 'write' && stateSync !== 'fsync') throw new ConfigError('--state-sync must be "write" or "fsync"');
  const controlToken = get('control-token');
  if (controlToken !== undefined && !/^[\x21-\x7e]{16,512}$/.test(controlToken)) throw new ConfigError('--control-token must be 16 to 512 printable characters without spaces');
  const optional = <T>(key: string, value: T | undefined): Record<string, T> => (value === undefined ? {} : { [key]: value });
  return {
    host: get('host')!,
    port: int('port', get('port')!, 0, 65535),
    tls: bool('tls'),
    stateDir: get('state-dir')!,
    seed: get('seed')!,
    logLevel: logLevel as LogLevel,
    clock,
    lifecycle: lifecycle(get('lifecycle')),
    rateLimits: rateLimits === 'on',
    nonceLifetimeSeconds: int('nonce-lifetime', get('nonce-lifetime')!, 1, 86400 * 365),
    lockout: {
      maxFailures: int('lockout-max-failures', get('lockout-max-failures')!, 0, 1_000_000),
      windowSeconds: int('lockout-window', get('lockout-window')!, 1, 86400 * 365),
      lockoutSeconds: int('lockout-duration', get('lockout-duration')!, 1, 86400 * 365),
    },
    maxBodyBytes: int('max-body-bytes', get('max-body-bytes')!, 1024, 1024 * 1024 * 1024),
    journalSize: int('journal-size', get('journal-size')!, 0, 1_000_000),
    stateSync,
    allowedHosts: (get('allowed-hosts') ?? '').split(',').map((h) => h.trim()).filter(Boolean),
    retention: {
      events: int('max-events', get('max-events')!, 1, 10_000_000),
      tokens: int('max-tokens', get('max-tokens')!, 1, 10_000_000),
      nonces: int('max-nonces', get('max-nonces')!, 1, 10_000_000),
      audit: int('audit-size', get('audit-size')!, 0, 10_000_000),
    },
    json: bool('json'),
    help: bool('help'),
    version: bool('version'),
    ...optional('baseUrl', baseUrl?.replace(/\/+$/, '')),
    ...optional('stateFile', get('state-file')),
    ...optional('controlToken', controlToken),
    ...optional('stateCompactBytes', compactBytes === undefined ? undefined : int('state-compact-bytes', compactBytes, 4096, 1024 * 1024 * 1024)),
    ...optional('defaultVersion', defaultVersion),
    ...optional('clockStart', clockStart),
    ...optional('captureFile', get('capture-file')),
  };
}

export function helpText(): string {
  const lines = [
    'atlas-gov-mock: an offline simulator of the MongoDB Atlas for Government Administration API v2.',
    '',
    'Usage: atlas-gov-mock [options]',
    '',
    'Options (each also an environment variable; a flag wins):',
  ];
  for (const o of OPTION_SPECS) {
    const name = `--${o.flag}${o.type === 'string' ? ' <value>' : ''}`;
    lines.push(`  ${name.padEnd(30)} ${o.help}`);
    const extra = [o.env && `env ${o.env}`, o.default !== undefined && `default ${o.default}`].filter(Boolean).join('; ');
    if (extra) lines.push(`  ${''.padEnd(30)} (${extra})`);
  }
  lines.push('', 'Control plane: GET /_mock lists its routes (health, tenants, reset, clock, state, requests, audit, faults, ...).');
  return lines.join('\n');
}
