/**
 * `npm run contract:replay [-- --only <path substring>] [--raise-threshold] [--threshold <file>]`: replays the
 * responses recorded from the real Atlas against fresh simulators and prints, per area,
 * how many matched, then a diff per mismatch. Exits 1 below the threshold in
 * contracts/harness/replay/threshold.json; `--raise-threshold` writes the current count there
 * when it is higher. Exits 2 when the recordings or the document are missing.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { OPERATIONS } from '../../api/catalog.js';
import { loadOpenApiDocument } from '../openapi/document.js';
import { requireRecordedDir } from '../recorded.js';
import { formatReplay, matchedCount, raiseThreshold, readThreshold, replay, THRESHOLD_FILE } from '../replay/replay.js';
import { startReplayTarget } from '../replay/target.js';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      only: { type: 'string' },
      'raise-threshold': { type: 'boolean', default: false },
      threshold: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write('usage: npm run contract:replay -- [--only <recording path substring>] [--raise-threshold] [--threshold <file>]\n');
    return 0;
  }
  let document;
  try {
    requireRecordedDir();
    document = loadOpenApiDocument();
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    return 2;
  }
  const only = values.only;
  const report = await replay({ catalog: OPERATIONS, start: startReplayTarget, document, ...(only && { filter: (c) => c.rel.includes(only) }) });
  const matched = matchedCount(report);
  const file = values.threshold ?? THRESHOLD_FILE;
  if (values['raise-threshold'] && !only) {
    const now = raiseThreshold(matched, file);
    process.stdout.write(`threshold is now ${now}\n`);
  }
  const threshold = readThreshold(file);
  process.stdout.write(formatReplay(report, threshold, path.relative(process.cwd(), file)) + '\n');
  return only || matched >= threshold.minMatched ? 0 : 1;
}

main().then(
  (code) => (process.exitCode = code),
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  },
);
