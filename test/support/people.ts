import { expect } from 'vitest';
import type { TestAtlas } from './harness.js';

/** Invites `username` to the organization with these roles and returns the invitation. */
export async function invite(atlas: TestAtlas, username: string, body: Record<string, unknown> = { roles: ['ORG_MEMBER'] }, orgId = atlas.tenant.orgId) {
  const res = await atlas.call('POST', `/orgs/${orgId}/invites`, { body: { username, ...body } });
  expect(res.status, res.text).toBe(200);
  return res.json as { id: string; username: string };
}

/** Accepts an invitation through the control plane, as the person would in a browser. */
export async function accept(atlas: TestAtlas, invitationId: string, profile: Record<string, unknown> = {}) {
  const res = await atlas.call('POST', `/_mock/invitations/${invitationId}/accept`, { auth: 'none', body: profile });
  expect(res.status, res.text).toBe(200);
  return res.json as { id: string; username: string; orgId: string };
}

/** An active member of the organization: invited, then accepted. */
export async function member(atlas: TestAtlas, username: string, body?: Record<string, unknown>) {
  return accept(atlas, (await invite(atlas, username, body)).id);
}

/** Call options acting as the user, with the user's own credential (Digest). */
export async function asUser(atlas: TestAtlas, userId: string, orgId = atlas.tenant.orgId) {
  const res = await atlas.call('POST', `/_mock/orgs/${orgId}/users/${userId}/credentials`, { auth: 'none', body: {} });
  expect(res.status, res.text).toBe(201);
  const c = res.json as { publicKey: string; privateKey: string };
  return { tenant: { ...atlas.tenant, apiKey: { id: userId, publicKey: c.publicKey, privateKey: c.privateKey } }, auth: 'digest' as const };
}
