import { z } from 'zod';

/**
 * Contracts of the two Atlas routes outside the versioned API: the service-account
 * OAuth 2.0 endpoints (wire-facts A.2). The OpenAPI document does not describe them,
 * so these zod schemas are what their answers are checked against.
 */

/** `{"access_token":"<JWT>","expires_in":3600,"token_type":"Bearer"}`: no refresh token, no scope. */
export const OAuthTokenResponse = z.strictObject({
  access_token: z.string().regex(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/),
  expires_in: z.number().int().positive(),
  token_type: z.literal('Bearer'),
});

/** RFC 6749 error body, `error_description` first as documented. */
export const OAuthErrorResponse = z.strictObject({
  error_description: z.string(),
  error: z.enum(['invalid_client', 'invalid_request', 'invalid_grant', 'unsupported_grant_type', 'access_denied', 'server_error']),
});

export interface OAuthRoute {
  readonly id: 'oauthToken' | 'oauthRevoke';
  readonly method: 'POST';
  readonly path: string;
  /** Success body; undefined means the success answer has no body. */
  readonly response?: z.ZodType;
}

export const OAUTH_ROUTES: readonly OAuthRoute[] = [
  { id: 'oauthToken', method: 'POST', path: '/api/oauth/token', response: OAuthTokenResponse },
  // Success is 200 with no body (wire-facts A.2).
  { id: 'oauthRevoke', method: 'POST', path: '/api/oauth/revoke' },
];
