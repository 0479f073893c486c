import { X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';
import { z } from 'zod';
import type { Cluster } from './clusters.js';
import { authMethodOf, mongodbUsername, type DatabaseUser } from './databaseUsers.js';
import { parseDn } from './distinguishedName.js';
import { AtlasError } from './errors.js';
import { scramConversation, SCRAM_MECHANISM } from './passwords.js';
import { processesOfCluster, type Process } from './processes.js';
import { ProjectScopedTable } from './projectScopedTable.js';
import type { World } from './world.js';

/**
 * Database logins and the database access history (`/dbAccessHistory`, Access Tracking).
 *
 * The Administration API never sees a database login; the control plane plays a client
 * logging in to a cluster (`POST /_mock/groups/{groupId}/clusters/{clusterName}/logins`).
 * The login is checked the way mongod checks it, against the stored database user: a
 * whole SCRAM-SHA-256 conversation against the credential the user was created with, or
 * an X.509 certificate whose subject must be the user's distinguished name, valid on the
 * simulation clock and signed by a CA the project trusts for that user. Every attempt, failures included, goes into the
 * project's access history with the username and the client's IP address, as Atlas for
 * Government requires ("logs the username and IP address of every failed login attempt,
 * temporary lockout and failed API Digest authentication").
 *
 * Lockout, decision: mongod has none of its own and Atlas does not publish the one Atlas
 * for Government applies to database users, so the rule it states for console accounts
 * is used: three failures of one username on one cluster within 15 minutes lock that
 * username out of that cluster for 30 minutes. The lockout is itself an entry of the
 * history (and of the host's log); attempts while locked out fail whatever their
 * credentials. Everything is derived from the history, so it survives export and import.
 */
export const DB_LOGIN_LOCKOUT = { maxFailures: 3, windowMs: 15 * 60_000, lockoutMs: 30 * 60_000 } as const;
/** The most entries a project keeps (the API's `nLogs` maximum); older ones are dropped first. */
export const MAX_ACCESS_ENTRIES_PER_PROJECT = 20_000;

export const AccessEntryRecord = z.object({
  id: z.string(),
  groupId: z.string(),
  clusterName: z.string(),
  /** The process that received the attempt (its internal host name) and its port. */
  hostname: z.string(),
  port: z.number(),
  ipAddress: z.string(),
  username: z.string(),
  authSource: z.string(),
  mechanism: z.string(),
  authResult: z.boolean(),
  /** The mongod error, `<CodeName>: <message>`, of a failure. */
  failureReason: z.string().optional(),
  /** MongoDB's error code of a failure (18 AuthenticationFailed, 11 UserNotFound). */
  errorCode: z.number().optional(),
  /** A lockout entry: until when the username is locked out (epoch ms). */
  lockedUntil: z.number().optional(),
  timestamp: z.number(),
  /** mongod's connection number (`ctx: conn<N>`). */
  connection: z.number(),
});
export type AccessEntry = z.infer<typeof AccessEntryRecord>;

/** A client's login, as the control plane describes it. */
export interface LoginAttempt {
  username?: string | undefined;
  password?: string | undefined;
  /** PEM client certificate (MONGODB-X509). */
  certificate?: string | undefined;
  ipAddress: string;
  authSource?: string | undefined;
  /** The host the client reaches (internal name or connection-string alias); default: the cluster's entry point. */
  hostname?: string | undefined;
}

export interface LoginResult {
  authResult: boolean;
  /** The attempt's entry, then the lockout's when this failure started one. */
  entries: AccessEntry[];
}

/** The access history query: `start`/`end` epoch milliseconds as text, `nLogs` the most entries to return. */
export interface AccessFilter {
  readonly authResult?: boolean | undefined;
  readonly start?: string | undefined;
  readonly end?: string | undefined;
  readonly ipAddress?: string | undefined;
  readonly nLogs: number;
}

/** The document's `ipAddress` pattern: an IPv4 address or a full IPv6 one. */
const IP_ADDRESS = /^((25[0-5]|(2[0-4]|1\d|[1-9]|)\d)(\.(?!$)|$)){4}$|^([0-9a-f]{1,4}:){7}[0-9a-f]{1,4}$/;

function epochMs(text: string | undefined, name: string): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d{1,15}$/.test(text)) throw new AtlasError('INVALID_QUERY_PARAMETER', [name]);
  return Number(text);
}

const AUTH_FAILED = 18;
const USER_NOT_FOUND = 11;

/** `CN=a,O=b` and a certificate subject name the same entity when they hold the same attributes. */
function dnKey(dn: string): string | null {
  const rdns = parseDn(dn);
  if (!rdns) return null;
  return rdns
    .flat()
    .map((a) => `${a.type.toUpperCase()}=${a.value}`)
    .sort()
    .join('\0');
}

export class DatabaseAccessLog extends ProjectScopedTable<AccessEntry> {
  constructor(private readonly world: World) {
    super('dbAccessHistory', AccessEntryRecord, (e) => e.id, world.clock);
  }

  /** Plays one login of a client to a cluster, records it, and says whether it succeeded. */
  login(groupId: string, clusterName: string, attempt: LoginAttempt): LoginResult {
    const cluster = this.world.clusters.get(groupId, clusterName);
    if (!cluster.hostsReady) throw new AtlasError('CLUSTER_HOSTNAMES_UNAVAILABLE', [clusterName]);
    if (isIP(attempt.ipAddress) === 0) throw new AtlasError('INVALID_ATTRIBUTE', ['ipAddress'], { detail: 'Invalid attribute ipAddress specified: not an IPv4 or IPv6 address.' });
    const host = this.#host(cluster, attempt.hostname);
    if ((attempt.password === undefined) === (attempt.certificate === undefined)) {
      throw new AtlasError('INVALID_ATTRIBUTE', ['password'], { detail: 'Invalid attribute password specified: give a password (SCRAM-SHA-256) or a certificate (MONGODB-X509), not both.' });
    }
    const now = this.clock.now();
    const x509 = attempt.certificate !== undefined;
    const base = {
      groupId,
      clusterName,
      hostname: host.hostname,
      port: host.port,
      ipAddress: attempt.ipAddress,
      mechanism: x509 ? 'MONGODB-X509' : SCRAM_MECHANISM,
      authSource: attempt.authSource ?? (x509 ? '$external' : 'admin'),
      timestamp: now,
    };
    const verdict = x509 ? this.#checkCertificate(cluster, base.authSource, attempt, now) : this.#checkPassword(cluster, base.authSource, attempt);
    const username = verdict.username;
    const locked = this.lockedUntil(groupId, clusterName, username);
    const outcome: Pick<AccessEntry, 'authResult' | 'failureReason' | 'errorCode'> =
      locked !== undefined
        ? { authResult: false, errorCode: AUTH_FAILED, failureReason: `AuthenticationFailed: user ${username} is temporarily locked out until ${new Date(locked).toISOString()}` }
        : verdict.ok
          ? { authResult: true }
          : { authResult: false, errorCode: verdict.code, failureReason: verdict.reason };
    const entry = this.#add({ ...base, username, ...outcome });
    const entries = [entry];
    if (!entry.authResult && locked === undefined && this.#startsLockout(groupId, clusterName, username, now)) {
      entries.push(
        this.#add({
          ...base,
          username,
          authResult: false,
          errorCode: AUTH_FAILED,
          failureReason: `AuthenticationFailed: user ${username} temporarily locked out after ${DB_LOGIN_LOCKOUT.maxFailures} failed attempts`,
          lockedUntil: now + DB_LOGIN_LOCKOUT.lockoutMs,
        }),
      );
    }
    return { authResult: entry.authResult, entries };
  }

  /** Until when a username is locked out of a cluster, or undefined. */
  lockedUntil(groupId: string, clusterName: string, username: string): number | undefined {
    const now = this.clock.now();
    let until: number | undefined;
    for (const e of this.listIn(groupId)) {
      if (e.lockedUntil !== undefined && e.clusterName === clusterName && e.username === username && e.lockedUntil > now) until = e.lockedUntil;
    }
    return until;
  }

  /** The history of a cluster, newest first, filtered as the API asks. */
  listForCluster(groupId: string, clusterName: string, filter: AccessFilter): AccessEntry[] {
    this.world.clusters.get(groupId, clusterName);
    return this.#filter(groupId, filter, (e) => e.clusterName === clusterName);
  }

  /** The history of one host (internal name or alias), newest first. 404 HOST_NOT_FOUND for a host the project has not. */
  listForHost(groupId: string, hostname: string, filter: AccessFilter): AccessEntry[] {
    const hosts = this.world.processes.byHostname(groupId, hostname);
    if (hosts.length === 0) throw new AtlasError('HOST_NOT_FOUND', [hostname, groupId]);
    const names = new Set(hosts.map((p) => p.hostname));
    return this.#filter(groupId, filter, (e) => names.has(e.hostname));
  }

  /** Entries of processes, oldest first, within [from, to] (host logs). */
  forProcesses(processes: readonly Process[], from: number, to: number): AccessEntry[] {
    if (processes.length === 0) return [];
    const ids = new Set(processes.map((p) => `${p.hostname}:${p.port}`));
    return this.listIn(processes[0]!.groupId).filter((e) => ids.has(`${e.hostname}:${e.port}`) && e.timestamp >= from && e.timestamp <= to);
  }

  /**
   * Filters: `start` and `end` go together (the document: "if you specify start, you must
   * also specify end"; 400 MISSING_QUERY_PARAMETER naming the other), a malformed one or a
   * malformed `ipAddress` is 400 INVALID_QUERY_PARAMETER. `authResult=true` keeps the
   * successes, `false` the failures.
   */
  #filter(groupId: string, q: AccessFilter, where: (e: AccessEntry) => boolean): AccessEntry[] {
    if ((q.start === undefined) !== (q.end === undefined)) throw new AtlasError('MISSING_QUERY_PARAMETER', [q.start === undefined ? 'start' : 'end']);
    if (q.ipAddress !== undefined && !IP_ADDRESS.test(q.ipAddress)) throw new AtlasError('INVALID_QUERY_PARAMETER', ['ipAddress']);
    const f = { ...q, start: epochMs(q.start, 'start'), end: epochMs(q.end, 'end') };
    const out = this.listIn(groupId).filter(
      (e) =>
        where(e) &&
        (f.authResult === undefined || e.authResult === f.authResult) &&
        (f.ipAddress === undefined || e.ipAddress === f.ipAddress) &&
        (f.start === undefined || e.timestamp >= f.start) &&
        (f.end === undefined || e.timestamp <= f.end),
    );
    return out.reverse().slice(0, f.nLogs);
  }

  #add(e: Omit<AccessEntry, 'id' | 'connection'>): AccessEntry {
    // Connection numbers grow per project, as a mongod's do from its start.
    const entry: AccessEntry = { id: this.world.ids.next(), connection: this.countIn(e.groupId) + 1, ...e };
    this.insert(entry);
    if (this.countIn(e.groupId) > MAX_ACCESS_ENTRIES_PER_PROJECT) this.remove(this.listIn(e.groupId)[0]!.id);
    return entry;
  }

  /** True when this failure makes the threshold within the window since the last lockout ended. */
  #startsLockout(groupId: string, clusterName: string, username: string, now: number): boolean {
    let since = now - DB_LOGIN_LOCKOUT.windowMs;
    let failures = 0;
    for (const e of this.listIn(groupId)) {
      if (e.clusterName !== clusterName || e.username !== username) continue;
      if (e.lockedUntil !== undefined) since = Math.max(since, e.lockedUntil);
    }
    for (const e of this.listIn(groupId)) {
      if (e.clusterName === clusterName && e.username === username && e.lockedUntil === undefined && !e.authResult && e.timestamp >= since) failures++;
    }
    return failures >= DB_LOGIN_LOCKOUT.maxFailures;
  }

  /** The process a client reaches: the named host, else the cluster's entry point (primary or first mongos). */
  #host(cluster: Cluster, hostname: string | undefined): Process {
    const all = processesOfCluster(cluster);
    if (hostname === undefined) return all.find((p) => p.typeName === 'REPLICA_PRIMARY' || p.typeName === 'SHARD_MONGOS') ?? all[0]!;
    const named = all.filter((p) => p.hostname === hostname || p.userAlias === hostname);
    const found = named.find((p) => p.typeName === 'SHARD_MONGOS') ?? named[0];
    if (!found) throw new AtlasError('HOST_NOT_FOUND', [hostname, cluster.groupId]);
    return found;
  }

  /** A database user as this cluster knows it: scoped users exist only on their clusters. */
  #user(cluster: Cluster, authSource: string, match: (u: DatabaseUser) => boolean): DatabaseUser | undefined {
    if (authSource !== 'admin' && authSource !== '$external') return undefined;
    return this.world.databaseUsers
      .listIn(cluster.groupId)
      .find((u) => u.databaseName === authSource && match(u) && (u.scopes.length === 0 || u.scopes.some((s) => s.type === 'CLUSTER' && s.name === cluster.name)));
  }

  #checkPassword(cluster: Cluster, authSource: string, a: LoginAttempt): Verdict {
    const username = a.username ?? '';
    if (username === '') throw new AtlasError('MISSING_ATTRIBUTE', ['username']);
    const user = this.#user(cluster, authSource, (u) => u.username === username && authMethodOf(u) === 'SCRAM');
    if (!user?.scram) return { username, ok: false, code: USER_NOT_FOUND, reason: `UserNotFound: Could not find user "${username}" for db "${authSource}"` };
    const nonce = (n: number) => Buffer.from(this.world.random.bytes(n)).toString('base64');
    const outcome = scramConversation(user.scram, username, a.password ?? '', nonce(18), nonce(18));
    return outcome.ok && outcome.serverVerified
      ? { username, ok: true }
      : { username, ok: false, code: AUTH_FAILED, reason: 'AuthenticationFailed: SCRAM authentication failed, storedKey mismatch' };
  }

  /**
   * The CAs a user's certificate must chain to, as mongod's TLS setup on Atlas has them:
   * the project's Atlas-managed CA for managed users (the one that signs
   * `POST …/databaseUsers/{username}/certs`), the project's own CAs
   * (`userSecurity.customerX509.cas`) for self-managed ones.
   */
  #trusted(groupId: string, user: DatabaseUser): X509Certificate[] {
    if (user.x509Type === 'MANAGED') return certificates(this.world.projectCas.find(groupId)?.certPem ?? '');
    return certificates(this.world.projectSecurity.of(groupId).customerX509.cas ?? '');
  }

  #checkCertificate(cluster: Cluster, authSource: string, a: LoginAttempt, now: number): Verdict {
    let cert: X509Certificate;
    try {
      cert = new X509Certificate(a.certificate ?? '');
    } catch {
      throw new AtlasError('INVALID_ATTRIBUTE', ['certificate'], { detail: 'Invalid attribute certificate specified: not a PEM X.509 certificate.' });
    }
    // node gives the subject one attribute a line, most significant first.
    const subject = cert.subject.split('\n').reverse().join(',');
    const username = a.username ?? subject;
    const key = dnKey(subject);
    if (a.username !== undefined && dnKey(a.username) !== key) {
      return { username, ok: false, code: AUTH_FAILED, reason: 'AuthenticationFailed: There is no x.509 client certificate matching the user.' };
    }
    const user = this.#user(cluster, authSource, (u) => (u.x509Type === 'MANAGED' || u.x509Type === 'CUSTOMER') && dnKey(mongodbUsername(u)) === key);
    if (!user) return { username, ok: false, code: USER_NOT_FOUND, reason: `UserNotFound: Could not find user "${username}" for db "${authSource}"` };
    // Logged as mongod names the user: its distinguished name as the user was created.
    const known = mongodbUsername(user);
    if (now < Date.parse(cert.validFrom) || now > Date.parse(cert.validTo)) {
      return { username: known, ok: false, code: AUTH_FAILED, reason: 'AuthenticationFailed: The provided certificate is not valid at this time.' };
    }
    if (!this.#trusted(cluster.groupId, user).some((ca) => cert.checkIssued(ca) && cert.verify(ca.publicKey))) {
      return { username: known, ok: false, code: AUTH_FAILED, reason: 'AuthenticationFailed: SSL peer certificate validation failed: the certificate is not signed by a CA the project trusts.' };
    }
    return { username: known, ok: true };
  }
}

/** Every certificate of a PEM bundle (node parses one at a time). */
function certificates(bundle: string): X509Certificate[] {
  const out: X509Certificate[] = [];
  for (const block of bundle.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? []) {
    try {
      out.push(new X509Certificate(block));
    } catch {
      // A malformed entry trusts nothing.
    }
  }
  return out;
}

type Verdict = { username: string; ok: true } | { username: string; ok: false; code: number; reason: string };

/** The mongod log line (structured JSON, 4.4+) of an entry. */
export function accessLogLine(e: AccessEntry): string {
  const t = { $date: new Date(e.timestamp).toISOString().replace('Z', '+00:00') };
  const client = `${e.ipAddress.includes(':') ? `[${e.ipAddress}]` : e.ipAddress}:${50_000 + (e.connection % 15_000)}`;
  if (e.lockedUntil !== undefined) {
    return JSON.stringify({
      t,
      s: 'W',
      c: 'ACCESS',
      id: 20436,
      ctx: `conn${e.connection}`,
      msg: 'User temporarily locked out after repeated authentication failures',
      attr: { client, user: e.username, db: e.authSource, failedAttempts: DB_LOGIN_LOCKOUT.maxFailures, lockedUntil: { $date: new Date(e.lockedUntil).toISOString().replace('Z', '+00:00') } },
    });
  }
  const attr = {
    client,
    isSpeculative: false,
    isClusterMember: false,
    mechanism: e.mechanism,
    user: e.username,
    db: e.authSource,
    ...(e.authResult ? {} : { error: e.failureReason }),
    result: e.authResult ? 0 : (e.errorCode ?? AUTH_FAILED),
    metrics: {},
    extraInfo: {},
  };
  return JSON.stringify({ t, s: 'I', c: 'ACCESS', id: e.authResult ? 5286306 : 5286307, ctx: `conn${e.connection}`, msg: e.authResult ? 'Successfully authenticated' : 'Failed to authenticate', attr });
}
