// The scheduling policies a sleep/wake-up run can select (`--set kernel.scheduler=...`), and which
// one each Unix model uses by default. Operating-system facts live here, with their sources; the
// machines' files hold only hardware (and name the operating system they run).

import { decayUsage } from './decay-usage.js';
import { eevdf } from './eevdf.js';
import { fixedPriority } from './fixed.js';
import { handoffPolicy } from './handoff.js';
import { linux10 } from './linux.js';
import type { SchedPolicy, SchedTask } from './policy.js';
import { unixModelFor } from '../unix-models/index.js';

export type { SchedPolicy, SchedTask, Reason } from './policy.js';

export const SCHEDULERS = ['default', 'decay-usage', 'fixed', 'linux', 'linux-modified', 'handoff', 'eevdf'] as const;
export type SchedulerName = (typeof SCHEDULERS)[number];

export const SCHEDULER_HELP =
  'default: the scheduler of the Unix model the machine runs (IRIX or AIX decay-usage; Linux 1.0 with the modified sched_yield, also on machines whose own system has no Unix model); ' +
  'decay-usage: degrading priorities as in IRIX 6.2 / AIX 4.1, a yield need not switch (§2.2); ' +
  'fixed: non-degrading priorities, a yield always switches (Figure 3); ' +
  'linux: Linux 1.0 stock sched_yield (§6, ~33 ms round trips); ' +
  'linux-modified: sched_yield expires the caller\'s quantum (§6); ' +
  'handoff: linux-modified plus handoff(pid)/PID_ANY used in place of busy_wait (§6); ' +
  'eevdf: Linux since 6.6, earliest eligible virtual deadline first, wake-up preemption, sched_yield pushes the deadline one slice on (the host\'s Linux)';

/** Clock tick of all three systems: Hz = 100 (IRIX Admin guide "slice_size"; AIX tuning guide; Linux 1.0 HZ). */
const TICK_US = 10_000;

/**
 * IRIX priority band: microseconds of recent processor time per priority level.
 * guess, fitted: IRIX's decay parameters are undocumented; chosen so that a busy-waiting client
 * and server make about 2.5 yields each per round trip on the Indy (§2.2), the one measurement of
 * the aging rate the paper gives.
 */
export const IRIX_BAND_US = 23;

/**
 * The policy by name for a machine; 'default' is the scheduler of the Unix model the machine runs
 * (its own operating system's, or Linux 1.0's where its system has no Unix model).
 */
export function makePolicy(name: SchedulerName, machine: { id: string; os: string; processors?: number }, clockMHz: number, all: () => readonly SchedTask[]): SchedPolicy {
  const model = unixModelFor(machine).model;
  const os = model.sched;
  const n = name === 'default' ? (os === 'linux' ? 'linux-modified' : os === 'eevdf' ? 'eevdf' : 'decay-usage') : name;
  switch (n) {
    case 'decay-usage':
      return os === 'aix'
        ? decayUsage({
            id: 'decay-usage',
            describe: 'AIX 4.1 decay-usage: C +1 per tick, priority 60 + C/2, C halved each second, 1-tick quantum',
            tickUs: TICK_US,
            quantumTicks: 1, // AIX tuning guide: default time slice one 10 ms tick
            accounting: 'tick',
            band: 2, // AIX: priority = 60 + C/2 (r = 16 of 32)
            decayFactor: 0.5, // AIX: C decayed by d/32 with d = 16 once a second
            usageCap: 120, // AIX: C capped at 120
            // assumption, from the paper's own numbers: IBM BSS at one client (32 msgs/ms, §2.2) is two
            // enqueue/dequeue pairs plus two 2-process yields (2 × 2 + 2 × 13 µs), so on AIX every yield
            // switched; priority separation by whole ticks would instead make yields spin for up to a tick.
            yieldTo: 'any',
            clockMHz,
          })
        : decayUsage({
            id: 'decay-usage',
            describe: 'IRIX 6.2 decay-usage: priority degrades with exact recent processor time; yield keeps the CPU unless another is strictly better',
            tickUs: TICK_US,
            quantumTicks: 3, // IRIX 6.2 slice_size = Hz/30 = 3 ticks (30 ms)
            accounting: 'exact',
            band: IRIX_BAND_US,
            decayFactor: 0.5, // guess: SVR4/BSD-style once-a-second halving; IRIX's factor is not documented
            usageCap: Infinity,
            yieldTo: 'better', // §2.2: the yielder runs on until its priority has degraded below the waiter's
            clockMHz,
          });
    case 'fixed':
      return fixedPriority(TICK_US, os === 'aix' ? 1 : 3);
    case 'linux':
      return linux10(false, all);
    case 'linux-modified':
      return linux10(true, all);
    case 'handoff':
      return handoffPolicy(all);
    case 'eevdf':
      return eevdf(
        {
          tickUs: 4000, // CONFIG_HZ_250 (kernel/Kconfig.hz's default, and the measured host's /proc/config.gz)
          // kernel/sched/fair.c: sysctl_sched_base_slice 0.75 ms, scaled by 1 + ilog2(processors online, at most 8)
          // (SCHED_TUNABLESCALING_LOG, the default)
          sliceUs: 750 * (1 + Math.floor(Math.log2(Math.min(8, Math.max(1, machine.processors ?? 1))))),
          clockMHz,
          wakePreempt: model.wakePreempt?.fraction,
          describe: 'Linux EEVDF (6.6 on): earliest eligible virtual deadline first, 0.75 ms base slice scaled by processors, HZ 250, wake-up preemption by an eligible wakee with an earlier deadline; sched_yield moves the deadline one slice on',
        },
        all,
      );
  }
  throw new Error(`unknown scheduler ${name}`);
}
