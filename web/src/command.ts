// The `simulate ...` command line equivalent to what the page runs, so every result can be
// reproduced from a terminal.

import type { RunSpec } from '../../workloads/run.js';
import type { CompareSpec } from '../../workloads/compare.js';

/** Quote a word for a POSIX shell when it needs it. */
export function shq(s: string): string {
  return /^[A-Za-z0-9_./:=,+@%-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

export function runCommand(s: RunSpec, extra: string[] = []): string {
  const w: string[] = ['simulate', '-m', s.machine, '-k', s.kernel];
  if (s.workload) w.push('-w', s.workload);
  for (const k of ['T', 'C', 'S'] as const) if (s[k] !== undefined) w.push(`-${k}`, String(s[k]));
  for (const k of ['clients', 'bytes', 'calls', 'warmup', 'seed'] as const) if (s[k] !== undefined) w.push(`--${k}`, String(s[k]));
  for (const a of s.set ?? []) w.push('--set', a);
  return [...w, ...extra].map(shq).join(' ');
}

export function compareCommand(s: CompareSpec, extra: string[] = []): string {
  const w: string[] = ['simulate', 'compare'];
  if (s.kernels?.length) w.push('--kernels', s.kernels.join(','));
  if (s.machines?.length) w.push('--machines', s.machines.join(','));
  if (s.bytes) w.push('--bytes', String(s.bytes));
  if (s.calls !== undefined) w.push('--calls', String(s.calls));
  return [...w, ...extra].map(shq).join(' ');
}
