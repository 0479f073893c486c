import type { z } from 'zod';
import { AtlasError } from '../sim/errors.js';

/** Jackson's path notation, which Atlas echoes in INVALID_JSON_ATTRIBUTE (`a.java.util.ArrayList[0].b`). */
export function javaPath(path: readonly PropertyKey[]): string {
  return path.map((p) => (typeof p === 'number' ? `java.util.ArrayList[${p}]` : String(p))).join('.');
}

/** Parses a JSON request body; anything unparseable is 400 MALFORMED_JSON. */
export function parseJsonBody(body: Buffer | null): unknown {
  if (body === null || body.length === 0) throw new AtlasError('MALFORMED_JSON', []);
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new AtlasError('MALFORMED_JSON', []);
  }
}

type Issue = z.core.$ZodIssue;

function isMissing(issue: Issue): boolean {
  // A required enumeration that is absent fails as a bad value in zod; to Atlas it is missing.
  return (issue.code === 'invalid_type' || issue.code === 'invalid_value') && issue.path.length > 0 && (issue.input === undefined || issue.input === null);
}

/**
 * Validates a parsed body against a request contract and turns the first problem into
 * the error Atlas gives for it. Atlas deserialises first (Jackson: wrong types, unknown
 * fields, bad enum values) and validates afterwards (missing attributes, reported one at
 * a time in declaration order), so shape errors win over missing fields.
 */
export function validateBody<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  const issues = result.error.issues;
  const shape = issues.find((i) => !isMissing(i));
  const issue = shape ?? issues[0]!;
  throw issueToError(issue);
}

function issueToError(issue: Issue): AtlasError {
  const leaf = issue.path.length ? String(issue.path[issue.path.length - 1]) : '';
  switch (issue.code) {
    case 'invalid_type':
      if (issue.path.length === 0) return new AtlasError('INVALID_JSON', []);
      if (isMissing(issue)) return new AtlasError('MISSING_ATTRIBUTE', [leaf]);
      return new AtlasError('INVALID_JSON_ATTRIBUTE', [javaPath(issue.path)]);
    case 'unrecognized_keys':
      return new AtlasError('INVALID_ATTRIBUTE', [issue.keys[0]]);
    case 'invalid_value':
      if (isMissing(issue)) return new AtlasError('MISSING_ATTRIBUTE', [leaf]);
      return new AtlasError('INVALID_ENUM_VALUE', [String(issue.input)]);
    case 'custom': {
      const params = issue.params as { atlasError?: AtlasError } | undefined;
      if (params?.atlasError) return params.atlasError;
      return new AtlasError('INVALID_ATTRIBUTE', [leaf]);
    }
    default:
      return new AtlasError('INVALID_ATTRIBUTE', [leaf || javaPath(issue.path)]);
  }
}
