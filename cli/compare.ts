// `simulate compare`: every kernel on every machine (workloads/compare.ts), printed as one row per
// cell and a grid of round-trip times, or as the contract's JSON object, or written as CSV.

import type { Argv } from 'yargs';
import { stringify } from 'csv-stringify/sync';
import { compare, COMPARE_CALLS, COMPARE_COLUMNS, compareCells, compareRows, type CompareResult, type CompareSpec } from '../workloads/compare.js';
import { UsageError } from '../workloads/run.js';
import { checkOutputFile } from './outpath.js';
import { writeAtomic } from './output.js';
import { progressBar } from './progress.js';

export function compareOptions(y: Argv) {
  return y
    .option('kernels', { type: 'string', describe: 'kernel ids, comma-separated (default: every kernel)' })
    .option('machines', { type: 'string', describe: 'machine ids or aliases, comma-separated (default: every machine)' })
    .option('bytes', { type: 'string', describe: 'message size in bytes', default: '0' })
    .option('calls', { type: 'string', describe: 'calls measured per cell', default: String(COMPARE_CALLS) })
    .option('seed', { type: 'string', describe: 'seed of the pseudo-random numbers', default: '1' })
    .option('json', { type: 'boolean', default: false, describe: 'print one JSON object {cells, assumptions} on stdout' })
    .option('csv', { type: 'string', describe: 'also write one CSV row per cell to this file' })
    .option('set', { type: 'string', array: true, describe: 'path=value: a what-if applied to every cell (a machine parameter, or kernel.<option>: kernels without the option refuse)' })
    .example('$0 compare --kernels urpc,l3,mach --machines firefly,i486-dx50', 'three kernels on two machines')
    .example('$0 compare --bytes 128 --json', 'the whole grid with 128-byte messages, as JSON')
    .example('$0 compare --set tlb.tagged=true', 'every kernel on every machine, had each machine a tagged TLB');
}

const list = (v: unknown): string[] | undefined =>
  v === undefined ? undefined : String(v).split(',').map((s) => s.trim()).filter(Boolean);

const whole = (flag: string, v: unknown): number => {
  const x = Number(v);
  if (String(v).trim() === '' || !Number.isInteger(x) || x < 0) throw new UsageError(`--${flag} takes a whole number >= 0, got '${String(v)}'`);
  return x;
};

export function compareCommand(a: Record<string, unknown>): void {
  const spec: CompareSpec = {
    kernels: list(a.kernels),
    machines: list(a.machines),
    bytes: whole('bytes', a.bytes),
    calls: whole('calls', a.calls),
    seed: whole('seed', a.seed),
    set: Array.isArray(a.set) ? a.set.map(String) : undefined,
  };
  if (typeof a.csv === 'string') checkOutputFile('--csv', a.csv);
  if (spec.calls === 0) throw new UsageError(`--calls must be a whole number >= 1, got '0'`);
  const total = compareCells(spec).length;
  const bar = progressBar(total, 'compare', a.json !== true);
  const r = compare(spec, (c) => bar.tick(`${c.kernel} on ${c.machine}`));
  bar.stop();
  if (typeof a.csv === 'string') writeAtomic(a.csv, stringify(compareRows(r), { header: true, columns: [...COMPARE_COLUMNS] }));
  if (a.json === true) process.stdout.write(JSON.stringify(r, null, 2) + '\n');
  else process.stdout.write(compareText(r) + '\n');
  const failed = r.cells.filter((c) => c.failed);
  for (const c of failed) process.stderr.write(`simulate: compare: ${c.kernel} on ${c.machine}: ${c.refused}\n`);
  if (failed.length > 0) process.exitCode = 1;
}

const MARK = { paper: 'P', home: 'h', extrapolated: ' ' } as const;

/** Rows per cell, then the grid of mean round-trip times (kernels by machines). */
export function compareText(r: CompareResult): string {
  const lines: string[] = [];
  const kw = Math.max(6, ...r.cells.map((c) => c.kernel.length));
  const mw = Math.max(7, ...r.cells.map((c) => c.machine.length));
  lines.push(
    `${'kernel'.padEnd(kw)}  ${'machine'.padEnd(mw)}  ${'mark'.padEnd(12)} ${'us'.padStart(10)} ${'cycles'.padStart(10)} ${'instr'.padStart(8)} ${'TLB miss'.padStart(8)} ${'cache miss'.padStart(10)}  (per round trip)`,
  );
  for (const c of r.cells) {
    const head = `${c.kernel.padEnd(kw)}  ${c.machine.padEnd(mw)}  ${c.mark.padEnd(12)}`;
    if (c.refused !== null || !c.latencyUs || !c.latencyCycles || !c.perCall) {
      lines.push(`${head} refused: ${c.refused}`);
      continue;
    }
    lines.push(
      `${head} ${c.latencyUs.mean.toFixed(2).padStart(10)} ${c.latencyCycles.mean.toFixed(0).padStart(10)} ${c.perCall.instructions.toFixed(0).padStart(8)} ${c.perCall.tlbMisses.toFixed(2).padStart(8)} ${c.perCall.cacheMisses.toFixed(2).padStart(10)}`,
    );
  }
  const ks = [...new Set(r.cells.map((c) => c.kernel))];
  const ms = [...new Set(r.cells.map((c) => c.machine))];
  const w = Math.max(10, ...ms.map((m) => Math.min(m.length, 14))) + 1;
  lines.push('', `round trip (us); P: a paper measured this pair, h: the kernel's home machine, -: refused`);
  lines.push(`${''.padEnd(kw)} ${ms.map((m) => m.slice(0, w - 1).padStart(w)).join('')}`);
  for (const k of ks) {
    const cells = ms.map((m) => {
      const c = r.cells.find((x) => x.kernel === k && x.machine === m);
      if (!c) return ''.padStart(w);
      const v = c.latencyUs ? c.latencyUs.mean.toFixed(c.latencyUs.mean < 100 ? 1 : 0) : '-';
      return `${v}${MARK[c.mark]}`.padStart(w);
    });
    lines.push(`${k.padEnd(kw)} ${cells.join('')}`);
  }
  const refused = r.cells.filter((c) => c.refused !== null).length;
  lines.push('', `${r.cells.length} cells: ${r.cells.length - refused} ran, ${refused} refused`);
  if (r.assumptions.length > 0) {
    lines.push('porting assumptions:');
    for (const x of r.assumptions) lines.push(`  ${x.from} -> ${x.to}: ${x.what} = ${x.value} (${x.source})`);
  }
  return lines.join('\n');
}
