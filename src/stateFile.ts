import { closeSync, existsSync, fdatasync, fsyncSync, ftruncateSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { promises as fsp } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { crc32 } from 'node:zlib';
import { z } from 'zod';
import { MAX_CLOCK_MS } from './sim/clock.js';
import type { RowChange } from './sim/table.js';
import { WORLD_STATE_FORMAT, type WorldState } from './sim/world.js';

/** What the simulation saves besides the world: which tenant is the default one. */
export type PersistedState = WorldState & { defaultTenantOrgId?: string };

/** The parts of the state that are not rows: saved whole with every change, they are small. */
export type StateHead = Omit<PersistedState, 'slices'>;

const Delay = z.union([z.number().finite().nonnegative(), z.literal('manual')]);

const HeadShape = {
  clockMs: z.number().min(0).max(MAX_CLOCK_MS),
  // Words of the generator, signed or unsigned 32-bit (restore normalises them).
  random: z.array(z.number().int().min(-0x80000000).max(0xffffffff)).length(4),
  ids: z.strictObject({ machine: z.string().regex(/^[a-f0-9]{10}$/), counter: z.number().int().nonnegative() }),
  lifecycle: z.record(z.string(), Delay),
  defaultTenantOrgId: z.string().optional(),
};

/** An exported state (`GET /_mock/state`, and the snapshot part of a state file). */
export const StateSchema = z.looseObject({
  format: z.literal(WORLD_STATE_FORMAT),
  ...HeadShape,
  slices: z.record(z.string(), z.array(z.unknown())),
});

/** A snapshot as the state file holds it: an export, plus where its change log starts. */
const SnapshotSchema = StateSchema.extend({
  /** Last change-log record the snapshot includes. */
  walSeq: z.number().int().nonnegative().optional(),
  /** How many times the simulator has started from this file. */
  boots: z.number().int().nonnegative().optional(),
});

const RecordSchema = z.strictObject({
  seq: z.number().int().positive(),
  head: z.looseObject({ format: z.literal(WORLD_STATE_FORMAT), ...HeadShape }),
  changes: z.array(z.tuple([z.string(), z.string(), z.unknown()])),
});
export type ChangeRecord = z.infer<typeof RecordSchema>;

/** A state file that cannot be used: the message is one line naming the file, the place and what was expected. */
export class StateFileError extends Error {}

/** `a.b[3].c: expected string` from the first zod issue. */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0]!;
  const place = issue.path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('') || '(top level)';
  return `${place}: ${issue.message.replace(/\s+/g, ' ')}`;
}

/** Line and column of a JSON.parse failure, from the position V8 reports. */
function jsonPlace(text: string, message: string): string {
  const m = /position (\d+)/.exec(message);
  const pos = m ? Number(m[1]) : text.length;
  const before = text.slice(0, pos);
  const line = before.split('\n').length;
  const column = pos - before.lastIndexOf('\n');
  const why = m ? message.replace(/ in JSON at position.*$/, '').replace(/\s+/g, ' ') : 'unexpected end of the text, expected the rest of the JSON document';
  return `line ${line} column ${column}: ${why}`;
}

/**
 * When a commit counts as saved, and so when its answer may go out:
 * - `write`: once appended to the change log (the operating system holds it: it survives
 *   the simulator being killed, `kill -9` included); the log is fdatasync'd in the
 *   background within `SYNC_INTERVAL_MS`, which bounds what a power loss can take;
 * - `fsync`: once fdatasync'd (survives a power loss; each answer waits for the disk,
 *   shared by the requests committed meanwhile).
 */
export type StateSync = 'write' | 'fsync';

/** How long a written commit may wait for its background fdatasync in `write` mode. */
export const SYNC_INTERVAL_MS = 100;

export interface StateFileOptions {
  /** Default `write`. */
  sync?: StateSync;
  /**
   * The change log is folded into a new snapshot once it is larger than this many bytes.
   * Default: twice the last snapshot, and at least 4 MiB, so that the cost of snapshots
   * per write stays constant as the state grows.
   */
  compactBytes?: number;
}

export interface LoadedState {
  snapshot: PersistedState;
  records: ChangeRecord[];
  boots: number;
  /** Said once at start: a torn last record was dropped. */
  warnings: string[];
}

const frame = (json: string): string => `${crc32(json).toString(16).padStart(8, '0')} ${json}\n`;

/**
 * `--state-file`: a snapshot (`<file>`, the same JSON as `GET /_mock/state`) and a
 * change log beside it (`<file>.wal`), one line per committed request: the rows it
 * changed and the small head (clock, random generator, ids). A write costs one appended
 * line, and one fdatasync shared by the requests committed meanwhile (see `StateSync`),
 * so its cost does not grow with the history.
 *
 * When the log outgrows twice the snapshot (by default) it is folded into a new snapshot without
 * stopping writes: the log is set aside (`<file>.wal.old`) and a new one started, the
 * state is serialised at that instant and written in the background to a temporary
 * file, fsynced and renamed over the old snapshot; only then is the old log deleted. A
 * crash at any point leaves a snapshot and the logs that complete it (records carry a
 * sequence number, so nothing is applied twice). A crash mid-append leaves a torn last
 * line, which the next start drops with a warning; every line carries a CRC32 so a torn
 * line is never mistaken for a whole one.
 */
export class StateFile {
  readonly walPath: string;
  readonly #oldWalPath: string;
  /** Set once a saved state has been loaded from it. */
  loaded = false;
  readonly #compactBytes: number | undefined;
  readonly #mode: StateSync;
  #timer: NodeJS.Timeout | undefined;
  #fd: number | undefined;
  #seq = 0;
  #walBytes = 0;
  #snapshotBytes = 0;
  #boots = 0;
  /** The fdatasync in progress, if any. */
  #syncing: Promise<void> | undefined;
  #waiting: Array<{ resolve: () => void; reject: (e: Error) => void }> = [];
  /** The background snapshot in progress, if any. */
  #compacting: Promise<void> | undefined;
  /** Counts snapshots started, so that an older background one never replaces a newer one. */
  #generation = 0;
  #tmpCount = 0;
  /** Called with a background snapshot's failure (the log keeps everything meanwhile). */
  onError: (e: Error) => void = () => undefined;

  constructor(
    readonly path: string,
    options: StateFileOptions = {},
  ) {
    this.walPath = `${path}.wal`;
    this.#oldWalPath = `${path}.wal.old`;
    this.#compactBytes = options.compactBytes;
    this.#mode = options.sync ?? 'write';
  }

  /**
   * Reads the snapshot and the change logs, without changing anything. Undefined when
   * there is no snapshot yet. Throws StateFileError on anything it cannot use.
   */
  load(): LoadedState | undefined {
    if (!existsSync(this.path)) return undefined;
    const text = readFileSync(this.path, 'utf8');
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (e) {
      throw new StateFileError(`state file ${this.path}: ${jsonPlace(text, (e as Error).message)}`);
    }
    const parsed = SnapshotSchema.safeParse(raw);
    if (!parsed.success) throw new StateFileError(`state file ${this.path}: at ${describeIssue(parsed.error)} (expected an ${WORLD_STATE_FORMAT} export)`);
    const { walSeq = 0, boots = 0, ...snapshot } = parsed.data;
    const records: ChangeRecord[] = [];
    const warnings: string[] = [];
    for (const path of [this.#oldWalPath, this.walPath]) {
      if (existsSync(path)) records.push(...readLog(path, warnings).filter((r) => r.seq > walSeq));
    }
    records.sort((a, b) => a.seq - b.seq);
    return { snapshot: snapshot as unknown as PersistedState, records, boots, warnings };
  }

  /** Removes temporary files left by a snapshot write that a crash interrupted. */
  removeLeftovers(): string[] {
    const dir = dirname(this.path);
    if (!existsSync(dir)) return [];
    const prefix = `${basename(this.path)}.`;
    const removed: string[] = [];
    for (const name of readdirSync(dir)) {
      if (name.startsWith(prefix) && /\.\d+\.tmp$/.test(name)) {
        rmSync(join(dir, name), { force: true });
        removed.push(name);
      }
    }
    return removed;
  }

  /** Starts saving: writes `state` as the snapshot, with empty change logs after it. */
  open(state: PersistedState, boots: number): void {
    this.#boots = boots;
    mkdirSync(dirname(this.path), { recursive: true });
    this.#fd ??= openSync(this.walPath, 'a', 0o600);
    this.snapshot(state);
    rmSync(this.#oldWalPath, { force: true });
  }

  /** Appends a commit; resolves once it is on disk. */
  append(head: StateHead, changes: RowChange[], exportState: () => PersistedState): Promise<void> {
    if (this.#fd === undefined) throw new Error('state file not open');
    const line = frame(JSON.stringify({ seq: ++this.#seq, head, changes }));
    writeSync(this.#fd, line);
    this.#walBytes += Buffer.byteLength(line);
    let durable: Promise<void>;
    if (this.#mode === 'fsync') {
      durable = new Promise<void>((resolve, reject) => this.#waiting.push({ resolve, reject }));
      this.#sync();
    } else {
      durable = Promise.resolve();
      this.#timer ??= setTimeout(() => {
        this.#timer = undefined;
        this.#waiting.push({ resolve: () => undefined, reject: (e) => this.onError(e) });
        this.#sync();
      }, SYNC_INTERVAL_MS).unref();
    }
    const limit = this.#compactBytes ?? Math.max(4 * 1024 * 1024, 2 * this.#snapshotBytes);
    if (!this.#compacting && this.#walBytes > limit) this.#compact(exportState());
    return durable;
  }

  #sync(): void {
    if (this.#syncing || this.#waiting.length === 0 || this.#fd === undefined) return;
    const batch = this.#waiting;
    this.#waiting = [];
    const fd = this.#fd;
    this.#syncing = new Promise<void>((done) =>
      fdatasync(fd, (err) => {
        this.#syncing = undefined;
        for (const w of batch) {
          if (err) w.reject(err);
          else w.resolve();
        }
        done();
        this.#sync();
      }),
    );
  }

  /** Sets the log aside, starts a new one, and writes the snapshot in the background. */
  #compact(state: PersistedState): void {
    const text = JSON.stringify({ ...state, walSeq: this.#seq, boots: this.#boots });
    const generation = ++this.#generation;
    const oldFd = this.#fd!;
    renameSync(this.walPath, this.#oldWalPath);
    this.#fd = openSync(this.walPath, 'a', 0o600);
    syncDir(dirname(this.path));
    this.#walBytes = 0;
    const inFlight = this.#syncing;
    // Commits waiting for a sync of the old log get it before the log is closed.
    const waiting = this.#waiting;
    this.#waiting = [];
    this.#compacting = (async () => {
      try {
        await inFlight;
        await new Promise<void>((resolve, reject) => fdatasync(oldFd, (err) => (err ? reject(err) : resolve())));
        for (const w of waiting) w.resolve();
        closeSync(oldFd);
        const tmp = this.#tmpPath();
        const handle = await fsp.open(tmp, 'w', 0o600);
        try {
          await handle.writeFile(text);
          await handle.sync();
        } finally {
          await handle.close();
        }
        // Checked and renamed in one step: a snapshot written meanwhile is newer and wins.
        if (generation !== this.#generation) {
          await fsp.rm(tmp, { force: true });
          return;
        }
        renameSync(tmp, this.path);
        syncDir(dirname(this.path));
        this.#snapshotBytes = text.length;
        await fsp.rm(this.#oldWalPath, { force: true });
      } catch (e) {
        for (const w of waiting) w.reject(e as Error);
        this.onError(e as Error);
      } finally {
        this.#compacting = undefined;
      }
    })();
  }

  /**
   * Writes the whole state as the new snapshot now and empties the change log (start,
   * import, reset). Everything committed so far is durable once it returns.
   */
  snapshot(state: PersistedState): void {
    const text = JSON.stringify({ ...state, walSeq: this.#seq, boots: this.#boots });
    this.#generation++;
    const tmp = this.#tmpPath();
    const fd = openSync(tmp, 'w', 0o600);
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, this.path);
    syncDir(dirname(this.path));
    this.#snapshotBytes = text.length;
    if (this.#fd !== undefined) {
      ftruncateSync(this.#fd, 0);
      this.#walBytes = 0;
    }
    for (const w of this.#waiting.splice(0)) w.resolve();
  }

  #tmpPath(): string {
    return `${this.path}.${process.pid}.${++this.#tmpCount}.tmp`;
  }

  /** Waits for the background work in progress (tests, shutdown). */
  async settled(): Promise<void> {
    await this.#compacting;
    await this.#syncing;
  }

  close(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#fd !== undefined) {
      fsyncSync(this.#fd);
      closeSync(this.#fd);
    }
    this.#fd = undefined;
  }
}

/** The intact records of one change log; a torn last line is reported in `warnings`. */
function readLog(path: string, warnings: string[]): ChangeRecord[] {
  const records: ChangeRecord[] = [];
  const lines = readFileSync(path, 'utf8').split('\n');
  // The text after the last newline is an append that never finished.
  const tail = lines.pop()!;
  if (tail.length) warnings.push(`state file ${path}: dropped a torn last record (${tail.length} bytes, line ${lines.length + 1})`);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const where = `state file ${path}: line ${i + 1}`;
    const m = /^([0-9a-f]{8}) (.*)$/s.exec(line);
    if (!(m !== null && parseInt(m[1]!, 16) === crc32(m[2]!))) {
      if (i === lines.length - 1) {
        warnings.push(`${where}: dropped a torn last record`);
        break;
      }
      throw new StateFileError(`${where}: expected "<crc32> <json>" with a matching checksum`);
    }
    const record = RecordSchema.safeParse(JSON.parse(m[2]!));
    if (!record.success) throw new StateFileError(`${where}: at ${describeIssue(record.error)}`);
    records.push(record.data);
  }
  return records;
}

/** Makes a rename durable. */
function syncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Some filesystems cannot fsync a directory; the rename is then as durable as they make it.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
