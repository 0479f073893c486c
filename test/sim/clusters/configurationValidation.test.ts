import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { body20240805, expectError, makeProject } from '../../support/clusters.js';
import { startAtlas, type TestAtlas } from '../../support/harness.js';
import { keyWith } from '../../support/projectKeys.js';

/** `POST /groups/{groupId}/clusterConfigurations:validate` (2026-08 document, 2025-03-12). */
let atlas: TestAtlas;
beforeAll(async () => {
  atlas = await startAtlas();
});
afterAll(() => atlas.close());

const V = '2025-03-12';
const validate = (g: string, body: unknown, extra: object = {}) => atlas.call('POST', `/groups/${g}/clusterConfigurations:validate`, { version: V, body, ...extra });

describe('cluster configuration validation', () => {
  it('says valid for a create the project would take, and names the refusal a create would get otherwise, creating nothing', async () => {
    const g = makeProject(atlas, 'GOV_REGIONS_ONLY');
    const ok = await validate(g, { editing: false, clusterDescription: body20240805('fine', { region: 'US_GOV_WEST_1' }) });
    expect(ok.status).toBe(200);
    expect(ok.json).toEqual({ valid: true });
    const m10 = await validate(g, { editing: false, clusterDescription: body20240805('small', { region: 'US_GOV_WEST_1', size: 'M10' }) });
    expect(m10.status).toBe(200);
    expect(m10.json).toEqual({ valid: false, errors: [{ errorCode: 'INSUFFICIENT_INSTANCE_SIZE', validationIssue: expect.any(String) }] });
    const commercial = await validate(g, { editing: false, clusterDescription: body20240805('east', { region: 'US_EAST_1' }) });
    expect(commercial.json.errors[0]).toEqual({ errorCode: 'REGION_UNAVAILABLE', validationIssue: 'The selected region US_EAST_1 is unavailable for use.' });
    expect((await atlas.call('GET', `/groups/${g}/clusters`, { version: '2024-08-05' })).json.totalCount).toBe(0);
  });

  it('checks an edit against the existing cluster: a duplicate name only on create, an unknown cluster on edit', async () => {
    const g = makeProject(atlas, 'GOV_REGIONS_ONLY');
    expect((await atlas.call('POST', `/groups/${g}/clusters`, { version: '2024-10-23', body: body20240805('taken', { region: 'US_GOV_WEST_1' }) })).status).toBe(201);
    const dup = await validate(g, { editing: false, clusterDescription: body20240805('taken', { region: 'US_GOV_WEST_1' }) });
    expect(dup.json.errors[0].errorCode).toBe('DUPLICATE_CLUSTER_NAME');
    const edit = await validate(g, { editing: true, clusterName: 'taken', clusterDescription: body20240805('taken', { region: 'US_GOV_WEST_1', size: 'M40' }) });
    expect(edit.json).toEqual({ valid: true });
    const rename = await validate(g, { editing: true, clusterName: 'taken', clusterDescription: body20240805('other', { region: 'US_GOV_WEST_1' }) });
    expect(rename.json.errors[0].errorCode).toBe('CLUSTER_CANNOT_CHANGE_NAME');
    const missing = await validate(g, { editing: true, clusterName: 'nowhere', clusterDescription: body20240805('nowhere', { region: 'US_GOV_WEST_1' }) });
    expect(missing.json.errors[0]).toEqual({ errorCode: 'CLUSTER_NOT_FOUND', validationIssue: `No cluster named nowhere exists in group ${g}.` });
  });

  it('refuses malformed requests and callers without Project Cluster Manager, changing nothing', async () => {
    const g = makeProject(atlas, 'GOV_REGIONS_ONLY');
    const reader = keyWith(atlas, g, ['GROUP_READ_ONLY']);
    const manager = keyWith(atlas, g, ['GROUP_CLUSTER_MANAGER']);
    await atlas.token(); // issuing the caller's token is a change of its own
    const records = () => JSON.stringify(atlas.sim.exportState().slices);
    const before = records();
    const good = { editing: false, clusterDescription: body20240805('x', { region: 'US_GOV_WEST_1' }) };
    expectError(await validate(g, { clusterDescription: good.clusterDescription }), 400, 'MISSING_ATTRIBUTE', ['editing']);
    expectError(await validate(g, { editing: false }), 400, 'MISSING_ATTRIBUTE', ['clusterDescription']);
    expectError(await validate(g, { ...good, editing: 'no' }), 400, 'INVALID_JSON_ATTRIBUTE');
    expectError(await validate(g, { ...good, other: 1 }), 400, 'INVALID_ATTRIBUTE');
    expectError(await atlas.call('POST', `/groups/${g}/clusterConfigurations:validate`, { version: V, rawBody: '{"editing":' }), 400, 'MALFORMED_JSON');
    expectError(await validate('nothex', good), 404, 'INVALID_GROUP_ID');
    expectError(await validate(g, good, reader), 401, 'USER_UNAUTHORIZED');
    expect((await validate(g, good, manager)).json).toEqual({ valid: true });
    expect(records()).toBe(before);
  });
});
