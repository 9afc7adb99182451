// `simulate reproduce [paper|all] [--out DIR] [--scale paper|test]`: runs each selected paper's
// tables, figures and claims, writes them under DIR/<paper>/, then rebuilds DIR/REPORT.md and
// DIR/config.json from every paper stored under DIR (so reproducing one paper keeps the others).
// Every file is written whole or not at all.

import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import type { Scale } from '../../workloads/claims.js';
import { UsageError } from '../../workloads/run.js';
import { checkOutputDir, removeTemporaries, tempDirBeside, track, untrack, writeAtomic } from '../outpath.js';
import { progressBar, type Progress } from '../progress.js';
import { VERSION } from '../version.js';
import { paperIds } from '../../workloads/registry.js';
import { assemble, checkIds, collect, hasWork, tasksOf, unitsOf, type PaperResult, type ToRun, type UnitResult } from './collect.js';
import { paperFiles, stableJson } from './files.js';
import { configJson, reportMarkdown } from './report.js';
import { papersToRun } from './select.js';
import type { FromWorker, ToWorker } from './worker.js';
import { RunStore } from './shared-runs.js';
import { compare, compareCells, type CompareResult, type CompareSpec } from '../../workloads/compare.js';
import { GRID_DIR, gridFiles, gridSpecFor, loadGrid, storedGrid } from './grid.js';

export interface ReproduceOptions {
  /** A registered paper's id, all, or compare (the grid of every kernel on every machine alone). */
  which: string;
  out: string;
  scale: Scale;
  json: boolean;
  /** Worker threads sharing out the tables, figures and claims (default: the processors available). */
  jobs?: number;
  /** Regenerate elsewhere and compare with what is under `out` instead of writing there. */
  check?: boolean;
  /** Run these instead of the registered papers (tests, embedding); runs in this thread. */
  papers?: ToRun[];
  /** Run nothing: rebuild REPORT.md and config.json from the papers stored under `out`. */
  reportOnly?: boolean;
  /**
   * The every-kernel-on-every-machine grid written under compare/: by default run by `all` (at
   * compare's defaults, fewer calls at test scale) and not by one paper; null runs none.
   */
  grid?: CompareSpec | null;
}

/** The grid a reproduction runs, if any (an explicit list of papers runs none unless asked). */
function gridOf(o: ReproduceOptions): CompareSpec | null {
  if (o.grid !== undefined) return o.grid;
  return (o.which === 'all' || o.which === GRID_DIR) && !o.papers ? gridSpecFor(o.scale) : null;
}

const WORKER = new URL('./worker.js', import.meta.url);

/**
 * Hands units to workers. Each worker keeps to one paper (its units in order: tables, figures,
 * claims), as a paper's units share many runs and two workers on one paper would often wait for
 * each other's; a worker whose paper is done takes the next paper no worker has, and when none
 * is left it takes units from the back of the paper with the most left (the units furthest from
 * where that paper's worker is), so both cores work to the end. The grid is a paper of one unit.
 */
class Scheduler {
  private readonly queues = new Map<string, ToWorker[]>();
  private readonly owner = new Map<string, number>();
  readonly total: number;

  constructor(todo: ToRun[], grid: CompareSpec | null, scale: Scale) {
    for (const p of todo) this.queues.set(p.paper, unitsOf(p).map((unit) => ({ paper: p.paper, scale, unit })));
    if (grid) this.queues.set(GRID_DIR, [{ grid }]);
    this.total = [...this.queues.values()].reduce((n, q) => n + q.length, 0);
  }

  next(worker: number): ToWorker | undefined {
    const mine = [...this.owner].find(([, w]) => w === worker)?.[0];
    if (mine !== undefined && this.queues.get(mine)!.length > 0) return this.queues.get(mine)!.shift();
    if (mine !== undefined) this.owner.delete(mine);
    const left = [...this.queues].filter(([, q]) => q.length > 0);
    const free = left.filter(([id]) => !this.owner.has(id));
    if (free.length > 0) {
      const [id, q] = free[0];
      this.owner.set(id, worker);
      return q.shift();
    }
    if (left.length === 0) return undefined;
    return left.reduce((a, b) => (b[1].length > a[1].length ? b : a))[1].pop();
  }
}

/**
 * Collect the papers (and the grid, if asked) and hand each paper's result over as it is ready.
 * With several jobs, every table, figure and claim is a unit handed to the next free worker thread,
 * and the workers share their runs (shared-runs.ts), so each distinct run is made once. Results do
 * not depend on the number of jobs: a paper's result is assembled from its units in their order.
 * Returns the grid's result when the workers ran it (else the caller runs it).
 */
async function collectAll(todo: ToRun[], scale: Scale, jobs: number, bar: Progress, ready: (r: PaperResult) => Promise<void>, grid: CompareSpec | null): Promise<CompareResult | null> {
  const queue = new Scheduler(todo, grid, scale);
  const n = Math.min(jobs, queue.total);
  if (n <= 1 || !existsSync(fileURLToPath(WORKER))) {
    for (const p of todo) await ready(collect(p, scale, (t) => bar.tick(`${p.paper}: ${t}`), () => bar.ran()));
    return null;
  }
  for (const p of todo) checkIds(p);
  const store = new RunStore();
  const byPaper = new Map(todo.map((p) => [p.paper, { p, units: unitsOf(p), results: new Map<number, UnitResult>() }]));
  const workers: Worker[] = [];
  const ports: MessagePort[] = [];
  const pending: Promise<void>[] = [];
  let gridResult: CompareResult | null = null;
  try {
    await new Promise<void>((resolve, reject) => {
      let left = queue.total;
      const feed = (w: Worker) => {
        const m = queue.next(workers.indexOf(w));
        if (m) w.postMessage(m);
      };
      const finished = (w: Worker) => {
        if (--left === 0) resolve();
        else feed(w);
      };
      for (let k = 0; k < n; k++) {
        const { port1, port2 } = new MessageChannel();
        const flag = new Int32Array(new SharedArrayBuffer(4));
        store.serve(port1, flag);
        ports.push(port1);
        const w = new Worker(WORKER, { workerData: { port: port2, flag }, transferList: [port2] });
        workers.push(w);
        w.on('message', (m: FromWorker) => {
          if ('tick' in m) return bar.tick(m.tick);
          if ('ran' in m) return bar.ran();
          if ('error' in m) return reject(new Error(`${m.paper}: ${m.error}`));
          if ('grid' in m) {
            gridResult = m.grid;
            return finished(w);
          }
          if ('unit' in m) {
            const g = byPaper.get(m.paper)!;
            const u = m.unit.unit;
            const i = g.units.findIndex((x) => x.kind === u.kind && x.index === u.index);
            g.results.set(i, m.unit);
            if (u.kind === 'table') bar.tick(`${m.paper}: ${g.p.reproduction.tables[u.index].title}`);
            else if (u.kind === 'figure') bar.tick(`${m.paper}: ${g.p.reproduction.figures[u.index].title}`);
            else if (g.units.filter((x) => x.kind === 'claim').every((x) => g.results.has(g.units.indexOf(x)))) bar.tick(`${m.paper}: claims`);
            if (g.results.size === g.units.length) pending.push(ready(assemble(g.p, scale, g.units.map((_, j) => g.results.get(j)!))));
          }
          finished(w);
        });
        w.on('error', reject);
        feed(w);
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
    for (const p of ports) p.close();
  }
  await Promise.all(pending);
  return gridResult;
}

const OURS = /\.(csv|svg)$|^reproduction\.json$|^grid\.json$/;

/**
 * Replace a paper's folder whole: its files are written into a temporary folder beside it (with any
 * files not ours copied over from the old folder), which then takes the old one's place, so an
 * interrupted run leaves either the old folder or the new one, never a mix.
 */
function writePaper(dir: string, files: Map<string, string>): void {
  mkdirSync(dirname(dir), { recursive: true });
  const tmp = tempDirBeside(dir, `${basename(dir)}.partial`);
  // A temporary folder is private (0700); the paper's folder is as readable as any other.
  chmodSync(tmp, 0o755);
  for (const [name, text] of files) writeFileSync(join(tmp, name), text);
  if (existsSync(dir)) {
    for (const name of readdirSync(dir)) if (!OURS.test(name) && !files.has(name)) cpSync(join(dir, name), join(tmp, name), { recursive: true });
  }
  const old = existsSync(dir) ? `${dir}.old-${process.pid}` : null;
  if (old) renameSync(dir, old);
  renameSync(tmp, dir);
  untrack(tmp);
  if (old) rmSync(old, { recursive: true, force: true });
}

/** REPORT.md and config.json for what is stored, noting papers an interrupted run did not finish. */
function writeSummary(out: string, interrupted: { reason: string; unfinished: string[] } | null): void {
  mkdirSync(out, { recursive: true });
  for (const [name, text] of summaryFiles(out)) {
    let t = text;
    if (interrupted && name === 'REPORT.md') {
      const nl = t.indexOf('\n');
      const note =
        `\n> **Interrupted run** (${interrupted.reason}): ${interrupted.unfinished.join(', ')} did not finish; ` +
        'their sections are from an earlier run, or absent. Run `simulate reproduce` again to complete them.\n';
      t = t.slice(0, nl + 1) + note + t.slice(nl + 1);
    }
    if (interrupted && name === 'config.json') t = stableJson({ ...(JSON.parse(t) as object), interrupted });
    writeAtomic(join(out, name), t);
  }
}

/** Every registered paper's stored reproduction under dir, in the report's order. */
export function loadResults(dir: string): PaperResult[] {
  return paperIds()
    .map((id) => join(dir, id, 'reproduction.json'))
    .filter((p) => existsSync(p))
    .map((p) => JSON.parse(readFileSync(p, 'utf8')) as PaperResult);
}

/** REPORT.md and config.json from what is stored under dir. */
export function summaryFiles(dir: string): Map<string, string> {
  const rs = loadResults(dir);
  return new Map([
    ['REPORT.md', reportMarkdown(rs, VERSION, loadGrid(dir))],
    ['config.json', configJson(rs, VERSION)],
  ]);
}

interface Written {
  paper: string;
  scale: Scale;
  files: string[];
  claims: Record<string, number>;
  errors: string[];
  /** The grid only: its cells, how many ran and how many refused. */
  cells?: { total: number; ran: number; refused: number };
}

/** Run the selected papers and write their folders and the summary files under `out`. */
export async function reproduceInto(o: ReproduceOptions, out: string, quiet: boolean): Promise<Written[]> {
  const jobs = o.papers ? 1 : (o.jobs ?? availableParallelism());
  if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError(`--jobs must be a whole number >= 1, got ${o.jobs}`);
  const selected = o.papers ?? papersToRun(o.which === 'all' ? paperIds() : o.which === GRID_DIR ? [] : [o.which]);
  const todo = selected.filter(hasWork);
  for (const p of selected) {
    if (!todo.includes(p)) process.stderr.write(`simulate: nothing registered for ${p.paper} yet (no claims, no tables or figures); skipped\n`);
  }
  const done: Written[] = [];
  const unfinished = () => todo.map((g) => g.paper).filter((g) => !done.some((d) => d.paper === g));
  // Ctrl-C or a termination signal: the papers finished so far are in place; rewrite the summary
  // for them, noting the rest, remove temporary folders, and exit.
  let bar: Progress | null = null;
  const onSignal = (sig: NodeJS.Signals) => {
    bar?.stop();
    writeSummary(out, { reason: `stopped by ${sig}`, unfinished: unfinished() });
    removeTemporaries();
    process.stderr.write(`simulate: reproduce stopped by ${sig}; ${done.length} of ${todo.length} papers finished, REPORT.md notes the rest\n`);
    process.exit(sig === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const grid = gridOf(o);
  const gridCells = grid ? compareCells(grid).length : 0;
  bar = progressBar(
    todo.reduce((n, p) => n + tasksOf(p), 0) + gridCells,
    'reproduce',
    !quiet,
  );
  let failure: unknown = null;
  try {
    const gridRan = await collectAll(todo, o.scale, jobs, bar, async (r) => {
      const files = await paperFiles(r);
      writePaper(join(out, r.paper), files);
      const n = (s: string) => r.claims.filter((c) => c.status === s).length;
      done.push({
        paper: r.paper,
        scale: r.scale,
        files: [...files.keys()].map((f) => join(out, r.paper, f)),
        claims: { total: r.claims.length, pass: n('pass'), knownGap: n('known-gap'), fail: n('fail'), paperInconsistent: n('paper-inconsistent'), notSimulated: n('not-simulated') },
        errors: [...r.tables, ...r.figures].filter((x) => x.error).map((x) => `${x.id}: ${x.error}`),
      });
    }, grid);
    if (grid) done.push(await writeGrid(grid, o.scale, out, bar, gridRan));
  } catch (e) {
    failure = e;
  } finally {
    bar.stop();
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
  writeSummary(out, failure ? { reason: `failed: ${(failure as Error).message.split('\n')[0]}`, unfinished: unfinished() } : null);
  if (failure) throw failure;
  const order = paperIds();
  return done.sort((a, b) => order.indexOf(a.paper) - order.indexOf(b.paper));
}

/** Run the grid and replace compare/ whole; a cell that failed (not refused) is an error. */
async function writeGrid(spec: CompareSpec, scale: Scale, out: string, bar: Progress, ran: CompareResult | null): Promise<Written> {
  const r = ran ?? compare(spec, (c) => bar.tick(`${GRID_DIR}: ${c.kernel} on ${c.machine}`));
  const files = await gridFiles(storedGrid(spec, r));
  writePaper(join(out, GRID_DIR), files);
  const refused = r.cells.filter((c) => c.refused !== null && !c.failed).length;
  return {
    paper: GRID_DIR,
    scale,
    files: [...files.keys()].map((f) => join(out, GRID_DIR, f)),
    claims: { total: 0, pass: 0, knownGap: 0, fail: 0 },
    errors: r.cells.filter((c) => c.failed).map((c) => `${c.kernel} on ${c.machine}: ${c.refused}`),
    cells: { total: r.cells.length, ran: r.cells.length - refused - r.cells.filter((c) => c.failed).length, refused },
  };
}

export async function reproduceCommand(o: ReproduceOptions): Promise<void> {
  if (o.check) return checkCommand(o);
  checkOutputDir('--out', o.out);
  if (o.reportOnly) {
    const stored = loadResults(o.out).map((r) => r.paper);
    if (stored.length === 0) throw new UsageError(`no paper stored under ${o.out} (no <paper>/reproduction.json); run simulate reproduce first`);
    for (const [name, text] of summaryFiles(o.out)) writeAtomic(join(o.out, name), text);
    if (!o.json) process.stdout.write(`report: ${join(o.out, 'REPORT.md')} (from ${stored.join(', ')})\n`);
    else process.stdout.write(JSON.stringify({ out: o.out, papers: stored, report: join(o.out, 'REPORT.md') }, null, 2) + '\n');
    return;
  }
  const t0 = performance.now();
  const done = await reproduceInto(o, o.out, o.json);
  const wallMs = Math.round(performance.now() - t0);
  if (o.json) {
    process.stdout.write(JSON.stringify({ out: o.out, papers: done, report: join(o.out, 'REPORT.md'), wallMs }, null, 2) + '\n');
  } else {
    for (const d of done) {
      const c = d.claims;
      if (d.cells) {
        process.stdout.write(`${d.paper}: every kernel on every machine, ${d.files.length} files in ${join(o.out, d.paper)}; ${d.cells.total} cells: ${d.cells.ran} ran, ${d.cells.refused} refused\n`);
        for (const e of d.errors) process.stdout.write(`  failed: ${e}\n`);
        continue;
      }
      process.stdout.write(
        `${d.paper}: ${d.files.length} files in ${join(o.out, d.paper)}; claims ${c.total}: ${c.pass} pass, ${c.knownGap} known gaps, ${c.fail} fail, ${c.paperInconsistent + c.notSimulated} set apart (${d.scale} scale)\n`,
      );
      for (const e of d.errors) process.stdout.write(`  not reproduced: ${e}\n`);
    }
    process.stdout.write(`report: ${join(o.out, 'REPORT.md')}\n`);
    process.stderr.write(`reproduce: ${(wallMs / 1000).toFixed(1)} s wall time\n`);
  }
  if (done.some((d) => d.errors.length > 0)) process.exitCode = 1;
}

/** The files of ours under dir (a paper folder's CSV, SVG, reproduction.json; compare/; REPORT.md, config.json). */
function ourFiles(dir: string): string[] {
  const papers = paperIds()
    .filter((id) => existsSync(join(dir, id)))
    .flatMap((id) =>
      readdirSync(join(dir, id))
        .filter((f) => OURS.test(f))
        .map((f) => join(id, f)),
    );
  const grid = existsSync(join(dir, GRID_DIR))
    ? readdirSync(join(dir, GRID_DIR))
        .filter((f) => OURS.test(f))
        .map((f) => join(GRID_DIR, f))
    : [];
  return [...papers, ...grid, ...['REPORT.md', 'config.json'].filter((f) => existsSync(join(dir, f)))].sort();
}

/** `reproduce --check`: regenerate into a temporary folder and list what differs from `out`. */
async function checkCommand(o: ReproduceOptions): Promise<void> {
  const stale = await staleFiles(o);
  if (o.json) process.stdout.write(JSON.stringify({ out: o.out, upToDate: stale.length === 0, stale }, null, 2) + '\n');
  else if (stale.length === 0) process.stdout.write(`${o.out} is up to date\n`);
  else process.stdout.write(`${o.out} is stale; run \`simulate reproduce ${o.which}\`:\n${stale.map((l) => `  ${l}`).join('\n')}\n`);
  if (stale.length > 0) process.exitCode = 1;
}

/** What regenerating would change under `out`: files missing, no longer made, or different. */
export async function staleFiles(o: ReproduceOptions): Promise<string[]> {
  const work = mkdtempSync(join(tmpdir(), 'ipcsim-check-'));
  track(work);
  try {
    const selected = o.papers ? o.papers.map((p) => p.paper) : o.which === 'all' ? paperIds() : o.which === GRID_DIR ? [] : [o.which];
    // Papers not regenerated keep their stored data, so the summary files compare like for like.
    for (const g of paperIds()) if (!selected.includes(g) && existsSync(join(o.out, g))) cpSync(join(o.out, g), join(work, g), { recursive: true });
    if (!gridOf(o) && existsSync(join(o.out, GRID_DIR))) cpSync(join(o.out, GRID_DIR), join(work, GRID_DIR), { recursive: true });
    await reproduceInto(o, work, o.json);
    const want = ourFiles(work);
    const have = ourFiles(o.out);
    return [
      ...want.filter((f) => !have.includes(f)).map((f) => `missing: ${join(o.out, f)}`),
      ...have.filter((f) => !want.includes(f)).map((f) => `no longer made: ${join(o.out, f)}`),
      ...want.filter((f) => have.includes(f) && readFileSync(join(work, f), 'utf8') !== readFileSync(join(o.out, f), 'utf8')).map((f) => `differs: ${join(o.out, f)}`),
    ];
  } finally {
    rmSync(work, { recursive: true, force: true });
    untrack(work);
  }
}
