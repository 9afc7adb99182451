// The report section "This machine": the host as its operating system described it, the
// primitives measured on it (Table 1 of the sleep/wake-up paper and the rest), the OS costs the
// host machine derives from them, and every composite measured against its simulation.

import type { MachineDesc } from '../../sim/hw/machine.js';
import type { HostProfile } from '../../machines/host/profile.js';
import { osCostsFromProfile } from '../../machines/host/machine.js';
import { HOST_SCHEDULER, tally, type HostClaim } from './compare.js';

const f = (x: number | null | undefined, d = 1) => (x === null || x === undefined || !Number.isFinite(x) ? '–' : x.toFixed(d));
const sign = (x: number | null) => (x === null ? '–' : `${x > 0 ? '+' : ''}${x.toFixed(1)}%`);

/** What each primitive is used for in the host machine. */
const USE: Record<string, string> = {
  clock_read: 'subtracted from single timed operations',
  null_syscall: 'trap + rti',
  tas_local: 'bus.tasCycles',
  enqdeq_pair: 'shmEnqueue, shmDequeue (1 processor) — Table 1',
  empty_test: 'shmEmpty, flagLoad/flagStore (1 processor)',
  poll_iteration: 'pollIteration',
  msg_pair: 'sysMsgsnd + sysMsgrcv — Table 1',
  msgsnd: 'split of msg_pair',
  msgrcv: 'split of msg_pair',
  sem_pair: 'sysSemop',
  futex_pair: 'not used (the protocols sleep on System V semaphores)',
  yield_1: 'sysYield — Table 1',
  yield_2: 'ctxSwitch (a switch to the process that ran just before) — Table 1',
  yield_3: 'ctxCold2 (a switch to a process two others ran after)',
  yield_4: 'ctxCold3 (a switch to a process three others ran after) — Table 1',
  futex_pingpong_1cpu: 'not used (a futex hand-over, for comparison with the semaphore one)',
  sem_pingpong_1cpu: 'sysSleep',
  wake_preempt: 'the scheduler\'s share of wake-ups that preempt the waker; sysSleep (sleeps per hand-over)',
  futex_pingpong_2cpu: 'not used (no cost in the model for waking an idle processor)',
  sem_pingpong_2cpu: 'not used (as futex_pingpong_2cpu)',
  line_transfer: 'flagLoad/flagStore (2 processors)',
  enqdeq_pair_cross: 'shmEnqueue, shmDequeue (2 processors)',
};

const OS_CLASSES = ['trap', 'sysYield', 'ctxSwitch', 'ctxCold2', 'ctxCold3', 'sysSleep', 'sysSemop', 'sysMsgsnd', 'sysMsgrcv', 'shmEnqueue', 'shmDequeue', 'shmEmpty', 'flagLoad', 'pollIteration'];

export function hostSection(p: HostProfile, machines: MachineDesc[], claims: HostClaim[], scale: string): string {
  const h = p.host;
  const L: string[] = [];
  const t = tally(claims);
  L.push('## This machine', '');
  L.push(
    `The sleep/wake-up paper re-run on the machine at hand: its Table 1 primitives measured (\`npm run host:measure\`), the host machine built from them alone, ` +
      `and every composite both measured and simulated. The measured composites are predicted claims of kind \`host\`; none of them sets a parameter. ` +
      `Accuracy depends on the machine and its load, so it is reported, not asserted.`,
    '',
  );
  L.push(`**${t.within10} of ${t.measured}** composites predicted within the paper's 10% figure tolerance, **${t.within20} of ${t.measured}** within 20%, ${t.miss} missed (throughput, msgs/ms).`, '');
  L.push('### The host', '');
  L.push('| | |', '|---|---|');
  L.push(`| processor | ${h.cpuModel} (${h.vendor})${h.hypervisor ? ', under a hypervisor' : ''} |`);
  L.push(`| processors online | ${h.processors} |`);
  L.push(`| clock | ${h.clockMHz} MHz (${h.clockSource}) |`);
  L.push(`| caches | ${h.caches.map((c) => `L${c.level} ${c.type.toLowerCase()} ${Math.round(c.sizeBytes / 1024)} KB${c.ways ? `, ${c.ways}-way` : ''}, ${c.lineBytes} B lines`).join('; ') || 'not reported'} (${h.caches[0]?.source ?? '–'}) |`);
  L.push(`| TLB | ${h.tlbEntries ?? 'not reported'} 4 KB entries, ${h.pcid ? 'tagged (pcid)' : 'flushed on an address-space switch (no pcid)'} |`);
  L.push(`| kernel | ${h.kernel} |`);
  L.push(`| load average (1, 5, 15 min) | ${h.loadAverage.before.join(', ')} before; ${h.loadAverage.after.join(', ')} after |`);
  L.push(`| measured | ${p.date}${p.quick ? ' (quick mode: fewer iterations and clients)' : ''}, ${p.tool} |`, '');
  L.push(`Method: ${p.method}`, '');
  L.push('### Primitives (Table 1 and the rest)', '');
  L.push('| primitive | min (µs) | median (µs) | repeats | calibrates |', '|---|---:|---:|---:|---|');
  for (const [k, v] of Object.entries(p.primitives)) {
    const d = v.unit === 'fraction' ? 1 : 1000;
    L.push(`| ${k}${v.unit === 'fraction' ? ' (fraction)' : ''} | ${f(v.min / d, 3)} | ${f(v.median / d, 3)} | ${v.samples.length} | ${USE[k] ?? '–'} |`);
  }
  L.push('');
  L.push('### Operating-system costs the host\'s Linux model is fitted to', '');
  L.push(
    `The Unix model of this machine is today's Linux with every primitive path fitted to the primitives above (as IRIX 6.2's are fitted to Table 1 on the Indy), ` +
      'priced by the host machine: its trap and return at half the null system call each, its other instructions at a cycle each; EEVDF scheduling.',
    '',
  );
  const fits = machines.map((m) => osCostsFromProfile(p, m.processors));
  const last = fits[fits.length - 1];
  L.push(`| cost | ${machines.map((m) => `${m.id} (cycles)`).join(' | ')} | source |`, `|---|${machines.map(() => '---:').join('|')}|---|`);
  for (const k of OS_CLASSES) {
    if (!fits.every((o) => k in o.costs)) continue;
    L.push(`| ${k} | ${fits.map((o) => String(o.costs[k])).join(' | ')} | ${last.sources[`costs.${k}`] ?? ''} |`);
  }
  L.push(`| bus.tasCycles | ${machines.map((m) => String(m.bus.tasCycles)).join(' | ')} | ${machines[machines.length - 1].sources['bus.tasCycles'] ?? ''} |`, '');
  L.push(`### Composites: measured against simulated (${scale} scale)`, '');
  L.push(
    `Server throughput in messages per millisecond (the paper's figures' unit), median of the measured runs; simulated with the \`${HOST_SCHEDULER}\` scheduler ` +
      '(a yield passes the processor; a wake-up preempts its waker in the share the host measured). Round trips are the clients\' mean.',
    '',
  );
  const procs = [...new Set(claims.map((c) => c.processors))].sort();
  L.push(
    `| protocol | clients | ${procs.map((n) => `${n} cpu: measured | simulated | error | RTT measured (µs) | RTT simulated (µs)`).join(' | ')} |`,
    `|---|---:|${procs.map(() => '---:|---:|---:|---:|---:').join('|')}|`,
  );
  const keys = [...new Set(claims.map((c) => `${c.protocol}:${c.clients}`))];
  for (const key of keys) {
    const [proto, clients] = key.split(':');
    const cells = procs.map((n) => {
      const c = claims.find((x) => x.protocol === proto && x.clients === Number(clients) && x.processors === n);
      if (!c) return '– | – | – | – | –';
      const mark = c.status === 'within 10%' ? '' : c.status === 'within 20%' ? ' ~' : c.status === 'miss' ? ' ✗' : '';
      return `${f(c.expected)} | ${f(c.simulated)} | ${sign(c.errorPct)}${mark} | ${f(c.measuredRttUs, 2)} | ${f(c.simulatedRttUs, 2)}`;
    });
    L.push(`| ${proto} | ${clients} | ${cells.join(' | ')} |`);
  }
  L.push('', '~ within 20%, ✗ more than 20% off.', '');
  L.push('Context switches per round trip, all processes: measured with getrusage (voluntary: the process slept; involuntary: it stayed runnable — a sched_yield, a preemption by a woken process or by another process of the host) against the simulation\'s.', '');
  L.push(`| protocol | clients | ${procs.map((n) => `${n} cpu: measured voluntary | involuntary | simulated`).join(' | ')} |`, `|---|---:|${procs.map(() => '---:|---:|---:').join('|')}|`);
  for (const key of keys) {
    const [proto, clients] = key.split(':');
    const cells = procs.map((n) => {
      const c = claims.find((x) => x.protocol === proto && x.clients === Number(clients) && x.processors === n);
      return c ? `${f(c.measuredVoluntaryPerRtt, 2)} | ${f(c.measuredInvoluntaryPerRtt, 2)} | ${f(c.switchesPerRtt, 2)}` : '– | – | –';
    });
    L.push(`| ${proto} | ${clients} | ${cells.join(' | ')} |`);
  }
  L.push('');
  const misses = claims.filter((c) => c.status === 'miss');
  if (misses.length) {
    L.push('Why each miss missed (from the counters above):', '');
    for (const c of misses) L.push(`- ${c.protocol}, ${c.clients} client(s), ${c.processors} processor(s), ${sign(c.errorPct)}: ${c.reason}.`);
    L.push('');
  }
  L.push('### Where the model and this host part', '');
  const pr = (k: string) => p.primitives[k]?.median;
  const us = (k: string) => f((pr(k) ?? NaN) / 1000, 2);
  L.push(
    `- **Wake-up preemption.** On this host ${f((pr('wake_preempt') ?? NaN) * 100, 0)}% of semaphore wake-ups in the ping-pong ran the woken process before its waker ` +
      `(\`wake_preempt\`); the model preempts in that share, spread evenly. A V that preempts turns Both Sides Wait into a hand-off: the ` +
      'server replies before the client sleeps, so the client neither sleeps nor needs waking. In the protocols with one client the host preempted at almost every wake-up (the involuntary switches above), more often than in the ping-pong.',
    `- **Cold switches.** A yield among 4 processes costs ${us('yield_4')} µs on this host against ${us('yield_2')} µs among 2: a process that three others ran after comes back to displaced state. ` +
      `The model charges the difference by how many others ran since the incoming process last did (none after one, all of it after three or more${p.primitives.yield_3 ? ', the 3-process loop\'s share after two' : '; after two, half of it: this profile has no 3-process yield loop, so that share is an interpolation, not a measurement'}).`,
    `- **Sleeping on two processors.** The model charges the sleep path (\`sysSleep\`) before the sleeper leaves its processor, and a wake-up that ` +
      'arrives meanwhile cancels the sleep: with one process per processor, blocking protocols rarely sleep in the model. On this host a blocking hand-over ' +
      `between processes free to use two processors costs ${us('futex_pingpong_2cpu')} µs (futex) against ${us('futex_pingpong_1cpu')} µs on one` +
      `${p.host.hypervisor ? ' (a virtual machine: waking an idle virtual processor is a hypervisor exit)' : ''}, and the scheduler may put the woken process on its waker's processor; the model has no cost for waking an idle processor and no wake-up placement.`,
    '- **Spinning with more processes than processors.** BSS and BSLS on two processors spin in 25 µs delay loops and never block; who runs is then decided ' +
      'by time slices (the EEVDF base slice, 0.75 ms × (1 + log2 processors), in the model and on Linux) and by every other process on a shared machine, which the model does not have.',
    `- **Load.** The host's load average was ${h.loadAverage.before.join(', ')} before the measurement and ${h.loadAverage.after.join(', ')} after; other processes ` +
      'take processors from pinned experiments (primitives and composites alike), so a noisy run moves both sides of the comparison.',
    '',
  );
  return L.join('\n');
}
