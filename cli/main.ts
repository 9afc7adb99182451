// The `simulate` command line: run one simulation, list what exists, check the claims.
// Bad input gets one line on stderr naming the problem and the allowed values, exit code 2, and
// nothing on stdout.

import chalk from 'chalk';
import yargs, { type Argv } from 'yargs';
import { hideBin } from 'yargs/helpers';
import { machines } from '../machines/index.js';
import { kernels } from '../kernels/index.js';
import { workloads } from '../workloads/index.js';
import { simulate, UsageError, type RunSpec } from '../workloads/run.js';
import { claimsCommand } from './claims.js';
import { runCsv, runText, writeAtomic } from './output.js';
import { VERSION } from './version.js';
import { GROUPS, type Group } from './reproduce/collect.js';
import { mergeCommand, sweepCommand } from './sweep/command.js';

const EXAMPLES = `Examples:
  simulate --machine firefly --kernel urpc -T 2 -C 1 -S 1     URPC with two client threads
  simulate -m i486-dx50 -k l3 --set kernel.portAccess=true     L3 with port access spliced in
  simulate -m i486-dx50 -k l3 --bytes 8 --set kernel.lazyScheduling=false   one Table 1 optimisation off (all: list kernels)
  simulate -m i486-dx50 -k l3 --set tlb.tagged=true            what if the 486 TLB were tagged?
  simulate -m sgi-indy -k bss --clients 3 --set kernel.scheduler=fixed   user-level IPC, 3 clients, non-degrading priorities
  simulate list kernels                                        kernels and their options
  simulate claims --paper l3                                   the paper's numbers, checked
  simulate reproduce all                                       tables, figures and REPORT.md under results/
  simulate sweep -m firefly -k urpc -T 1..10 -C 1,2 -S 0..2     a grid, one CSV row per point
  simulate sweep ... --shard 2/8 -o part2.csv                  one shard of it (e.g. an array job)
  simulate merge part*.csv -o all.csv                          the shards joined`;

function usageFail(msg: string): never {
  // yargs spreads some messages over lines ("Invalid values:\n  Argument: ..."): keep them on one.
  process.stderr.write(`simulate: ${msg.split('\n').map((l) => l.trim()).filter(Boolean).join(' ')}\n`);
  process.exit(2);
}

function runOptions(y: Argv) {
  return y
    .option('machine', { alias: 'm', type: 'string', demandOption: true, describe: `machine id or alias: ${machines.map((m) => m.id).join(', ')}` })
    .option('kernel', { alias: 'k', type: 'string', demandOption: true, describe: `IPC kernel: ${kernels.map((k) => k.id).join(', ')}` })
    .option('T', { type: 'string', describe: 'client threads (URPC notation)', default: 1 })
    .option('C', { type: 'string', describe: 'client processors', default: 1 })
    .option('S', { type: 'string', describe: 'server processors', default: 1 })
    .option('clients', { type: 'string', describe: 'client processes (sleep/wake-up experiments)', default: 1 })
    .option('bytes', { type: 'string', describe: 'message size in bytes', default: 0 })
    .option('calls', { type: 'string', describe: 'calls measured (after warm-up)', default: 10000 })
    .option('warmup', { type: 'string', describe: 'calls run before measuring (default: a tenth of --calls, 10 to 1000)' })
    .option('workload', { alias: 'w', type: 'string', describe: 'experiment shape (default: null-rpc, the closed-loop null call, or the kernel\'s first workload; see: simulate list workloads)' })
    .option('seed', { type: 'string', describe: 'seed of the pseudo-random numbers', default: 1 })
    .option('set', { type: 'string', array: true, describe: 'override a machine parameter (tlb.tagged=true) or a kernel option (kernel.NAME=value); repeatable', default: [] as string[] })
    .option('json', { type: 'boolean', describe: 'print one JSON object (the contract shape) on stdout', default: false })
    .option('csv', { type: 'string', describe: 'write the summary and breakdown rows to this CSV file' })
    .option('trace', { type: 'string', describe: 'write a Chrome trace event JSON timeline (opens in Perfetto) to this file' })
    .option('timeline', { type: 'boolean', describe: 'also print the run\'s timeline as text (per processor: step, duration, thread)', default: false })
    .option('config', { type: 'string', describe: 'write the fully resolved configuration (keys sorted) to this JSON file' });
}

function sweepOptions(y: Argv) {
  return y
    .option('machine', { alias: 'm', type: 'string', demandOption: true, describe: 'machine id(s), comma-separated' })
    .option('kernel', { alias: 'k', type: 'string', demandOption: true, describe: 'kernel id(s), comma-separated' })
    .option('T', { type: 'string', describe: 'client threads: list or range, e.g. 1..10' })
    .option('C', { type: 'string', describe: 'client processors, e.g. 1,2' })
    .option('S', { type: 'string', describe: 'server processors, e.g. 0..2' })
    .option('clients', { type: 'string', describe: 'client processes' })
    .option('bytes', { type: 'string', describe: 'message sizes, e.g. 0..4096:1024' })
    .option('calls', { type: 'string', describe: 'calls measured per point' })
    .option('warmup', { type: 'string', describe: 'warm-up calls per point' })
    .option('workload', { alias: 'w', type: 'string', describe: 'workload id(s)' })
    .option('seed', { type: 'string', describe: 'seeds, e.g. 1..5' })
    .option('set', { type: 'string', array: true, describe: 'path=v1,v2 or path=a..b: a machine parameter or kernel option axis; repeatable' })
    .option('jobs', { alias: 'j', type: 'number', describe: 'worker threads (default: the processors available)' })
    .option('shard', { type: 'string', describe: 'run only shard i of n (i from 1), e.g. 2/8: every n-th point' })
    .option('out', { alias: 'o', type: 'string', describe: 'write the CSV here (default: stdout)' })
    .option('json', { type: 'boolean', default: false, describe: 'print the rows as a JSON array instead of CSV' })
    .example('$0 sweep -m firefly -k urpc -T 1..10 -C 1,2 -S 0..2 -o urpc.csv', 'URPC over threads and processors')
    .example('$0 sweep -m i486-dx50 -k l3 --set tlb.entries=16,32,64 --shard 1/2 -o a.csv', 'half of a what-if sweep');
}

/** A failure of a command that finishes asynchronously (reproduce, sweep). */
function asyncFail(e: unknown): void {
  if (e instanceof UsageError) usageFail(e.message);
  process.stderr.write(`simulate: ${(e as Error).message}\n`);
  process.exitCode = 1;
}

function specOf(a: Record<string, unknown>): RunSpec {
  const n = (k: string) => {
    const v = a[k];
    if (v === undefined) return undefined;
    const x = typeof v === 'number' ? v : Number(v);
    if (String(v).trim() === '' || !Number.isFinite(x)) {
      throw new UsageError(`${k.length === 1 ? '-' : '--'}${k} takes a number, got '${String(v)}'`);
    }
    return x;
  };
  return {
    machine: String(a.machine),
    kernel: String(a.kernel),
    workload: a.workload as string,
    T: n('T'),
    C: n('C'),
    S: n('S'),
    clients: n('clients'),
    bytes: n('bytes'),
    calls: n('calls'),
    warmup: n('warmup'),
    seed: n('seed'),
    set: (a.set as string[]) ?? [],
    trace: typeof a.trace === 'string' || a.timeline === true,
  };
}

function runCommand(a: Record<string, unknown>): void {
  const spec = specOf(a);
  const r = simulate(spec);
  const { timeline, ...result } = r;
  if (typeof a.csv === 'string') writeAtomic(a.csv, runCsv(result));
  if (typeof a.trace === 'string' && timeline) {
    writeAtomic(a.trace, JSON.stringify(timeline.toChromeTrace()));
    if (timeline.dropped > 0) {
      process.stderr.write(`simulate: the trace holds the first ${timeline.limit} events (${timeline.dropped} more not recorded); run fewer --calls to see all\n`);
    }
  }
  if (typeof a.config === 'string') {
    writeAtomic(a.config, JSON.stringify({ ...result.config, params: result.params, seed: result.seed, workload: result.workload, version: VERSION }, null, 2) + '\n');
  }
  if (a.json) process.stdout.write(JSON.stringify(result, null, 2) + '\n');
  else process.stdout.write(runText(result, (s) => chalk.bold(s)) + '\n');
  if (a.timeline === true && timeline && !a.json) process.stdout.write(timeline.toText() + '\n');
}

function listCommand(what: string, json: boolean): void {
  if (what === 'machines') {
    const rows = machines.map((m) => ({ id: m.id, aliases: m.aliases, title: m.title, isa: m.isa, clockMHz: m.clockMHz, processors: m.processors }));
    if (json) return void process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
    for (const m of rows) process.stdout.write(`${chalk.bold(m.id.padEnd(18))} ${m.title}, ${m.isa}${m.aliases.length ? ` (alias ${m.aliases.join(', ')})` : ''}\n`);
  } else if (what === 'kernels') {
    const rows = kernels.map((k) => ({ id: k.id, title: k.title, describe: k.describe, paper: k.paper, isa: k.isa, supports: k.supports, options: k.options }));
    if (json) return void process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
    for (const k of rows) {
      process.stdout.write(`${chalk.bold(k.id.padEnd(10))} ${k.describe}; paths counted in ${k.isa} instructions\n`);
      for (const o of k.options) {
        process.stdout.write(`    --set kernel.${o.name}=<${o.choices ? o.choices.join('|') : o.type}>  ${o.description} (default ${String(o.default)})\n`);
      }
    }
  } else if (what === 'workloads') {
    const rows = workloads.map((w) => ({ id: w.id, title: w.title, kernels: w.kernels ?? kernels.filter((k) => w.runsOn(k)).map((k) => k.id) }));
    if (json) return void process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
    for (const w of rows) process.stdout.write(`${chalk.bold(w.id.padEnd(14))} ${w.title} [kernels: ${w.kernels.join(', ')}]\n`);
  }
}

export function main(argv: string[]): void {
  if (!process.stdout.isTTY) chalk.level = 0;
  yargs(argv)
    .scriptName('simulate')
    .usage('$0 [run] --machine <id> --kernel <id> [options]\n\nA cycle-level simulator of the classic IPC papers\' hardware and kernels.')
    .command(['run', '$0'], 'run one simulation and report latency, throughput and the per-step breakdown', runOptions, (a) =>
      runCommand(a as Record<string, unknown>),
    )
    .command(
      'list <what>',
      'list machines, kernels (with their options) or workloads',
      (y) =>
        y
          .positional('what', { choices: ['machines', 'kernels', 'workloads'] as const, describe: 'what to list' })
          .option('json', { type: 'boolean', default: false, describe: 'print a JSON array' }),
      (a) => listCommand(String(a.what), a.json === true),
    )
    .command(
      'claims',
      'run every registered claim of the papers and compare with the papers (exit 1 if any fails)',
      (y) =>
        y
          .option('paper', { type: 'string', choices: ['urpc', 'sleepwake', 'l3', 'inks'], describe: 'only this paper\'s claims' })
          .option('scale', { type: 'string', choices: ['test', 'paper'], default: 'test', describe: 'run size: test (quick) or paper (the papers\' call counts)' })
          .option('json', { type: 'boolean', default: false, describe: 'print a JSON array of claim results' }),
      (a) => claimsCommand(a.paper as string | undefined, a.scale as 'test' | 'paper', a.json === true),
    )
    .command(
      'reproduce [paper]',
      'run the papers\' experiments and write CSV per table and figure series, SVG figures, config.json and REPORT.md',
      (y) =>
        y
          .positional('paper', { type: 'string', choices: [...GROUPS, 'all'], default: 'all', describe: 'which paper (all: every paper registered)' })
          .option('out', { alias: 'o', type: 'string', default: 'results', describe: 'output directory' })
          .option('scale', { type: 'string', choices: ['paper', 'test'], default: 'paper', describe: 'run size: paper (the papers\' call counts) or test (quick)' })
          .option('jobs', { alias: 'j', type: 'number', describe: 'papers run at once on worker threads (default: the processors available)' })
          .option('report-only', { type: 'boolean', default: false, describe: 'run nothing: rebuild REPORT.md and config.json from the papers stored under --out (e.g. gathered from separate machines)' })
          .option('check', { type: 'boolean', default: false, describe: 'write nothing: regenerate elsewhere and list the files under --out that are stale (exit 1 if any)' })
          .option('json', { type: 'boolean', default: false, describe: 'print a JSON summary of what was written (no progress bar)' }),
      (a) => {
        // Loaded on demand: the plotting libraries it pulls in would slow every other command's start.
        import('./reproduce/command.js').then(({ reproduceCommand }) => reproduceCommand({
          which: a.paper as Group | 'all',
          out: String(a.out),
          scale: a.scale as 'test' | 'paper',
          json: a.json === true,
          jobs: a.jobs === undefined ? undefined : Number(a.jobs),
          check: a.check === true,
          reportOnly: a['report-only'] === true,
        })).catch(asyncFail);
      },
    )
    .command(
      'sweep',
      'run a kernel over a parameter grid (lists 1,2,4 and ranges 1..10 or 0..4096:1024) on worker threads; one CSV row per point',
      (y) => sweepOptions(y),
      (a) => {
        const n = (k: string) => (a[k] === undefined ? undefined : String(a[k]));
        sweepCommand({
          grid: {
            machine: String(a.machine),
            kernel: String(a.kernel),
            workload: n('workload'),
            numbers: { T: n('T'), C: n('C'), S: n('S'), clients: n('clients'), bytes: n('bytes'), calls: n('calls'), warmup: n('warmup'), seed: n('seed') },
            set: (a.set as string[] | undefined) ?? [],
          },
          jobs: a.jobs === undefined ? undefined : Number(a.jobs),
          shard: n('shard'),
          out: n('out'),
          json: a.json === true,
        }).catch(asyncFail);
      },
    )
    .command(
      'merge <files..>',
      'join the CSVs of a sweep\'s shards into the unsplit sweep\'s CSV (rows in point order)',
      (y) =>
        y
          .positional('files', { type: 'string', array: true, describe: 'shard CSV files' })
          .option('out', { alias: 'o', type: 'string', describe: 'write the merged CSV here (default: stdout)' }),
      (a) => mergeCommand((a.files as string[]) ?? [], a.out as string | undefined),
    )
    .epilogue(EXAMPLES)
    .strict()
    .help()
    .alias('h', 'help')
    .version(VERSION)
    .wrap(Math.min(120, process.stdout.columns ?? 100))
    .fail((msg, err) => {
      if (err && !(err instanceof UsageError)) throw err;
      usageFail(msg ?? err?.message ?? 'invalid arguments');
    })
    .parseSync();
}

try {
  main(hideBin(process.argv));
} catch (e) {
  if (e instanceof UsageError) usageFail(e.message);
  process.stderr.write(`simulate: ${(e as Error).message}\n`);
  process.exit(1);
}
