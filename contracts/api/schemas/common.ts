import { z } from 'zod';

/** Shapes shared by every Atlas resource. Response schemas are strict: an unexpected key is a bug. */
export const ObjectId = z.string().regex(/^[a-f0-9]{24}$/);

/** ISO-8601 UTC without fractional seconds, as Atlas writes entity dates. */
export const AtlasDate = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);

export const Link = z.strictObject({ href: z.string().url(), rel: z.string() });
export const Links = z.array(Link);

/** The list envelope `{links, results, totalCount}` (wire-facts C.1). */
export function paginated<T extends z.ZodType>(item: T) {
  return z.strictObject({ links: Links, results: z.array(item), totalCount: z.number().int().nonnegative() });
}

/** `{}`: the body of 202 deletes (projects, clusters). */
export const EmptyObject = z.strictObject({});

export const Tag = z.strictObject({ key: z.string(), value: z.string() });
