/**
 * Which recorded responses the simulator can be asked to reproduce: those whose method
 * and path match an operation of the catalog.
 *
 * File names have `/` turned into `_`, and values may contain `_`, so a template with a
 * parameter can swallow the rest of a longer path. The official document knows every
 * template, so it names the operation first; the catalog alone is used only for
 * operations the document lacks, with path-parameter formats checked.
 */
import path from 'node:path';
import type { OperationSpec } from '../../api/operation.js';
import { OpenApiDocument } from '../openapi/document.js';
import { PATH_PARAMS } from '../../api/pathParams.js';
import { UNVERSIONED_ROUTES, type UnversionedRoute } from '../../api/unversioned.js';
import { listSnaphosts, readSnaphost, recordedDir, type Snaphost } from '../recorded.js';

export interface ReplayCase {
  rec: Snaphost;
  /** Path of the file below the recordings' root. */
  rel: string;
  /** Top-level directory of the recording (`iam`, `clusters`, …). */
  area: string;
  /** The catalog operation, or for an unversioned route (OAuth, private) a stand-in without versions. */
  op: OperationSpec;
  /** The recording is of an unversioned route: no Accept version, no path parameters. */
  unversioned?: UnversionedRoute;
  /** Path parameters as recorded (decoded). */
  params: Record<string, string>;
}

export interface Recordings {
  cases: ReplayCase[];
  /** Recordings of operations the simulator does not serve, by area. */
  notServed: Map<string, number>;
}

/** The catalog as a (tiny) OpenAPI document, so its templates can be matched like the document's. */
export function catalogDocument(catalog: readonly OperationSpec[]): OpenApiDocument {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of catalog) (paths[op.path] ??= {})[op.method.toLowerCase()] = { operationId: op.operationId, responses: {} };
  return new OpenApiDocument({ openapi: '3.0.1', info: { title: 'catalog', version: '2' }, paths }, 'catalog');
}

const formatsHold = (params: Record<string, string>): boolean =>
  Object.entries(params).every(([name, value]) => !PATH_PARAMS[name] || PATH_PARAMS[name].pattern.test(value));

export function findReplayCases(catalog: readonly OperationSpec[], dir = recordedDir(), document?: OpenApiDocument): Recordings {
  const fromCatalog = catalogDocument(catalog);
  const byId = new Map(catalog.map((o) => [o.operationId, o]));
  const out: Recordings = { cases: [], notServed: new Map() };
  for (const file of listSnaphosts(dir)) {
    const rec = readSnaphost(file);
    const rel = path.relative(dir, file);
    const area = rel.split(path.sep)[0] ?? '';
    let m = rec.method && document ? document.matchUnderscoredPath(rec.method, rec.flatPath) : undefined;
    if (!m && rec.method) {
      const c = fromCatalog.matchUnderscoredPath(rec.method, rec.flatPath);
      if (c && formatsHold(c.pathParams) && !document?.getOperation(c.operation.operationId)) m = c;
    }
    const route = UNVERSIONED_ROUTES.find((r) => r.method === rec.method && r.path.slice(1).replace(/\//g, '_') === rec.flatPath);
    if (route) {
      const op: OperationSpec = { operationId: route.id, method: route.method, path: route.path, versions: [], status: 200, rateLimit: null, access: { scope: 'principal' } };
      out.cases.push({ rec, rel, area, op, unversioned: route, params: {} });
      continue;
    }
    const op = m && byId.get(m.operation.operationId);
    if (!m || !op) {
      out.notServed.set(area, (out.notServed.get(area) ?? 0) + 1);
      continue;
    }
    out.cases.push({ rec, rel, area, op, params: m.pathParams });
  }
  return out;
}
