import { ERROR_CATALOG } from '../../contracts/api/errorCatalog.js';
import { AtlasError } from '../sim/errors.js';
import { renderJson } from './json.js';

export const REASON_PHRASES: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  402: 'Payment Required',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  410: 'Gone',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export interface ErrorBody {
  detail: string;
  error: number;
  errorCode: string;
  parameters: readonly unknown[] | null;
  reason: string;
}

/** Fills `%s`/`%d`/`%.1f` placeholders in order from the parameters; a missing one prints as `null`. */
function fill(template: string, params: readonly unknown[] | null): string {
  let i = 0;
  return template.replace(/%(?:s|d|\.(\d)f)/g, (_m, digits: string | undefined) => {
    const v = params?.[i++];
    if (v === undefined) return 'null';
    return digits !== undefined && typeof v === 'number' ? v.toFixed(Number(digits)) : String(v);
  });
}

/** The status and ApiError body for an error, keys in Atlas's (alphabetical) order. */
export function errorBody(error: AtlasError): { status: number; body: ErrorBody } {
  const spec = ERROR_CATALOG[error.code];
  const status = error.status ?? spec.status;
  return {
    status,
    body: {
      detail: error.detail ?? fill(spec.detail, error.params),
      error: status,
      errorCode: error.code,
      parameters: error.params,
      reason: REASON_PHRASES[status] ?? 'Error',
    },
  };
}

/**
 * The 401 that Atlas's authentication filter answers for a missing or wrong credential
 * (wire-facts A.1): a pretty-printed body in a fixed, non-alphabetical key order,
 * 142 bytes, no trailing newline.
 */
export const UNAUTHORIZED_BODY = renderJson(
  {
    error: 401,
    reason: 'Unauthorized',
    detail: 'You are not authorized for this resource.',
    errorCode: 'UNEXPECTED_ERROR',
  },
  true,
);
