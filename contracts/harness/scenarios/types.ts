/**
 * What a scenario is and what it gets to talk to its target. Scenarios are
 * target-agnostic: the same code and the same assertions run against the simulator,
 * the msw face, or the real Atlas for Government.
 */
import type { AtlasClient, HttpResponse } from '../client/http.js';
import type { Mismatch } from './match.js';

export type CredentialKind = 'oauth' | 'digest';

export interface Scenario {
  /** `<domain>/<what>`, unique; `--only` filters on it. */
  id: string;
  /** One sentence: what it proves. */
  title: string;
  /**
   * Catalog operations (operationIds), or OAuth routes (`oauthToken`, `oauthRevoke`),
   * it exercises. The coverage test checks the claim against what was actually called.
   */
  operations: readonly string[];
  /** Creates, changes or deletes resources on the target: needs `--allow-writes` against a real host. */
  writes?: boolean;
  /** Credentials it cannot run without; without them it is skipped, not failed. */
  needs?: readonly CredentialKind[];
  /** Runs only against a simulator (e.g. it moves the clock or injects faults). */
  simulatorOnly?: boolean;
  run(t: ScenarioContext): Promise<void>;
}

export interface ResponseExpectation {
  status: number;
  /**
   * `json` (`application/json`, errors and OAuth), `{ version }` (the versioned success
   * type with that resolved version), `none` (no Content-Type), or the exact header.
   */
  contentType?: 'json' | 'none' | { version: string } | string;
  /** Lower-case header names → pattern (`m.absent()` for "must not be there"). */
  headers?: Record<string, unknown>;
  /** Pattern of the parsed body (`undefined` body means no body). */
  body?: unknown;
  /** An Atlas error: the ApiError shape with this code, `X-Error-Code` and `application/json`. */
  errorCode?: string;
  /** Validates the body with the catalog's zod response contract of this operation, for the resolved version. */
  contract?: string;
}

export interface WaitOptions {
  /** Give up after this long (target time). Default 1800 s. */
  timeoutSeconds?: number;
  /** Between two looks. Default 10 s. */
  intervalSeconds?: number;
}

export interface ScenarioContext {
  /** The API with the preferred credentials (OAuth when given, else Digest). */
  readonly api: AtlasClient;
  /** Per kind of credentials, when given. */
  readonly oauth: AtlasClient | undefined;
  readonly digest: AtlasClient | undefined;
  /** No credentials at all. */
  readonly anonymous: AtlasClient;
  /** The organization the scenarios work in (ATLAS_ORG_ID, or the simulator tenant's). */
  readonly orgId: string;
  /** The OAuth client credentials, when given (token scenarios use them raw). */
  readonly serviceAccount: { clientId: string; clientSecret: string } | undefined;
  readonly target: { baseUrl: string; isSimulator: boolean };
  /** Unique to this run: every resource a scenario creates must be named with it. */
  readonly prefix: string;
  /** `${prefix}${suffix}`. */
  name(suffix: string): string;
  /** Registers an undo step, run after the scenario (last registered first) even when it fails. */
  cleanup(description: string, undo: () => Promise<unknown>): void;
  /** Checks a response; throws with every difference when it does not fit. */
  expectResponse(res: HttpResponse, expected: ResponseExpectation, label?: string): void;
  /** Checks any value against a pattern; throws with every difference. */
  expectMatch(actual: unknown, pattern: unknown, label: string): void;
  /**
   * Polls until `probe` returns a truthy value, at most `timeoutSeconds` of target time.
   * Against a simulator the clock is moved between looks instead of waiting.
   */
  waitFor<T>(description: string, probe: () => Promise<T | undefined | null | false>, options?: WaitOptions): Promise<T>;
  /** Newest catalog version of an operation. */
  version(operationId: string): string;
  /** A client of the same target with other Digest credentials (an API key or a user credential the scenario made). */
  withDigest(credentials: { publicKey: string; privateKey: string }): AtlasClient;
  /** Calls the simulator's control plane (`/_mock/...`, JSON); for `simulatorOnly` scenarios. */
  simulator(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<HttpResponse>;
}

/** The differences of one failed check. */
export interface Failure {
  label: string;
  mismatches: Mismatch[];
}

/** Thrown by the checks; the runner turns it into the failure report. */
export class ScenarioAssertion extends Error {
  constructor(readonly failure: Failure) {
    super(`${failure.label}: ${failure.mismatches.map((x) => `${x.path} expected ${x.expected}, got ${x.actual}`).join('; ')}`);
  }
}
