import type { OperationSpec } from './operation.js';
import { apiKeyOperations } from './operations/apiKeys.js';
import { eventOperations } from './operations/events.js';
import { clusterOperations } from './operations/clusters.js';
import { flexClusterOperations } from './operations/flexClusters.js';
import { organizationOperations } from './operations/organizations.js';
import { serviceAccountOperations } from './operations/serviceAccounts.js';
import { projectOperations } from './operations/projects.js';
import { databaseUserOperations } from './operations/databaseUsers.js';
import { ipAccessListOperations } from './operations/ipAccessList.js';
import { networkPeeringOperations } from './operations/networkPeering.js';
import { encryptionAtRestOperations } from './operations/encryptionAtRest.js';
import { cloudProviderAccessOperations } from './operations/cloudProviderAccess.js';
import { awsCustomDnsOperations, privateEndpointOperations } from './operations/privateEndpoints.js';
import { backupOperations } from './operations/backups.js';
import { liveMigrationOperations } from './operations/liveMigrations.js';
import { delegationSettingsOperations } from './operations/delegationSettings.js';
import { monitoringOperations } from './operations/monitoring.js';
import { cloudUserOperations } from './operations/cloudUsers.js';
import { teamOperations } from './operations/teams.js';
import { invitationOperations } from './operations/invitations.js';
import { settingOperations } from './operations/settings.js';
import { alertOperations } from './operations/alerts.js';
import { integrationOperations } from './operations/integrations.js';
import { projectSecurityOperations } from './operations/projectSecurity.js';
import { customDbRoleOperations } from './operations/customDbRoles.js';
import { resourcePolicyOperations } from './operations/resourcePolicies.js';
import { rootOperations } from './operations/root.js';
import { federationOperations } from './operations/federation.js';
import { invoiceOperations } from './operations/invoices.js';
import { performanceAdvisorOperations } from './operations/performanceAdvisor.js';
import { rollingIndexOperations } from './operations/rollingIndex.js';
import { outageSimulationOperations } from './operations/outageSimulation.js';
import { collStatsOperations } from './operations/collStats.js';
import { atlasSearchOperations } from './operations/atlasSearch.js';
import { unavailableInGovOperations } from './operations/unavailableInGov.js';

/**
 * The operation catalog: every operation the simulator serves, with its versions,
 * success status, rate-limit bucket, minimum role and contracts. The router is built
 * from it, and tests check both directions (no route without a contract, no contract
 * without a route).
 */
export const OPERATIONS: readonly OperationSpec[] = [
  ...organizationOperations,
  ...apiKeyOperations,
  ...serviceAccountOperations,
  ...eventOperations,
  ...projectOperations,
  ...databaseUserOperations,
  ...ipAccessListOperations,
  ...clusterOperations,
  ...flexClusterOperations,
  ...networkPeeringOperations,
  ...encryptionAtRestOperations,
  ...cloudProviderAccessOperations,
  ...privateEndpointOperations,
  ...awsCustomDnsOperations,
  ...backupOperations,
  ...liveMigrationOperations,
  ...delegationSettingsOperations,
  ...monitoringOperations,
  ...cloudUserOperations,
  ...teamOperations,
  ...invitationOperations,
  ...settingOperations,
  ...alertOperations,
  ...integrationOperations,
  ...projectSecurityOperations,
  ...customDbRoleOperations,
  ...resourcePolicyOperations,
  ...rootOperations,
  ...federationOperations,
  ...invoiceOperations,
  ...performanceAdvisorOperations,
  ...rollingIndexOperations,
  ...outageSimulationOperations,
  ...collStatsOperations,
  ...atlasSearchOperations,
  ...unavailableInGovOperations,
];
