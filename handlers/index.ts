import type { HandlerTable } from '../src/wire/context.js';
import { apiKeyHandlers } from './apiKeys.js';
import { eventHandlers } from './events.js';
import { clusterHandlers } from './clusters.js';
import { organizationHandlers } from './organizations.js';
import { serviceAccountHandlers } from './serviceAccounts.js';
import { projectHandlers } from './projects.js';
import { databaseUserHandlers } from './databaseUsers.js';
import { ipAccessListHandlers } from './ipAccessList.js';
import { networkPeeringHandlers } from './networkPeering.js';
import { encryptionAtRestHandlers } from './encryptionAtRest.js';
import { cloudProviderAccessHandlers } from './cloudProviderAccess.js';
import { awsCustomDnsHandlers, privateEndpointHandlers } from './privateEndpoints.js';
import { backupHandlers } from './backups.js';
import { liveMigrationHandlers } from './liveMigrations.js';
import { delegationSettingsHandlers } from './delegationSettings.js';
import { monitoringHandlers } from './monitoring.js';
import { cloudUserHandlers } from './cloudUsers.js';
import { teamHandlers } from './teams.js';
import { invitationHandlers } from './invitations.js';
import { settingHandlers } from './settings.js';
import { alertHandlers } from './alerts.js';
import { integrationHandlers } from './integrations.js';
import { projectSecurityHandlers } from './projectSecurity.js';
import { customDbRoleHandlers } from './customDbRoles.js';
import { resourcePolicyHandlers } from './resourcePolicies.js';
import { rootHandlers } from './root.js';
import { federationHandlers } from './federation.js';
import { invoiceHandlers } from './invoices.js';
import { performanceAdvisorHandlers } from './performanceAdvisor.js';
import { rollingIndexHandlers } from './rollingIndex.js';
import { outageSimulationHandlers } from './outageSimulation.js';
import { collStatsHandlers } from './collStats.js';
import { atlasSearchHandlers } from './atlasSearch.js';

/** Handlers by operationId; the dispatcher checks this table against the operation catalog at start-up. */
export const HANDLERS: HandlerTable = {
  ...organizationHandlers,
  ...apiKeyHandlers,
  ...serviceAccountHandlers,
  ...eventHandlers,
  ...projectHandlers,
  ...databaseUserHandlers,
  ...ipAccessListHandlers,
  ...clusterHandlers,
  ...networkPeeringHandlers,
  ...encryptionAtRestHandlers,
  ...cloudProviderAccessHandlers,
  ...privateEndpointHandlers,
  ...awsCustomDnsHandlers,
  ...backupHandlers,
  ...liveMigrationHandlers,
  ...delegationSettingsHandlers,
  ...monitoringHandlers,
  ...cloudUserHandlers,
  ...teamHandlers,
  ...invitationHandlers,
  ...settingHandlers,
  ...alertHandlers,
  ...integrationHandlers,
  ...projectSecurityHandlers,
  ...customDbRoleHandlers,
  ...resourcePolicyHandlers,
  ...rootHandlers,
  ...federationHandlers,
  ...invoiceHandlers,
  ...performanceAdvisorHandlers,
  ...rollingIndexHandlers,
  ...outageSimulationHandlers,
  ...collStatsHandlers,
  ...atlasSearchHandlers,
};
