// `simulate reproduce` interrupted: each paper's folder is replaced whole (built beside it, then
// renamed), so a paper that did not finish keeps its earlier folder and no half-written folder is
// left; REPORT.md and config.json are rewritten for what finished and say the run was interrupted.

import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reproduceInto } from '../cli/reproduce/command.js';
import type { ToRun } from '../cli/reproduce/collect.js';
import { findPaper } from '../workloads/registry.js';
import type { Reproduction } from '../workloads/reproduction.js';

describe('an interrupted reproduction', () => {
  it('keeps the papers that finished, the earlier folder of the one that did not, and notes it in REPORT.md and config.json', async () => {
    const out = join(tmpdir(), 'results');
    mkdirSync(join(out, 'inks'), { recursive: true });
    writeFileSync(join(out, 'inks', 'table3.csv'), 'from an earlier run\n');
    const l3Paper = findPaper('l3')!;
    const l3: ToRun = { paper: 'l3', title: l3Paper.title, reproduction: { tables: [], figures: [] }, claims: l3Paper.claims.filter((c) => c.experiment === 'l3-appendix').slice(0, 2) };
    // A paper whose collection dies part-way (as a crash or a kill would), after l3 has finished.
    const dies = { figures: [], tables: { length: 1, [Symbol.iterator]: () => { throw new Error('killed'); } } };
    const inks: ToRun = { paper: 'inks', title: 'dies', reproduction: dies as unknown as Reproduction, claims: [] };
    await expect(reproduceInto({ which: 'all', out, scale: 'test', json: true, papers: [l3, inks] }, out, true)).rejects.toThrow('killed');

    expect(readdirSync(join(out, 'l3'))).toContain('reproduction.json');
    expect(readFileSync(join(out, 'inks', 'table3.csv'), 'utf8')).toBe('from an earlier run\n');
    const report = readFileSync(join(out, 'REPORT.md'), 'utf8');
    expect(report.split('\n')[0]).toBe('# Reproduction report');
    expect(report).toMatch(/> \*\*Interrupted run\*\* \(failed: killed\): inks did not finish/);
    expect(report).toContain('l3: test');
    expect(JSON.parse(readFileSync(join(out, 'config.json'), 'utf8')).interrupted).toEqual({ reason: 'failed: killed', unfinished: ['inks'] });
    // Nothing half-written or temporary beside the folders.
    expect(readdirSync(out).sort()).toEqual(['REPORT.md', 'config.json', 'inks', 'l3']);
    expect(existsSync(join(out, 'l3.partial'))).toBe(false);

    // The next complete run drops the note.
    await reproduceInto({ which: 'l3', out, scale: 'test', json: true, papers: [l3] }, out, true);
    expect(readFileSync(join(out, 'REPORT.md'), 'utf8')).not.toContain('Interrupted');
    expect(JSON.parse(readFileSync(join(out, 'config.json'), 'utf8')).interrupted).toBeUndefined();
  });
});
