import type { HandlerTable } from '../src/wire/context.js';
import * as organizations from './organizations.js';

/** Handlers by operationId; the dispatcher checks this table against the operation catalog at start-up. */
export const HANDLERS: HandlerTable = {
  listOrganizations: organizations.listOrganizations,
  getOrganization: organizations.getOrganization,
};
