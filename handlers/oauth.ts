import type { Authenticator } from '../src/auth/authenticator.js';
import { renderJson } from '../src/wire/json.js';
import { header, type WireRequest, type WireResponse } from '../src/wire/message.js';

/**
 * `POST /api/oauth/token` and `POST /api/oauth/revoke`: the service-account OAuth 2.0
 * endpoints. Their errors are RFC 6749 bodies, not Atlas ApiErrors (wire-facts A.2).
 *
 * Decision: only the `invalid_client` text is documented; the other `error_description`
 * strings are this simulator's wording.
 */
export const OAUTH_ERRORS = {
  invalid_client: { status: 401, description: 'Invalid credentials provided.' },
  invalid_request: { status: 400, description: 'The request is missing the grant_type parameter.' },
  unsupported_grant_type: { status: 400, description: 'The grant type is not supported. Use client_credentials.' },
  missing_token: { status: 400, description: 'The request is missing the token parameter.' },
} as const;

type OAuthError = keyof typeof OAUTH_ERRORS;

const NO_STORE = { 'Cache-Control': 'no-store', Pragma: 'no-cache' };

function oauthError(kind: OAuthError, date: string): WireResponse {
  const spec = OAUTH_ERRORS[kind];
  const error = kind === 'missing_token' ? 'invalid_request' : kind;
  return {
    status: spec.status,
    headers: { 'Content-Type': 'application/json', Date: date, ...NO_STORE },
    // Key order as documented: error_description first.
    body: renderJson({ error_description: spec.description, error }),
  };
}

/**
 * Client credentials from `Authorization: Basic`, split at the first colon and taken
 * literally: no URL-decoding (wire-facts A.2; some OAuth libraries percent-encode `_`,
 * and Atlas then rejects them).
 */
export function basicCredentials(req: WireRequest): { id: string; secret: string } | null {
  const value = header(req, 'authorization');
  const m = value ? /^Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(value) : null;
  if (!m) return null;
  const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) return null;
  return { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

function formBody(req: WireRequest): URLSearchParams {
  return new URLSearchParams(req.body && req.body.length ? req.body.toString('utf8') : '');
}

export function oauthHandlers(auth: Authenticator, now: () => string) {
  /** The authenticated client, or the 401 to answer. */
  const client = (req: WireRequest, path: string, method: 'TOKEN_ENDPOINT' | 'REVOKE_ENDPOINT') => {
    const at = { ip: req.remoteAddress, route: `${req.method} ${path}`, method };
    const creds = basicCredentials(req);
    if (!creds) {
      auth.audit.record({ method, principal: null, ip: at.ip, reason: 'missing-credentials', route: at.route });
      return null;
    }
    return auth.authenticateClient(creds.id, creds.secret, at);
  };
  return {
    token(req: WireRequest, path: string): WireResponse {
      const session = client(req, path, 'TOKEN_ENDPOINT');
      if (!session) return oauthError('invalid_client', now());
      const grant = formBody(req).get('grant_type');
      if (!grant) return oauthError('invalid_request', now());
      if (grant !== 'client_credentials') return oauthError('unsupported_grant_type', now());
      const { accessToken, expiresIn } = auth.issueToken(session);
      return {
        status: 200,
        headers: { 'Content-Type': 'application/json', Date: now(), ...NO_STORE },
        body: renderJson({ access_token: accessToken, expires_in: expiresIn, token_type: 'Bearer' }),
      };
    },

    async revoke(req: WireRequest, path: string): Promise<WireResponse> {
      const session = client(req, path, 'REVOKE_ENDPOINT');
      if (!session) return oauthError('invalid_client', now());
      const token = formBody(req).get('token');
      if (!token) return oauthError('missing_token', now());
      await auth.revokeToken(session, token);
      return { status: 200, headers: { Date: now() }, body: null };
    },
  };
}
