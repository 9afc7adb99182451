// Progress bars on stderr for long runs (reproduce, sweep). Quiet unless stderr is a terminal and
// the output is not machine-read (--json), so logs and pipes never see control characters.

import cliProgress from 'cli-progress';

export interface Progress {
  tick(task?: string): void;
  stop(): void;
}

const quiet: Progress = { tick() {}, stop() {} };

export function progressBar(total: number, title: string, enabled: boolean): Progress {
  if (!enabled || !process.stderr.isTTY || total <= 0) return quiet;
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: `${title} [{bar}] {value}/{total} {eta_formatted} {task}`,
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 20,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { task: '' });
  return {
    tick(task = '') {
      bar.increment(1, { task });
    },
    stop() {
      bar.stop();
    },
  };
}
