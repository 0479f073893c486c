/**
 * `npm run fetch:reference [-- --dir <directory>]`: downloads the official OpenAPI
 * documents at pinned commits into the reference directory (default `reference/`, or
 * `ATLAS_REFERENCE_DIR`) and checks their SHA-256. Exits 1 when a download fails or its
 * hash differs. The recordings are not downloaded (see the message at the end).
 */
import { parseArgs } from 'node:util';
import { fetchReference } from '../fetchReference.js';
import { RECORDED_DOWNLOAD_HINT, REFERENCE_DOWNLOADS, referenceDir } from '../reference.js';

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { dir: { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } } });
  if (values.help) {
    process.stdout.write('usage: npm run fetch:reference -- [--dir <directory>]\n');
    return 0;
  }
  const dir = values.dir ?? referenceDir();
  try {
    await fetchReference(REFERENCE_DOWNLOADS, dir, (line) => process.stdout.write(`${line}\n`));
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    return 1;
  }
  process.stdout.write(`OpenAPI documents ready in ${dir}/openapi.\nRecorded responses (optional, for the replay tests): ${RECORDED_DOWNLOAD_HINT}\n`);
  return 0;
}

process.exitCode = await main();
