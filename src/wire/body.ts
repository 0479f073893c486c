import type { z } from 'zod';
import { AtlasError } from '../sim/errors.js';

/** Jackson's path notation, which Atlas echoes in INVALID_JSON_ATTRIBUTE (`a.java.util.ArrayList[0].b`). */
export function javaPath(path: readonly PropertyKey[]): string {
  return path.map((p) => (typeof p === 'number' ? `java.util.ArrayList[${p}]` : String(p))).join('.');
}

/**
 * Parses a JSON request body; anything unparseable is 400 MALFORMED_JSON. So is a string
 * holding a lone UTF-16 surrogate (`"\ud800"`): it is valid JSON text but no character,
 * cannot be stored or sent back as UTF-8, and Atlas's own stack would choke on it
 * further in (a decision: the exact Atlas answer is unrecorded).
 */
export function parseJsonBody(body: Buffer | null): unknown {
  if (body === null || body.length === 0) throw new AtlasError('MALFORMED_JSON', []);
  const text = body.toString('utf8');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AtlasError('MALFORMED_JSON', []);
  }
  // Decoded UTF-8 never holds a lone surrogate; only a \uD800-\uDFFF escape can make one.
  if (/\\u[dD][89a-fA-F]/.test(text) && !wellFormed(value)) throw new AtlasError('MALFORMED_JSON', [], { detail: 'Received JSON is malformed: a string holds a lone UTF-16 surrogate.' });
  return value;
}

/** With the `u` flag a surrogate pair is one code point; only a lone surrogate is category Cs. */
const LONE_SURROGATE = /\p{Cs}/u;

/** True when every string (keys included) in a parsed JSON value is well-formed UTF-16. Iterative: bodies may nest deeply. */
function wellFormed(root: unknown): boolean {
  const stack: unknown[] = [root];
  while (stack.length) {
    const v = stack.pop();
    if (typeof v === 'string') {
      if (LONE_SURROGATE.test(v)) return false;
    } else if (Array.isArray(v)) for (const x of v) stack.push(x);
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (LONE_SURROGATE.test(k)) return false;
        stack.push(x);
      }
    }
  }
  return true;
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
