/**
 * Features Atlas for Government does not offer: every catalog operation marked
 * `unavailableInGov` (Flex clusters and their backups, …) answers 403
 * FEATURE_UNSUPPORTED. Driven by the catalog, so an operation marked later is covered
 * with no new code. The real code for these refusals is undocumented (wire-facts E,
 * low confidence): against the real Atlas for Government this scenario checks that guess.
 */
import { OPERATIONS } from '../../api/catalog.js';
import { sampleRequestBody } from '../jsonSchema.js';
import { createProject } from './projects.js';
import type { Scenario } from './types.js';

const unavailable = OPERATIONS.filter((o) => o.unavailableInGov);

export const govScenarios: readonly Scenario[] = [
  {
    id: 'gov/unavailable-features',
    title: 'answers 403 FEATURE_UNSUPPORTED on every operation of a feature Atlas for Government does not offer',
    operations: unavailable.map((o) => o.operationId),
    writes: true,
    async run(t) {
      const { id: groupId } = await createProject(t, 'unavailable');
      for (const op of unavailable) {
        const path = op.path.replace('/api/atlas/v2', '').replace(/\{(\w+)\}/g, (_m, p: string) => (p === 'groupId' ? groupId : p === 'orgId' ? t.orgId : t.name('x').slice(-20)));
        const v = op.versions[op.versions.length - 1]!;
        const sample = v.request ? sampleRequestBody(v.request) : undefined;
        const res = await t.api.call(op.method, path, { version: v.date, ...(sample?.ok && { body: sample.body }) });
        t.expectResponse(res, { status: 403, errorCode: 'FEATURE_UNSUPPORTED' }, `${op.operationId} ${op.method} ${op.path}`);
      }
    },
  },
];
