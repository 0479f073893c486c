import type { SimClock } from './clock.js';
import type { SeededRandom } from './random.js';

/** A 24-hex MongoDB ObjectId, the id format of almost every Atlas entity. */
export const OBJECT_ID = /^[a-f0-9]{24}$/;

/**
 * Generates ObjectIds the way MongoDB does: 4 bytes of creation time (simulation clock
 * seconds), 5 bytes fixed per generator, and a 3-byte counter starting at a random value.
 * Both random parts come from the seeded generator, so ids are reproducible.
 */
export class ObjectIdGenerator {
  readonly #clock: SimClock;
  #machine: string;
  #counter: number;

  constructor(clock: SimClock, random: SeededRandom) {
    this.#clock = clock;
    this.#machine = random.hex(10);
    this.#counter = random.int(0, 0xffffff);
  }

  next(): string {
    this.#counter = (this.#counter + 1) & 0xffffff;
    const time = (this.#clock.nowSeconds() >>> 0).toString(16).padStart(8, '0');
    return time + this.#machine + this.#counter.toString(16).padStart(6, '0');
  }

  save(): { machine: string; counter: number } {
    return { machine: this.#machine, counter: this.#counter };
  }

  restore(state: { machine: string; counter: number }): void {
    this.#machine = state.machine;
    this.#counter = state.counter;
  }
}
