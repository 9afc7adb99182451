// Known gaps' recorded values: what the model gives now at test scale, and the band (percent of
// the value, or absolute where the value is zero) the claims test holds it to, so a gap cannot
// drift unseen. Record a new value here when a change to the model moves a gap on purpose.
import type { Revision } from '../claims.js';

export const GAP_VALUES: Record<string, Revision> = {
  "inks.table1.s03.in": { gapValue: 350, gapBand: 2 },
  "inks.table3.null.unopt": { gapValue: 2436, gapBand: 2 },
  "inks.table3.in1k.inksmsg": { gapValue: 5569, gapBand: 2 },
  "inks.table3.out1k.unopt": { gapValue: 5682, gapBand: 2 },
  "inks.table3.out1k.inksmsg": { gapValue: 5569, gapBand: 2 },
  "inks.table3.out1k.inkstrap": { gapValue: 1800, gapBand: 2 },
  "inks.s4.4.instr_cycles_unopt": { gapValue: 88, gapBand: 2 },
  "inks.s4.4.instr_cycles_inksmsg": { gapValue: 88, gapBand: 2 },
  "inks.s4.3.argcopy_rpc": { gapValue: 1142, gapBand: 2 },
  "inks.table4.nop_emulator.inkstrap": { gapValue: 11.2985, gapBand: 2 },
  "inks.table4.nop_server.inksmsg": { gapValue: 46.4179, gapBand: 2 },
  "inks.table4.getgid.inksmsg": { gapValue: 46.4179, gapBand: 2 },
  "inks.table4.setrlimit.unopt": { gapValue: 65.3881, gapBand: 2 },
  "inks.table4.setrlimit.inksmsg": { gapValue: 62.4328, gapBand: 2 },
  "inks.table4.read4096.unopt": { gapValue: 65.4328, gapBand: 2 },
  "inks.table4.read4096.inksmsg": { gapValue: 62.4776, gapBand: 2 },
  "inks.table4.read64.unopt": { gapValue: 65.4328, gapBand: 2 },
  "inks.table4.read64.inksmsg": { gapValue: 62.4776, gapBand: 2 },
  "inks.table4.write4096.unopt": { gapValue: 65.3881, gapBand: 2 },
  "inks.table4.write4096.inksmsg": { gapValue: 62.4328, gapBand: 2 },
  "inks.table4.write64.unopt": { gapValue: 65.3881, gapBand: 2 },
  "inks.table4.write64.inksmsg": { gapValue: 62.4328, gapBand: 2 },
  "inks.table4.stat.unopt": { gapValue: 82.7164, gapBand: 2 },
  "inks.table4.stat.inksmsg": { gapValue: 78.4925, gapBand: 2 },
  "inks.table4.create.unopt": { gapValue: 65.3881, gapBand: 2 },
  "inks.table4.create.inksmsg": { gapValue: 62.4328, gapBand: 2 },
  "inks.table4.signal.unopt": { gapValue: 82.7164, gapBand: 2 },
  "inks.table4.signal.inksmsg": { gapValue: 78.4925, gapBand: 2 },
  "inks.s4.5.andrew_speedup": { gapValue: 5.2374, gapBand: 2 },
};
