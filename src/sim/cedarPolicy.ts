/**
 * The subset of Cedar that Atlas resource policies are written in, as MongoDB documents
 * them ("Atlas Resource Policies" examples): `forbid` statements on one action with
 * `when`/`unless` conditions over the request context, e.g.
 *
 *   forbid (principal, action == cloud::Action::"cluster.createEdit", resource)
 *   when { context.cluster.cloudProviders.containsAny([cloud::cloudProvider::"aws"]) };
 *
 * Parsing and validation fail the way Atlas reports them (the messages the Terraform
 * provider's acceptance tests expect): a syntax error names the token, as in
 * "unexpected token `resource`"; an entity Atlas does not know is "entity id aws222
 * does not exist in the context of this organization".
 *
 * Supported, and so enforced by the simulator:
 * - action `cloud::Action::"cluster.createEdit"` with `context.cluster.cloudProviders`
 *   (entities `cloud::cloudProvider::"aws"|"gcp"|"azure"`) and `context.cluster.regions`
 *   (entities `cloud::region::"<provider>:<region>"`, the region as Atlas names it in
 *   lower case with dashes: `aws:us-gov-west-1`, `gcp:us-east-4`);
 * - action `cloud::Action::"project.edit"` with `context.project.ipAccessList`
 *   (values `ip("0.0.0.0/0")`);
 * - the set tests `contains`, `containsAny`, `containsAll`, combined with `&&`, `||`,
 *   `!` and parentheses.
 * Decision: anything else Cedar allows (other actions and attributes, `permit`, scoped
 * principals or resources) is refused as a failed validation rather than accepted
 * without effect, so that a policy the simulator stores is one it enforces.
 */
import { parseBlock, canonicalCidr } from './networkAddress.js';
import { regionExists } from './regions.js';

export type PolicyErrorType = 'POLICY_PARSING_ERROR' | 'POLICY_HAS_FAILED_VALIDATIONS' | 'POLICY_HAS_INVALID_PRINCIPAL' | 'POLICY_HAS_UNEXPECTED_ENTITIES';

/** A policy body Atlas refuses: the error type of the document's 400 view and the message. */
export class PolicyError extends Error {
  constructor(
    readonly errorType: PolicyErrorType,
    message: string,
  ) {
    super(message);
  }
}

export type PolicyAction = 'cluster.createEdit' | 'project.edit';

/** The request context a condition reads: sets of entity ids (lower case) or canonical CIDR blocks. */
export interface PolicyContext {
  cluster?: { cloudProviders: ReadonlySet<string>; regions: ReadonlySet<string> };
  project?: { ipAccessList: ReadonlySet<string> };
}

type Expr =
  | { op: 'and' | 'or'; left: Expr; right: Expr }
  | { op: 'not'; expr: Expr }
  | { op: 'test'; scope: 'cluster' | 'project'; attribute: string; method: 'contains' | 'containsAny' | 'containsAll'; values: string[] };

export interface CompiledPolicy {
  action: PolicyAction;
  conditions: Array<{ unless: boolean; expr: Expr }>;
}

interface Token {
  text: string;
  kind: 'ident' | 'string' | 'punct';
}

const PUNCT = ['::', '==', '!=', '&&', '||', '(', ')', '{', '}', '[', ']', ',', ';', '.', '!'];

function tokenize(body: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < body.length) {
    const c = body[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (body.startsWith('//', i)) {
      while (i < body.length && body[i] !== '\n') i++;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(body.slice(i))![0];
      out.push({ text: m, kind: 'ident' });
      i += m.length;
    } else if (c === '"') {
      let j = i + 1;
      let s = '';
      while (j < body.length && body[j] !== '"') {
        if (body[j] === '\\' && j + 1 < body.length) j++;
        s += body[j];
        j++;
      }
      if (j >= body.length) throw new PolicyError('POLICY_PARSING_ERROR', 'unexpected end of input: unterminated string literal');
      out.push({ text: s, kind: 'string' });
      i = j + 1;
    } else {
      const p = PUNCT.find((q) => body.startsWith(q, i));
      if (!p) throw new PolicyError('POLICY_PARSING_ERROR', `invalid token \`${c}\``);
      out.push({ text: p, kind: 'punct' });
      i += p.length;
    }
  }
  return out;
}

const ACTIONS: Readonly<Record<PolicyAction, { scope: 'cluster' | 'project'; attributes: Readonly<Record<string, 'cloudProvider' | 'region' | 'ip'>> }>> = {
  'cluster.createEdit': { scope: 'cluster', attributes: { cloudProviders: 'cloudProvider', regions: 'region' } },
  'project.edit': { scope: 'project', attributes: { ipAccessList: 'ip' } },
};

const PROVIDERS: Readonly<Record<string, string>> = { aws: 'AWS', gcp: 'GCP', azure: 'AZURE' };

/** `aws:us-gov-west-1` → provider AWS, region US_GOV_WEST_1, when Atlas has that region. */
export function regionEntityExists(id: string): boolean {
  const m = /^([a-z]+):([a-z0-9-]+)$/.exec(id);
  const provider = m ? PROVIDERS[m[1]!] : undefined;
  return provider !== undefined && regionExists(provider, m![2]!.toUpperCase().replaceAll('-', '_'));
}

/** The Cedar region id of an Atlas region: `AWS`, `US_GOV_WEST_1` → `aws:us-gov-west-1`. */
export function regionEntityId(provider: string, region: string): string {
  return `${provider.toLowerCase()}:${region.toLowerCase().replaceAll('_', '-')}`;
}

class Parser {
  #i = 0;
  constructor(private readonly tokens: Token[]) {}

  peek(): Token | undefined {
    return this.tokens[this.#i];
  }

  next(): Token {
    const t = this.tokens[this.#i++];
    if (!t) throw new PolicyError('POLICY_PARSING_ERROR', 'unexpected end of input');
    return t;
  }

  expect(text: string): void {
    const t = this.next();
    if (t.text !== text || t.kind === 'string') throw unexpected(t);
  }

  ident(): string {
    const t = this.next();
    if (t.kind !== 'ident') throw unexpected(t);
    return t.text;
  }

  string(): string {
    const t = this.next();
    if (t.kind !== 'string') throw unexpected(t);
    return t.text;
  }

  /** `a::b::"id"`: the entity's type path and id. */
  entity(): { type: string; id: string } {
    const parts = [this.ident()];
    this.expect('::');
    while (this.peek()?.kind === 'ident') {
      parts.push(this.ident());
      this.expect('::');
    }
    return { type: parts.join('::'), id: this.string() };
  }

  done(): boolean {
    return this.#i >= this.tokens.length;
  }
}

function unexpected(t: Token): PolicyError {
  return new PolicyError('POLICY_PARSING_ERROR', `unexpected token \`${t.kind === 'string' ? `"${t.text}"` : t.text}\``);
}

function failed(message: string): PolicyError {
  return new PolicyError('POLICY_HAS_FAILED_VALIDATIONS', message);
}

function unknownEntity(id: string): PolicyError {
  return new PolicyError('POLICY_HAS_UNEXPECTED_ENTITIES', `entity id ${id} does not exist in the context of this organization`);
}

/** Parses and validates one policy body; throws `PolicyError` the way Atlas refuses it. */
export function compilePolicy(body: string): CompiledPolicy {
  const p = new Parser(tokenize(body));
  const effect = p.ident();
  if (effect !== 'forbid' && effect !== 'permit') throw new PolicyError('POLICY_PARSING_ERROR', `unexpected token \`${effect}\``);
  p.expect('(');
  if (p.ident() !== 'principal') throw new PolicyError('POLICY_PARSING_ERROR', 'expected `principal`');
  if (p.peek()?.text !== ',') throw new PolicyError('POLICY_HAS_INVALID_PRINCIPAL', 'policies must apply to every principal: write `principal` without a constraint');
  p.expect(',');
  if (p.ident() !== 'action') throw new PolicyError('POLICY_PARSING_ERROR', 'expected `action`');
  p.expect('==');
  const action = p.entity();
  p.expect(',');
  const resource = p.next();
  if (resource.text !== 'resource' || resource.kind !== 'ident') throw unexpected(resource);
  const after = p.next();
  if (after.text !== ')') throw new PolicyError('POLICY_HAS_FAILED_VALIDATIONS', 'resource constraints are not supported: write `resource` without a constraint');
  if (action.type !== 'cloud::Action' || !(action.id in ACTIONS)) throw unknownEntity(action.id);
  const spec = ACTIONS[action.id as PolicyAction];
  const conditions: CompiledPolicy['conditions'] = [];
  while (p.peek()?.text === 'when' || p.peek()?.text === 'unless') {
    const unless = p.ident() === 'unless';
    p.expect('{');
    conditions.push({ unless, expr: orExpr(p, spec) });
    p.expect('}');
  }
  p.expect(';');
  if (!p.done()) throw unexpected(p.next());
  if (effect === 'permit') throw failed('only forbid policies are supported: resources are permitted unless a policy forbids them');
  return { action: action.id as PolicyAction, conditions };
}

type ActionSpec = (typeof ACTIONS)[PolicyAction];

function orExpr(p: Parser, spec: ActionSpec): Expr {
  let left = andExpr(p, spec);
  while (p.peek()?.text === '||') {
    p.next();
    left = { op: 'or', left, right: andExpr(p, spec) };
  }
  return left;
}

function andExpr(p: Parser, spec: ActionSpec): Expr {
  let left = unary(p, spec);
  while (p.peek()?.text === '&&') {
    p.next();
    left = { op: 'and', left, right: unary(p, spec) };
  }
  return left;
}

function unary(p: Parser, spec: ActionSpec): Expr {
  const t = p.peek();
  if (t?.text === '!' && t.kind === 'punct') {
    p.next();
    return { op: 'not', expr: unary(p, spec) };
  }
  if (t?.text === '(' && t.kind === 'punct') {
    p.next();
    const e = orExpr(p, spec);
    p.expect(')');
    return e;
  }
  return test(p, spec);
}

function test(p: Parser, spec: ActionSpec): Expr {
  const head = p.ident();
  if (head !== 'context') throw failed(`unknown variable \`${head}\`: conditions read \`context\``);
  p.expect('.');
  const scope = p.ident();
  p.expect('.');
  const attribute = p.ident();
  const kind = scope === spec.scope ? spec.attributes[attribute] : undefined;
  if (kind === undefined) throw failed(`attribute \`context.${scope}.${attribute}\` does not exist for this action`);
  p.expect('.');
  const method = p.ident();
  if (method !== 'contains' && method !== 'containsAny' && method !== 'containsAll') throw failed(`unknown method \`${method}\``);
  p.expect('(');
  const values: string[] = [];
  if (method === 'contains') {
    values.push(value(p, kind));
  } else {
    p.expect('[');
    if (p.peek()?.text !== ']') {
      values.push(value(p, kind));
      while (p.peek()?.text === ',') {
        p.next();
        values.push(value(p, kind));
      }
    }
    p.expect(']');
  }
  p.expect(')');
  return { op: 'test', scope: spec.scope, attribute, method, values };
}

/** One set member: an entity of the attribute's type, or an `ip("…")` block, in canonical form. */
function value(p: Parser, kind: 'cloudProvider' | 'region' | 'ip'): string {
  if (kind === 'ip') {
    if (p.ident() !== 'ip') throw failed('ipAccessList holds ip values: write ip("<address or CIDR block>")');
    p.expect('(');
    const text = p.string();
    p.expect(')');
    const block = parseBlock(text);
    if (!block) throw failed(`invalid IP address or CIDR block "${text}"`);
    return canonicalCidr(block);
  }
  const e = p.entity();
  if (e.type !== `cloud::${kind}`) throw failed(`expected an entity of type cloud::${kind}, found ${e.type}`);
  const id = e.id.toLowerCase();
  if (kind === 'cloudProvider' ? !(id in PROVIDERS) : !regionEntityExists(id)) throw unknownEntity(e.id);
  return id;
}

function evaluate(e: Expr, ctx: PolicyContext): boolean {
  switch (e.op) {
    case 'and':
      return evaluate(e.left, ctx) && evaluate(e.right, ctx);
    case 'or':
      return evaluate(e.left, ctx) || evaluate(e.right, ctx);
    case 'not':
      return !evaluate(e.expr, ctx);
    case 'test': {
      const scope = ctx[e.scope] as Record<string, ReadonlySet<string>> | undefined;
      const set = scope?.[e.attribute];
      if (!set) return false;
      return e.method === 'containsAll' ? e.values.every((v) => set.has(v)) : e.values.some((v) => set.has(v));
    }
  }
}

/** True when the policy forbids `action` in this context (every `when` holds and no `unless` does). */
export function forbids(policy: CompiledPolicy, action: PolicyAction, ctx: PolicyContext): boolean {
  if (policy.action !== action) return false;
  return policy.conditions.every((c) => evaluate(c.expr, ctx) !== c.unless);
}
