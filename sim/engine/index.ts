// The engine's public surface.
export { Simulation, type RunLimits, type RunOutcome } from './simulation.js';
export { Process } from './process.js';
export { Spawn, InPlace, DONE, type Body, type Routine, type Done, type Cycles, type Op, type Waitable, type ProcessLike } from './types.js';
export { WaitQueue, Resource, Semaphore, Lock, Store, Signal } from './resource.js';
export { Prng } from './prng.js';
export { StallError, LimitError, type BlockedProcess } from './errors.js';
