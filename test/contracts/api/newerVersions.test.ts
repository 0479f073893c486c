/**
 * The 2026-08 document against the catalog: every dated version it describes for an
 * operation the simulator serves is served too, so a client generated from the newer
 * document (it sends the newest version of each operation) is never refused with 406.
 * Both documents describe only the newest version of each operation; the operations
 * themselves are matched by method and path, since the newer document renames many.
 */
import { expect, it } from 'vitest';
import { OPERATIONS } from '../../../contracts/api/catalog.js';
import type { JsonObject } from '../../../contracts/harness/openapi/document.js';
import { describeWithReference, openApi2026Document } from '../../support/reference.js';

/** Version dates the request and responses of a document operation name. */
function documentedDates(op: { requestBody: JsonObject | undefined; responses: Record<string, JsonObject> }): string[] {
  const dates = new Set<string>();
  const scan = (content: unknown) => {
    for (const type of Object.keys((content ?? {}) as JsonObject)) {
      const m = /^application\/vnd\.atlas\.(\d{4}-\d{2}-\d{2})\+/.exec(type);
      if (m) dates.add(m[1]!);
    }
  };
  scan(op.requestBody?.content);
  for (const r of Object.values(op.responses)) scan(r.content);
  return [...dates].sort();
}

describeWithReference('versions of the 2026-08 document', ['openapi-2026'], () => {
  it('are all served for every operation the simulator serves', () => {
    const newer = openApi2026Document();
    const missing: string[] = [];
    let compared = 0;
    for (const spec of OPERATIONS) {
      if (spec.unavailableInGov) continue;
      const d = newer.operations.find((o) => o.method === spec.method && o.path === spec.path);
      if (!d) continue;
      compared++;
      const served = new Set(spec.versions.map((v) => v.date));
      for (const date of documentedDates(d)) if (!served.has(date)) missing.push(`${spec.operationId} (${d.operationId}) ${date}`);
    }
    expect(compared).toBeGreaterThan(100);
    expect(missing).toEqual([]);
  });
});
