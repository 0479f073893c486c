import { z } from 'zod';
import { SYSTEM_ACTOR } from '../sim/world.js';
import { CONTROL_PREFIX as prefix, type RouteGroup } from './route.js';

const Profile = z.strictObject({
  firstName: z.string().min(1).max(64).optional(),
  lastName: z.string().min(1).max(64).optional(),
  country: z.string().regex(/^[A-Z]{2}$/).optional(),
  mobileNumber: z.string().max(32).optional(),
});

/**
 * What people do in a browser rather than through the API: accepting an invitation, and
 * signing in to get a credential of their own (as the Atlas CLI does), which acts on the
 * API with exactly the user's roles, the project roles of the user's teams included.
 */
export const peopleRoutes: RouteGroup = (sim) => [
  {
    method: 'POST',
    path: `${prefix}/invitations/{invitationId}/accept`,
    summary:
      'Accepts a pending organization or project invitation as the invited person would: the user becomes ACTIVE with the invitation\'s roles and teams. Body: {firstName?, lastName?, country?, mobileNumber?}. Answers the user {id, username, orgId}.',
    body: Profile,
    handle: ({ params, body }) => {
      const invitation = sim.world.invitations.find(params.invitationId ?? '');
      const user = sim.world.invitations.accept(params.invitationId ?? '', body as z.infer<typeof Profile>, SYSTEM_ACTOR);
      return { id: user.id, username: user.username, orgId: invitation!.orgId };
    },
  },
  {
    method: 'POST',
    path: `${prefix}/orgs/{orgId}/users/{userId}/credentials`,
    summary:
      'A Digest credential {publicKey, privateKey} with which an active user acts on the API in that organization, with the user\'s own roles and those of the user\'s teams. The same one on every call.',
    status: 201,
    handle: ({ params }) => {
      const c = sim.world.cloudUsers.issueCredential(params.orgId ?? '', params.userId ?? '');
      return { orgId: c.orgId, userId: params.userId, publicKey: c.publicKey, privateKey: c.privateKey };
    },
  },
];
