import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { WORLD_STATE_FORMAT, type WorldState } from './sim/world.js';

export type PersistedState = WorldState & { defaultTenantOrgId?: string };

/**
 * `--state-file`: the whole state as one JSON file, rewritten after every acknowledged
 * change before the response goes out. Written to a temporary file, fsynced, then
 * renamed over the old one, so a crash leaves either the old or the new state, never a
 * torn file.
 */
export class StateFile {
  constructor(readonly path: string) {}

  /** The saved state, or undefined when the file does not exist yet. */
  load(): PersistedState | undefined {
    if (!existsSync(this.path)) return undefined;
    let state: unknown;
    try {
      state = JSON.parse(readFileSync(this.path, 'utf8'));
    } catch (e) {
      throw new Error(`state file ${this.path} is not valid JSON: ${(e as Error).message}`);
    }
    if (!state || typeof state !== 'object' || (state as { format?: unknown }).format !== WORLD_STATE_FORMAT) {
      throw new Error(`state file ${this.path} is not an ${WORLD_STATE_FORMAT} export`);
    }
    return state as PersistedState;
  }

  save(state: PersistedState): void {
    mkdirSync(dirname(this.path), { recursive: true });
    const tmp = `${this.path}.${process.pid}.tmp`;
    const fd = openSync(tmp, 'w', 0o600);
    try {
      writeSync(fd, JSON.stringify(state));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, this.path);
  }
}
