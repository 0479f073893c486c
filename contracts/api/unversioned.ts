import { z } from 'zod';
import { OAUTH_ROUTES, type OAuthRoute } from './oauth.js';

/**
 * Every route the simulator answers outside the versioned API and its control plane,
 * with its contract: the OAuth endpoints, and the private endpoints the Atlas CLI calls
 * (both recorded). The routing test checks that the simulator registers exactly these.
 */
export interface UnversionedRoute {
  readonly id: string;
  readonly method: 'GET' | 'POST';
  readonly path: string;
  /** JSON success body; absent with `text` absent means no body. */
  readonly response?: z.ZodType;
  /** A text/plain success body. */
  readonly text?: RegExp;
  /** Atlas asks for credentials (the Digest challenge) before answering. */
  readonly authenticated: boolean;
}

export const PRIVATE_ROUTES: readonly UnversionedRoute[] = [
  { id: 'defaultMongoDBMajorVersion', method: 'GET', path: '/api/private/unauth/nds/defaultMongoDBMajorVersion', text: /^\d+\.\d+$/, authenticated: false },
  // Recorded: a Digest challenge first, then {"currentIpv4Address": …}.
  { id: 'ipinfo', method: 'GET', path: '/api/private/ipinfo', response: z.strictObject({ currentIpv4Address: z.string() }), authenticated: true },
];

const oauth = (r: OAuthRoute): UnversionedRoute => ({ ...r, ...(r.response && { response: r.response }), authenticated: false });

export const UNVERSIONED_ROUTES: readonly UnversionedRoute[] = [...OAUTH_ROUTES.map(oauth), ...PRIVATE_ROUTES];
