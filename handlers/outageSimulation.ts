import { outageSimulationOperations } from '../contracts/api/operations/outageSimulation.js';
import { isoSeconds } from '../src/sim/clock.js';
import type { OutageSimulation } from '../src/sim/outageSimulations.js';
import { defineHandlers } from '../src/wire/context.js';

const STATES = ['START_REQUESTED', 'STARTING', 'SIMULATING', 'RECOVERY_REQUESTED', 'RECOVERING', 'COMPLETE'] as const;
type State = (typeof STATES)[number];
const stateOf = (s: OutageSimulation): State => STATES.find((x) => x === s.status) ?? 'COMPLETE';

function view(s: OutageSimulation) {
  return {
    clusterName: s.clusterName,
    groupId: s.groupId,
    id: s.id,
    outageFilters: s.outageFilters,
    startRequestDate: isoSeconds(s.started),
    state: stateOf(s),
  };
}

export const outageSimulationHandlers = defineHandlers(outageSimulationOperations, {
  startOutageSimulation(ctx) {
    return view(ctx.world.outageSimulations.startSimulation(ctx.params.groupId, ctx.params.clusterName, ctx.body.outageFilters));
  },
  getOutageSimulation(ctx) {
    return view(ctx.world.outageSimulations.get(ctx.params.groupId, ctx.params.clusterName));
  },
  endOutageSimulation(ctx) {
    return view(ctx.world.outageSimulations.endSimulation(ctx.params.groupId, ctx.params.clusterName));
  },
});
