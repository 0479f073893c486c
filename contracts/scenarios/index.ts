import { oauthScenarios } from './oauth.js';
import { organizationScenarios } from './organizations.js';
import type { Scenario } from './types.js';

/** Every scenario, one file per resource domain (see contracts/README.md, "Adding a scenario"). */
export const SCENARIOS: readonly Scenario[] = [...oauthScenarios, ...organizationScenarios];
