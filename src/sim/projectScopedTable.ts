import type { z } from 'zod';
import type { SimClock } from './clock.js';
import { AtlasError } from './errors.js';
import { Table } from './table.js';

/** Temporary users and access list entries live at most a week (the document: "within one week"). */
export const MAX_TEMPORARY_DAYS = 7;
const DAY_MS = 86_400_000;

/**
 * A `deleteAfterDate` must lie in the future and at most a week ahead: 400
 * EXPIRATION_DATE_IN_PAST, EXPIRATION_DATE_EXCEEDS_MAX.
 */
export function checkDeleteAfter(deleteAfter: number, now: number): number {
  if (deleteAfter <= now) throw new AtlasError('EXPIRATION_DATE_IN_PAST', []);
  if (deleteAfter > now + MAX_TEMPORARY_DAYS * DAY_MS) throw new AtlasError('EXPIRATION_DATE_EXCEEDS_MAX', [MAX_TEMPORARY_DAYS]);
  return deleteAfter;
}

/** A record that belongs to one project and may be temporary. */
export interface ProjectScoped {
  groupId: string;
  /** Epoch ms at which the record disappears (temporary database users and access list entries). */
  deleteAfter?: number | undefined;
}

/**
 * A table of per-project records listed in creation order, some of them temporary.
 *
 * - Each project's keys are kept in creation order, and `replace` keeps a record's place,
 *   so that lists read as Atlas lists them and a page never scans other projects.
 * - Temporary records disappear at `deleteAfter` on the simulation clock. There is no
 *   timer: every read or write of a project's records first drops its due ones
 *   (`expire`), looking only at that project's temporary records.
 */
export abstract class ProjectScopedTable<Row extends ProjectScoped> extends Table<Row> {
  readonly #byGroup = new Map<string, Map<string, true>>();
  readonly #temporary = new Map<string, Set<string>>();
  readonly #key: (row: Row) => string;
  #replacing = false;

  constructor(
    sliceName: string,
    schema: z.ZodType<Row>,
    keyOf: (row: Row) => string,
    protected readonly clock: SimClock,
  ) {
    super(sliceName, schema, keyOf, (r) => ({ groupId: r.groupId }));
    this.#key = keyOf;
  }

  protected override onInsert(row: Row): void {
    const key = this.#key(row);
    let g = this.#byGroup.get(row.groupId);
    if (!g) this.#byGroup.set(row.groupId, (g = new Map()));
    g.set(key, true);
    if (row.deleteAfter !== undefined) {
      let t = this.#temporary.get(row.groupId);
      if (!t) this.#temporary.set(row.groupId, (t = new Set()));
      t.add(key);
    }
  }

  protected override onRemove(row: Row): void {
    const key = this.#key(row);
    this.#temporary.get(row.groupId)?.delete(key);
    if (this.#replacing) return;
    const g = this.#byGroup.get(row.groupId);
    g?.delete(key);
    if (g && g.size === 0) this.#byGroup.delete(row.groupId);
  }

  /** Stores a new version of an existing record, in the same place of its project's order. */
  protected replace(row: Row): Row {
    this.#replacing = true;
    try {
      return this.insert(row);
    } finally {
      this.#replacing = false;
    }
  }

  /** Rollback keeps a record's place in its project's order. */
  protected override putBack(row: Row): void {
    if (this.find(this.#key(row)) === undefined) this.insert(row);
    else this.replace(row);
  }

  /** Drops the project's temporary records whose time has come. */
  protected expire(groupId: string): void {
    const t = this.#temporary.get(groupId);
    if (!t || t.size === 0) return;
    const now = this.clock.now();
    for (const key of [...t]) {
      const row = this.rows.get(key);
      if (row && row.deleteAfter !== undefined && row.deleteAfter <= now) this.remove(key);
    }
  }

  /** The project's records in creation order. */
  listIn(groupId: string): Row[] {
    this.expire(groupId);
    const g = this.#byGroup.get(groupId);
    return g ? [...g.keys()].map((k) => this.rows.get(k)!) : [];
  }

  countIn(groupId: string): number {
    this.expire(groupId);
    return this.#byGroup.get(groupId)?.size ?? 0;
  }

  /** Removes every record of a deleted project. */
  dropGroup(groupId: string): void {
    for (const key of [...(this.#byGroup.get(groupId)?.keys() ?? [])]) this.remove(key);
  }

  /** Exports without the records that are already due, as a read at this instant would. */
  override exportSlice(): unknown {
    for (const groupId of [...this.#temporary.keys()]) this.expire(groupId);
    return super.exportSlice();
  }
}
