/**
 * Loading of the official Atlas Administration API v2 OpenAPI document and
 * matching of concrete request paths to its operations.
 *
 * The document itself is NOT part of the repository (licence and size); it is
 * read from `../shared/atlas/openapi/atlas-admin-v2.2025-06.yaml` relative to
 * the project root, or from `$ATLAS_OPENAPI_FILE`, or from an explicit path.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';

export type JsonObject = Record<string, unknown>;

/** One operation of the document, with `$ref`s of parameters/responses/requestBody resolved. */
export interface OpenApiOperation {
  operationId: string;
  /** Upper-case HTTP method. */
  method: string;
  /** Path template, e.g. `/api/atlas/v2/groups/{groupId}`. */
  path: string;
  tags: string[];
  summary: string;
  description: string;
  /** Path-level and operation-level parameters, `$ref`s resolved. */
  parameters: JsonObject[];
  requestBody: JsonObject | undefined;
  /** Status code (or `default`) → response object, `$ref`s resolved. */
  responses: Record<string, JsonObject>;
  deprecated: boolean;
}

export interface OperationMatch {
  operation: OpenApiOperation;
  /** Decoded values of the template's path parameters. */
  pathParams: Record<string, string>;
}

/** Result of {@link OpenApiDocument.matchPath}: either a match, or why nothing matched. */
export type PathMatchResult =
  | { kind: 'match'; match: OperationMatch }
  | { kind: 'method-not-allowed'; pathTemplate: string; allowedMethods: string[] }
  | { kind: 'no-path' };

/** Result of {@link OpenApiDocument.matchUnderscoredPath}: the match plus the reconstructed concrete path. */
export interface UnderscoredMatch extends OperationMatch {
  concretePath: string;
}

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];

/** Name of the file shipped in `/work/shared`, used in error messages. */
export const OPENAPI_FILE_NAME = 'atlas-admin-v2.2025-06.yaml';

/** Where users get the document (from `shared/atlas/openapi/README.md`). */
export const OPENAPI_DOWNLOAD_HINT =
  'Download it from the public repository mongodb/atlas-sdk-go, file openapi/atlas-api.yaml at commit 50f2fbfb (2025-06-30): ' +
  'https://raw.githubusercontent.com/mongodb/atlas-sdk-go/50f2fbfb/openapi/atlas-api.yaml ' +
  '(MongoDB also publishes current documents in the public repository mongodb/openapi, openapi/v2.json and openapi/v2/openapi-<version>.json). ' +
  `Save it as ../shared/atlas/openapi/${OPENAPI_FILE_NAME} relative to the project root, or point the ATLAS_OPENAPI_FILE environment variable at it. ` +
  'Do not copy it into the repository.';

// ---------------------------------------------------------------------------
// Locating and loading
// ---------------------------------------------------------------------------

let projectRootMemo: string | undefined;

/**
 * The project root: the nearest ancestor of this module holding the project's
 * `package.json` (works both from sources and from a compiled `dist/`), else cwd.
 */
export function projectRoot(): string {
  if (projectRootMemo) return projectRootMemo;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        const name = (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name;
        if (name === 'atlas-gov-mock') return (projectRootMemo = dir);
      } catch {
        /* not ours; keep walking */
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return (projectRootMemo = process.cwd());
}

/**
 * Absolute path of the document to use: the explicit argument, else
 * `$ATLAS_OPENAPI_FILE`, else `<projectRoot>/../shared/atlas/openapi/atlas-admin-v2.2025-06.yaml`.
 */
export function resolveOpenApiFile(file?: string): string {
  const chosen = file ?? process.env.ATLAS_OPENAPI_FILE;
  if (chosen) return path.resolve(projectRoot(), chosen);
  return path.resolve(projectRoot(), '..', 'shared', 'atlas', 'openapi', OPENAPI_FILE_NAME);
}

const loaded = new Map<string, OpenApiDocument>();

/** Forgets documents loaded in this process (tests use it to prove the disk cache is read). */
export function resetOpenApiDocumentMemo(): void {
  loaded.clear();
}

/** Where the parsed JSON of a document with this SHA-256 is cached. */
export function openApiCacheFile(sha256: string): string {
  return path.join(projectRoot(), 'node_modules', '.cache', 'atlas-gov-mock', `openapi-${sha256}.json`);
}

/**
 * Loads (once per process and file) and indexes the OpenAPI document.
 *
 * Parsing 4 MB of YAML takes over a second, so the parsed JSON is cached in
 * `node_modules/.cache/atlas-gov-mock/openapi-<sha256 of the file>.json`;
 * the hash makes a changed file invalidate the cache by itself.
 * @throws Error naming the missing file and where to download it.
 */
export function loadOpenApiDocument(file?: string): OpenApiDocument {
  const abs = resolveOpenApiFile(file);
  const memo = loaded.get(abs);
  if (memo) return memo;
  if (!existsSync(abs)) {
    throw new Error(`Atlas OpenAPI document not found: ${abs}. ${OPENAPI_DOWNLOAD_HINT}`);
  }
  const bytes = readFileSync(abs);
  const sha = createHash('sha256').update(bytes).digest('hex');
  const cacheFile = openApiCacheFile(sha);
  const cacheDir = path.dirname(cacheFile);
  let raw: JsonObject | undefined;
  if (existsSync(cacheFile)) {
    try {
      raw = JSON.parse(readFileSync(cacheFile, 'utf8')) as JsonObject;
    } catch {
      raw = undefined; // corrupt cache: re-parse below
    }
  }
  if (!raw) {
    const text = bytes.toString('utf8');
    raw = (abs.endsWith('.json') ? JSON.parse(text) : parseYaml(text)) as JsonObject;
    try {
      mkdirSync(cacheDir, { recursive: true });
      // Write-then-rename so parallel test workers never read a half-written file.
      const tmp = `${cacheFile}.${process.pid}.${Date.now()}.tmp`;
      writeFileSync(tmp, JSON.stringify(raw));
      renameSync(tmp, cacheFile);
    } catch {
      /* cache is an optimisation only */
    }
  }
  const doc = new OpenApiDocument(raw, abs);
  loaded.set(abs, doc);
  return doc;
}

// ---------------------------------------------------------------------------
// Path matching trie
// ---------------------------------------------------------------------------

/** A segment mixing a parameter with literal text, e.g. `{clientId}:invite` or `{logName}.gz`. */
interface PatternEdge {
  key: string;
  regex: RegExp;
  literalLength: number;
  node: TrieNode;
}

interface Terminal {
  template: string;
  /** Parameter names in the order their values are captured. */
  paramNames: string[];
  ops: Map<string, OpenApiOperation>;
}

interface TrieNode {
  statics: Map<string, TrieNode>;
  patterns: PatternEdge[];
  param: TrieNode | undefined;
  terminal: Terminal | undefined;
}

const newNode = (): TrieNode => ({ statics: new Map(), patterns: [], param: undefined, terminal: undefined });

const PARAM_RE = /\{([^}]+)\}/g;

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

interface Capture {
  node: TrieNode;
  values: string[];
}

/** The parsed document plus an operation index and a path matcher. */
export class OpenApiDocument {
  readonly operations: OpenApiOperation[] = [];
  private readonly byId = new Map<string, OpenApiOperation>();
  private readonly root: TrieNode = newNode();

  /**
   * @param raw the parsed OpenAPI 3.0 document (tests pass small hand-written ones)
   * @param source where it came from, for messages
   */
  constructor(
    readonly raw: JsonObject,
    readonly source = '<in-memory>',
  ) {
    const paths = (raw.paths ?? {}) as Record<string, JsonObject>;
    for (const [template, rawItem] of Object.entries(paths)) {
      const item = this.deref(rawItem) as JsonObject;
      const common = ((item.parameters ?? []) as unknown[]).map((p) => this.deref(p) as JsonObject);
      for (const m of HTTP_METHODS) {
        const op = item[m] as JsonObject | undefined;
        if (!op || typeof op !== 'object') continue;
        const own = ((op.parameters ?? []) as unknown[]).map((p) => this.deref(p) as JsonObject);
        // Operation-level parameters override path-level ones with the same (name, in).
        const params = [
          ...common.filter((c) => !own.some((o) => o.name === c.name && o.in === c.in)),
          ...own,
        ];
        const responses: Record<string, JsonObject> = {};
        for (const [status, r] of Object.entries((op.responses ?? {}) as JsonObject)) {
          responses[status] = this.deref(r) as JsonObject;
        }
        const operation: OpenApiOperation = {
          operationId: typeof op.operationId === 'string' ? op.operationId : `${m.toUpperCase()} ${template}`,
          method: m.toUpperCase(),
          path: template,
          tags: Array.isArray(op.tags) ? (op.tags as string[]) : [],
          summary: typeof op.summary === 'string' ? op.summary : '',
          description: typeof op.description === 'string' ? op.description : '',
          parameters: params,
          requestBody: op.requestBody ? (this.deref(op.requestBody) as JsonObject) : undefined,
          responses,
          deprecated: op.deprecated === true,
        };
        this.operations.push(operation);
        this.byId.set(operation.operationId, operation);
        this.insert(operation);
      }
    }
  }

  /** Resolves a local `#/...` JSON pointer. */
  resolvePointer(ref: string): unknown {
    if (!ref.startsWith('#/')) throw new Error(`Only local $refs are supported, got ${ref}`);
    let cur: unknown = this.raw;
    for (const part of ref.slice(2).split('/')) {
      const key = part.replace(/~1/g, '/').replace(/~0/g, '~');
      if (cur === null || typeof cur !== 'object') return undefined;
      cur = (cur as JsonObject)[key];
    }
    return cur;
  }

  /** Follows `$ref` chains (non-schema objects: responses, parameters, request bodies). */
  deref(v: unknown): unknown {
    let cur = v;
    for (let i = 0; i < 20 && cur && typeof cur === 'object' && typeof (cur as JsonObject).$ref === 'string'; i++) {
      cur = this.resolvePointer((cur as JsonObject).$ref as string);
    }
    return cur;
  }

  /** The operation with this `operationId`. */
  getOperation(operationId: string): OpenApiOperation | undefined {
    return this.byId.get(operationId);
  }

  private insert(op: OpenApiOperation): void {
    let node = this.root;
    const paramNames: string[] = [];
    for (const seg of op.path.split('/').slice(1)) {
      const names = [...seg.matchAll(PARAM_RE)].map((m) => m[1] as string);
      if (names.length === 0) {
        let next = node.statics.get(seg);
        if (!next) node.statics.set(seg, (next = newNode()));
        node = next;
      } else if (names.length === 1 && seg === `{${names[0]}}`) {
        node.param ??= newNode();
        node = node.param;
      } else {
        const key = seg.replace(PARAM_RE, '{}');
        let edge = node.patterns.find((p) => p.key === key);
        if (!edge) {
          const parts = key.split('{}');
          const regex = new RegExp(`^${parts.map(escapeRegex).join('(.+?)')}$`);
          edge = { key, regex, literalLength: parts.join('').length, node: newNode() };
          node.patterns.push(edge);
          // Longest literal first: the most specific pattern wins.
          node.patterns.sort((a, b) => b.literalLength - a.literalLength);
        }
        node = edge.node;
      }
      paramNames.push(...names);
    }
    node.terminal ??= { template: op.path, paramNames, ops: new Map() };
    node.terminal.ops.set(op.method, op);
  }

  /**
   * Depth-first search over the trie. At each level static segments are tried
   * first, then mixed `{x}:action` segments, then bare parameters, so that
   * `/groups/byName/{groupName}` beats `/groups/{groupId}/...`; backtracks when
   * a branch dead-ends. `accept` decides whether a terminal counts.
   */
  private search(
    node: TrieNode,
    segs: readonly string[],
    i: number,
    values: string[],
    accept: (t: Terminal) => boolean,
  ): Capture | undefined {
    if (i === segs.length) {
      return node.terminal && accept(node.terminal) ? { node, values } : undefined;
    }
    const raw = segs[i] as string;
    const seg = safeDecode(raw);
    const st = node.statics.get(seg) ?? (seg !== raw ? node.statics.get(raw) : undefined);
    if (st) {
      const r = this.search(st, segs, i + 1, values, accept);
      if (r) return r;
    }
    for (const p of node.patterns) {
      const m = p.regex.exec(seg);
      if (m) {
        const r = this.search(p.node, segs, i + 1, [...values, ...m.slice(1)], accept);
        if (r) return r;
      }
    }
    if (node.param && seg !== '') {
      const r = this.search(node.param, segs, i + 1, [...values, seg], accept);
      if (r) return r;
    }
    return undefined;
  }

  /**
   * Maps a concrete path (query string allowed, percent-encoded segments such
   * as `10.0.0.1%2F32` stay one segment) to a template, telling apart "no such
   * path" from "path exists but not for this method".
   */
  matchPath(method: string, concretePath: string): PathMatchResult {
    const m = method.toUpperCase();
    let p = concretePath.replace(/[?#].*$/, '');
    if (/^https?:\/\//i.test(p)) p = new URL(p).pathname;
    if (p.length > 1 && p.endsWith('/')) p = p.slice(0, -1);
    const segs = p.split('/').slice(1);
    const hit = this.search(this.root, segs, 0, [], (t) => t.ops.has(m));
    if (hit) return { kind: 'match', match: this.toMatch(hit, m) };
    const any = this.search(this.root, segs, 0, [], () => true);
    if (any?.node.terminal) {
      return {
        kind: 'method-not-allowed',
        pathTemplate: any.node.terminal.template,
        allowedMethods: [...any.node.terminal.ops.keys()],
      };
    }
    return { kind: 'no-path' };
  }

  /** Maps (method, concrete path) to its operation and path parameters, or `undefined`. */
  matchOperation(method: string, concretePath: string): OperationMatch | undefined {
    const r = this.matchPath(method, concretePath);
    return r.kind === 'match' ? r.match : undefined;
  }

  /**
   * Resolves a path whose `/` were replaced by `_` (the naming scheme of the
   * recorded `.snaphost` files, e.g. `api_atlas_v2_groups_<id>_clusters`).
   * Since values may themselves contain `_`, every way of grouping the tokens
   * is tried against the templates (static segments first, then the shortest
   * parameter values), and the first complete match for `method` wins.
   */
  matchUnderscoredPath(method: string, flat: string): UnderscoredMatch | undefined {
    const m = method.toUpperCase();
    const tokens = flat.replace(/^_+/, '').split('_');
    const segsOut: string[] = [];
    const walk = (node: TrieNode, i: number, values: string[]): Capture | undefined => {
      if (i === tokens.length) return node.terminal?.ops.has(m) ? { node, values } : undefined;
      for (let k = 1; i + k <= tokens.length; k++) {
        const seg = tokens.slice(i, i + k).join('_');
        const st = node.statics.get(seg);
        if (st) {
          segsOut.push(seg);
          const r = walk(st, i + k, values);
          if (r) return r;
          segsOut.pop();
        }
      }
      for (let k = 1; i + k <= tokens.length; k++) {
        const seg = tokens.slice(i, i + k).join('_');
        for (const p of node.patterns) {
          const mm = p.regex.exec(seg);
          if (!mm) continue;
          segsOut.push(seg);
          const r = walk(p.node, i + k, [...values, ...mm.slice(1)]);
          if (r) return r;
          segsOut.pop();
        }
      }
      if (node.param) {
        for (let k = 1; i + k <= tokens.length; k++) {
          const seg = tokens.slice(i, i + k).join('_');
          segsOut.push(seg);
          const r = walk(node.param, i + k, [...values, safeDecode(seg)]);
          if (r) return r;
          segsOut.pop();
        }
      }
      return undefined;
    };
    const hit = walk(this.root, 0, []);
    if (!hit) return undefined;
    return { ...this.toMatch(hit, m), concretePath: `/${segsOut.join('/')}` };
  }

  private toMatch(hit: Capture, method: string): OperationMatch {
    const t = hit.node.terminal as Terminal;
    const pathParams: Record<string, string> = {};
    t.paramNames.forEach((n, idx) => {
      pathParams[n] = hit.values[idx] ?? '';
    });
    return { operation: t.ops.get(method) as OpenApiOperation, pathParams };
  }
}
