import { z } from 'zod';
import type { Description } from './clusterRecords.js';
import { AtlasError } from './errors.js';

/**
 * A cluster's process arguments (`/clusters/{name}/processArgs`, "advanced
 * configuration"): the mongod/mongos settings besides the TLS ones, which live in the
 * cluster's own `advancedConfiguration` so that both views always agree (the cluster
 * view and processArgs show, and change, the same TLS values).
 *
 * `null` means "Atlas's default": the recorded 2023-01-01 answers show null for every
 * setting never changed, except the three below that Atlas fills.
 */
export const ProcessArgsRecord = z.object({
  changeStreamOptionsPreAndPostImagesExpireAfterSeconds: z.number().int().nullable(),
  chunkMigrationConcurrency: z.number().int().nullable(),
  defaultMaxTimeMS: z.number().int().nullable(),
  defaultReadConcern: z.enum(['local', 'available']).nullable(),
  defaultWriteConcern: z.string(),
  failIndexKeyTooLong: z.boolean().nullable(),
  javascriptEnabled: z.boolean(),
  noTableScan: z.boolean(),
  oplogMinRetentionHours: z.number().nullable(),
  oplogSizeMB: z.number().int().nullable(),
  queryStatsLogVerbosity: z.number().int().nullable(),
  sampleRefreshIntervalBIConnector: z.number().int().nullable(),
  sampleSizeBIConnector: z.number().int().nullable(),
  transactionLifetimeLimitSeconds: z.number().int().nullable(),
});
export type ProcessArgs = z.infer<typeof ProcessArgsRecord>;

/** What a new cluster has (recorded 2023-01-01 GET of a new cluster). */
export function defaultProcessArgs(): ProcessArgs {
  return {
    changeStreamOptionsPreAndPostImagesExpireAfterSeconds: null,
    chunkMigrationConcurrency: null,
    defaultMaxTimeMS: null,
    defaultReadConcern: null,
    defaultWriteConcern: 'majority',
    failIndexKeyTooLong: null,
    javascriptEnabled: true,
    noTableScan: false,
    oplogMinRetentionHours: null,
    oplogSizeMB: null,
    queryStatsLogVerbosity: null,
    sampleRefreshIntervalBIConnector: null,
    sampleSizeBIConnector: null,
    transactionLifetimeLimitSeconds: null,
  };
}

/**
 * Effective values of the defaults, for the 2024-08-05 view, which (unlike 2023-01-01)
 * documents its defaults. Decision (wire-facts-wave2 5.2, [M]): -1 and 0 are the
 * document's defaults, 1 the query stats verbosity that means "off", 1000 and 60 s the
 * BI Connector and MongoDB defaults.
 */
export const EFFECTIVE_DEFAULTS = {
  changeStreamOptionsPreAndPostImagesExpireAfterSeconds: -1,
  queryStatsLogVerbosity: 1,
  sampleRefreshIntervalBIConnector: 0,
  sampleSizeBIConnector: 1000,
  transactionLifetimeLimitSeconds: 60,
} as const;

type Maybe<T> = T | null | undefined;

/** A PATCH body as either version's contract parses it (null or absent: unchanged). */
export interface ProcessArgsInput {
  changeStreamOptionsPreAndPostImagesExpireAfterSeconds?: Maybe<number>;
  chunkMigrationConcurrency?: Maybe<number>;
  customOpensslCipherConfigTls12?: Maybe<string[]>;
  customOpensslCipherConfigTls13?: Maybe<string[]>;
  defaultMaxTimeMS?: Maybe<number>;
  defaultReadConcern?: Maybe<'local' | 'available'>;
  defaultWriteConcern?: Maybe<string>;
  failIndexKeyTooLong?: Maybe<boolean>;
  javascriptEnabled?: Maybe<boolean>;
  minimumEnabledTlsProtocol?: Maybe<Description['advancedConfiguration']['minimumEnabledTlsProtocol']>;
  noTableScan?: Maybe<boolean>;
  oplogMinRetentionHours?: Maybe<number>;
  oplogSizeMB?: Maybe<number>;
  queryStatsLogVerbosity?: Maybe<number>;
  sampleRefreshIntervalBIConnector?: Maybe<number>;
  sampleSizeBIConnector?: Maybe<number>;
  tlsCipherConfigMode?: Maybe<Description['advancedConfiguration']['tlsCipherConfigMode']>;
  transactionLifetimeLimitSeconds?: Maybe<number>;
}

/** The smallest oplog Atlas lets a user set (OPLOG_SIZE_MB_LESS_THAN_990). */
export const MIN_OPLOG_SIZE_MB = 990;
/**
 * Decision: the oplog may take at most half of the disk (Atlas refuses an oplog that
 * would crowd out data with OPLOG_SIZE_MB_TOO_BIG; its exact bound is not documented).
 */
export const MAX_OPLOG_SHARE_OF_DISK = 0.5;

const has = <T>(v: Maybe<T>): v is T => v !== null && v !== undefined;

/**
 * The TLS settings rule shared by the cluster body and processArgs: custom TLS 1.2
 * ciphers only with `tlsCipherConfigMode: CUSTOM` (the document: "only valid when
 * tlsCipherConfigMode is set to CUSTOM"); a CUSTOM mode needs at least one cipher.
 */
function checkTlsCiphers(ac: Tls): void {
  if (ac.tlsCipherConfigMode !== 'CUSTOM' && ac.customOpensslCipherConfigTls12.length > 0) {
    throw new AtlasError('INVALID_ATTRIBUTE', ['customOpensslCipherConfigTls12']);
  }
  if (ac.tlsCipherConfigMode === 'CUSTOM' && ac.customOpensslCipherConfigTls12.length === 0 && ac.customOpensslCipherConfigTls13.length === 0) {
    throw new AtlasError('MISSING_ATTRIBUTE', ['customOpensslCipherConfigTls12']);
  }
}

type Tls = Description['advancedConfiguration'];

/**
 * The TLS settings after a change (cluster body `advancedConfiguration` or processArgs),
 * checked. Going back to DEFAULT without naming ciphers drops the custom lists.
 */
export function mergeTls(input: Maybe<{ [K in keyof Tls]?: Maybe<Tls[K]> }>, current: Tls | undefined): Tls {
  const tls: Tls = {
    customOpensslCipherConfigTls12: input?.customOpensslCipherConfigTls12 ?? current?.customOpensslCipherConfigTls12 ?? [],
    customOpensslCipherConfigTls13: input?.customOpensslCipherConfigTls13 ?? current?.customOpensslCipherConfigTls13 ?? [],
    minimumEnabledTlsProtocol: input?.minimumEnabledTlsProtocol ?? current?.minimumEnabledTlsProtocol ?? 'TLS1_2',
    tlsCipherConfigMode: input?.tlsCipherConfigMode ?? current?.tlsCipherConfigMode ?? 'DEFAULT',
  };
  if (input?.tlsCipherConfigMode === 'DEFAULT') {
    if (!has(input.customOpensslCipherConfigTls12)) tls.customOpensslCipherConfigTls12 = [];
    if (!has(input.customOpensslCipherConfigTls13)) tls.customOpensslCipherConfigTls13 = [];
  }
  checkTlsCiphers(tls);
  return tls;
}

/**
 * Validates a PATCH and returns the new settings and TLS configuration; nothing is
 * changed here. `diskSizeGB` bounds the oplog.
 */
export function applyProcessArgs(
  input: ProcessArgsInput,
  current: ProcessArgs,
  tls: Description['advancedConfiguration'],
  diskSizeGB: number,
): { args: ProcessArgs; tls: Description['advancedConfiguration'] } {
  const args = { ...current };
  const take = <K extends keyof ProcessArgs>(key: K, value: Maybe<ProcessArgs[K]>): void => {
    if (has(value)) args[key] = value;
  };

  const expire = input.changeStreamOptionsPreAndPostImagesExpireAfterSeconds;
  // -1 turns the retention policy off; otherwise a positive number of seconds.
  if (has(expire) && expire !== -1 && expire < 1) throw new AtlasError('INVALID_ATTRIBUTE', ['changeStreamOptionsPreAndPostImagesExpireAfterSeconds']);
  take('changeStreamOptionsPreAndPostImagesExpireAfterSeconds', expire);

  if (has(input.chunkMigrationConcurrency) && input.chunkMigrationConcurrency < 1) throw new AtlasError('ATTRIBUTE_NEGATIVE_OR_ZERO', ['chunkMigrationConcurrency']);
  take('chunkMigrationConcurrency', input.chunkMigrationConcurrency);
  if (has(input.defaultMaxTimeMS) && input.defaultMaxTimeMS < 0) throw new AtlasError('ATTRIBUTE_NEGATIVE', ['defaultMaxTimeMS']);
  take('defaultMaxTimeMS', input.defaultMaxTimeMS);
  take('defaultReadConcern', input.defaultReadConcern);
  // A write concern is "majority" or a number of nodes (MongoDB's `w`).
  if (has(input.defaultWriteConcern) && !/^(majority|[0-9]+)$/.test(input.defaultWriteConcern)) throw new AtlasError('INVALID_ATTRIBUTE', ['defaultWriteConcern']);
  take('defaultWriteConcern', input.defaultWriteConcern);
  take('failIndexKeyTooLong', input.failIndexKeyTooLong);
  take('javascriptEnabled', input.javascriptEnabled);
  take('noTableScan', input.noTableScan);

  if (has(input.oplogMinRetentionHours) && input.oplogMinRetentionHours < 0) throw new AtlasError('ATTRIBUTE_NEGATIVE', ['oplogMinRetentionHours']);
  take('oplogMinRetentionHours', input.oplogMinRetentionHours);
  const oplog = input.oplogSizeMB;
  if (has(oplog)) {
    if (oplog <= 0) throw new AtlasError('OPLOG_SIZE_MB_LESS_THAN_EQUAL_ZERO', []);
    if (oplog < MIN_OPLOG_SIZE_MB) throw new AtlasError('OPLOG_SIZE_MB_LESS_THAN_990', []);
    const max = Math.floor(diskSizeGB * 1024 * MAX_OPLOG_SHARE_OF_DISK);
    if (oplog > max) throw new AtlasError('OPLOG_SIZE_MB_TOO_BIG', [`The maximum for a ${diskSizeGB} GB disk is ${max} MB`]);
  }
  take('oplogSizeMB', oplog);
  // 1 turns query stats logging off, 3 logs every query shape (the document).
  if (has(input.queryStatsLogVerbosity) && input.queryStatsLogVerbosity !== 1 && input.queryStatsLogVerbosity !== 3) throw new AtlasError('INVALID_ATTRIBUTE', ['queryStatsLogVerbosity']);
  take('queryStatsLogVerbosity', input.queryStatsLogVerbosity);
  if (has(input.sampleRefreshIntervalBIConnector) && input.sampleRefreshIntervalBIConnector < 0) throw new AtlasError('INVALID_SAMPLE_REFRESH_INTERVAL_BI_CONNECTOR', []);
  take('sampleRefreshIntervalBIConnector', input.sampleRefreshIntervalBIConnector);
  if (has(input.sampleSizeBIConnector) && input.sampleSizeBIConnector < 0) throw new AtlasError('INVALID_SAMPLE_SIZE_BI_CONNECTOR', []);
  take('sampleSizeBIConnector', input.sampleSizeBIConnector);
  if (has(input.transactionLifetimeLimitSeconds) && input.transactionLifetimeLimitSeconds < 1) throw new AtlasError('ATTRIBUTE_NEGATIVE_OR_ZERO', ['transactionLifetimeLimitSeconds']);
  take('transactionLifetimeLimitSeconds', input.transactionLifetimeLimitSeconds);

  const newTls = mergeTls(input, tls);
  return { args, tls: newTls };
}
