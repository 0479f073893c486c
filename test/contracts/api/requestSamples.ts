/**
 * Request bodies and path values the routing test cannot make up by itself from the
 * contracts (a regular expression or a refinement it cannot satisfy). Keys:
 * `operationId@version` for bodies, the parameter name for path values. Only needed
 * when the routing test says so.
 */
export const REQUEST_SAMPLES: Readonly<Record<string, unknown>> = {};

export const PATH_SAMPLES: Readonly<Record<string, string>> = {};
