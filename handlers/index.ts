import type { HandlerTable } from '../src/wire/context.js';
import { clusterHandlers, flexClusterHandlers } from './clusters.js';
import { organizationHandlers } from './organizations.js';
import { projectHandlers } from './projects.js';
import { databaseUserHandlers } from './databaseUsers.js';
import { ipAccessListHandlers } from './ipAccessList.js';

/** Handlers by operationId; the dispatcher checks this table against the operation catalog at start-up. */
export const HANDLERS: HandlerTable = {
  ...organizationHandlers,
  ...projectHandlers,
  ...databaseUserHandlers,
  ...ipAccessListHandlers,
  ...clusterHandlers,
  ...flexClusterHandlers,
};
