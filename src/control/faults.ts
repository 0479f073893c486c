import { z } from 'zod';
import { ERROR_CATALOG, type ErrorCode } from '../../contracts/api/errorCatalog.js';
import { ENDPOINT_SETS } from '../../contracts/api/rateLimits.js';
import { AtlasError } from '../sim/errors.js';
import { CONTROL_PREFIX as P, type RouteGroup } from './route.js';

const FaultInput = z.strictObject({
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']).optional(),
  path: z.string().min(1).max(1000),
  errorCode: z
    .string()
    .refine((c) => c in ERROR_CATALOG, { message: 'unknown errorCode' })
    .transform((c) => c as ErrorCode)
    .optional(),
  params: z.array(z.unknown()).max(20).optional(),
  latencyMs: z.number().int().nonnegative().max(60_000).optional(),
  count: z.number().int().positive().max(1_000_000_000).optional(),
});

const EndpointSetOverride = z.strictObject({
  capacity: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
  refill: z.number().positive().max(Number.MAX_SAFE_INTEGER).optional(),
});

/** Injected faults and rate limits. */
export const faultRoutes: RouteGroup = (sim) => [
  {
    method: 'GET',
    path: `${P}/faults`,
    summary: 'Injected faults.',
    handle: () => ({ faults: sim.faults.list() }),
  },
  {
    method: 'POST',
    path: `${P}/faults`,
    summary: 'Injects a fault: {path (with * and ** wildcards), method?, errorCode?, params?, latencyMs?, count?}.',
    body: FaultInput,
    status: 201,
    handle: ({ body }) => {
      const { count, ...rest } = body as z.infer<typeof FaultInput>;
      const input = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
      return sim.faults.add({ ...(input as { path: string }), ...(count !== undefined && { remaining: count }) });
    },
  },
  {
    method: 'DELETE',
    path: `${P}/faults`,
    summary: 'Removes every injected fault.',
    status: 204,
    handle: () => sim.faults.clear(),
  },
  {
    method: 'DELETE',
    path: `${P}/faults/{faultId}`,
    summary: 'Removes one injected fault.',
    status: 204,
    handle: ({ params }) => {
      const id = Number(params.faultId);
      if (!Number.isInteger(id) || !sim.faults.remove(id)) throw new AtlasError('RESOURCE_NOT_FOUND', [`fault ${params.faultId}`]);
    },
  },
  {
    method: 'GET',
    path: `${P}/rateLimits`,
    summary: 'Rate limiting: on/off and each endpoint set with its capacity and refill.',
    handle: () => ({
      enabled: sim.rateLimiter.settings.enabled,
      endpointSets: Object.fromEntries(Object.keys(ENDPOINT_SETS).map((id) => [id, sim.rateLimiter.endpointSet(id as keyof typeof ENDPOINT_SETS)])),
    }),
  },
  {
    method: 'PUT',
    path: `${P}/rateLimits`,
    summary: 'Changes rate limiting: {enabled?, overrides?: {<endpointSet>: {capacity?, refill?}}}. Refills every bucket.',
    body: z.strictObject({
      enabled: z.boolean().optional(),
      overrides: z.partialRecord(z.enum(Object.keys(ENDPOINT_SETS) as [keyof typeof ENDPOINT_SETS]), EndpointSetOverride).optional(),
    }),
    status: 204,
    handle: ({ body }) => sim.rateLimiter.configure(body as Parameters<typeof sim.rateLimiter.configure>[0]),
  },
];
