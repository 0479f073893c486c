import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAtlas, type TestAtlas } from '../support/harness.js';
import { curl, runPython } from '../support/tools.js';

/**
 * The whole life of an Atlas for Government project, the same steps driven by three
 * real clients: Node's fetch (Bearer), curl (Digest) and Python `requests` (Digest).
 * Each writes a transcript of what it saw; all three must see the same thing.
 *
 * Steps: create a GOV_REGIONS_ONLY project; create a GovCloud cluster and wait for it on
 * the clock (moved through the control plane); create a database user scoped to it and
 * an access-list entry; scale the cluster; pause it; try to delete the project (refused
 * while the cluster exists); delete the entry, the user and the cluster; wait for the
 * cluster to go; delete the project.
 */
let atlas: TestAtlas;
beforeAll(async () => {
  atlas = await startAtlas();
  const res = await atlas.call('PUT', '/_mock/lifecycle', { version: null, auth: 'none', body: { clusterCreate: 120, clusterUpdate: 60, clusterDelete: 60 } });
  expect(res.status).toBe(200);
});
afterAll(() => atlas.close());

type Step = [string, number, unknown];

const EXPECTED: Step[] = [
  ['create project', 201, 'GOV_REGIONS_ONLY'],
  ['create cluster', 201, 'CREATING'],
  ['wait for cluster', 200, ['CREATING', 'CREATING', 'CREATING', 'IDLE']],
  ['hosts', 200, 'mongodbgov.net'],
  ['create user', 201, 'admin'],
  ['add access entry', 201, '10.0.0.0/24'],
  ['scale', 200, 'UPDATING'],
  ['wait for scaling', 200, ['UPDATING', 'UPDATING', 'IDLE']],
  ['pause', 200, 'UPDATING'],
  ['wait for pause', 200, ['UPDATING', 'UPDATING', 'IDLE']],
  ['paused', 200, true],
  ['delete project too early', 409, 'CANNOT_CLOSE_GROUP_ACTIVE_ATLAS_CLUSTERS'],
  ['delete access entry', 204, null],
  ['delete user', 204, null],
  ['delete cluster', 202, {}],
  ['wait for deletion', 404, 'CLUSTER_NOT_FOUND'],
  ['delete project', 202, {}],
  ['project gone', 404, 'GROUP_NOT_FOUND'],
];

const CLUSTER = (size: string) => ({
  clusterType: 'REPLICASET',
  name: 'gov-cluster',
  replicationSpecs: [{ regionConfigs: [{ electableSpecs: { instanceSize: size, nodeCount: 3 }, priority: 7, providerName: 'AWS', regionName: 'US_GOV_WEST_1' }] }],
});

/** One HTTP exchange as each client makes it. */
type Send = (method: string, path: string, version: string, body?: unknown) => Promise<{ status: number; json: any }>;

/** The scenario over any client; `path`s are under `/api/atlas/v2`. */
async function scenario(send: Send, advance: (seconds: number) => Promise<void>, projectName: string): Promise<Step[]> {
  const out: Step[] = [];
  const project = await send('POST', '/groups', '2023-01-01', { name: projectName, orgId: atlas.tenant.orgId, regionUsageRestrictions: 'GOV_REGIONS_ONLY' });
  out.push(['create project', project.status, project.json.regionUsageRestrictions]);
  const g = `/groups/${project.json.id}`;
  const created = await send('POST', `${g}/clusters`, '2024-10-23', CLUSTER('M30'));
  out.push(['create cluster', created.status, created.json.stateName]);
  const waitFor = async (label: string, every: number): Promise<any> => {
    const states: string[] = [];
    let last: { status: number; json: any };
    for (;;) {
      last = await send('GET', `${g}/clusters/gov-cluster`, '2024-08-05');
      if (last.status !== 200) break;
      states.push(last.json.stateName);
      if (last.json.stateName === 'IDLE' || states.length > 10) break;
      await advance(every);
    }
    out.push([label, last.status, last.status === 200 ? states : last.json.errorCode]);
    return last.json;
  };
  const idle = await waitFor('wait for cluster', 40);
  out.push(['hosts', 200, /\.mongodbgov\.net$/.test(idle.connectionStrings.standardSrv) ? 'mongodbgov.net' : idle.connectionStrings.standardSrv]);
  const user = await send('POST', `${g}/databaseUsers`, '2023-01-01', {
    databaseName: 'admin',
    groupId: project.json.id,
    username: 'app-user',
    password: 'Corr3ct-Horse-Battery',
    roles: [{ databaseName: 'admin', roleName: 'readWriteAnyDatabase' }],
    scopes: [{ name: 'gov-cluster', type: 'CLUSTER' }],
  });
  out.push(['create user', user.status, user.json.databaseName]);
  const entry = await send('POST', `${g}/accessList`, '2023-01-01', [{ cidrBlock: '10.0.0.0/24', comment: 'app servers' }]);
  out.push(['add access entry', entry.status, entry.json.results?.[0]?.cidrBlock]);
  const scaled = await send('PATCH', `${g}/clusters/gov-cluster`, '2024-10-23', CLUSTER('M40'));
  out.push(['scale', scaled.status, scaled.json.stateName]);
  await waitFor('wait for scaling', 30);
  const paused = await send('PATCH', `${g}/clusters/gov-cluster`, '2024-10-23', { paused: true });
  out.push(['pause', paused.status, paused.json.stateName]);
  const after = await waitFor('wait for pause', 30);
  out.push(['paused', 200, after.paused]);
  const early = await send('DELETE', g, '2023-01-01');
  out.push(['delete project too early', early.status, early.json?.errorCode]);
  const noEntry = await send('DELETE', `${g}/accessList/${encodeURIComponent('10.0.0.0/24')}`, '2023-01-01');
  out.push(['delete access entry', noEntry.status, noEntry.json ?? null]);
  const noUser = await send('DELETE', `${g}/databaseUsers/admin/app-user`, '2023-01-01');
  out.push(['delete user', noUser.status, noUser.json ?? null]);
  const noCluster = await send('DELETE', `${g}/clusters/gov-cluster`, '2023-02-01');
  out.push(['delete cluster', noCluster.status, noCluster.json]);
  await waitFor('wait for deletion', 60);
  const noProject = await send('DELETE', g, '2023-01-01');
  out.push(['delete project', noProject.status, noProject.json]);
  const gone = await send('GET', g, '2023-01-01');
  out.push(['project gone', gone.status, gone.json.errorCode]);
  return out;
}

const controlAdvance = async (seconds: number): Promise<void> => {
  const res = await fetch(`${atlas.url}/_mock/clock/advance`, { method: 'POST', body: JSON.stringify({ seconds }) });
  expect(res.status).toBe(200);
};

const parse = (text: string): any => (text ? JSON.parse(text) : undefined);

describe('the life of an Atlas for Government project', () => {
  it('through a Node client (fetch, Bearer)', async () => {
    const send: Send = async (method, path, version, body) => {
      const res = await atlas.call(method, path, { version, ...(body !== undefined && { body }) });
      return { status: res.status, json: res.json };
    };
    expect(await scenario(send, async (s) => (await controlAdvance(s), atlas.forgetTokens()), 'gov-node')).toEqual(EXPECTED);
  });

  it('through curl (Digest)', async () => {
    const auth = ['--digest', '-u', `${atlas.tenant.apiKey.publicKey}:${atlas.tenant.apiKey.privateKey}`];
    const send: Send = async (method, path, version, body) => {
      const args = [...auth, '-X', method, '-H', `Accept: application/vnd.atlas.${version}+json`, `${atlas.url}/api/atlas/v2${path}`];
      if (body !== undefined) args.push('-H', 'Content-Type: application/json', '--data', JSON.stringify(body));
      const res = await curl(args);
      return { status: res.status, json: parse(res.body) };
    };
    const advance = async (seconds: number): Promise<void> => {
      const res = await curl(['-X', 'POST', `${atlas.url}/_mock/clock/advance`, '--data', JSON.stringify({ seconds })]);
      expect(res.status).toBe(200);
    };
    expect(await scenario(send, advance, 'gov-curl')).toEqual(EXPECTED);
  });

  it('through Python requests (Digest)', async () => {
    // The same steps, written the way a Python user would; the transcript format matches.
    const script = `
import json, sys, requests
from requests.auth import HTTPDigestAuth
base, org, public, private = sys.argv[1:5]
s = requests.Session()
s.auth = HTTPDigestAuth(public, private)
api = base + "/api/atlas/v2"
out = []
def send(method, path, version, body=None):
    r = s.request(method, api + path, headers={"Accept": f"application/vnd.atlas.{version}+json"}, json=body)
    return r.status_code, (r.json() if r.text else None)
def advance(seconds):
    requests.post(base + "/_mock/clock/advance", json={"seconds": seconds}).raise_for_status()
def cluster(size):
    return {"clusterType": "REPLICASET", "name": "gov-cluster", "replicationSpecs": [{"regionConfigs": [
        {"electableSpecs": {"instanceSize": size, "nodeCount": 3}, "priority": 7, "providerName": "AWS", "regionName": "US_GOV_WEST_1"}]}]}
def wait_for(label, every):
    states = []
    while True:
        status, body = send("GET", g + "/clusters/gov-cluster", "2024-08-05")
        if status != 200:
            break
        states.append(body["stateName"])
        if body["stateName"] == "IDLE" or len(states) > 10:
            break
        advance(every)
    out.append([label, status, states if status == 200 else body["errorCode"]])
    return body
status, project = send("POST", "/groups", "2023-01-01", {"name": "gov-python", "orgId": org, "regionUsageRestrictions": "GOV_REGIONS_ONLY"})
out.append(["create project", status, project["regionUsageRestrictions"]])
g = "/groups/" + project["id"]
status, body = send("POST", g + "/clusters", "2024-10-23", cluster("M30"))
out.append(["create cluster", status, body["stateName"]])
idle = wait_for("wait for cluster", 40)
out.append(["hosts", 200, "mongodbgov.net" if idle["connectionStrings"]["standardSrv"].endswith(".mongodbgov.net") else idle["connectionStrings"]["standardSrv"]])
status, body = send("POST", g + "/databaseUsers", "2023-01-01", {"databaseName": "admin", "groupId": project["id"], "username": "app-user",
    "password": "Corr3ct-Horse-Battery", "roles": [{"databaseName": "admin", "roleName": "readWriteAnyDatabase"}],
    "scopes": [{"name": "gov-cluster", "type": "CLUSTER"}]})
out.append(["create user", status, body["databaseName"]])
status, body = send("POST", g + "/accessList", "2023-01-01", [{"cidrBlock": "10.0.0.0/24", "comment": "app servers"}])
out.append(["add access entry", status, body["results"][0]["cidrBlock"]])
status, body = send("PATCH", g + "/clusters/gov-cluster", "2024-10-23", cluster("M40"))
out.append(["scale", status, body["stateName"]])
wait_for("wait for scaling", 30)
status, body = send("PATCH", g + "/clusters/gov-cluster", "2024-10-23", {"paused": True})
out.append(["pause", status, body["stateName"]])
after = wait_for("wait for pause", 30)
out.append(["paused", 200, after["paused"]])
status, body = send("DELETE", g, "2023-01-01")
out.append(["delete project too early", status, body["errorCode"]])
status, body = send("DELETE", g + "/accessList/10.0.0.0%2F24", "2023-01-01")
out.append(["delete access entry", status, body])
status, body = send("DELETE", g + "/databaseUsers/admin/app-user", "2023-01-01")
out.append(["delete user", status, body])
status, body = send("DELETE", g + "/clusters/gov-cluster", "2023-02-01")
out.append(["delete cluster", status, body])
wait_for("wait for deletion", 60)
status, body = send("DELETE", g, "2023-01-01")
out.append(["delete project", status, body])
status, body = send("GET", g, "2023-01-01")
out.append(["project gone", status, body["errorCode"]])
print(json.dumps(out))
`;
    const r = await runPython(script, [atlas.url, atlas.tenant.orgId, atlas.tenant.apiKey.publicKey, atlas.tenant.apiKey.privateKey]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(EXPECTED);
  });
});
