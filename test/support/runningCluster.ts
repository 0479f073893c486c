import { expect } from 'vitest';
import { body20240805, makeProject } from './clusters.js';
import type { TestAtlas } from './harness.js';

let seq = 0;

/**
 * An IDLE three-node replica set in a new Government project, with its hosts (`host:port`,
 * first the primary) as its connection string names them: the process ids of the
 * Performance Advisor and collection-metrics operations.
 */
export async function runningCluster(atlas: TestAtlas, prefix: string): Promise<{ groupId: string; name: string; hosts: string[] }> {
  const groupId = makeProject(atlas, 'GOV_REGIONS_ONLY');
  const name = `${prefix}-${++seq}`;
  const res = await atlas.call('POST', `/groups/${groupId}/clusters`, { version: '2024-10-23', body: body20240805(name, { region: 'US_GOV_WEST_1' }) });
  expect(res.status, res.text).toBe(201);
  atlas.advance(60);
  const c = (await atlas.call('GET', `/groups/${groupId}/clusters/${name}`, { version: '2024-08-05' })).json;
  const hosts = (c.connectionStrings.standard as string).replace('mongodb://', '').split('/')[0]!.split(',');
  return { groupId, name, hosts };
}
