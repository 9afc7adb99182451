// DEC Firefly with C-VAX processors: the machine of the URPC paper (Bershad et al. 1991, §5) and
// of LRPC and SRC RPC. A shared-memory multiprocessor; each processor has its own cache, all
// share one memory bus.

import type { MachineDesc } from '../sim/hw/machine.js';

export const fireflyCvax: MachineDesc = {
  id: 'firefly-cvax',
  aliases: ['firefly'],
  title: 'DEC Firefly, 4 C-VAX processors at 11.1 MHz, 64 KB cache each',
  clockMHz: 11.11,
  processors: 4,
  pageBytes: 512,
  costs: {
    instr: 10,
    ld: 10,
    st: 10,
    alu: 10,
    cmp: 10,
    jcc: 10,
    trap: 100,
    rti: 100,
    loadContext: 20,
    copyStartup: 20,
  },
  tlb: { entries: 28, ways: 1, tagged: false, missCycles: 20 },
  cache: {
    l1: { sizeBytes: 65536, lineBytes: 4, ways: 1, missCycles: 4, writeAllocate: true },
  },
  copy: { cyclesPerByte: 2.5 },
  bus: { tasCycles: 10 },
  sources: {
    clockMHz: 'guess: the CVAX 78034 ran at 90 ns (11.11 MHz) in the MicroVAX 3500/3600; no Firefly-specific figure found',
    processors: 'urpc §5: "The Firefly used to collect the measurements described in this paper had four C-VAX processors"',
    pageBytes: 'VAX architecture: 512-byte pages',
    'costs.instr': 'guess: an average C-VAX instruction of about 10 cycles (0.9 µs); kernels that need more fidelity calibrate per path',
    'costs.ld': 'guess: as costs.instr',
    'costs.st': 'guess: as costs.instr',
    'costs.alu': 'guess: as costs.instr',
    'costs.cmp': 'guess: as costs.instr',
    'costs.jcc': 'guess: as costs.instr',
    'costs.trap': 'guess: CHMK about 100 cycles',
    'costs.rti': 'guess: REI about 100 cycles',
    'costs.loadContext': 'guess: loading P0BR/P0LR and invalidating the translation buffer about 20 cycles',
    'tlb.entries': 'guess: the CVAX 28-entry fully associative translation buffer, modelled direct mapped',
    'tlb.ways': 'guess: see tlb.entries',
    'tlb.tagged': 'VAX: the translation buffer has no context tags; process-space entries are invalidated on a context switch',
    'tlb.missCycles': 'guess: a microcoded VAX TB miss of about 20 cycles',
    'cache.l1.sizeBytes': 'DEC Firefly (Thacker, Stewart, Satterthwaite 1988; secondary): 64 KB direct-mapped cache per CVAX processor',
    'cache.l1.lineBytes': 'DEC Firefly (secondary): 4-byte lines',
    'cache.l1.ways': 'DEC Firefly (secondary): direct mapped',
    'cache.l1.missCycles': 'guess: one MBus transaction of about 4 cycles',
    'cache.l1.writeAllocate': 'DEC Firefly (secondary): write-update coherent caches',
    'costs.copyStartup': 'guess',
    'copy.cyclesPerByte': 'derived: urpc §5.1 "each word of data passed ... about 1 µs" per 4-byte word = 0.25 µs/byte × 11.11 MHz ≈ 2.8; rounded guess 2.5',
    'bus.tasCycles': 'guess: an interlocked MBus read-modify-write of about 10 cycles',
  },
};
