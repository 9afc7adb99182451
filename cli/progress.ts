// Progress bars on stderr for long runs (reproduce, sweep). Quiet unless stderr is a terminal and
// the output is not machine-read (--json), so logs and pipes never see control characters.

import cliProgress from 'cli-progress';

export interface Progress {
  /** A unit of work is done. */
  tick(task?: string): void;
  /** A simulation run finished (shown as a count while a long unit runs). */
  ran(): void;
  stop(): void;
}

const quiet: Progress = { tick() {}, ran() {}, stop() {} };

export function progressBar(total: number, title: string, enabled: boolean, countRuns = true): Progress {
  if (!enabled || !process.stderr.isTTY || total <= 0) return quiet;
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: countRuns ? `${title} [{bar}] {value}/{total} {runs} runs {duration_formatted} {task}` : `${title} [{bar}] {value}/{total} {duration_formatted}, about {eta_formatted} to go`,
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 20,
    },
    cliProgress.Presets.shades_classic,
  );
  let runs = 0;
  bar.start(total, 0, { task: '', runs });
  // Ctrl-C: give the terminal its cursor back; files are written whole or not at all anyway.
  const interrupted = () => {
    bar.stop();
    process.exit(130);
  };
  process.once('SIGINT', interrupted);
  return {
    tick(task = '') {
      bar.increment(1, { task, runs });
    },
    ran() {
      bar.increment(0, { runs: ++runs });
    },
    stop() {
      process.removeListener('SIGINT', interrupted);
      bar.stop();
    },
  };
}
