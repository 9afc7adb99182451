// The hardware models' public surface.
export * from './machine.js';
export * from './work.js';
export * from './isa.js';
export * from './porting.js';
export { Processor, UnpricedWork, type Ledger, type Charge } from './processor.js';
export { SetAssoc } from './setassoc.js';
export { Tlb } from './tlb.js';
export { CacheHierarchy, CacheLevel } from './cache.js';
export { Space, PhysicalMemory, type Page } from './space.js';
export { TasLock } from './locks.js';
export { Hardware } from './hardware.js';
export { Bus, BusPort } from './bus.js';
