import { alertScenarios } from './alerts.js';
import { projectSecurityScenarios } from './projectSecurity.js';
import { apiKeyScenarios } from './apiKeys.js';
import { clusterScenarios } from './clusters.js';
import { accessListScenarios, databaseUserScenarios } from './databaseUsers.js';
import { govScenarios } from './gov.js';
import { oauthScenarios } from './oauth.js';
import { organizationScenarios } from './organizations.js';
import { projectScenarios } from './projects.js';
import { serviceAccountScenarios } from './serviceAccounts.js';
import type { Scenario } from './types.js';

/** Every scenario, one file per resource domain (see contracts/harness/README.md, "Adding a scenario"). */
export const SCENARIOS: readonly Scenario[] = [...oauthScenarios, ...organizationScenarios, ...projectScenarios, ...clusterScenarios, ...databaseUserScenarios, ...accessListScenarios, ...apiKeyScenarios, ...serviceAccountScenarios, ...govScenarios, ...alertScenarios, ...projectSecurityScenarios];
