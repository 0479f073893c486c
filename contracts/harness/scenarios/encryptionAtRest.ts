/**
 * Encryption at rest using customer key management (2023-01-01): what a new project
 * answers, and the documented refusals. Everything lives in a project the scenario
 * creates with the run's prefix, deleted afterwards.
 */
import { createProject } from './projects.js';
import type { Scenario } from './types.js';

const V = '2023-01-01';

export const encryptionAtRestScenarios: readonly Scenario[] = [
  {
    id: 'encryptionAtRest/new-project',
    title: 'a new project answers every key management provider disabled; an unknown project is 404',
    operations: ['getEncryptionAtRest'],
    writes: true,
    async run(t) {
      const { id: groupId } = await createProject(t, 'ear');
      const res = await t.api.call('GET', `/groups/${groupId}/encryptionAtRest`, { version: V });
      t.expectResponse(res, {
        status: 200,
        contentType: { version: V },
        body: { awsKms: { enabled: false }, azureKeyVault: { enabled: false }, enabledForSearchNodes: false, googleCloudKms: { enabled: false } },
        contract: 'getEncryptionAtRest',
      });
      t.expectResponse(await t.api.call('GET', '/groups/ffffffffffffffffffffffff/encryptionAtRest', { version: V }), { status: 404, errorCode: 'GROUP_NOT_FOUND' });
    },
  },
];
