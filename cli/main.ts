// The `simulate` command line: run one simulation, list what exists, check the claims.
// Bad input gets one line on stderr naming the problem and the allowed values, exit code 2, and
// nothing on stdout.

import chalk from 'chalk';
import yargs, { type Argv } from 'yargs';
import { hideBin } from 'yargs/helpers';
import { join } from 'node:path';
import { BUDGET, RUN_BOUNDS, UsageError, type Bounded } from '../workloads/limits.js';
import { VERSION } from './version.js';
import type * as Registry from '../workloads/registry.js';
import type * as CompareCli from './compare.js';
import type { MachineDesc } from '../sim/hw/machine.js';
import type { KernelDef } from '../kernels/kernel.js';
import type { RunProgress, RunSpec } from '../workloads/run.js';
import type { Scale } from '../workloads/claims.js';

// Each command loads what it runs when it runs (a handler's import), so `simulate --help`, `list`
// or a plain run start without the sweep, compare, host, reproduce and plotting code. What a
// command's options builder reads synchronously (machine and kernel ids, paper ids, compare's
// defaults) is loaded before parsing, for the commands the arguments can select (runCli).

const EXAMPLES = `Examples:
  simulate --machine firefly --kernel urpc -T 2 -C 1 -S 1     URPC with two client threads
  simulate -m i486-dx50 -k l3 --set kernel.portAccess=true     L3 with port access spliced in
  simulate -m i486-dx50 -k l3 --bytes 8 --set kernel.lazyScheduling=false   one Table 1 optimisation off (all: list kernels)
  simulate -m i486-dx50 -k l3 --set tlb.tagged=true            what if the 486 TLB were tagged?
  simulate -m sgi-indy -k bss --clients 3 --set kernel.scheduler=fixed   user-level IPC, 3 clients, non-degrading priorities
  simulate list kernels                                        kernels and their options
  simulate list papers                                         the papers reproduced, their claims, tables and figures
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

const range = (k: Bounded) => `${RUN_BOUNDS[k].min} to ${RUN_BOUNDS[k].max.toLocaleString('en-US')}`;

function runOptions(y: Argv) {
  return y
    .option('machine', { alias: 'm', type: 'string', demandOption: true, describe: `machine id or alias: ${loaded(catalog).machines.map((m) => m.id).join(', ')}` })
    .option('kernel', { alias: 'k', type: 'string', demandOption: true, describe: `IPC kernel: ${loaded(catalog).kernels.map((k) => k.id).join(', ')}` })
    .option('T', { type: 'string', describe: `client threads (URPC notation; ${range('T')}, default 1)` })
    .option('C', { type: 'string', describe: `client processors (${range('C')}; with -S at most the machine's processors)` })
    .option('S', { type: 'string', describe: `server processors (${range('S')})` })
    .option('clients', { type: 'string', describe: `client processes, sleep/wake-up experiments (${range('clients')}, default 1)` })
    .option('bytes', { type: 'string', describe: `message size in bytes (${range('bytes')}, default 0)` })
    .option('calls', { type: 'string', describe: `calls measured (${range('calls')}, default 10,000); a run may spend ${BUDGET.perCall.toLocaleString('en-US')} engine events per call before it is stopped` })
    .option('warmup', { type: 'string', describe: `calls run before measuring (${range('warmup')}; default: a tenth of --calls, 10 to 1000, and until every client thread has finished a call)` })
    .option('workload', { alias: 'w', type: 'string', describe: 'experiment shape (default: null-rpc, the closed-loop null call, or the kernel\'s first workload; see: simulate list workloads)' })
    .option('seed', { type: 'string', describe: `seed of the pseudo-random numbers (${range('seed')}, default 1)` })
    .option('set', { type: 'string', array: true, describe: 'override a machine parameter (tlb.tagged=true) or a kernel option (kernel.NAME=value); repeatable', default: [] as string[] })
    .option('json', { type: 'boolean', describe: 'print one JSON object (the contract shape) on stdout', default: false })
    .option('csv', { type: 'string', describe: 'write the summary and breakdown rows to this CSV file' })
    .option('trace', { type: 'string', describe: 'write a Chrome trace event JSON timeline (opens in Perfetto) to this file' })
    .option('timeline', { type: 'boolean', describe: 'also print the run\'s timeline as text (per processor: step, duration, thread)', default: false })
    .option('config', { type: 'string', describe: 'write the fully resolved configuration (keys sorted) to this JSON file' })
    .option('host-profile', { type: 'string', describe: 'with --machine host or host-N: the measured primitives (default results/host/primitives.json)' });
}

function sweepOptions(y: Argv) {
  return y
    .option('machine', { alias: 'm', type: 'string', demandOption: true, describe: 'machine id(s), comma-separated' })
    .option('kernel', { alias: 'k', type: 'string', demandOption: true, describe: 'kernel id(s), comma-separated' })
    .option('T', { type: 'string', describe: `client threads: list or range, e.g. 1..10 (each ${range('T')})` })
    .option('C', { type: 'string', describe: `client processors, e.g. 1,2 (each ${range('C')})` })
    .option('S', { type: 'string', describe: `server processors, e.g. 0..2 (each ${range('S')})` })
    .option('clients', { type: 'string', describe: `client processes (each ${range('clients')})` })
    .option('bytes', { type: 'string', describe: `message sizes, e.g. 0..4096:1024 (each ${range('bytes')})` })
    .option('calls', { type: 'string', describe: `calls measured per point (each ${range('calls')})` })
    .option('warmup', { type: 'string', describe: 'warm-up calls per point' })
    .option('workload', { alias: 'w', type: 'string', describe: 'workload id(s)' })
    .option('seed', { type: 'string', describe: 'seeds, e.g. 1..5' })
    .option('set', { type: 'string', array: true, describe: 'path=v1,v2 or path=a..b: a machine parameter or kernel option axis; repeatable' })
    .option('jobs', { alias: 'j', type: 'number', describe: 'worker threads (default: the processors available)' })
    .option('shard', { type: 'string', describe: 'run only shard i of n (i from 1), e.g. 2/8: every n-th point' })
    .option('out', { alias: 'o', type: 'string', describe: 'write the CSV here (default: stdout); its first line is the sweep\'s identity, which merge checks' })
    .option('json', { type: 'boolean', default: false, describe: 'print { sweep, points } as JSON instead of CSV, each point with the field names of run --json' })
    .example('$0 sweep -m firefly -k urpc -T 1..10 -C 1,2 -S 0..2 -o urpc.csv', 'URPC over threads and processors')
    .example('$0 sweep -m i486-dx50 -k l3 --set tlb.entries=16,32,64 --shard 1/2 -o a.csv', 'half of a what-if sweep');
}

/** A failure of a command that finishes asynchronously (reproduce, sweep). */
function asyncFail(e: unknown): void {
  if (e instanceof UsageError) usageFail(e.message);
  process.stderr.write(`simulate: ${oneLine((e as Error).message)}\n`);
  process.exitCode = 1;
}

/** An error as one line (the engine's stall report lists blocked processes on lines of their own). */
const oneLine = (m: string) => m.split('\n').map((l) => l.trim()).filter(Boolean).join('; ').replace(/:; /g, ': ');

function specOf(a: Record<string, unknown>): RunSpec {
  const n = (k: string) => {
    const v = a[k];
    if (v === undefined) return undefined;
    if (Array.isArray(v)) throw new UsageError(`${k.length === 1 ? '-' : '--'}${k} given ${v.length} times (${v.join(', ')}); give it once (sweep takes lists)`);
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

/** A progress bar for a run that has taken more than two seconds (on a terminal, not with --json). */
function runProgress(progressBar: typeof import('./progress.js').progressBar | null): { onProgress: (p: RunProgress) => void; stop: () => void } {
  const t0 = performance.now();
  let bar: ReturnType<typeof import('./progress.js').progressBar> | null = null;
  let shown = 0;
  return {
    onProgress(p) {
      if (!progressBar) return;
      if (!bar && performance.now() - t0 > 2000) bar = progressBar(p.total, 'calls', true, false);
      if (bar) {
        for (; shown < Math.min(p.completed, p.total); shown++) bar.tick();
      }
    },
    stop: () => bar?.stop(),
  };
}

async function runCommand(a: Record<string, unknown>): Promise<void> {
  const [{ resolve, simulate }, { checkDistinct, checkOutputFile, writeAtomic }, { runCsv, runText }, { isHostId }] = await Promise.all([
    import('../workloads/run.js'),
    import('./outpath.js'),
    import('./format.js'),
    import('../machines/host/machine.js'),
  ]);
  let spec = specOf(a);
  // The host machine's builder and profile reader come with the host command's code.
  if (isHostId(spec.machine) || a['host-profile'] !== undefined) spec = (await import('./host/index.js')).withHostMachine(spec, a['host-profile'] as string | undefined);
  // Outputs are checked before anything runs.
  const outs: [string, string | undefined][] = [
    ['--csv', a.csv as string | undefined],
    ['--trace', a.trace as string | undefined],
    ['--config', a.config as string | undefined],
  ];
  for (const [flag, p] of outs) if (typeof p === 'string') checkOutputFile(flag, p);
  checkDistinct(outs);
  resolve(spec);
  // The bar draws only on a terminal (progress.ts): elsewhere its library is not loaded.
  const progress = runProgress(a.json || !process.stderr.isTTY ? null : (await import('./progress.js')).progressBar);
  let r;
  try {
    r = simulate(spec, { onProgress: progress.onProgress });
  } finally {
    progress.stop();
  }
  const { timeline, ...result } = r;
  for (const w of result.result.warnings) process.stderr.write(`simulate: warning: ${w}\n`);
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

async function listCommand(what: string, json: boolean, machineId?: string): Promise<void> {
  if (what === 'machines') {
    const rows = (await import('../lib/list.js')).listMachines();
    if (json) return void process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
    for (const m of rows) process.stdout.write(`${chalk.bold(m.id.padEnd(18))} ${m.title}, ${m.isa}${m.aliases.length ? ` (alias ${m.aliases.join(', ')})` : ''}\n`);
  } else if (what === 'kernels') {
    const rows = (await import('../lib/list.js')).listKernels();
    if (json) return void process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
    for (const k of rows) {
      process.stdout.write(`${chalk.bold(k.id.padEnd(10))} ${k.describe}; paths counted in ${k.isa} instructions\n`);
      for (const o of k.options) {
        const range = o.min !== undefined || o.max !== undefined ? ` from ${o.min ?? '-inf'} to ${o.max ?? 'inf'}` : '';
        process.stdout.write(`    --set kernel.${o.name}=<${o.choices ? o.choices.join('|') : o.type}${range}>  ${o.description} (default ${String(o.default)})\n`);
      }
    }
  } else if (what === 'papers') {
    const [{ papers }, { kernels }] = await Promise.all([import('../workloads/registry.js'), import('../kernels/index.js')]);
    const rows = papers().map((p) => ({
      id: p.id,
      title: p.title,
      citation: p.citation,
      companions: p.companions.map((c) => c.id),
      claims: p.claims.length,
      tables: p.reproduction.tables.map((t) => t.id),
      figures: p.reproduction.figures.map((f) => f.id),
      kernels: kernels.filter((k) => k.paper === p.id).map((k) => k.id),
    }));
    if (json) return void process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
    for (const p of rows) {
      const also = p.companions.length ? ` (with ${p.companions.join(', ')})` : '';
      const n = (k: number, what: string) => `${k} ${what}${k === 1 ? '' : 's'}`;
      process.stdout.write(
        `${chalk.bold(p.id.padEnd(10))} ${p.title}${also}: ${n(p.claims, 'claim')}, ${n(p.tables.length, 'table')}, ${n(p.figures.length, 'figure')} [kernels: ${p.kernels.join(', ')}]\n`,
      );
    }
  } else if (what === 'workloads') {
    const rows = (await import('../lib/list.js')).listWorkloads();
    if (json) return void process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
    for (const w of rows) process.stdout.write(`${chalk.bold(w.id.padEnd(14))} ${w.title} [kernels: ${w.kernels.join(', ')}]\n`);
  } else if (what === 'parameters') {
    // The machine schema; with --machine, that machine's values and sources beside it.
    const [{ findMachine, machines }, { allowedText, leaves, MACHINE_SCHEMA, specOf: schemaOf }] = await Promise.all([
      import('../machines/index.js'),
      import('../sim/hw/machine-schema.js'),
    ]);
    const m = machineId === undefined ? undefined : findMachine(machineId);
    if (machineId !== undefined && !m) throw new UsageError(`--machine ${machineId}: unknown machine; machines: ${machines.map((x) => x.id).join(', ')}`);
    const have = m ? leaves(m) : null;
    const rows = MACHINE_SCHEMA.flatMap((s) => {
      const paths = have ? [...have.keys()].filter((p) => schemaOf(p) === s) : [s.path];
      return paths.map((path) => ({ path, type: s.type, unit: s.unit, allowed: allowedText(s), optional: s.optional === true, description: s.description, ...(m ? { value: have!.get(path), source: m.sources[path] ?? null } : {}) }));
    });
    if (json) return void process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
    for (const r of rows) {
      const v = 'value' in r ? ` = ${String(r.value)}` : '';
      process.stdout.write(`${chalk.bold(r.path.padEnd(26))}${v.padEnd(m ? 12 : 0)} ${r.allowed}; ${r.description}\n`);
    }
  }
}

export function main(argv: string[]): void {
  if (!process.stdout.isTTY) chalk.level = 0;
  // A reader that stops early (`| head`) is not an error of ours.
  if (process.stdout.listenerCount('error') === 0) {
    process.stdout.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(0);
      throw e;
    });
  }
  yargs(argv)
    .scriptName('simulate')
    .usage('$0 [run] --machine <id> --kernel <id> [options]\n\nA cycle-level simulator of the classic IPC papers\' hardware and kernels.')
    .command(['run', '$0'], 'run one simulation and report latency, throughput and the per-step breakdown', runOptions, (a) =>
      later(() => runCommand(a as Record<string, unknown>)),
    )
    .command(
      'list <what>',
      'list machines, kernels (with their options), workloads, papers or machine parameters',
      (y) =>
        y
          .positional('what', { choices: ['machines', 'kernels', 'workloads', 'papers', 'parameters'] as const, describe: 'what to list (parameters: every machine parameter --set takes, with its unit and allowed range)' })
          .option('machine', { alias: 'm', type: 'string', describe: 'with parameters: this machine\'s values and their sources' })
          .option('json', { type: 'boolean', default: false, describe: 'print a JSON array' }),
      (a) => later(() => listCommand(String(a.what), a.json === true, a.machine as string | undefined)),
    )
    .command(
      'claims',
      'run every registered claim of the papers and compare with the papers (exit 1 if any fails)',
      (y) =>
        y
          .option('paper', { type: 'string', choices: paperIds(), describe: 'only this paper\'s claims (with its companions\', such as URPC\'s lecture notes)' })
          .option('scale', { type: 'string', choices: ['test', 'paper'], default: 'test', describe: 'run size: test (quick) or paper (the papers\' call counts)' })
          .option('json', { type: 'boolean', default: false, describe: 'print a JSON array of claim results' }),
      (a) => later(async () => (await import('./claims.js')).claimsCommand(a.paper as string | undefined, a.scale as Scale, a.json === true)),
    )
    .command(
      'reproduce [paper]',
      'run the papers\' experiments and write CSV per table and figure series, SVG figures, config.json and REPORT.md',
      (y) =>
        y
          .positional('paper', { type: 'string', choices: [...paperIds(), 'all', 'compare', 'host'], default: 'all', describe: 'which paper (all: every paper registered and the grid of every kernel on every machine; compare: that grid alone; host: this machine, simulated from results/host/primitives.json and compared with composites.csv)' })
          .option('out', { alias: 'o', type: 'string', default: 'results', describe: 'output directory' })
          .option('scale', { type: 'string', choices: ['paper', 'test'], default: 'paper', describe: 'run size: paper (the papers\' call counts) or test (quick)' })
          .option('jobs', { alias: 'j', type: 'number', describe: 'worker threads sharing out the tables, figures and claims (default: the processors available)' })
          .option('report-only', { type: 'boolean', default: false, describe: 'run nothing: rebuild REPORT.md and config.json from the papers stored under --out (e.g. gathered from separate machines)' })
          .option('check', { type: 'boolean', default: false, describe: 'write nothing: regenerate elsewhere and list the files under --out that are stale (exit 1 if any)' })
          .option('json', { type: 'boolean', default: false, describe: 'print a JSON summary of what was written (no progress bar)' }),
      (a) => {
        if (a.paper === 'host') return later(async () => (await import('./host/index.js')).reproduceHost(String(a.out), a.scale as Scale, a.json === true));
        later(async () => (await import('./reproduce/command.js')).reproduceCommand({
          which: String(a.paper),
          out: String(a.out),
          scale: a.scale as 'test' | 'paper',
          json: a.json === true,
          jobs: a.jobs === undefined ? undefined : Number(a.jobs),
          check: a.check === true,
          reportOnly: a['report-only'] === true,
        }));
      },
    )
    .command(
      'sweep',
      'run a kernel over a parameter grid (lists 1,2,4 and ranges 1..10 or 0..4096:1024) on worker threads; one CSV row per point',
      (y) => sweepOptions(y),
      (a) => {
        const n = (k: string) => (a[k] === undefined ? undefined : String(a[k]));
        later(async () => (await import('./sweep/command.js')).sweepCommand({
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
        }));
      },
    )
    .command(
      'compare',
      'run every kernel on every machine (the null round trip) and print the grid, each cell marked paper, home or extrapolated',
      (y) => loaded(compareCli).compareOptions(y),
      (a) => loaded(compareCli).compareCommand(a as Record<string, unknown>),
    )
    .command(
      'host <action>',
      'this machine: measure the sleep/wake-up primitives and composites (measure), or simulate the composites from the primitives and compare (compare)',
      (y) =>
        y
          .positional('action', { choices: ['measure', 'compare'] as const, describe: 'measure: run the C measurement (pinned, a few minutes); compare: simulate and compare' })
          .option('quick', { type: 'boolean', default: false, describe: 'measure: a few seconds (fewer iterations, 1-2 clients)' })
          .option('cpu', { type: 'number', default: 0, describe: 'measure: the processor uniprocessor experiments are pinned to' })
          .option('out', { alias: 'o', type: 'string', default: join('results', 'host'), describe: 'folder written' })
          .option('host-profile', { type: 'string', describe: `compare: the primitives (default: <out>/primitives.json)` })
          .option('composites', { type: 'string', describe: 'compare: the measured composites (default: <out>/composites.csv)' })
          .option('scale', { type: 'string', choices: ['paper', 'test'], default: 'paper', describe: 'compare: simulated messages per point (paper: 20,000; test: 1,000)' })
          .option('json', { type: 'boolean', default: false, describe: 'print a JSON summary' }),
      (a) => later(async () => (await import('./host/index.js')).hostCommand(a)),
    )
    .command(
      'merge <files..>',
      'join the CSVs of a sweep\'s shards into the unsplit sweep\'s CSV (rows in point order)',
      (y) =>
        y
          .positional('files', { type: 'string', array: true, describe: 'shard CSV files' })
          .option('out', { alias: 'o', type: 'string', describe: 'write the merged CSV here (default: stdout)' }),
      (a) => later(async () => (await import('./sweep/merge.js')).mergeCommand((a.files as string[]) ?? [], a.out as string | undefined)),
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

/** Throws if a module a builder reads was not loaded before parsing (runCli's preload is wrong). */
function loaded<T>(m: T | null): T {
  if (m === null) throw new Error('a command\'s module was not loaded before parsing');
  return m;
}

/** The machine and kernel ids the run command's options name. */
let catalog: { machines: readonly MachineDesc[]; kernels: readonly KernelDef[] } | null = null;
/** The paper registry (every paper's claims, tables and figures): claims' and reproduce's choices. */
let registry: typeof Registry | null = null;
/** `simulate compare`'s options (their defaults come from the compare module). */
let compareCli: typeof CompareCli | null = null;
const paperIds = (): string[] => loaded(registry).paperIds();

/** The commands above; an argument list that starts with one of them selects it. */
const COMMANDS = ['run', 'list', 'claims', 'reproduce', 'sweep', 'compare', 'host', 'merge'];

/** Load what the builders of the commands these arguments can select read. */
async function preload(argv: string[]): Promise<void> {
  const first = COMMANDS.includes(argv[0]) ? argv[0] : null;
  // Without a command first, yargs may still find one further on (after a flag), so any word counts.
  const may = (command: string) => (first === null ? command === 'run' || argv.includes(command) : first === command);
  const loads: Promise<void>[] = [];
  if (may('run') && !catalog) {
    loads.push(Promise.all([import('../machines/index.js'), import('../kernels/index.js')]).then(([m, k]) => void (catalog = { machines: m.machines, kernels: k.kernels })));
  }
  if ((may('claims') || may('reproduce')) && !registry) loads.push(import('../workloads/registry.js').then((r) => void (registry = r)));
  if (may('compare') && !compareCli) loads.push(import('./compare.js').then((c) => void (compareCli = c)));
  await Promise.all(loads);
}

/** The command an asynchronous handler started, to be awaited. */
let pending: Promise<void> | null = null;

/** Run a command's handler: it loads its modules first, so it finishes asynchronously. */
function later(handler: () => Promise<void> | void): void {
  pending = (async () => handler())().catch(asyncFail);
}

/** Run the command line; resolves when the command has finished (tests call it in-process). */
export async function runCli(argv: string[]): Promise<void> {
  pending = null;
  await preload(argv);
  try {
    main(argv);
  } catch (e) {
    if (e instanceof UsageError) usageFail(e.message);
    process.stderr.write(`simulate: ${oneLine((e as Error).message)}\n`);
    process.exit(1);
  }
  if (pending) await pending;
}

if (process.env.IPCSIM_NO_AUTORUN !== '1') void runCli(hideBin(process.argv));
