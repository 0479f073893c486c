import type { Faker } from '@faker-js/faker';
import { faker as enFaker } from '@faker-js/faker/locale/en';

/**
 * The one seeded generator: every random choice in the simulator (ids, nonces, secrets,
 * key material, fake names) comes from here, so the same seed and the same requests
 * give byte-identical responses.
 *
 * The core is sfc32 seeded through splitmix32 (small, fast, well-distributed, 32-bit
 * state words that survive a JSON round trip). faker draws from the same stream through
 * its `Randomizer` interface instead of keeping a second generator.
 *
 * faker is loaded through its `locale/en` entry (one locale, ~90 ms) instead of the
 * package root (all locales, ~270 ms), because the server must answer within 1 s of start.
 */
export class SeededRandom {
  #a = 0;
  #b = 0;
  #c = 0;
  #d = 0;
  readonly seed: number;
  readonly faker: Faker;

  constructor(seed: number) {
    this.seed = seed >>> 0;
    this.#reseed(this.seed);
    const FakerClass = enFaker.constructor as new (options: {
      locale: Faker['rawDefinitions'];
      randomizer: { next(): number; seed(seed: number | number[]): void };
    }) => Faker;
    this.faker = new FakerClass({
      locale: enFaker.rawDefinitions,
      randomizer: { next: () => this.next(), seed: (s) => this.#reseed(Array.isArray(s) ? (s[0] ?? 0) : s) },
    });
  }

  #reseed(seed: number): void {
    let x = seed >>> 0;
    const splitmix = (): number => {
      x = (x + 0x9e3779b9) >>> 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.#a = splitmix();
    this.#b = splitmix();
    this.#c = splitmix();
    this.#d = splitmix();
  }

  /** Next 32-bit unsigned integer. */
  uint32(): number {
    const t = (((this.#a + this.#b) >>> 0) + this.#d) >>> 0;
    this.#d = (this.#d + 1) >>> 0;
    this.#a = this.#b ^ (this.#b >>> 9);
    this.#b = (this.#c + (this.#c << 3)) >>> 0;
    this.#c = (this.#c << 21) | (this.#c >>> 11);
    this.#c = (this.#c + t) >>> 0;
    return t;
  }

  /** Uniform float in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** Uniform integer in [min, max] (inclusive). */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  bytes(n: number): Uint8Array {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i += 4) {
      const v = this.uint32();
      out[i] = v & 0xff;
      if (i + 1 < n) out[i + 1] = (v >>> 8) & 0xff;
      if (i + 2 < n) out[i + 2] = (v >>> 16) & 0xff;
      if (i + 3 < n) out[i + 3] = v >>> 24;
    }
    return out;
  }

  /** `n` lowercase hex characters. */
  hex(n: number): string {
    return Buffer.from(this.bytes(Math.ceil(n / 2))).toString('hex').slice(0, n);
  }

  /** Standard base64 (no padding) of `nBytes` random bytes. */
  base64(nBytes: number): string {
    return Buffer.from(this.bytes(nBytes)).toString('base64').replace(/=+$/, '');
  }

  /** `n` characters drawn from `alphabet`. */
  chars(n: number, alphabet: string): string {
    let s = '';
    for (let i = 0; i < n; i++) s += alphabet[this.int(0, alphabet.length - 1)];
    return s;
  }

  /** RFC 4122 version-4 UUID. */
  uuid(): string {
    const b = this.bytes(16);
    b[6] = (b[6]! & 0x0f) | 0x40;
    b[8] = (b[8]! & 0x3f) | 0x80;
    const h = Buffer.from(b).toString('hex');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }

  /** The generator's position, for state export; `restore` continues the same stream. */
  save(): [number, number, number, number] {
    return [this.#a, this.#b, this.#c, this.#d];
  }

  /**
   * Moves to a stream of its own for `n` (a start counter): the same saved position and
   * the same `n` always give the same stream, different `n` give unrelated ones.
   */
  fork(n: number): void {
    this.#a = (this.#a ^ Math.imul(n >>> 0, 0x9e3779b9)) >>> 0;
    this.#d = (this.#d ^ Math.imul((n >>> 0) + 0x6d2b79f5, 0x85ebca6b)) >>> 0;
    for (let i = 0; i < 12; i++) this.uint32();
  }

  restore(state: readonly number[]): void {
    [this.#a, this.#b, this.#c, this.#d] = state.map((v) => v >>> 0) as [number, number, number, number];
  }
}

export const LOWER = 'abcdefghijklmnopqrstuvwxyz';
export const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
export const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';
export const DIGITS = '0123456789';

/** Accepts a number or any string (hashed with FNV-1a) as a seed. */
export function parseSeed(value: string | number): number {
  if (typeof value === 'number') return value >>> 0;
  if (/^\d+$/.test(value)) return Number(value) >>> 0;
  let h = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) h = Math.imul(h ^ value.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
