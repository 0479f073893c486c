import { rootOperations } from '../contracts/api/operations/root.js';
import { CONTROL_PLANE_ADDRESSES, SIMULATOR_BUILD } from '../src/sim/controlPlane.js';
import { defineHandlers } from '../src/wire/context.js';

export const rootHandlers = defineHandlers(rootOperations, {
  getSystemStatus(ctx) {
    const p = ctx.principal;
    // A service account is no API key: the document's `apiKey` is nullable for it.
    const apiKey =
      p.kind === 'API_KEY'
        ? {
            accessList: p.accessList.map((e) => ({ cidrBlock: e.cidrBlock, ipAddress: e.ipAddress ?? e.cidrBlock.replace(/\/\d+$/, '') })),
            id: p.id,
            publicKey: p.name,
            roles: [
              ...p.orgRoles.map((roleName) => ({ orgId: p.orgId, roleName })),
              ...Object.entries(p.groupRoles).flatMap(([groupId, roles]) => roles.map((roleName) => ({ groupId, roleName }))),
            ],
          }
        : null;
    return { apiKey, appName: 'MongoDB Atlas' as const, build: SIMULATOR_BUILD, links: ctx.selfLink(''), throttling: false };
  },

  returnAllControlPlaneIpAddresses() {
    const copy = (m: Readonly<Record<string, readonly string[]>>) => Object.fromEntries(Object.entries(m).map(([k, v]) => [k, [...v]]));
    const side = (s: (typeof CONTROL_PLANE_ADDRESSES)['inbound']) => ({ aws: copy(s.aws), azure: copy(s.azure), gcp: copy(s.gcp) });
    return { inbound: side(CONTROL_PLANE_ADDRESSES.inbound), outbound: side(CONTROL_PLANE_ADDRESSES.outbound) };
  },
});
