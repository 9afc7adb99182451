// Intel i486DX at 50 MHz: the machine of Liedtke's L3 measurements ("Improving IPC by Kernel
// Design", §5 and appendix) and of the Mach 3.0 comparison in its Table 7.

import type { MachineDesc } from '../sim/hw/machine.js';

const I486_TIMINGS = 'i486 instruction timings (Intel i486 Programmer\'s Reference Manual, as tabulated in HelpPC and Norton Guides)';
// Sources for the i486 clock counts that are independent of the L3 paper (which only lists its own
// path's cycles): copies of Intel's 486 timing tables made without reference to it. Costs cited to
// one of these are inputs of predicted claims; a cost cited only to the L3 paper is fitted.
/** HelpPC 2.10 (D. Jurgens, 1991, before the L3 paper): the 486 column of each instruction page, copying Intel's tables. */
const HELPPC = 'HelpPC 2.10 (Jurgens 1991), 486 column';
/** The PCem emulator's 486 timing set (Sarah Walker; kept in 86Box and VARCem): src/cpu/cpu.c, cpu_set(), case CPU_i486DX. */
const PCEM = 'PCem/86Box src/cpu/cpu.c cpu_set(), i486DX case';
/** Abrash, Graphics Programming Black Book ch. 12 "Pushing the 486" (from his 1991-92 articles), measured on two 486s. */
const ABRASH = 'Abrash, Graphics Programming Black Book ch. 12, Rule #1';

export const i486dx50: MachineDesc = {
  id: 'i486-dx50',
  aliases: [],
  title: 'Intel i486DX, 50 MHz, 8 KB on-chip cache, 256 KB external cache',
  os: 'L3 / Mach 3.0',
  clockMHz: 50,
  processors: 1,
  pageBytes: 4096,
  isa: 'x86',
  costs: {
    ld: 1,
    st: 1,
    ldx: 2,
    stx: 2,
    alu: 1,
    shr: 2,
    cmp: 1,
    jcc: 1,
    jccTaken: 3,
    trap: 71,
    rti: 36,
    loadContext: 4,
    segLoad: 9,
    copyStartup: 20,
    cmpm: 2,
    agi: 1,
    segRead: 3,
    segPush: 3,
    call: 3,
    invlpg: 12,
    ret: 5,
    interlocked: 5,
  },
  tlb: { entries: 32, ways: 4, tagged: false, singleEntryInvalidate: true, missCycles: 9 },
  cache: {
    l1: { sizeBytes: 8192, lineBytes: 16, ways: 4, missCycles: 12, writeAllocate: false, replacement: 'plru3', writeBuffer: 4, writeDrainCycles: 2 },
    l2: { sizeBytes: 262144, lineBytes: 16, ways: 1, missCycles: 12, writeAllocate: true },
  },
  copy: { cyclesPerByte: 0.75, storeCyclesPerByte: 1 },
  bus: { tasCycles: 5 },
  sources: {
    os: 'l3 §5: L3 and Mach measured on a 486-DX50',
    clockMHz: 'l3 §5: "486 50 MHz" (Table 7 caption)',
    processors: 'l3 §5: a uniprocessor PC',
    pageBytes: 'l3 §5: "4 Kbyte pages"',
    isa: 'Intel i486: the 32-bit x86 (IA-32) instruction set',
    'costs.interlocked': `${I486_TIMINGS}: XCHG reg,mem 5 clocks (locked implicitly; MAME's i486 table XCHG_REG_MEM 5)`,
    'tlb.singleEntryInvalidate': `${I486_TIMINGS}: INVLPG (new with the i486) invalidates one TLB entry`,
    'costs.ld': `${HELPPC} MOV reg,mem 1 clock; MAME i386 cycles.h i486 MOV_MEM_REG 1 (l3 Table 3 "2×ld 2" agrees)`,
    'costs.st': `${HELPPC} MOV mem,reg 1 clock (l3 Table 3 "st sp 1" agrees)`,
    'costs.ldx': `${HELPPC} MOV reg,mem 1 clock, plus 1 for indexed addressing: ${ABRASH} "Intel cautions against using indexing to address memory because there\'s a one-cycle penalty", two registers as in MOV EAX,[EDX+EDI] included, and his loop timed 8 against 7 cycles (l3 Table 5 "ld 2" agrees)`,
    'costs.stx': `${HELPPC} MOV mem,reg 1 clock, plus the 1-clock indexed-addressing penalty (${ABRASH}; l3 Table 5 "st 2" agrees)`,
    'costs.alu': `${HELPPC} ADD/AND reg,reg and reg,immed 1 clock; MAME i486 ALU_REG_REG 1 (l3 Table 4 "and+add 2" agrees)`,
    'costs.shr': `${HELPPC} SAL/SHL and SAR reg,immed8 2 clocks (Intel lists the four shifts in one entry; HelpPC\'s SHR page leaves the 486 column blank) (l3 Table 4 "ld+shr 3" agrees; MAME\'s ROTATE_REG and 86Box\'s shift timing give 3 for every register form)`,
    'costs.cmp': `${HELPPC} CMP reg,reg and reg,immed 1 clock; MAME i486 CMP_REG_REG 1`,
    'costs.jcc': `${HELPPC} Jcc "no jump" 1 clock; ${PCEM} timing_bnt 1 (l3 Table 3 "cmp+jmp" 2 cycles agrees)`,
    'costs.jccTaken': `${HELPPC} Jcc "jump" 3 clocks; ${PCEM} timing_bt 3-1 (l3 §5.5.5 "3:1 cycles" agrees)`,
    'costs.trap': `${HELPPC} INT immed8 "prot. mode, more priv." 71 clocks; ${PCEM} timing_int_pm_outer = 71 (l3 Table 3 "int 71" agrees)`,
    'costs.rti': `${HELPPC} IRET/IRETD "to less privilege" 36 clocks; ${PCEM} timing_iret_pm_outer = 36 (both give the 386 its Intel 386 manual value, pm=82, in the same table) (l3 Table 3 "iret 36" agrees). For IRET within one level they differ (HelpPC 15, PCem 20); the model does not use that form`,
    'costs.loadContext': `${HELPPC} MOV CR3,reg32 4 clocks (flushes the TLB); MAME i486 MOV_REG_CR3 4 (l3 Table 3 "flush tlb 4" agrees)`,
    'costs.segLoad': `l3 §5.5.3: "Segment register loading is expensive: 9 cycles" (fitted: the independent tables disagree, ${HELPPC} MOV segreg,reg16 3 and segreg,mem16 9, 86Box 5, MAME 3)`,
    'tlb.entries': 'l3 §5: "4-way set-associative TLB holding 32 entries"; Intel Embedded i486 Hardware Reference',
    'tlb.ways': 'l3 §5: 4-way set associative',
    'tlb.tagged': 'l3 §5: "This TLB is flushed on switching address space"',
    'tlb.missCycles': 'l3 §5.1: "5 TLB misses ... consuming 9 cycles each" (fitted: Intel\'s timing tables give no TLB-miss time, and no other source was found)',
    'cache.l1.sizeBytes': 'l3 §7.3 / Intel Embedded i486 Hardware Reference: 8 KB unified on-chip cache',
    'cache.l1.lineBytes': 'Intel Embedded i486 Hardware Reference: 16-byte lines',
    'cache.l1.ways': 'Intel Embedded i486 Hardware Reference: 4-way set associative',
    'cache.l1.missCycles':
      'calibrated: a 16-byte line fill from the external cache, chosen among 12, 16 and 20 cycles by l3 Table 7\'s worst-case cache penalties (12 fits the 8-byte 6.4 µs; a 50 MHz burst of 4 dwords with wait states takes about this long). The 40 ns/byte rate of §6 would give 16 ((40 - 20) ns × 16 bytes), which overstates the penalties by about 25%',
    'cache.l1.writeAllocate':
      'Intel, Embedded Intel486 Processor Hardware Reference Manual §3.3.2 (p. 3-12): "The cache unit follows a write-through cache policy ... Cache line fills are performed only for read misses, never for write misses"',
    'cache.l1.replacement':
      'Intel, Embedded Intel486 Processor Hardware Reference Manual §3.3.3 (p. 3-12): pseudo-LRU, three bits per set; the bits\' meaning from Intel\'s i486 Hardware Reference and Programmer\'s Reference Manuals (test register TR4, as summarised by N. Juffa, comp.sys.intel, Jan 1993) and the victim flowchart (non-valid line first; B0 chooses the pair, B1/B2 the line) as reproduced in Stallings, Computer Organization and Architecture, Fig. 4.20 (sim/hw/plru.ts)',
    'cache.l1.writeBuffer':
      '4 entries: "Four write buffers" (N. Juffa, comp.sys.intel, 15 Jan 1993, from Intel\'s i486 Microprocessor Hardware Reference Manual 240552-001); a read miss passes them only when all are cache hits (Intel SDM vol. 3A §8.2.1, vol. 3B §22.34)',
    'cache.l1.writeDrainCycles':
      '2 clocks: the i486\'s non-burst bus cycle, 2 clocks at zero wait states ("the first memory access taking two clock cycles", Juffa 1993 from Intel\'s Hardware Reference Manual; "The fastest a 486 can access memory is 2 clock cycles", EMIS PC hardware FAQ), with the bus at the core clock (DX, not DX2). Zero wait states per write is a guess (no figure for the L3 machine\'s board was found; the FAQ says few 50 MHz boards manage zero-wait bursts, and a write-through board may add a wait or two on writes). Not fitted: with 2 wait states (4 clocks) the store-bound copy would be l3 §6\'s 1 cycle/byte, with 0 it would be 0.5 (copy.storeCyclesPerByte)',
    'cache.l2.sizeBytes': 'l3 §6: "256 KB external cache"',
    'cache.l2.lineBytes': 'guess: external cache lines as wide as the on-chip cache line',
    'cache.l2.ways': 'guess: direct-mapped external cache, usual for 486 boards of 1993',
    'cache.l2.missCycles': 'guess: a 16-byte burst from DRAM about 240 ns more than from the external cache',
    'cache.l2.writeAllocate': 'guess: write-back external cache',
    'costs.copyStartup': 'l3 Table 4: "move data startup 20" (fitted: no independent source found; REP MOVSD\'s table entry is not a start-up of this kind)',
    'copy.cyclesPerByte': 'REP MOVSD at 3 clocks per dword = 0.75 cycles/byte: the PCem emulator\'s 486 timing (86Box src/cpu/x86_ops_rep.h, opREP_MOVSL charges 3 cycles per dword when is486) (l3 §6 "15 ns/byte" at 50 MHz agrees)',
    'costs.cmpm': `${HELPPC} CMP reg,mem 2 clocks; MAME i486 CMP_REG_MEM 2`,
    'costs.agi':
      'Intel, Embedded Intel486 Processor Hardware Reference Manual §3.1 (p. 3-7): "an instruction sequence that changes register contents and then uses that register in the next instruction to access memory takes three clocks rather than two": 1 clock',
    'costs.segRead': `${HELPPC} MOV reg16,segreg 3 clocks; MAME i486 MOV_SREG_REG 3; l3 §5.5.3 "only 10 cycles are required for checking the segment registers" = 2 × (MOV r,sreg 3 + CMP 1 + Jcc 1)`,
    'costs.segPush': `${I486_TIMINGS}: PUSH segreg 3 clocks; l3 §5.5.3's 66 cycles = 4 pushes (12) + 2 flat loads (18) on entry + 4 reloads (36) on exit`,
    'costs.call': `${I486_TIMINGS}: CALL near 3 clocks`,
    'costs.ret': `${I486_TIMINGS}: RET near 5 clocks`,
    'copy.storeCyclesPerByte':
      'calibrated: l3 §6 "7 + 0.02n µs" for cached messages: 20 ns/byte = 1 cycle/byte, the bare 15 ns/byte move ("without cache miss and write delay", Figure 8) slowed by the write-through cache\'s stores (one dword per 4 clocks)',
    'costs.invlpg': `${I486_TIMINGS}: INVLPG 12 clocks (invalidate one TLB entry)`,
    'bus.tasCycles': `guess from ${I486_TIMINGS}: XCHG reg,mem 5 clocks`,
  },
};
