/**
 * The events feeds: the recorded shapes of the API key events, paging, filters and
 * single events, for the organization and for a project.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/sim/world.js';
import { readSnaphost, recordedDir } from '../../contracts/harness/recorded.js';
import { startAtlas, type TestAtlas } from '../support/harness.js';
import { expectConforms, expectError, seedProject } from '../support/iam.js';

const RECORDED = path.join(recordedDir(), 'generic/events/TestEvents');
const recorded = (file: string): Array<Record<string, unknown>> => JSON.parse(readSnaphost(path.join(RECORDED, file)).body).results;
const ORG_FEED = recorded('List_Organization_Events/GET_api_atlas_v2_orgs_a0123456789abcdef012345a_events_1.snaphost');
const PROJECT_FEED = recorded('List_Project_Events/GET_api_atlas_v2_groups_b0123456789abcdef012345b_events_1.snaphost');
const recordedKeys = (feed: Array<Record<string, unknown>>, type: string): string[] => Object.keys(feed.find((e) => e.eventTypeName === type)!);

let atlas: TestAtlas;
let orgId: string;
let groupId: string;
const digest = { auth: 'digest' } as const;
beforeAll(async () => {
  atlas = await startAtlas();
  orgId = atlas.tenant.orgId;
  groupId = seedProject(atlas, 'events');
  // The recorded feeds come from API-key callers: act the same way (Digest).
  const key = (await atlas.call('POST', `/orgs/${orgId}/apiKeys`, { ...digest, body: { desc: 'e2e', roles: ['ORG_READ_ONLY'] } })).json;
  await atlas.call('PATCH', `/orgs/${orgId}/apiKeys/${key.id}`, { ...digest, body: { desc: 'e2e-updated' } });
  await atlas.call('POST', `/orgs/${orgId}/apiKeys/${key.id}/accessList`, { ...digest, body: [{ ipAddress: '52.190.182.226' }] });
  await atlas.call('DELETE', `/orgs/${orgId}/apiKeys/${key.id}/accessList/52.190.182.226`, digest);
  await atlas.call('POST', `/groups/${groupId}/apiKeys/${key.id}`, { ...digest, body: [{ roles: ['GROUP_READ_ONLY'] }] });
  await atlas.call('PATCH', `/groups/${groupId}/apiKeys/${key.id}`, { ...digest, body: { roles: ['GROUP_DATA_ACCESS_READ_ONLY'] } });
  await atlas.call('DELETE', `/groups/${groupId}/apiKeys/${key.id}`, digest);
  await atlas.call('DELETE', `/orgs/${orgId}/apiKeys/${key.id}`, digest);
});
afterAll(() => atlas.close());

describe('events in the recorded shape', () => {
  it('gives the organization feed’s API key events the recorded keys, in the recorded order', async () => {
    const feed = (await atlas.call('GET', `/orgs/${orgId}/events`)).json.results as Array<Record<string, unknown>>;
    for (const type of ['API_KEY_CREATED', 'API_KEY_DELETED', 'API_KEY_DESCRIPTION_CHANGED', 'API_KEY_ACCESS_LIST_ENTRY_ADDED', 'API_KEY_ACCESS_LIST_ENTRY_DELETED']) {
      const ours = feed.find((e) => e.eventTypeName === type);
      expect(ours, type).toBeDefined();
      expect(Object.keys(ours!), type).toEqual(recordedKeys(ORG_FEED, type));
    }
    // GROUP_CREATED (seeded by the system, no caller) has the recorded keys less the caller's.
    const group = feed.find((e) => e.eventTypeName === 'GROUP_CREATED')!;
    expect(Object.keys(group)).toEqual(recordedKeys(ORG_FEED, 'GROUP_CREATED').filter((k) => !['apiKeyId', 'publicKey', 'remoteAddress'].includes(k)));
  });

  it('gives the project feed’s API key events the recorded keys', async () => {
    const feed = (await atlas.call('GET', `/groups/${groupId}/events`)).json.results as Array<Record<string, unknown>>;
    for (const type of ['API_KEY_ADDED_TO_GROUP', 'API_KEY_ROLES_CHANGED', 'API_KEY_REMOVED_FROM_GROUP']) {
      expect(Object.keys(feed.find((e) => e.eventTypeName === type)!), type).toEqual(recordedKeys(PROJECT_FEED, type));
    }
  });
});

describe('feeds', () => {
  it('pages newest first with Atlas links, and answers totalCount 0 without includeCount', async () => {
    const path = `/orgs/${orgId}/events`;
    const all = await atlas.call('GET', path);
    expect(all.status).toBe(200);
    expect(all.headers['ratelimit-limit']).toBe('500');
    const created = all.json.results.map((e: { created: string }) => e.created);
    expect(created).toEqual([...created].sort().reverse());
    expect(all.json.links).toEqual([{ href: `${atlas.url}/api/atlas/v2${path}?includeCount=true&includeRaw=false&pageNum=1&itemsPerPage=100`, rel: 'self' }]);
    expectConforms('GET', path, all);

    const page2 = await atlas.call('GET', `${path}?itemsPerPage=2&pageNum=2&includeCount=false`);
    expect(page2.json.results).toEqual(all.json.results.slice(2, 4));
    expect(page2.json.totalCount).toBe(0);
    expect(page2.json.links.map((l: { rel: string }) => l.rel)).toEqual(['self', 'next', 'previous']);
    expect(page2.json.links[0].href).toBe(`${atlas.url}/api/atlas/v2${path}?includeCount=false&includeRaw=false&pageNum=2&itemsPerPage=2`);

    const project = await atlas.call('GET', `/groups/${groupId}/events`);
    expect(project.headers['ratelimit-limit']).toBe('300');
    expectConforms('GET', `/groups/${groupId}/events`, project);
  });

  it('filters by event type, dates, excluded types and cluster names', async () => {
    const types = await atlas.call('GET', `/orgs/${orgId}/events?eventType=API_KEY_CREATED&eventType=API_KEY_DELETED`);
    expect(types.json.results.map((e: { eventTypeName: string }) => e.eventTypeName)).toEqual(['API_KEY_DELETED', 'API_KEY_CREATED']);
    expect(types.json.links[0].href).toContain('eventType=API_KEY_CREATED&eventType=API_KEY_DELETED&includeCount=true');

    const before = new Date(atlas.sim.clock.now()).toISOString().replace('.000', '');
    atlas.sim.advance(60);
    atlas.sim.world.events.record('CLUSTER_CREATED', { groupId }, SYSTEM_ACTOR, { clusterName: 'alpha' });
    atlas.sim.world.events.record('CLUSTER_CREATED', { groupId }, SYSTEM_ACTOR, { clusterName: 'beta' });
    const recent = await atlas.call('GET', `/groups/${groupId}/events?minDate=${encodeURIComponent(new Date(atlas.sim.clock.now()).toISOString())}`);
    expect(recent.json.results.map((e: { clusterName: string }) => e.clusterName)).toEqual(['beta', 'alpha']);
    const older = await atlas.call('GET', `/groups/${groupId}/events?maxDate=${encodeURIComponent(before)}`);
    expect(older.json.results.some((e: { eventTypeName: string }) => e.eventTypeName === 'CLUSTER_CREATED')).toBe(false);
    expect(older.json.totalCount).toBeGreaterThan(0);
    const alpha = await atlas.call('GET', `/groups/${groupId}/events?clusterNames=alpha`);
    expect(alpha.json.results.map((e: { clusterName: string }) => e.clusterName)).toEqual(['alpha']);
    const excluded = await atlas.call('GET', `/groups/${groupId}/events?excludedEventType=CLUSTER_CREATED`);
    expect(excluded.json.results.some((e: { eventTypeName: string }) => e.eventTypeName === 'CLUSTER_CREATED')).toBe(false);
    const total = (await atlas.call('GET', `/groups/${groupId}/events`)).json.totalCount;
    expect(excluded.json.totalCount).toBe(total - 2);
  });

  it('returns one event by id from its own feed only', async () => {
    const org = (await atlas.call('GET', `/orgs/${orgId}/events`)).json.results[0];
    const one = await atlas.call('GET', `/orgs/${orgId}/events/${org.id}`);
    expect(one.status).toBe(200);
    expect(one.json).toEqual(org);
    expectConforms('GET', `/orgs/${orgId}/events/${org.id}`, one);
    const projectEvent = (await atlas.call('GET', `/groups/${groupId}/events?eventType=API_KEY_ADDED_TO_GROUP`)).json.results[0];
    const viaProject = await atlas.call('GET', `/groups/${groupId}/events/${projectEvent.id}`);
    expect(viaProject.json).toEqual(projectEvent);
    expectConforms('GET', `/groups/${groupId}/events/${projectEvent.id}`, viaProject);
    // A project-level event is not in the organization feed.
    expectError(await atlas.call('GET', `/orgs/${orgId}/events/${projectEvent.id}`), 404, 'ORG_EVENT_NOT_FOUND', [projectEvent.id, orgId]);
    const other = seedProject(atlas, 'elsewhere');
    expectError(await atlas.call('GET', `/groups/${other}/events/${projectEvent.id}`), 404, 'EVENT_NOT_FOUND', [projectEvent.id, other]);
  });
});
