// The command line run in this process (tens of cases in the time of a few process starts): the
// compiled CLI's runCli with process.exit, stdout and stderr captured. Use only for commands that
// end quickly; each command keeps a test of its real entry point through a spawned process.

import { vi } from 'vitest';
import { shareRuns } from '../../workloads/measure.js';

class Exit extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

export interface CliResult {
  status: number;
  stdout: string;
  stderr: string;
}

let runCli: ((argv: string[]) => Promise<void>) | null = null;

export async function cli(...args: string[]): Promise<CliResult> {
  if (!runCli) {
    // The compiled CLI (npm test builds it first), as the bin runs it; imported without running
    // (the flag is dropped at once so processes the tests start run normally).
    process.env.IPCSIM_NO_AUTORUN = '1';
    const path = '../../dist/cli/main.js';
    try {
      runCli = ((await import(path)) as { runCli: (a: string[]) => Promise<void> }).runCli;
    } finally {
      delete process.env.IPCSIM_NO_AUTORUN;
    }
    // The compiled measure module memoises through the suite's shared runs too (support/runs.ts),
    // so a command reads back the runs the test files have made instead of making them again.
    const suiteRuns = shareRuns(null);
    shareRuns(suiteRuns);
    const compiled = '../../dist/workloads/measure.js';
    ((await import(compiled)) as { shareRuns: typeof shareRuns }).shareRuns(suiteRuns);
  }
  let stdout = '';
  let stderr = '';
  // The first exit ends the command: later output (of handlers the exception unwinds through) is not seen.
  let exited: number | null = null;
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => (exited === null && (stdout += String(s)), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => (exited === null && (stderr += String(s)), true));
  const exit = vi.spyOn(process, 'exit').mockImplementation((code?: string | number | null) => {
    exited ??= Number(code ?? 0);
    throw new Exit(exited);
  });
  let status = 0;
  try {
    await runCli!(args);
    status = exited ?? Number(process.exitCode ?? 0);
  } catch (e) {
    if (!(e instanceof Exit)) throw e;
    status = exited ?? e.code;
  } finally {
    process.exitCode = undefined;
    out.mockRestore();
    err.mockRestore();
    exit.mockRestore();
  }
  return { status, stdout, stderr };
}
