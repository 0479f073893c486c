import { z } from 'zod';
import type { StateSlice } from './world.js';

/** What a transaction saw of one row the first time it touched it. */
interface Undo<Row> {
  /** The row object in the table at that moment (undefined: there was none). */
  original: Row | undefined;
  /** A deep copy of its fields then, to put back on rollback and to tell changed rows from read ones. */
  image: Row | undefined;
}

/** One row a committed transaction changed: its new value, or null when it was removed. */
export type RowChange = [slice: string, key: string, row: unknown];

/**
 * The rows of a table. While a transaction is open, every row handed out (by key, or
 * by iteration) or overwritten is copied the first time, so that the transaction can be
 * undone and so that its commit can name exactly the rows it changed. Domain code
 * mutates rows in place; this is how those in-place changes stay atomic and reach the
 * state file without each domain module having to announce them. Outside a transaction
 * it is a plain Map (reads of GET requests pay one branch).
 */
class RowMap<Row> extends Map<string, Row> {
  undo: Map<string, Undo<Row>> | undefined;

  track(key: string): void {
    if (this.undo === undefined || this.undo.has(key)) return;
    const original = super.get(key);
    this.undo.set(key, { original, image: original === undefined ? undefined : structuredClone(original) });
  }

  override get(key: string): Row | undefined {
    if (this.undo !== undefined) this.track(key);
    return super.get(key);
  }

  override set(key: string, row: Row): this {
    if (this.undo !== undefined) this.track(key);
    return super.set(key, row);
  }

  override delete(key: string): boolean {
    if (this.undo !== undefined) this.track(key);
    return super.delete(key);
  }

  override *entries(): MapIterator<[string, Row]> {
    for (const [key, row] of super.entries()) {
      if (this.undo !== undefined) this.track(key);
      yield [key, row];
    }
  }

  override *values(): MapIterator<Row> {
    for (const [key, row] of super.entries()) {
      if (this.undo !== undefined) this.track(key);
      yield row;
    }
  }

  override [Symbol.iterator](): MapIterator<[string, Row]> {
    return this.entries();
  }

  override forEach(fn: (row: Row, key: string, map: Map<string, Row>) => void): void {
    for (const [key, row] of this.entries()) fn(row, key, this);
  }

  /** The rows as they are, without tracking (export). */
  untracked(): IterableIterator<Row> {
    return super.values();
  }

  peek(key: string): Row | undefined {
    return super.get(key);
  }
}

/**
 * A keyed table of plain records: the storage every domain module builds on.
 *
 * Records are plain data (they round-trip through state export/import), validated by
 * the module's zod schema on import so that a hand-edited state file cannot plant a
 * record that later crashes a request. Subclasses keep secondary indexes by overriding
 * `onInsert`/`onRemove`, so lookups by name never scan.
 */
export abstract class Table<Row> implements StateSlice {
  protected readonly rows = new RowMap<Row>();

  constructor(
    readonly sliceName: string,
    private readonly schema: z.ZodType<Row>,
    private readonly keyOf: (row: Row) => string,
    /** Organization and project that own a row, for tenant reset. */
    private readonly ownerOf: (row: Row) => { orgId?: string | undefined; groupId?: string | undefined },
  ) {}

  get size(): number {
    return this.rows.size;
  }

  find(key: string): Row | undefined {
    return this.rows.get(key);
  }

  values(): IterableIterator<Row> {
    return this.rows.values();
  }

  /** Puts back a record taken from this table earlier (tenant reset). */
  restore(row: Row): Row {
    return this.insert(row);
  }

  protected insert(row: Row): Row {
    const key = this.keyOf(row);
    const old = this.rows.get(key);
    if (old) this.onRemove(old);
    this.rows.set(key, row);
    this.onInsert(row);
    return row;
  }

  protected remove(key: string): Row | undefined {
    const row = this.rows.get(key);
    if (!row) return undefined;
    this.rows.delete(key);
    this.onRemove(row);
    return row;
  }

  /**
   * Declares that `row`, reached through an index rather than through the table, is
   * about to change in place, so that the open transaction covers it.
   */
  protected touch(row: Row): void {
    this.rows.track(this.keyOf(row));
  }

  /** Puts a row back on rollback. Tables that keep an order of their own override it to keep the row's place. */
  protected putBack(row: Row): void {
    this.insert(row);
  }

  protected onInsert(_row: Row): void {}
  protected onRemove(_row: Row): void {}
  /** A rollback put the row's fields back in place: tables that track something per row (due times) redo it. */
  protected onRestored(_row: Row): void {}

  exportSlice(): unknown {
    return [...this.rows.untracked()];
  }

  importSlice(data: unknown): void {
    const parsed = z.array(this.schema).parse(data);
    this.clear();
    for (const row of parsed) this.insert(row);
  }

  dropOrg(orgId: string, groupIds: ReadonlySet<string>): void {
    for (const row of [...this.rows.values()]) {
      const owner = this.ownerOf(row);
      if (owner.orgId === orgId || (owner.groupId !== undefined && groupIds.has(owner.groupId))) this.remove(this.keyOf(row));
    }
  }

  clear(): void {
    for (const key of [...this.rows.keys()]) this.remove(key);
  }

  /** Starts recording what the rows looked like before they are touched. */
  begin(): void {
    this.rows.undo = new Map();
  }

  /**
   * Ends the transaction and appends to `out` the rows that differ from their state at
   * `begin` (new value, or null for a removed row). Rows only read are left out.
   */
  commit(out: RowChange[]): void {
    const undo = this.rows.undo;
    this.rows.undo = undefined;
    if (!undo) return;
    for (const [key, u] of undo) {
      const now = this.rows.peek(key);
      if (now === undefined) {
        if (u.original !== undefined) out.push([this.sliceName, key, null]);
      } else if (now !== u.original || JSON.stringify(now) !== JSON.stringify(u.image)) {
        out.push([this.sliceName, key, now]);
      }
    }
  }

  /** Ends the transaction and puts every touched row back as it was, newest change first. */
  rollback(): void {
    const undo = this.rows.undo;
    this.rows.undo = undefined;
    if (!undo) return;
    for (const [key, u] of [...undo].reverse()) {
      const now = this.rows.peek(key);
      if (u.original === undefined) {
        if (now !== undefined) this.remove(key);
        continue;
      }
      const original = u.original as Record<string, unknown>;
      for (const k of Object.keys(original)) delete original[k];
      Object.assign(original, u.image);
      if (now !== u.original) this.putBack(u.original);
      else this.onRestored(u.original);
    }
  }

  /** Applies one change of a committed transaction read back from the state file. */
  applyChange(key: string, row: unknown): void {
    if (row === null) {
      this.remove(key);
      return;
    }
    const parsed = this.schema.parse(row);
    if (this.keyOf(parsed) !== key) throw new Error(`row key ${this.keyOf(parsed)} does not match ${key}`);
    this.insert(parsed);
  }
}
