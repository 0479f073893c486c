import type { z } from 'zod';
import { OBJECT_ID } from '../sim/ids.js';
import { AtlasError } from '../sim/errors.js';
import type { Simulation } from '../simulation.js';
import type { WireRequest } from '../wire/message.js';

/** What a control-plane task receives: path parameters, query and the validated body. */
export interface Input {
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  /** False when a control token is set and the request lacks it (only the health check gets that far). */
  authorized: boolean;
  /** The request itself, for the few routes that answer from its headers (the console's cookie). */
  req: WireRequest;
}

/** One task of the control plane: a method, a path, a sentence of docs, and what it does. */
export interface ControlRoute {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  summary: string;
  /** Request body contract; absent means the route takes no body. */
  body?: z.ZodType;
  /** Success status; 204 answers no body. */
  status?: number;
  /**
   * The console's page (`entry`, which also takes the token in its query once) or one of
   * its files (`asset`): a browser loads them with the session cookie alone (see ControlGuard).
   */
  page?: 'entry' | 'asset';
  handle(input: Input): unknown;
}

/** A group of routes: a function of the simulation giving its table. */
export type RouteGroup = (sim: Simulation) => ControlRoute[];

/** Everything under this prefix is the simulator's own API, never an Atlas path. */
export const CONTROL_PREFIX = '/_mock';

/** Plain answer with a status (or a content type, or headers) other than the route's. */
export class Answer {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly contentType = 'application/json',
    readonly headers: Record<string, string> = {},
  ) {}
}

export function orgIdParam(value: string | undefined): string {
  if (!value || !OBJECT_ID.test(value)) throw new AtlasError('INVALID_ORG_ID', [value ?? '']);
  return value;
}

export function groupIdParam(value: string | undefined): string {
  if (!value || !OBJECT_ID.test(value)) throw new AtlasError('INVALID_GROUP_ID', [value ?? '']);
  return value;
}

/** A body attribute whose value is out of range: 400 INVALID_ATTRIBUTE saying what is allowed. */
export function outOfRange(attribute: string, why: string): AtlasError {
  return new AtlasError('INVALID_ATTRIBUTE', [attribute], { detail: `Invalid attribute ${attribute} specified: ${why}.` });
}
