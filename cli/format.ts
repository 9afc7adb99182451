// A run's result as text and as CSV (csv-stringify, so it opens in spreadsheets and plotting tools).
// No file system here: the browser explorer formats its downloads with the same code.

import { stringify } from 'csv-stringify/sync';
import type { RunResult } from '../workloads/run.js';

const num = (x: number, digits = 3): number => (Number.isFinite(x) ? Number(x.toFixed(digits)) : x);

/** One row per quantity: summary figures, then the breakdown per side and step (per call). */
export function runCsv(r: RunResult): string {
  const rows: (string | number)[][] = [];
  const res = r.result;
  rows.push(['summary', '', '', 'latency mean', num(res.latencyUs.mean), 'us']);
  rows.push(['summary', '', '', 'latency p50', num(res.latencyUs.p50), 'us']);
  rows.push(['summary', '', '', 'latency p99', num(res.latencyUs.p99), 'us']);
  rows.push(['summary', '', '', 'latency mean', num(res.latencyCycles.mean), 'cycles']);
  rows.push(['summary', '', '', 'throughput', num(res.throughputPerSec, 1), 'calls/s']);
  rows.push(['summary', '', '', 'calls', res.calls, 'calls']);
  for (const b of res.breakdown) {
    rows.push(['breakdown', b.side, b.step, 'time per call', num(b.us), 'us']);
    rows.push(['breakdown', b.side, b.step, 'cycles per call', num(b.cycles), 'cycles']);
    rows.push(['breakdown', b.side, b.step, 'TLB misses per call', num(b.tlbMisses), 'misses']);
    rows.push(['breakdown', b.side, b.step, 'cache misses per call', num(b.cacheMisses), 'misses']);
  }
  for (const s of res.stats) rows.push(['stat', '', '', s.name, num(s.value), s.unit]);
  return stringify(rows, { header: true, columns: ['section', 'side', 'step', 'quantity', 'value', 'unit'] });
}

/** The run as text for a person: headline figures, then the breakdown table. */
export function runText(r: RunResult, bold: (s: string) => string): string {
  const res = r.result;
  const p = r.params;
  const lines: string[] = [];
  lines.push(
    `${bold(r.kernel)} on ${bold(r.config.machine.title)} (${r.machine}), workload ${r.workload}: ` +
      `T=${p.T} C=${p.C} S=${p.S} clients=${p.clients} bytes=${p.bytes}; ${res.calls} calls measured after ${res.warmup.calls} warm-up (${(res.warmup.us / 1000).toFixed(2)} ms), seed ${r.seed}`,
  );
  lines.push(
    `  latency     ${bold(res.latencyUs.mean.toFixed(2))} us mean (p50 ${res.latencyUs.p50.toFixed(2)} us, p99 ${res.latencyUs.p99.toFixed(2)} us; ${res.latencyCycles.mean.toFixed(1)} cycles)`,
  );
  lines.push(`  throughput  ${bold(Math.round(res.throughputPerSec).toString())} calls/s`);
  lines.push('  breakdown per call:');
  const w = Math.max(10, ...res.breakdown.map((b) => b.step.length));
  lines.push(`    ${'side'.padEnd(8)} ${'step'.padEnd(w)} ${'us'.padStart(9)} ${'cycles'.padStart(9)} ${'TLB miss'.padStart(9)} ${'cache miss'.padStart(10)}`);
  for (const b of res.breakdown) {
    lines.push(
      `    ${b.side.padEnd(8)} ${b.step.padEnd(w)} ${b.us.toFixed(2).padStart(9)} ${b.cycles.toFixed(1).padStart(9)} ${b.tlbMisses.toFixed(2).padStart(9)} ${b.cacheMisses.toFixed(2).padStart(10)}`,
    );
  }
  const counters = res.stats.filter((s) => s.unit !== 'us' && s.unit !== 'samples');
  if (counters.length > 0) {
    lines.push('  counters per call:');
    const cw = Math.max(10, ...counters.map((s) => s.name.length));
    for (const s of counters) lines.push(`    ${s.name.padEnd(cw)} ${(s.value / Math.max(1, res.calls)).toFixed(3).padStart(10)} ${s.unit}`);
  }
  if (res.notes.length > 0) {
    lines.push('  notes:');
    for (const n of res.notes) lines.push(`    ${n}`);
  }
  return lines.join('\n');
}
