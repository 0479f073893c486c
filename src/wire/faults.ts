import type { ErrorCode } from '../../contracts/api/errorCatalog.js';
import { ERROR_CATALOG } from '../../contracts/api/errorCatalog.js';

/**
 * A fault injected through the control plane: requests that match get an Atlas error
 * and/or extra latency instead of (or before) their normal handling. Lets client authors
 * test retries and error paths without coaxing the simulator into a real failure.
 */
export interface FaultRule {
  id: number;
  /** Matches any method when absent. */
  method?: string;
  /** Exact path, or a pattern where `*` matches within one segment and `**` across segments. */
  path: string;
  /** Error to answer with; absent means latency only. */
  errorCode?: ErrorCode;
  /** Parameters for the error's detail template. */
  params?: unknown[];
  /** Real (wall-clock) delay before answering, in ms. */
  latencyMs?: number;
  /** How many more requests it applies to; absent = until removed. */
  remaining?: number;
}

export type FaultInput = Omit<FaultRule, 'id'>;

function toRegExp(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${escaped.replace(/\*\*/g, '\u0000').replace(/\*/g, '[^/]*').replace(/\u0000/g, '.*')}$`);
}

export class Faults {
  #rules: Array<FaultRule & { re: RegExp }> = [];
  #nextId = 1;

  add(input: FaultInput): FaultRule {
    if (input.errorCode !== undefined && !(input.errorCode in ERROR_CATALOG)) throw new RangeError(`unknown errorCode ${input.errorCode}`);
    const rule = { ...input, id: this.#nextId++, method: input.method?.toUpperCase() };
    if (rule.method === undefined) delete rule.method;
    this.#rules.push({ ...rule, re: toRegExp(input.path) });
    return rule;
  }

  list(): FaultRule[] {
    return this.#rules.map(({ re: _re, ...r }) => r);
  }

  remove(id: number): boolean {
    const before = this.#rules.length;
    this.#rules = this.#rules.filter((r) => r.id !== id);
    return this.#rules.length < before;
  }

  clear(): void {
    this.#rules = [];
  }

  /** The first rule matching the request, consuming one of its uses. */
  take(method: string, path: string): FaultRule | undefined {
    if (this.#rules.length === 0) return undefined;
    const rule = this.#rules.find((r) => (r.method === undefined || r.method === method) && r.re.test(path));
    if (!rule) return undefined;
    if (rule.remaining !== undefined) {
      rule.remaining -= 1;
      if (rule.remaining <= 0) this.remove(rule.id);
    }
    const { re: _re, ...out } = rule;
    return out;
  }
}
