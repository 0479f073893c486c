import { z } from 'zod';

/**
 * Building blocks of request contracts, following how Atlas (Jackson) reads bodies.
 */

/**
 * An optional attribute. `null` counts as absent, as Jackson leaves a property unset
 * when it reads `null`; handlers receive `undefined` for both.
 */
export function optional<T extends z.ZodType>(schema: T) {
  return schema.nullish().transform((v) => v ?? undefined);
}

/**
 * A read-only attribute of the resource (`id`, `links`, `created`, …). Clients that send
 * back what they read include them; Jackson skips read-only properties on input, so any
 * value is accepted and ignored.
 */
export const readOnly = z.unknown().optional();
