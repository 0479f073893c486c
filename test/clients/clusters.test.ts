import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClusterDescription20240805, ClusterDescriptionV15 } from '../../contracts/api/schemas/clusters.js';
import { startAtlas, type TestAtlas } from '../support/harness.js';
import { curl, runPython } from '../support/tools.js';
import { body20240805, bodyV15, expectError, makeProject, setLifecycle } from '../support/clusters.js';

/**
 * Real clients over real sockets: curl, Python `requests` (Digest), urllib (Digest) and
 * fetch (Bearer), each creating a cluster and polling it to IDLE while the test moves
 * the simulation clock through the control plane; and many clients at once.
 */
let atlas: TestAtlas;
beforeAll(async () => {
  atlas = await startAtlas();
  await setLifecycle(atlas, { clusterCreate: 90, clusterUpdate: 30, clusterDelete: 30 });
});
afterAll(() => atlas.close());

const PY_CREATE_AND_POLL = `
import json, sys, requests
from requests.auth import HTTPDigestAuth
base, group, public, private = sys.argv[1:5]
auth = HTTPDigestAuth(public, private)
clusters = f"{base}/api/atlas/v2/groups/{group}/clusters"
body = {"name": "py-cluster", "clusterType": "REPLICASET", "replicationSpecs": [{"regionConfigs": [
    {"electableSpecs": {"instanceSize": "M30", "nodeCount": 3}, "priority": 7, "providerName": "AWS", "regionName": "US_GOV_WEST_1"}]}]}
created = requests.post(clusters, json=body, auth=auth, headers={"Accept": "application/vnd.atlas.2024-10-23+json"})
states = []
for _ in range(20):
    got = requests.get(f"{clusters}/py-cluster", auth=auth, headers={"Accept": "application/vnd.atlas.2024-08-05+json"})
    states.append(got.json()["stateName"])
    if states[-1] == "IDLE":
        break
    requests.post(f"{base}/_mock/clock/advance", json={"seconds": 30}).raise_for_status()
print(json.dumps({"status": created.status_code, "contentType": created.headers["Content-Type"], "created": created.json(),
                  "states": states, "final": got.json()}))
`;

describe('real clients', () => {
  it('Python requests (Digest) creates a cluster and polls it until IDLE while the clock moves', async () => {
    const g = makeProject(atlas, 'GOV_REGIONS_ONLY');
    const r = await runPython(PY_CREATE_AND_POLL, [atlas.url, g, atlas.tenant.apiKey.publicKey, atlas.tenant.apiKey.privateKey]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.status).toBe(201);
    expect(out.contentType).toBe('application/vnd.atlas.2024-10-23+json;charset=utf-8');
    ClusterDescription20240805.parse(out.created);
    // 90 s of provisioning, looked at every 30 s.
    expect(out.states).toEqual(['CREATING', 'CREATING', 'CREATING', 'IDLE']);
    ClusterDescription20240805.parse(out.final);
    expect(out.final.connectionStrings.standardSrv).toMatch(/^mongodb\+srv:\/\/py-cluster\.[a-z0-9]{6}\.mongodbgov\.net$/);
    expect(out.final.replicationSpecs[0].regionConfigs[0].regionName).toBe('US_GOV_WEST_1');
  });

  it('curl (Bearer, then Digest) creates through 2023-02-01, polls to IDLE, and deletes', async () => {
    const g = makeProject(atlas);
    const token = await atlas.token();
    const api = `${atlas.url}/api/atlas/v2/groups/${g}/clusters`;
    const bearer = ['-H', `Authorization: Bearer ${token}`];
    const created = await curl([...bearer, '-H', 'Accept: application/vnd.atlas.2023-02-01+json', '-H', 'Content-Type: application/json', '-X', 'POST', api, '--data', JSON.stringify(bodyV15('curl-cluster', { disk: 50 }))]);
    expect(created.status).toBe(201);
    expect(created.headers.deprecation).toBe('Mon, 5 Aug 2024 00:00:00 GMT');
    expect(created.headers.sunset).toBe('Thu, 1 Jul 2027 00:00:00 GMT');
    ClusterDescriptionV15.parse(JSON.parse(created.body));

    const states: string[] = [];
    for (let i = 0; i < 10; i++) {
      const got = await curl([...bearer, '-H', 'Accept: application/vnd.atlas.2024-08-05+json', `${api}/curl-cluster?pretty=true`]);
      expect(got.body).toMatch(/^\{\n {2}"adaptiveCapacity" : null,/);
      states.push(JSON.parse(got.body).stateName);
      if (states.at(-1) === 'IDLE') break;
      const moved = await curl(['-X', 'POST', '-H', 'Content-Type: application/json', `${atlas.url}/_mock/clock/advance`, '--data', '{"seconds":45}']);
      expect(moved.status).toBe(200);
    }
    expect(states).toEqual(['CREATING', 'CREATING', 'IDLE']);

    const digest = ['--digest', '-u', `${atlas.tenant.apiKey.publicKey}:${atlas.tenant.apiKey.privateKey}`];
    const del = await curl([...digest, '-H', 'Accept: application/vnd.atlas.2023-02-01+json', '-X', 'DELETE', `${api}/curl-cluster`]);
    expect(del.headerBlocks[0]).toMatch(/^HTTP\/1\.1 401/);
    expect(del.status).toBe(202);
    expect(del.body).toBe('{}');
    const deleting = await curl([...digest, '-H', 'Accept: application/vnd.atlas.2024-08-05+json', `${api}/curl-cluster`]);
    expect(JSON.parse(deleting.body).stateName).toBe('DELETING');
  });

  it('urllib (Digest) and fetch (Bearer) see the same cluster', async () => {
    const g = makeProject(atlas);
    const created = await atlas.call('POST', `/groups/${g}/clusters`, { version: '2024-10-23', auth: 'digest', body: body20240805('digest-cluster') });
    expect(created.status).toBe(201);
    const viaBearer = await atlas.call('GET', `/groups/${g}/clusters/digest-cluster`, { version: '2024-08-05' });
    expect(viaBearer.json.id).toBe(created.json.id);
    const events = atlas.sim.world.events.list((e) => e.groupId === g && e.eventTypeName === 'CLUSTER_CREATED');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ apiKeyId: atlas.tenant.apiKey.id, publicKey: atlas.tenant.apiKey.publicKey, remoteAddress: '127.0.0.1' });
  });
});

describe('concurrency', () => {
  it('60 parallel creates of one name: exactly one 201, DUPLICATE_CLUSTER_NAME for the rest', async () => {
    const g = makeProject(atlas);
    await atlas.token();
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        atlas.call('POST', `/groups/${g}/clusters`, { version: i % 2 ? '2024-10-23' : '2023-02-01', body: i % 2 ? body20240805('race') : bodyV15('race') }),
      ),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    for (const r of results.filter((x) => x.status !== 201)) expectError(r, 400, 'DUPLICATE_CLUSTER_NAME', ['cluster or serverless instance race', g]);
    expect(atlas.sim.world.clusters.countIn(g)).toBe(1);
    expect(atlas.sim.world.events.list((e) => e.groupId === g && e.eventTypeName === 'CLUSTER_CREATED')).toHaveLength(1);
    expect(new Set(atlas.sim.journal.list().filter((e) => e.operationId === 'createCluster' && e.path.includes(g)).map((e) => e.status))).toEqual(new Set([201, 400]));
  });

  it('50 parallel creates of different names all succeed; 50 parallel deletes of one cluster: one 202', async () => {
    const g = makeProject(atlas);
    // 50 clusters are beyond the project's default limit (25): raised as a user would.
    const raised = await atlas.call('PATCH', `/groups/${g}/limits/atlas.project.deployment.clusters`, { version: '2023-01-01', body: { value: 50 } });
    expect(raised.status, raised.text).toBe(200);
    const created = await Promise.all(Array.from({ length: 50 }, (_, i) => atlas.call('POST', `/groups/${g}/clusters`, { version: '2024-10-23', body: body20240805(`many-${i}`) })));
    expect(created.map((r) => r.status)).toEqual(Array(50).fill(201));
    expect(new Set(created.map((r) => r.json.id)).size).toBe(50);
    const list = await atlas.call('GET', `/groups/${g}/clusters?itemsPerPage=500`, { version: '2024-08-05' });
    expect(list.json.totalCount).toBe(50);

    const deletes = await Promise.all(Array.from({ length: 50 }, () => atlas.call('DELETE', `/groups/${g}/clusters/many-0`, { version: '2023-02-01' })));
    expect(deletes.filter((r) => r.status === 202)).toHaveLength(1);
    for (const r of deletes.filter((x) => x.status !== 202)) expectError(r, 400, 'CLUSTER_ALREADY_REQUESTED_DELETION', ['many-0']);
  });
});
