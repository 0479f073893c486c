/**
 * Conformance checks of responses (and request bodies) against the official
 * OpenAPI document. The checker reports every difference; deciding which ones
 * are deliberate (Atlas itself differs from its document, see wire-facts §C.6)
 * is the caller's job, typically with an allow-list keyed on operationId+rule.
 */
import { loadOpenApiDocument, type JsonObject, type OpenApiDocument, type OpenApiOperation } from './document.js';
import { schemaCompilerFor, type SchemaCompilerOptions, type SchemaIssue } from './schema.js';

/** One difference between a message and the document. */
export interface Violation {
  /** Empty when the path matched no operation. */
  operationId: string;
  method: string;
  /** The matched template, or the concrete path when nothing matched. */
  pathTemplate: string;
  /** HTTP status of the response; `null` for request checks. */
  status: number | null;
  /** Where in the body, `$` for the whole message, e.g. `$.results[0].links[1].href`. */
  jsonPath: string;
  /**
   * `path`, `method`, `status`, `content-type`, `version-not-in-document`,
   * `body`, `json`, or the failing schema keyword (`type`, `required`, `enum`,
   * `format`, `pattern`, `oneOf`, `oneOf-ambiguous`, `discriminator`,
   * `readOnly`, `writeOnly`, `additionalProperties`, …).
   */
  rule: string;
  message: string;
}

/** A response as sent on the wire. */
export interface ResponseInput {
  method: string;
  /** Concrete request path, query string allowed. */
  path: string;
  status: number;
  /** The `Content-Type` header, e.g. `application/vnd.atlas.2024-08-05+json;charset=utf-8`. */
  contentType?: string | null;
  /**
   * The body: a string/Buffer/Uint8Array is raw text (parsed when the media
   * type is JSON); `undefined` or an empty string means no body; anything else
   * is taken as the already-parsed JSON value.
   */
  body?: unknown;
}

/** A request body as received. */
export interface RequestInput {
  method: string;
  path: string;
  contentType?: string | null;
  /** Same conventions as {@link ResponseInput.body}. */
  body?: unknown;
}

export interface CheckOptions extends SchemaCompilerOptions {
  /** The document to check against; default: {@link loadOpenApiDocument}(). */
  document?: OpenApiDocument;
}

const VND_RE = /^application\/vnd\.atlas\.(\d{4}-\d{2}-\d{2}|preview)\+([a-z0-9.-]+)$/;

/** `application/vnd.atlas.2024-08-05+json;charset=utf-8` → `application/vnd.atlas.2024-08-05+json`. */
export function mediaTypeOf(contentType: string | null | undefined): string | undefined {
  if (!contentType) return undefined;
  const m = contentType.split(';')[0]?.trim().toLowerCase();
  return m || undefined;
}

const isJsonMedia = (m: string): boolean => m === 'application/json' || m.endsWith('+json');

interface BodyValue {
  present: boolean;
  value?: unknown;
  raw?: string;
}

function bodyOf(body: unknown): BodyValue {
  if (body === undefined) return { present: false };
  if (typeof body === 'string') return body.length ? { present: true, raw: body } : { present: false };
  if (body instanceof Uint8Array) {
    return body.length ? { present: true, raw: Buffer.from(body).toString('utf8') } : { present: false };
  }
  return { present: true, value: body };
}

/** Parses raw JSON text; returns an error message instead of throwing. */
function parsed(b: BodyValue): { ok: true; value: unknown } | { ok: false; error: string } {
  if (b.raw === undefined) return { ok: true, value: b.value };
  try {
    return { ok: true, value: JSON.parse(b.raw) as unknown };
  } catch (e) {
    return { ok: false, error: `body is not valid JSON: ${(e as Error).message}` };
  }
}

/** Checks messages against one document; memoises compiled validators. */
export class ConformanceChecker {
  private readonly apiErrorRef: JsonObject = { $ref: '#/components/schemas/ApiError' };

  /**
   * @param doc the document to check against
   * @param options `strictOneOf`, see {@link SchemaCompilerOptions}
   */
  constructor(
    readonly doc: OpenApiDocument,
    readonly options: SchemaCompilerOptions = {},
  ) {}

  private get schemas() {
    return schemaCompilerFor(this.doc.raw, this.options);
  }

  /** Checks a response; returns [] when it conforms. */
  checkResponse(input: ResponseInput): Violation[] {
    const method = input.method.toUpperCase();
    const found = this.locate(method, input.path, input.status);
    if (!Array.isArray(found)) return [found];
    const [op] = found;
    const out: Violation[] = [];
    const v = (jsonPath: string, rule: string, message: string): Violation => ({
      operationId: op.operationId,
      method,
      pathTemplate: op.path,
      status: input.status,
      jsonPath,
      rule,
      message,
    });
    const statusKey = String(input.status);
    const listed = op.responses[statusKey] ?? op.responses[`${statusKey[0]}XX`];
    const media = mediaTypeOf(input.contentType);
    const body = bodyOf(input.body);
    const isError = input.status >= 400;
    let response: JsonObject | undefined = listed ?? op.responses.default;

    if (!listed && input.status >= 200 && input.status < 300) {
      const documented = Object.keys(op.responses).filter((k) => /^2/.test(k));
      out.push(v('$', 'status', `status ${input.status} is not documented (document lists ${documented.join(', ') || 'no 2xx status'})`));
      // Still check the body against the documented success response with the same media type, if any.
      response ??= documented.map((k) => op.responses[k]).find((r) => !!media && !!contentOf(r)?.[media]);
    }

    if (!body.present) {
      const content = contentOf(response) ?? {};
      const described = (media && content[media] ? [media] : Object.keys(content)).find((k) => content[k]?.schema);
      if (described && !isError) {
        out.push(v('$', 'body', `document describes a ${described} body for status ${input.status} but the response has none`));
      }
      return out;
    }
    if (!media) {
      out.push(v('$', 'content-type', 'response has a body but no Content-Type'));
      return out;
    }

    let schema: unknown;
    const content = contentOf(response);
    if (content?.[media]) {
      schema = content[media]?.schema;
    } else if (isError && media === 'application/json') {
      // Error bodies share one shape whatever the status (catalogued codes such as 406/429 are not listed per operation).
      schema = isObj(this.schemaComponent('ApiError')) ? this.apiErrorRef : undefined;
    } else {
      const problem = this.mediaProblem(media, content, response !== undefined);
      if (problem) out.push(v('$', problem.rule, problem.message));
      return out;
    }
    if (!isObj(schema) || !isJsonMedia(media)) return out; // schema-less, gzip, csv: nothing to validate
    const p = parsed(body);
    if (!p.ok) {
      out.push(v('$', 'json', p.error));
      return out;
    }
    for (const i of this.schemas.validate(schema, 'response', p.value)) out.push(v(i.jsonPath, i.rule, i.message));
    return out;
  }

  /** Checks a request body; returns [] when it conforms. */
  checkRequest(input: RequestInput): Violation[] {
    const method = input.method.toUpperCase();
    const found = this.locate(method, input.path, null);
    if (!Array.isArray(found)) return [found];
    const [op] = found;
    const v = (jsonPath: string, rule: string, message: string): Violation => ({
      operationId: op.operationId,
      method,
      pathTemplate: op.path,
      status: null,
      jsonPath,
      rule,
      message,
    });
    const rb = op.requestBody;
    const body = bodyOf(input.body);
    if (!body.present) return rb?.required === true ? [v('$', 'body', 'request body is required')] : [];
    if (!rb) return [v('$', 'body', 'operation takes no request body')];
    const content = contentOf(rb) ?? {};
    let media = mediaTypeOf(input.contentType);
    if (!media) return [v('$', 'content-type', 'request has a body but no Content-Type')];
    if (media === 'application/json' && !content[media]) {
      // Atlas accepts plain JSON bodies; the document only describes the newest version, so use that.
      const newest = Object.keys(content)
        .filter((k) => VND_RE.test(k) && k.endsWith('+json'))
        .sort()
        .pop();
      if (newest) media = newest;
    }
    if (!content[media]) {
      const problem = this.mediaProblem(media, content, true);
      return problem ? [v('$', problem.rule, problem.message)] : [];
    }
    const schema = content[media]?.schema;
    if (!isObj(schema) || !isJsonMedia(media)) return [];
    const p = parsed(body);
    if (!p.ok) return [v('$', 'json', p.error)];
    return this.schemas.validate(schema, 'request', p.value).map((i: SchemaIssue) => v(i.jsonPath, i.rule, i.message));
  }

  /** Finds the operation, or the path/method violation. */
  private locate(method: string, path: string, status: number | null): [OpenApiOperation] | Violation {
    const r = this.doc.matchPath(method, path);
    if (r.kind === 'match') return [r.match.operation];
    const base = { operationId: '', method, status, jsonPath: '$' };
    if (r.kind === 'method-not-allowed') {
      return {
        ...base,
        pathTemplate: r.pathTemplate,
        rule: 'method',
        message: `${method} is not documented for ${r.pathTemplate} (documented: ${r.allowedMethods.join(', ')})`,
      };
    }
    return { ...base, pathTemplate: path.replace(/[?#].*$/, ''), rule: 'path', message: 'no operation in the document matches this path' };
  }

  /** Why `media` is not in `content`: another version of the same resource, or another media type. */
  private mediaProblem(
    media: string,
    content: Record<string, JsonObject> | undefined,
    hasResponse: boolean,
  ): { rule: string; message: string } | undefined {
    const keys = Object.keys(content ?? {});
    if (!keys.length) {
      return hasResponse ? { rule: 'body', message: `document describes no body here but the message has a ${media} body` } : undefined;
    }
    const m = VND_RE.exec(media);
    if (m) {
      const versions = keys.map((k) => VND_RE.exec(k)).filter((x): x is RegExpExecArray => !!x && x[2] === m[2]);
      if (versions.length) {
        return {
          rule: 'version-not-in-document',
          message: `version ${m[1]} is not in the document, which describes only ${versions.map((x) => x[1]).join(', ')} (the newest version); body not validated`,
        };
      }
    }
    return { rule: 'content-type', message: `media type ${media} is not documented here (document has ${keys.join(', ')})` };
  }

  private schemaComponent(name: string): unknown {
    return ((this.doc.raw.components as JsonObject | undefined)?.schemas as JsonObject | undefined)?.[name];
  }
}

const isObj = (v: unknown): v is JsonObject => v !== null && typeof v === 'object' && !Array.isArray(v);

function contentOf(r: JsonObject | undefined): Record<string, JsonObject> | undefined {
  return r && isObj(r.content) ? (r.content as Record<string, JsonObject>) : undefined;
}

const checkers = new WeakMap<OpenApiDocument, Map<boolean, ConformanceChecker>>();

/** The (memoised) checker for a document (default: the official one) and options. */
export function checkerFor(doc: OpenApiDocument = loadOpenApiDocument(), options: SchemaCompilerOptions = {}): ConformanceChecker {
  let byOpts = checkers.get(doc);
  if (!byOpts) checkers.set(doc, (byOpts = new Map()));
  const strict = options.strictOneOf === true;
  let c = byOpts.get(strict);
  if (!c) byOpts.set(strict, (c = new ConformanceChecker(doc, { strictOneOf: strict })));
  return c;
}

/**
 * Validates a response against the document: status (2xx not documented →
 * rule `status`), media type (version not described → `version-not-in-document`),
 * and the body against the schema for (operation, status, media type).
 * Error bodies in `application/json` are checked against `ApiError`.
 */
export function checkResponse(input: ResponseInput, options: CheckOptions = {}): Violation[] {
  return checkerFor(options.document, options).checkResponse(input);
}

/**
 * Validates a request body against the operation's `requestBody` (readOnly
 * properties must be absent). A plain `application/json` body is checked
 * against the newest versioned media type the document describes.
 */
export function checkRequest(input: RequestInput, options: CheckOptions = {}): Violation[] {
  return checkerFor(options.document, options).checkRequest(input);
}

export { formatViolation, formatViolations } from './formatViolations.js';
