import { alertScenarios } from './alerts.js';
import { projectSecurityScenarios } from './projectSecurity.js';
import { apiKeyScenarios } from './apiKeys.js';
import { backupScenarios } from './backups.js';
import { monitoringScenarios } from './monitoring.js';
import { clusterScenarios } from './clusters.js';
import { accessListScenarios, databaseUserScenarios } from './databaseUsers.js';
import { govScenarios } from './gov.js';
import { encryptionAtRestScenarios } from './encryptionAtRest.js';
import { cloudProviderAccessScenarios } from './cloudProviderAccess.js';
import { clusterInsightScenarios } from './clusterInsights.js';
import { privateEndpointScenarios } from './privateEndpoints.js';
import { oauthScenarios } from './oauth.js';
import { networkPeeringScenarios } from './networkPeering.js';
import { organizationScenarios } from './organizations.js';
import { peopleScenarios } from './people.js';
import { orgAdminScenarios } from './orgAdmin.js';
import { projectScenarios } from './projects.js';
import { serviceAccountScenarios } from './serviceAccounts.js';
import { orgGovernanceScenarios } from './orgGovernance.js';
import { liveMigrationScenarios } from './liveMigrations.js';
import { delegationSettingsScenarios } from './delegationSettings.js';
import { clusterValidationScenarios } from './clusterValidation.js';
import type { Scenario } from './types.js';

/** Every scenario, one file per resource domain (see contracts/harness/README.md, "Adding a scenario"). */
export const SCENARIOS: readonly Scenario[] = [...oauthScenarios, ...organizationScenarios, ...projectScenarios, ...clusterScenarios, ...databaseUserScenarios, ...accessListScenarios, ...apiKeyScenarios, ...serviceAccountScenarios, ...govScenarios, ...networkPeeringScenarios, ...encryptionAtRestScenarios, ...cloudProviderAccessScenarios, ...privateEndpointScenarios, ...backupScenarios, ...peopleScenarios, ...orgAdminScenarios, ...alertScenarios, ...projectSecurityScenarios, ...orgGovernanceScenarios, ...liveMigrationScenarios, ...delegationSettingsScenarios, ...clusterValidationScenarios, ...monitoringScenarios, ...clusterInsightScenarios];
