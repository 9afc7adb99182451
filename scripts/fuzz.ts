// `npm run fuzz`: 10,000 random configurations (or the count given), half drawn inside the
// declared schemas and half with one value outside them, run in this process; reports how many
// finished, were refused in one line, stopped bounded (stall, event budget) or crashed, and lists
// the crashes. Exit 1 if any crashed. `npm run fuzz -- 2000 7` runs 2,000 cases from seed 7.

import fc from 'fast-check';
import { describeSpec, inSchema, judge, judgeBad, outOfSchema, type Verdict } from './fuzz/cases.js';

const total = Number(process.argv[2] ?? 10_000);
const seed = Number(process.argv[3] ?? 1);
const counts = { in: { ok: 0, refused: 0, stalled: 0, budget: 0, crash: 0 }, out: { ok: 0, refused: 0, stalled: 0, budget: 0, crash: 0 } };
const crashes: string[] = [];
const t0 = performance.now();

const good = fc.sample(inSchema, { numRuns: Math.ceil(total / 2), seed });
const bad = fc.sample(outOfSchema, { numRuns: Math.floor(total / 2), seed: seed + 1 });
let done = 0;
const tick = () => {
  if (++done % 500 === 0) process.stderr.write(`fuzz: ${done} of ${total} (${((performance.now() - t0) / 1000).toFixed(0)} s)\n`);
};
good.forEach((spec, i) => {
  const j = judge(spec, i % 10 === 0);
  counts.in[j.verdict as Verdict]++;
  if (j.verdict === 'crash') crashes.push(`in schema: ${describeSpec(spec)}: ${j.detail}`);
  tick();
});
for (const c of bad) {
  const j = judgeBad(c);
  counts.out[j.verdict as Verdict]++;
  if (j.verdict === 'crash') crashes.push(`outside the schema: ${describeSpec(c.spec)}: ${j.detail}`);
  tick();
}
const secs = ((performance.now() - t0) / 1000).toFixed(1);
process.stdout.write(
  `fuzz: ${total} cases (seed ${seed}) in ${secs} s\n` +
    `  inside the schemas (${good.length}): ${counts.in.ok} finished, ${counts.in.refused} refused in one line, ${counts.in.stalled} stalled, ${counts.in.budget} over the event budget, ${counts.in.crash} crashed\n` +
    `  one value outside (${bad.length}): ${counts.out.refused} refused in one line naming it, ${counts.out.crash} not\n` +
    `  crashes: ${crashes.length}\n` +
    crashes.slice(0, 50).map((c) => `    ${c}\n`).join(''),
);
if (crashes.length > 0) process.exitCode = 1;
