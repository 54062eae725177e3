import { FaultBoard } from './sim-faults.js'
import { DEFAULT_SIMULATOR_OPTIONS, type SimulatorOptions } from './sim-options.js'

/** What the simulator page and API change while it runs: its options, the fault board, poll counters. */
export interface SimRuntime {
  options: SimulatorOptions
  faults: FaultBoard
  /** get_moment_task_result polls answered so far, per jobid. */
  momentPolls: Map<string, number>
}

export function createSimRuntime(overrides: Partial<SimulatorOptions> = {}): SimRuntime {
  return { options: { ...DEFAULT_SIMULATOR_OPTIONS, ...overrides }, faults: new FaultBoard(), momentPolls: new Map() }
}
