// Benchmark (not a test): a 10,000-call URPC run (firefly-cvax, T=2 C=1 S=1) in the web explorer,
// in headless Chromium, against the same run on the command line. Needs `npm run build` and
// `npm run build:web` first; run with `node web/bench.mjs [repeats]`.
// Reports, per side, the simulation's own wall time (perf.wallMs; in the page, the worker's) and
// the time a user waits (CLI: process start to exit; page: click to the result drawn).

import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { chromium } from 'playwright-core';

const repo = join(import.meta.dirname, '..');
const site = join(repo, 'web', 'dist');
const repeats = Number(process.argv[2] ?? 3);
if (!existsSync(join(site, 'index.html'))) throw new Error('build the site first: npm run build:web');
const ARGS = ['-m', 'firefly-cvax', '-k', 'urpc', '-T', '2', '-C', '1', '-S', '1', '--calls', '10000'];
const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const cli = [];
for (let i = 0; i < repeats; i++) {
  const t0 = performance.now();
  const out = execFileSync(process.execPath, [join(repo, 'bin', 'simulate.js'), ...ARGS, '--json'], { encoding: 'utf8' });
  const total = performance.now() - t0;
  const j = JSON.parse(out);
  cli.push({ sim: j.perf.wallMs, total, latency: j.result.latencyUs.mean });
}

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };
const server = createServer((req, res) => {
  const p = normalize(new URL(req.url, 'http://x').pathname).replace(/^(\.\.[/\\])+/, '');
  const f = join(site, p.endsWith('/') ? `${p}index.html` : p);
  if (!f.startsWith(site) || !existsSync(f)) return void res.writeHead(404).end();
  res.writeHead(200, { 'content-type': TYPES[extname(f)] ?? 'application/octet-stream' }).end(readFileSync(f));
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const base = `http://127.0.0.1:${server.address().port}/`;
const profile = mkdtempSync(join(tmpdir(), 'ipcsim-bench-'));
const ctx = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const page = await ctx.newPage();
// Load the page on a small run first, so the bench times the run, not the page load.
await page.goto(`${base}?view=run&m=firefly-cvax&k=urpc&T=2&C=1&S=1&calls=100`);
await page.locator('#latency').waitFor({ timeout: 60_000 });
const web = [];
for (let i = 0; i < repeats; i++) {
  await page.fill('#in-calls', '10000');
  const t0 = performance.now();
  await page.click('#run');
  await page.locator('#run-perf').waitFor({ state: 'detached' });
  await page.locator('#run-perf').waitFor({ timeout: 120_000 });
  const total = performance.now() - t0;
  const sim = Number(await page.locator('#run-perf').getAttribute('data-wall-ms'));
  const latency = Number(await page.locator('#latency').getAttribute('data-us'));
  web.push({ sim, total, latency });
}
await ctx.close();
server.close();
rmSync(profile, { recursive: true, force: true });

const row = (name, xs) =>
  `${name.padEnd(5)} simulation ${median(xs.map((x) => x.sim)).toFixed(0).padStart(6)} ms   end to end ${median(xs.map((x) => x.total)).toFixed(0).padStart(6)} ms   latency ${xs[0].latency.toFixed(3)} us`;
console.log(`10,000-call URPC (firefly-cvax, T=2 C=1 S=1), median of ${repeats}:`);
console.log(row('CLI', cli));
console.log(row('page', web));
