// The cluster recipes in scripts/cluster/: the Slurm array script run locally once per
// SLURM_ARRAY_TASK_ID, then in its merge mode, gives exactly the unsplit sweep's CSV; the same for
// the Kubernetes Indexed Job's shard and merge scripts with JOB_COMPLETION_INDEX.

import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './support/cli.js';

const root = join(import.meta.dirname, '..');
const SIMULATE = `${process.execPath} ${join(root, 'bin', 'simulate.js')}`;
const GRID = '-m i486-dx50 -k l3 --calls 50 --bytes 0,8 --set kernel.path=minimal --set tlb.entries=4,8,32';
const SHARDS = 3;

let whole: string | null = null;
/** The unsplit sweep's CSV (run once, in this process: the scripts are what start processes here). */
async function unsplit(): Promise<string> {
  if (whole === null) {
    const all = join(tmpdir(), 'unsplit.csv');
    const r = await cli('sweep', ...GRID.split(' '), '--jobs', '1', '-o', all);
    expect(r.status, r.stderr).toBe(0);
    whole = readFileSync(all, 'utf8');
  }
  return whole;
}

/** The script of the `args: - |` block after `name: <container>` in the manifest, dedented. */
function containerScript(yaml: string, container: string): string {
  const lines = yaml.split('\n');
  let k = lines.findIndex((l) => l.trim() === `- name: ${container}`);
  k = lines.findIndex((l, j) => j > k && l.trim() === '- |');
  const indent = lines[k + 1].length - lines[k + 1].trimStart().length;
  const body: string[] = [];
  for (let j = k + 1; j < lines.length && (lines[j].trim() === '' || lines[j].length - lines[j].trimStart().length >= indent); j++) body.push(lines[j].slice(indent));
  return body.join('\n');
}

describe('cluster recipes', () => {
  it('the Slurm array script, task by task, then its merge, equals the unsplit sweep', async () => {
    const out = join(tmpdir(), 'slurm');
    mkdirSync(out, { recursive: true });
    const env = { ...process.env, SIMULATE, OUT: out, GRID, SHARDS: String(SHARDS), SLURM_ARRAY_TASK_COUNT: String(SHARDS) };
    const script = join(root, 'scripts', 'cluster', 'sweep.slurm');
    for (let i = 1; i <= SHARDS; i++) {
      const r = spawnSync('bash', [script], { env: { ...env, SLURM_ARRAY_TASK_ID: String(i) }, encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
    }
    const m = spawnSync('bash', [script, 'merge'], { env, encoding: 'utf8' });
    expect(m.status, m.stderr).toBe(0);
    expect(readFileSync(join(out, 'sweep.csv'), 'utf8')).toBe(await unsplit());
    // A task of an array whose size differs from SHARDS is refused before it runs.
    const bad = spawnSync('bash', [script], { env: { ...env, SLURM_ARRAY_TASK_ID: '1', SLURM_ARRAY_TASK_COUNT: '4' }, encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/the job array has 4 tasks but SHARDS is 3/);
  });

  it('the Kubernetes Indexed Job, pod by pod, then its merge Job, equals the unsplit sweep', async () => {
    const yaml = readFileSync(join(root, 'scripts', 'cluster', 'sweep-job.yaml'), 'utf8');
    expect(yaml).toMatch(/completionMode: Indexed/);
    const out = join(tmpdir(), 'k8s');
    mkdirSync(out, { recursive: true });
    const env = { ...process.env, SIMULATE, OUT: out, GRID, SHARDS: String(SHARDS) };
    for (let k = 0; k < SHARDS; k++) {
      const r = spawnSync('bash', ['-c', containerScript(yaml, 'shard')], { env: { ...env, JOB_COMPLETION_INDEX: String(k) }, encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
    }
    const m = spawnSync('bash', ['-c', containerScript(yaml, 'merge')], { env, encoding: 'utf8' });
    expect(m.status, m.stderr).toBe(0);
    expect(readFileSync(join(out, 'sweep.csv'), 'utf8')).toBe(await unsplit());
  });
});
