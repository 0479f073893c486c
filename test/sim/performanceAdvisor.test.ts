import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { body20240805, expectConforms, expectError, makeProject } from '../support/clusters.js';
import { startAtlas, type TestAtlas } from '../support/harness.js';
import { keyWith } from '../support/projectKeys.js';
import { runningCluster } from '../support/runningCluster.js';

/** Performance Advisor: slow operations injected through the control plane, and everything derived from them. */
let atlas: TestAtlas;
beforeAll(async () => {
  atlas = await startAtlas();
});
afterAll(() => atlas.close());

const V1 = { version: '2023-01-01' };
const V2 = { version: '2024-08-05' };
const idleCluster = () => runningCluster(atlas, 'pa');

const inject = (groupId: string, name: string, queries: unknown[]) =>
  atlas.call('POST', `/_mock/groups/${groupId}/clusters/${name}/slowQueries`, { body: { queries }, version: null, auth: 'none' });

describe('Performance Advisor', () => {
  it('answers empty advice for a fresh cluster', async () => {
    const { groupId, name, hosts } = await idleCluster();
    const pid = hosts[0]!;
    const reads: Array<[string, { version: string }, unknown]> = [
      [`/groups/${groupId}/processes/${pid}/performanceAdvisor/slowQueryLogs`, V1, { slowQueries: [] }],
      [`/groups/${groupId}/processes/${pid}/performanceAdvisor/namespaces`, V1, { namespaces: [] }],
      [`/groups/${groupId}/processes/${pid}/performanceAdvisor/suggestedIndexes`, V1, { shapes: [], suggestedIndexes: [] }],
      [`/groups/${groupId}/clusters/${name}/performanceAdvisor/suggestedIndexes`, V2, { content: { shapes: [], suggestedIndexes: [] } }],
      [`/groups/${groupId}/clusters/${name}/performanceAdvisor/dropIndexSuggestions`, V2, { content: { hiddenIndexes: [], redundantIndexes: [], unusedIndexes: [] } }],
      [`/groups/${groupId}/clusters/${name}/performanceAdvisor/schemaAdvice`, V2, { content: { recommendations: [] } }],
    ];
    for (const [path, v, expected] of reads) {
      const res = await atlas.call('GET', path, v);
      expect(res.status, path).toBe(200);
      expectConforms('GET', path, res);
      expect(res.json).toEqual(expected);
    }
  });

  it('turns injected slow queries into log lines, namespaces, shapes and ESR-ordered index suggestions; a rolling index build takes the suggestion away', async () => {
    const { groupId, name, hosts } = await idleCluster();
    const [primary, secondary] = hosts as [string, string];
    const injected = await inject(groupId, name, [
      { namespace: 'shop.orders', filter: { status: 'A', total: { $gt: 100 } }, sort: { created: -1 }, millis: 900, docsReturned: 10 },
      { namespace: 'shop.orders', filter: { status: 'B', total: { $gt: 5 } }, sort: { created: -1 }, millis: 700, docsReturned: 4 },
      { namespace: 'shop.users', filter: { email: 'x@example.gov' }, millis: 300 },
      { namespace: 'shop.users', filter: { name: { $regex: '^al', $options: 'i' } }, millis: 250, processId: secondary },
      { namespace: 'shop.orders', pipeline: [{ $match: { sku: 'x' } }, { $lookup: { from: 'users', localField: 'u', foreignField: '_id', as: 'u' } }], millis: 400 },
    ]);
    expect(injected.status, injected.text).toBe(201);
    expect(injected.json.slowQueries.map((q: any) => [q.processId, q.replicaState])).toEqual([
      [primary, 'PRIMARY'],
      [primary, 'PRIMARY'],
      [primary, 'PRIMARY'],
      [secondary, 'SECONDARY'],
      [primary, 'PRIMARY'],
    ]);

    const logsPath = `/groups/${groupId}/processes/${primary}/performanceAdvisor/slowQueryLogs?includeMetrics=true&includeOpType=true&includeReplicaState=true`;
    const logs = await atlas.call('GET', logsPath, V1);
    expect(logs.status).toBe(200);
    expectConforms('GET', logsPath, logs);
    expect(logs.json.slowQueries).toHaveLength(4);
    const first = logs.json.slowQueries[0];
    expect(first).toMatchObject({ namespace: 'shop.orders', opType: 'read', replicaState: 'PRIMARY', metrics: { docsReturned: 10, docsExamined: 1000, hasIndexCoverage: false, hasSort: true, operationExecutionTime: 900 } });
    expect(JSON.parse(first.line)).toMatchObject({ msg: 'Slow query', attr: { ns: 'shop.orders', durationMillis: 900, planSummary: 'COLLSCAN', command: { find: 'orders', filter: { status: 'A' } } } });
    // Without the include flags only the line and the namespace.
    const plain = await atlas.call('GET', `/groups/${groupId}/processes/${primary}/performanceAdvisor/slowQueryLogs?nLogs=1&namespaces=shop.users`, V1);
    expect(plain.json.slowQueries).toEqual([{ line: expect.any(String), namespace: 'shop.users' }]);

    const ns = await atlas.call('GET', `/groups/${groupId}/processes/${secondary}/performanceAdvisor/namespaces`, V1);
    expect(ns.json).toEqual({ namespaces: [{ namespace: 'shop.users', type: 'collection' }] });

    const sugPath = `/groups/${groupId}/clusters/${name}/performanceAdvisor/suggestedIndexes`;
    const sug = await atlas.call('GET', sugPath, V2);
    expectConforms('GET', sugPath, sug);
    const byNs = Object.fromEntries(sug.json.content.suggestedIndexes.map((s: any) => [`${s.namespace} ${JSON.stringify(s.index)}`, s]));
    // Equality, then sort, then range; heaviest (most time spent) first.
    expect(Object.keys(byNs)).toEqual([
      'shop.orders [{"status":1},{"created":-1},{"total":1}]',
      'shop.orders [{"sku":1}]',
      'shop.users [{"email":1}]',
      'shop.users [{"name":1}]',
    ]);
    const top = byNs['shop.orders [{"status":1},{"created":-1},{"total":1}]'];
    expect(top.weight).toBe(1600);
    const shape = sug.json.content.shapes.find((s: any) => s.id === top.impact[0]);
    expect(shape).toMatchObject({ namespace: 'shop.orders', count: 2, avgMs: 800, inefficiencyScore: 100 });
    expect(shape.operations).toHaveLength(2);
    // Same answer on every read (ids derived, not drawn).
    expect((await atlas.call('GET', sugPath, V2)).json).toEqual(sug.json);

    // Per process: the primary's shapes only; nIndexes caps the list.
    const perProcess = await atlas.call('GET', `/groups/${groupId}/processes/${primary}/performanceAdvisor/suggestedIndexes?nIndexes=1`, V1);
    expectConforms('GET', `/groups/${groupId}/processes/${primary}/performanceAdvisor/suggestedIndexes`, perProcess);
    expect(perProcess.json.suggestedIndexes.map((s: any) => s.index)).toEqual([[{ status: 1 }, { created: -1 }, { total: 1 }]]);

    // Schema advice: the $lookup and the case-insensitive regex.
    const advice = await atlas.call('GET', `/groups/${groupId}/clusters/${name}/performanceAdvisor/schemaAdvice`, V2);
    expectConforms('GET', `/groups/${groupId}/clusters/${name}/performanceAdvisor/schemaAdvice`, advice);
    expect(advice.json.content.recommendations.map((r: any) => [r.recommendation, r.affectedNamespaces.map((a: any) => a.namespace)])).toEqual([
      ['REDUCE_LOOKUP_OPS', ['shop.orders']],
      ['OPTIMIZE_CASE_INSENSITIVE_REGEX_QUERIES', ['shop.users']],
    ]);

    // The rolling index build: the suggestion goes; new slow queries on that shape use the index.
    const build = await atlas.call('POST', `/groups/${groupId}/clusters/${name}/index`, { ...V1, body: { db: 'shop', collection: 'users', keys: [{ email: '1' }] } });
    expect(build.status, build.text).toBe(202);
    const after = (await atlas.call('GET', sugPath, V2)).json.content.suggestedIndexes.map((s: any) => `${s.namespace} ${JSON.stringify(s.index)}`);
    expect(after).not.toContain('shop.users [{"email":1}]');
    const used = await inject(groupId, name, [{ namespace: 'shop.users', filter: { email: 'y@example.gov' }, millis: 150 }]);
    expect(used.json.slowQueries[0]).toMatchObject({ indexUsed: 'email_1', keysExamined: 1, docsExamined: 1 });
  });

  it('drop-index suggestions: hidden, redundant (a prefix of another) and unused indexes', async () => {
    const { groupId, name } = await idleCluster();
    const build = (body: unknown) => atlas.call('POST', `/groups/${groupId}/clusters/${name}/index`, { ...V1, body });
    expect((await build({ db: 'app', collection: 'c', keys: [{ a: '1' }] })).status).toBe(202);
    expect((await build({ db: 'app', collection: 'c', keys: [{ a: '1' }, { b: '-1' }] })).status).toBe(202);
    expect((await build({ db: 'app', collection: 'c', keys: [{ h: '1' }], options: { hidden: true, name: 'h_hidden' } })).status).toBe(202);
    expect((await build({ db: 'app', collection: 'd', keys: [{ x: 'hashed' }] })).status).toBe(202);
    await inject(groupId, name, [{ namespace: 'app.d', filter: { x: 5 }, millis: 500 }]);
    const path = `/groups/${groupId}/clusters/${name}/performanceAdvisor/dropIndexSuggestions`;
    const res = await atlas.call('GET', path, V2);
    expectConforms('GET', path, res);
    const names = (k: string) => res.json.content[k].map((i: any) => `${i.namespace} ${i.name}`);
    expect({ hidden: names('hiddenIndexes'), redundant: names('redundantIndexes'), unused: names('unusedIndexes') }).toEqual({
      hidden: ['app.c h_hidden'],
      redundant: ['app.c a_1'],
      unused: ['app.c a_1_b_-1'],
    });
    expect(res.json.content.redundantIndexes[0]).toMatchObject({ index: [{ a: 1 }], shards: [expect.stringMatching(/^atlas-[a-z0-9]{6}-shard-0$/)], since: expect.stringMatching(/Z$/), accessCount: 0 });
  });

  it('managed slow-ms: on by default; Project Owner turns it off, and then only operations of 100 ms or more are slow', async () => {
    const { groupId, name, hosts } = await idleCluster();
    const get = () => atlas.call('GET', `/groups/${groupId}/managedSlowMs`, V1);
    const on = await get();
    expect(on.status).toBe(200);
    expectConforms('GET', `/groups/${groupId}/managedSlowMs`, on);
    expect(on.json).toBe(true);
    await inject(groupId, name, [
      { namespace: 'a.b', filter: { k: 1 }, millis: 40 },
      { namespace: 'a.b', filter: { k: 2 }, millis: 140 },
    ]);
    const logs = () => atlas.call('GET', `/groups/${groupId}/processes/${hosts[0]}/performanceAdvisor/slowQueryLogs`, V1);
    expect((await logs()).json.slowQueries).toHaveLength(2);

    const reader = keyWith(atlas, groupId, ['GROUP_READ_ONLY']);
    expectError(await atlas.call('DELETE', `/groups/${groupId}/managedSlowMs/disable`, { ...V1, ...reader }), 401, 'USER_UNAUTHORIZED');
    expect((await get()).json).toBe(true);
    const off = await atlas.call('DELETE', `/groups/${groupId}/managedSlowMs/disable`, V1);
    expect(off.status).toBe(204);
    expect((await get()).json).toBe(false);
    expect((await logs()).json.slowQueries).toHaveLength(1);
    expect((await atlas.call('POST', `/groups/${groupId}/managedSlowMs/enable`, V1)).status).toBe(204);
    expect((await get()).json).toBe(true);
  });

  it('checks roles, processes, clusters and query parameters', async () => {
    const { groupId, name, hosts } = await idleCluster();
    const pid = hosts[0]!;
    const logs = `/groups/${groupId}/processes/${pid}/performanceAdvisor/slowQueryLogs`;
    // Log lines take a Data Access role or Observability Viewer (which every project role includes); none on this project is 401.
    const elsewhere = makeProject(atlas, 'GOV_REGIONS_ONLY');
    expectError(await atlas.call('GET', logs, { ...V1, ...keyWith(atlas, elsewhere, ['GROUP_OWNER']) }), 401, 'USER_UNAUTHORIZED');
    expect((await atlas.call('GET', logs, { ...V1, ...keyWith(atlas, groupId, ['GROUP_OBSERVABILITY_VIEWER']) })).status).toBe(200);
    expect((await atlas.call('GET', logs, { ...V1, ...keyWith(atlas, groupId, ['GROUP_DATA_ACCESS_READ_ONLY']) })).status).toBe(200);
    expect((await atlas.call('GET', `/groups/${groupId}/clusters/${name}/performanceAdvisor/schemaAdvice`, { ...V2, ...keyWith(atlas, groupId, ['GROUP_READ_ONLY']) })).status).toBe(200);

    expectError(await atlas.call('GET', `/groups/${groupId}/processes/nohost.example:27017/performanceAdvisor/slowQueryLogs`, V1), 404, 'HOSTNAME_AND_PORT_NOT_FOUND');
    expectError(await atlas.call('GET', `/groups/${groupId}/processes/${pid.replace('27017', '27018')}/performanceAdvisor/namespaces`, V1), 404, 'HOSTNAME_AND_PORT_NOT_FOUND');
    expectError(await atlas.call('GET', `/groups/${groupId}/processes/no-port/performanceAdvisor/suggestedIndexes`, V1), 404, 'HOSTNAME_AND_PORT_NOT_FOUND');
    expectError(await atlas.call('GET', `/groups/${groupId}/clusters/nope/performanceAdvisor/schemaAdvice`, V2), 404, 'CLUSTER_NOT_FOUND');
    expectError(await atlas.call('GET', `${logs}?nLogs=abc`, V1), 400, 'INVALID_QUERY_PARAMETER');
    expectError(await atlas.call('GET', `${logs}?nLogs=20001`, V1), 400, 'INVALID_QUERY_PARAMETER');
    expectError(await atlas.call('GET', `${logs}?since=5`, V1), 400, 'INVALID_QUERY_PARAMETER');
    expectError(await atlas.call('GET', `/groups/ffffffffffffffffffffffff/managedSlowMs`, V1), 404, 'GROUP_NOT_FOUND');

    // The process may be named by its internal host name too.
    const internal = (await atlas.call('GET', `/_mock/groups/${groupId}/clusters/${name}/slowQueries`, { version: null, auth: 'none' })).json;
    expect(internal).toEqual({ slowQueries: [] });
  });

  it('the project settings switch the advisors off (403)', async () => {
    const { groupId, name, hosts } = await idleCluster();
    const settings = `/groups/${groupId}/settings`;
    expect((await atlas.call('PATCH', settings, { ...V1, body: { isPerformanceAdvisorEnabled: false, isSchemaAdvisorEnabled: false } })).status).toBe(200);
    expectError(await atlas.call('GET', `/groups/${groupId}/processes/${hosts[0]}/performanceAdvisor/slowQueryLogs`, V1), 403, 'PERFORMANCE_ADVISOR_DISABLED', [groupId]);
    expectError(await atlas.call('GET', `/groups/${groupId}/clusters/${name}/performanceAdvisor/suggestedIndexes`, V2), 403, 'PERFORMANCE_ADVISOR_DISABLED');
    expectError(await atlas.call('GET', `/groups/${groupId}/clusters/${name}/performanceAdvisor/dropIndexSuggestions`, V2), 403, 'PERFORMANCE_ADVISOR_DISABLED');
    expectError(await atlas.call('GET', `/groups/${groupId}/clusters/${name}/performanceAdvisor/schemaAdvice`, V2), 403, 'SCHEMA_ADVISOR_DISABLED', [groupId]);
    expect((await atlas.call('PATCH', settings, { ...V1, body: { isPerformanceAdvisorEnabled: true } })).status).toBe(200);
    expect((await atlas.call('GET', `/groups/${groupId}/clusters/${name}/performanceAdvisor/suggestedIndexes`, V2)).status).toBe(200);
  });

  it('the control plane refuses bad slow queries and changes nothing', async () => {
    const { groupId, name, hosts } = await idleCluster();
    expectError(await inject(groupId, name, [{ namespace: 'nodot', millis: 5 }]), 400, 'INVALID_ATTRIBUTE', ['namespace']);
    expectError(await inject(groupId, name, [{ namespace: 'a.b', millis: -1 }]), 400, 'INVALID_ATTRIBUTE');
    expectError(await inject(groupId, name, [{ namespace: 'a.b', millis: 'slow' }]), 400, 'INVALID_JSON_ATTRIBUTE');
    expectError(await inject(groupId, name, [{ namespace: 'a.b', millis: 5, color: 'red' }]), 400, 'INVALID_ATTRIBUTE');
    expectError(await inject(groupId, name, [{ namespace: 'a.b', millis: 5 }, { namespace: 'a.b', millis: 5, processId: 'x:1' }]), 404, 'HOSTNAME_AND_PORT_NOT_FOUND');
    expectError(await inject(groupId, 'nope', [{ namespace: 'a.b', millis: 5 }]), 404, 'CLUSTER_NOT_FOUND');
    expectError(await atlas.call('POST', `/_mock/groups/${groupId}/clusters/${name}/slowQueries`, { rawBody: '{"queries":', version: null, auth: 'none' }), 400, 'MALFORMED_JSON');
    expect((await atlas.call('GET', `/_mock/groups/${groupId}/clusters/${name}/slowQueries`, { version: null, auth: 'none' })).json).toEqual({ slowQueries: [] });
    // Still creating: no hosts, nothing to log.
    const g2 = makeProject(atlas, 'GOV_REGIONS_ONLY');
    await atlas.call('POST', `/groups/${g2}/clusters`, { version: '2024-10-23', body: body20240805('young', { region: 'US_GOV_EAST_1' }) });
    expectError(await inject(g2, 'young', [{ namespace: 'a.b', millis: 5 }]), 400, 'CLUSTER_HOSTNAMES_UNAVAILABLE');
    // Recorded, then forgotten.
    expect((await inject(groupId, name, [{ namespace: 'a.b', millis: 5, processId: hosts[1] }])).status).toBe(201);
    const del = await atlas.call('DELETE', `/_mock/groups/${groupId}/clusters/${name}/slowQueries`, { version: null, auth: 'none' });
    expect(del.json).toEqual({ removed: 1 });
  });
});
