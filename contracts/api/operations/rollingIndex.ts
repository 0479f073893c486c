import { z } from 'zod';
import type { OperationSpec } from '../operation.js';
import { optional } from '../schemas/input.js';

/** ICU locales a collation may name (the document's enumeration). */
const LOCALES = ['af', 'sq', 'am', 'ar', 'hy', 'as', 'az', 'bn', 'be', 'bs', 'bs_Cyrl', 'bg', 'my', 'ca', 'chr', 'zh', 'zh_Hant', 'hr', 'cs', 'da', 'nl', 'dz', 'en', 'en_US', 'en_US_POSIX', 'eo', 'et', 'ee', 'fo', 'fil', 'fi_FI', 'fr', 'fr_CA', 'gl', 'ka', 'de', 'de_AT', 'el', 'gu', 'ha', 'haw', 'he', 'hi', 'hu', 'is', 'ig', 'smn', 'id', 'ga', 'it', 'ja', 'kl', 'kn', 'kk', 'km', 'kok', 'ko', 'ky', 'lk', 'lo', 'lv', 'li', 'lt', 'dsb', 'lb', 'mk', 'ms', 'ml', 'mt', 'mr', 'mn', 'ne', 'se', 'nb', 'nn', 'or', 'om', 'ps', 'fa', 'fa_AF', 'pl', 'pt', 'pa', 'ro', 'ru', 'sr', 'sr_Latn', 'si', 'sk', 'sl', 'es', 'sw', 'sv', 'ta', 'te', 'th', 'bo', 'to', 'tr', 'uk', 'hsb', 'ur', 'ug', 'vi', 'wae', 'cy', 'yi', 'yo', 'zu', 'simple'] as const;

/** Collation of an index (the document's Collation). */
const Collation = z.strictObject({
  alternate: optional(z.enum(['non-ignorable', 'shifted'])),
  backwards: optional(z.boolean()),
  caseFirst: optional(z.enum(['lower', 'off', 'upper'])),
  caseLevel: optional(z.boolean()),
  locale: z.enum(LOCALES),
  maxVariable: optional(z.enum(['punct', 'space'])),
  normalization: optional(z.boolean()),
  numericOrdering: optional(z.boolean()),
  strength: optional(z.number().int().min(1).max(5)),
});

/** IndexOptions: what mongod's createIndexes takes besides the keys. */
const IndexOptions = z.strictObject({
  '2dsphereIndexVersion': optional(z.number().int()),
  background: optional(z.boolean()),
  bits: optional(z.number().int()),
  bucketSize: optional(z.number().int()),
  columnstoreProjection: optional(z.record(z.string(), z.number().int())),
  default_language: optional(z.string()),
  expireAfterSeconds: optional(z.number().int()),
  hidden: optional(z.boolean()),
  language_override: optional(z.string()),
  max: optional(z.number().int()),
  min: optional(z.number().int()),
  name: optional(z.string()),
  partialFilterExpression: optional(z.record(z.string(), z.unknown())),
  sparse: optional(z.boolean()),
  storageEngine: optional(z.record(z.string(), z.unknown())),
  textIndexVersion: optional(z.number().int()),
  weights: optional(z.record(z.string(), z.unknown())),
});

/** DatabaseRollingIndexRequest: the namespace, the keys (`[{"field": "1"}]`) and options. */
export const RollingIndexRequest = z.strictObject({
  collation: optional(Collation),
  collection: z.string(),
  db: z.string(),
  keys: optional(z.array(z.record(z.string(), z.string()))),
  options: optional(IndexOptions),
});

/**
 * Rolling index build (2023-01-01; Project Data Access Admin as the document states).
 * Accepted with 202 and no body.
 */
export const rollingIndexOperations = [
  {
    operationId: 'createRollingIndex',
    method: 'POST',
    path: '/api/atlas/v2/groups/{groupId}/clusters/{clusterName}/index',
    versions: [{ date: '2023-01-01', request: RollingIndexRequest }],
    status: 202,
    rateLimit: 'clusters',
    access: { scope: 'group', anyOf: ['GROUP_DATA_ACCESS_ADMIN'] },
  },
] as const satisfies readonly OperationSpec[];
