// Known gaps' recorded values: what the model gives now at test scale, and the band (percent of
// the value, or absolute where the value is zero) the claims test holds it to, so a gap cannot
// drift unseen. Record a new value here when a change to the model moves a gap on purpose.
import type { Revision } from '../claims.js';

export const GAP_VALUES: Record<string, Revision> = {
  "urpc.s4.3.throughput_C2S2": { gapValue: 30417.5222, gapBand: 2 },
  "urpc.s4.3.C2S2_improvement": { gapValue: 66.4613, gapBand: 2 },
  "urpc.fn1.discrepancy_14": { gapValue: 16.7417, gapBand: 2 },
  "urpc.intro.lrpc_kernel_mediation_share": { gapValue: 93.4354, gapBand: 2 },
};
