// The web explorer in a real browser: the site is built (unminified, which is quicker and changes
// nothing the page does), served on 127.0.0.1 and driven through
// headless Chromium (the system's /usr/bin/chromium, with playwright-core). The page runs the
// same run driver as the CLI, so its numbers, messages, CSV and command lines must equal the CLI's
// for the same inputs. Screenshots go to artifacts/web/ (not committed). Skipped, with a message,
// only where no Chromium is installed (.ci/run installs it).

import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from 'vite';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

const CHROMIUM = '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) {
  console.warn(`web explorer tests skipped: no Chromium at ${CHROMIUM} (apt-get install -y chromium; .ci/run installs it)`);
}

const repo = join(import.meta.dirname, '..');
const artifacts = join(repo, 'artifacts', 'web');
const bin = join(repo, 'bin', 'simulate.js');
/** The CLI run in the background (it runs while the site builds). */
const cliLater = (...args: string[]): Promise<{ status: number; stdout: string; stderr: string }> =>
  new Promise((ok) =>
    execFile(process.execPath, [bin, ...args], { encoding: 'utf8' }, (err, stdout, stderr) => ok({ status: err ? Number(err.code ?? 1) : 0, stdout, stderr })),
  );

const RUN = ['-m', 'firefly-cvax', '-k', 'urpc', '-T', '2', '-C', '1', '-S', '1', '--calls', '2000'];
const BAD = ['-m', 'i486-dx50', '-k', 'l3', '--set', 'tlb.entires=8'];
const KS = 'urpc,l3,mach';
const MS = 'firefly-cvax,i486-dx50,hp9000-730';
const COMPARE = ['compare', '--kernels', KS, '--machines', MS, '--calls', '100', '--json'];
const SWEEP = ['sweep', '-m', 'i486-dx50', '-k', 'l3', '--bytes', '0..64:32', '--calls', '100', '--jobs', '1'];

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png' };

/** A static file server for the built site. */
function serve(dir: string): Promise<{ server: Server; base: string }> {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    const file = join(dir, path.endsWith('/') ? `${path}index.html` : path);
    if (!file.startsWith(dir) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => {
    const a = server.address();
    ok({ server, base: `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}/` });
  }));
}

describe.skipIf(!haveChromium)('web explorer in headless Chromium', () => {
  let out = '';
  let server: Server;
  let base = '';
  let ctx: BrowserContext;
  let profile = '';
  const problems: string[] = [];
  let csvDir = '';
  let expected: Record<'run' | 'bad' | 'compare' | 'sweep', Promise<{ status: number; stdout: string; stderr: string }>>;

  beforeAll(async () => {
    csvDir = mkdtempSync(join(tmpdir(), 'ipcsim-csv-'));
    expected = { run: cliLater(...RUN, '--json', '--csv', join(csvDir, 'run.csv')), bad: cliLater(...BAD), compare: cliLater(...COMPARE), sweep: cliLater(...SWEEP) };
    out = mkdtempSync(join(tmpdir(), 'ipcsim-web-'));
    await build({ configFile: join(repo, 'web', 'vite.config.ts'), logLevel: 'error', build: { outDir: out, emptyOutDir: true, reportCompressedSize: false, minify: false } });
    ({ server, base } = await serve(out));
    profile = mkdtempSync(join(tmpdir(), 'ipcsim-chromium-'));
    ctx = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      viewport: { width: 1400, height: 1000 },
      acceptDownloads: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    mkdirSync(artifacts, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await ctx?.close();
    server?.close();
    for (const d of [out, profile, csvDir]) if (d) rmSync(d, { recursive: true, force: true });
  });

  async function open(query: string): Promise<Page> {
    const page = await ctx.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console error on ${query}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error on ${query}: ${e.message}`));
    await page.goto(`${base}${query}`);
    return page;
  }

  it('shows the CLI\'s latency, command line and CSV for URPC T=2 C=1 S=1', async () => {
    const page = await open('?view=run&m=firefly-cvax&k=urpc&T=2&C=1&S=1&calls=2000');
    const lat = page.locator('#latency');
    await lat.waitFor({ timeout: 30_000 });
    const j = JSON.parse((await expected.run).stdout);
    expect(Number(await lat.getAttribute('data-us'))).toBe(j.result.latencyUs.mean);
    expect(await lat.textContent()).toBe(j.result.latencyUs.mean.toFixed(2));
    expect(await page.locator('#command').textContent()).toBe(`simulate ${RUN.join(' ')}`);
    const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#dl-csv')]);
    expect(readFileSync((await dl.path())!, 'utf8')).toBe(readFileSync(join(csvDir, 'run.csv'), 'utf8'));
    await page.screenshot({ path: join(artifacts, 'run.png'), fullPage: true });
    await page.close();
  });

  it('rejects bad input with the CLI\'s one-line message', async () => {
    const page = await open('?view=run&m=i486-dx50&k=l3&set=tlb.entires%3D8');
    const err = page.locator('#error');
    await err.waitFor({ timeout: 30_000 });
    const r = await expected.bad;
    expect(r.status).toBe(2);
    expect(await err.textContent()).toBe(r.stderr.trim());
    await page.close();
  });

  it('shows the URPC Figure 1 donation on the timeline, one click away', async () => {
    const page = await open('?view=run&m=i486-dx50&k=l3&calls=50');
    await page.locator('#latency').waitFor({ timeout: 30_000 });
    await page.click('#figure1');
    const donation = page.locator('#timeline-events li.donation').first();
    await donation.waitFor({ timeout: 30_000 });
    expect(await donation.textContent()).toMatch(/cpu \d+: donate processor: editor -> FCMgr/);
    expect(page.url()).toContain('w=urpc-figure1');
    // The donation is drawn on the chart too, as a triangle on the processor's track.
    expect(await page.locator('#timeline svg path[aria-roledescription="point"]').count()).toBeGreaterThan(0);
    expect(await page.locator('#timeline svg').count()).toBe(1);
    await page.screenshot({ path: join(artifacts, 'figure1.png'), fullPage: true });
    await page.close();
  });

  it('runs the compare grid as the CLI does, and a click opens that run', async () => {
    // A long grid first: it shows its progress and stops on cancel.
    const page = await open('?view=compare&calls=20000');
    await page.locator('#cmp-live').filter({ hasText: /ran/ }).waitFor({ timeout: 30_000 });
    await page.click('#cmp-cancel');
    await page.getByText('cancelled', { exact: true }).waitFor();
    await page.goto(`${base}?view=compare&kernels=${KS}&machines=${MS}&calls=100`);
    const sum = page.locator('#cmp-summary');
    await sum.waitFor({ timeout: 30_000 });
    const j = JSON.parse((await expected.compare).stdout);
    const ran = j.cells.filter((c: { refused: string | null }) => c.refused === null).length;
    expect((await sum.textContent())?.trim()).toBe(`9 cells: ${ran} ran, ${9 - ran} refused`);
    await page.locator('#heatmap svg').waitFor();
    await page.screenshot({ path: join(artifacts, 'compare.png'), fullPage: true });
    // The first cell of the grid is urpc on the Firefly.
    await page.locator('#heatmap svg g.mark-rect path').first().click({ force: true });
    await page.locator('#latency').waitFor({ timeout: 30_000 });
    expect(page.url()).toMatch(/view=run&m=firefly-cvax&k=urpc/);
    const cell = j.cells.find((c: { kernel: string; machine: string }) => c.kernel === 'urpc' && c.machine === 'firefly-cvax');
    expect(cell.mark).toBe('paper');
    await page.close();
  });

  it('opens a paper\'s claims and figures from the committed reproduction', async () => {
    const page = await open('?view=papers&paper=l3');
    await page.locator('#claims-table tbody tr').first().waitFor({ timeout: 30_000 });
    const committed = JSON.parse(readFileSync(join(repo, 'results', 'l3', 'reproduction.json'), 'utf8'));
    expect(await page.locator('#claims-table tbody tr').count()).toBe(committed.claims.length);
    await page.locator('#fig-figure7 svg').waitFor();
    expect(await page.locator('#figures section.figure').count()).toBe(committed.figures.length);
    // A figure re-run live at test scale, drawn over the committed curves.
    await page.click('button[data-figure="figure8"]');
    await page.getByText(/re-ran at test scale in/).waitFor({ timeout: 30_000 });
    await page.screenshot({ path: join(artifacts, 'papers.png') });
    await page.close();
  });

  it('sweeps a parameter and writes the CLI sweep\'s CSV', async () => {
    const page = await open('?view=sweep&m=i486-dx50&k=l3&calls=100&axis=bytes&values=0..64:32&go=1');
    await page.locator('#sweep-table tbody tr').nth(2).waitFor({ timeout: 30_000 });
    const r = await expected.sweep;
    expect(r.status).toBe(0);
    expect(await page.locator('#command').textContent()).toBe('simulate sweep -m i486-dx50 -k l3 --bytes 0..64:32 --calls 100');
    const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'CSV' }).click()]);
    // The CLI's first line is the sweep's identity, which `merge` reads; the page's download is the
    // whole grid, not a shard, so it carries the rows alone.
    expect(readFileSync((await dl.path())!, 'utf8')).toBe(r.stdout.slice(r.stdout.indexOf('\n') + 1));
    await page.screenshot({ path: join(artifacts, 'sweep.png') });
    await page.close();
  });

  it('logged no console errors', () => {
    expect(problems).toEqual([]);
  });
});
