import { z } from 'zod';
import type { StateSlice } from './world.js';

/**
 * A keyed table of plain records: the storage every domain module builds on.
 *
 * Records are plain data (they round-trip through state export/import), validated by
 * the module's zod schema on import so that a hand-edited state file cannot plant a
 * record that later crashes a request. Subclasses keep secondary indexes by overriding
 * `onInsert`/`onRemove`, so lookups by name never scan.
 */
export abstract class Table<Row> implements StateSlice {
  protected readonly rows = new Map<string, Row>();

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

  protected onInsert(_row: Row): void {}
  protected onRemove(_row: Row): void {}

  exportSlice(): unknown {
    return [...this.rows.values()];
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
}
