// DEC Firefly with C-VAX processors: the machine of the URPC paper (Bershad et al. 1991, §4) and
// of LRPC and SRC RPC. A shared-memory multiprocessor; each processor has its own cache, all
// share one memory bus (the MBus).
//
// The paper gives its costs in µs; this file turns them into cycles of an (assumed) 11.11 MHz
// clock. The average instruction cost is derived from §4.3's instruction count of a round trip,
// so kernels describe their code paths as instruction counts (split into the VAX mix of isa.ts)
// and the µs follow: every ordinary class costs that one average.

import type { MachineDesc } from '../sim/hw/machine.js';

export const fireflyCvax: MachineDesc = {
  id: 'firefly-cvax',
  aliases: ['firefly'],
  title: 'DEC Firefly, 4 C-VAX processors at 11.1 MHz, 64 KB cache each',
  os: 'Taos',
  clockMHz: 11.11,
  processors: 4,
  pageBytes: 512,
  isa: 'vax',
  costs: {
    ld: 8,
    st: 8,
    ldx: 8,
    stx: 8,
    alu: 8,
    shr: 8,
    cmp: 8,
    cmpm: 8,
    jcc: 8,
    jccTaken: 8,
    call: 39,
    ret: 39,
    trap: 111,
    rti: 111,
    loadContext: 20,
    interlocked: 10,
    copyStartup: 20,
    invlpg: 8,
    segLoad: 0,
    segRead: 0,
    segPush: 0,
    agi: 0,
  },
  tlb: { entries: 28, ways: 28, tagged: false, globalKernel: true, singleEntryInvalidate: true, missCycles: 20 },
  cache: {
    l1: { sizeBytes: 65536, lineBytes: 4, ways: 1, missCycles: 4, writeAllocate: true },
  },
  copy: { cyclesPerByte: 1.39 },
  bus: { tasCycles: 10, model: 'snoopy', updateCycles: 3 },
  sources: {
    os: 'urpc §4: the threads "provided by Taos, the Firefly\'s native operating system"',
    clockMHz: 'guess: the CVAX 78034 ran at 90 ns (11.11 MHz) in the MicroVAX 3500/3600; no Firefly-specific figure found',
    processors: 'urpc §4: "The Firefly used to collect the measurements described in this paper had four C-VAX processors"',
    pageBytes: 'VAX architecture: 512-byte pages',
    isa: 'VAX architecture (the C-VAX 78034 implements the MicroVAX subset of it)',
    'costs.ld':
      'derived: urpc §4.3 "148 instructions required to do a round-trip message transfer" against Table II\'s round trip (54 + 53 = 107 µs): 0.723 µs per average instruction × 11.11 MHz = 8.0 cycles (about 1.4 native MIPS, in line with the CVAX\'s rating of about 3 VAX-11/780s); the paper gives only this average, so every ordinary class costs it',
    'costs.st': 'derived: the average instruction of costs.ld',
    'costs.ldx': 'derived: the average instruction of costs.ld (VAX indexed addressing is an operand mode, inside the average)',
    'costs.stx': 'derived: the average instruction of costs.ld',
    'costs.alu': 'derived: the average instruction of costs.ld',
    'costs.shr': 'derived: the average instruction of costs.ld (ASHL)',
    'costs.cmp': 'derived: the average instruction of costs.ld',
    'costs.cmpm': 'derived: the average instruction of costs.ld (a VAX CMPL takes a memory operand; inside the average)',
    'costs.jcc': 'derived: the average instruction of costs.ld',
    'costs.jccTaken': 'derived: the average instruction of costs.ld (the paper gives only an average instruction time, taken and untaken branches alike)',
    'costs.call':
      'derived: urpc §1 "a same-address space procedure call takes 7 µsecs on the Firefly": 7 µs × 11.11 MHz = 78 cycles for the CALLS and RET pair, split evenly (the split is a guess)',
    'costs.ret': 'derived: see costs.call',
    'costs.invlpg': 'guess: MTPR to TBIS (translation buffer invalidate single), priced as the average instruction of costs.ld',
    'costs.segLoad': 'no segment registers (VAX: P0/P1/S regions set by base and length registers on a context switch, costs.loadContext): 0',
    'costs.segRead': 'no segment registers (VAX): 0',
    'costs.segPush': 'no segment registers (VAX): 0',
    'costs.agi': 'no separate address-generation interlock: the paper\'s average instruction time (costs.ld) includes every operand-specifier stall: 0',
    'tlb.singleEntryInvalidate': 'VAX architecture: MTPR to TBIS invalidates one translation-buffer entry',
    'costs.interlocked': 'guess: an interlocked VAX instruction (BBSSI/BBCCI, ADAWI) costs one MBus read-modify-write, as bus.tasCycles',
    'costs.trap':
      'derived: urpc §1 "a protected kernel invocation (trap) takes 20 µs" = CHMK + REI; 20 µs × 11.11 MHz = 222 cycles, split evenly between entry and return (the split is a guess)',
    'costs.rti': 'derived: see costs.trap',
    'costs.loadContext': 'guess: loading P0BR/P0LR/P1BR/P1LR and invalidating process-space translations, about 20 cycles',
    'tlb.entries': 'CVAX 78034: 28-entry translation buffer (recollection of the chip description; not verified)',
    'tlb.ways': 'CVAX 78034: the translation buffer is fully associative (recollection; not verified)',
    'tlb.tagged': 'VAX: the translation buffer has no context tags; process-space entries are invalidated on a context switch',
    'tlb.globalKernel': 'VAX architecture: system-space translations are common to every process; a context switch (LDPCTX) invalidates only process-space entries',
    'tlb.missCycles': 'guess: a microcoded VAX TB miss of about 20 cycles',
    'cache.l1.sizeBytes': 'DEC Firefly (Thacker, Stewart, Satterthwaite 1988; secondary): 64 KB direct-mapped cache per CVAX processor',
    'cache.l1.lineBytes': 'DEC Firefly (secondary): 4-byte lines',
    'cache.l1.ways': 'DEC Firefly (secondary): direct mapped',
    'cache.l1.missCycles': 'guess: one MBus transaction of about 4 cycles',
    'cache.l1.writeAllocate': 'DEC Firefly (secondary): write-update coherent caches',
    'costs.copyStartup': 'guess: a MOVC3 start-up of about 20 cycles',
    'copy.cyclesPerByte':
      'derived: urpc §4.2 "each word of data passed in the shared memory buffers adds about one additional µs of latency"; the stubs copy a word twice (marshal into the buffer, unmarshal out of it): 0.5 µs per 4-byte copy = 0.125 µs/byte × 11.11 MHz = 1.39',
    'bus.tasCycles': 'guess: an interlocked MBus read-modify-write of about 10 cycles (an interlocked read and an unlock write, two M-Bus transactions of 4 to 10 M-Bus cycles of 70 ns each per the Firefox M-Bus specification, would be 6 to 16 cycles of 90 ns)',
    'bus.model':
      'Thacker, Stewart & Satterthwaite, IEEE TC 37(8) 1988: the processors\' caches share one memory bus (the MBus) and are kept coherent by snooping it; the Firefly protocol updates other caches\' copies of a shared line on a write (write-through for shared lines, copy-back for private ones) rather than invalidating them',
    'bus.updateCycles':
      'derived (guess at the low end): "Firefox Workstation M-Bus Specification" rev 2.1 (DEC, Dec 1987): 70 ns target M-Bus cycle, transactions of 4 to 10 cycles, shared-cache-line write-through is one transaction type; 4 M-Bus cycles × 70 ns = 280 ns ≈ 3 cycles of the (assumed) 90 ns clock',
  },
};
