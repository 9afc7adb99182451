// The experiment shapes of the in-kernel servers paper: the RPC tests of Table 3 (a null RPC and
// the argument variants, run on the bare Mach kernel) and the Unix system calls of Table 4, each a
// closed loop of calls passing its operation to the kernel.

import type { CallArg, Request } from '../../kernels/kernel.js';
import { takes, type WorkloadDef } from '../workload.js';
import { closedLoop } from '../common/closed-loop.js';
import { andrewMix } from './andrew.js';

const MACH_KERNELS = ['mach', 'inks-msg', 'inks-trap'];

/** Table 3's tests (inks §4.4): the arguments each passes (op names them kind:bytes). */
export const RPC_TESTS = [
  { id: 'inks-null', op: 'null', args: [], title: 'Table 3 null RPC: no arguments' },
  { id: 'inks-in64', op: 'in:64', args: [{ kind: 'in', bytes: 64 }], title: 'Table 3: one 64-byte In argument (by pointer)' },
  { id: 'inks-in1k', op: 'in:1024', args: [{ kind: 'in', bytes: 1024 }], title: 'Table 3: one 1024-byte In argument (by pointer)' },
  { id: 'inks-out1k', op: 'out:1024', args: [{ kind: 'out', bytes: 1024 }], title: 'Table 3: one 1024-byte Out argument' },
  { id: 'inks-inout128', op: 'inout:128', args: [{ kind: 'inout', bytes: 128 }], title: 'Table 3 / Tables 1-2: one 128-byte (32-word) InOut argument' },
] as const satisfies readonly { id: string; op: string; args: readonly CallArg[]; title: string }[];

/** One argument of a kind, of --bytes bytes (inks §4.3's argument kinds, for size sweeps). */
export const ARG_KIND_TESTS = [
  { id: 'inks-arg-value', kind: 'value', title: 'one simple In argument of --bytes bytes passed on the stack' },
  { id: 'inks-arg-in', kind: 'in', title: 'one In argument of --bytes bytes passed by pointer' },
  { id: 'inks-arg-out', kind: 'out', title: 'one Out argument of --bytes bytes' },
  { id: 'inks-arg-inout', kind: 'inout', title: 'one InOut argument of --bytes bytes' },
] as const;

/** Table 4's Unix system calls (inks §4.4), through the emulator and the OSF/1 server. */
export const UNIX_TESTS = [
  { id: 'unix-nop-emulator', call: 'nop-emulator', title: 'Table 4: a null system call answered by the emulator' },
  { id: 'unix-nop-server', call: 'nop-server', title: 'Table 4: a null system call answered by the server' },
  { id: 'unix-getpid', call: 'getpid', title: 'Table 4: getpid (answered by the emulator)' },
  { id: 'unix-getgid', call: 'getgid', title: 'Table 4: getgid' },
  { id: 'unix-setrlimit', call: 'setrlimit', title: 'Table 4: setrlimit' },
  { id: 'unix-read4096', call: 'read4096', title: 'Table 4: 4096-byte read' },
  { id: 'unix-read64', call: 'read64', title: 'Table 4: 64-byte read' },
  { id: 'unix-write4096', call: 'write4096', title: 'Table 4: 4096-byte write' },
  { id: 'unix-write64', call: 'write64', title: 'Table 4: 64-byte write' },
  { id: 'unix-stat', call: 'stat', title: 'Table 4: stat' },
  { id: 'unix-create', call: 'create', title: 'Table 4: create' },
  { id: 'unix-signal', call: 'signal', title: 'Table 4: signal' },
] as const;

/** Table 5's server-to-kernel calls (inks §4.4), made by the Unix server's thread. */
export const KERNEL_CALL_TESTS = [
  { id: 'server-kernel-msg', op: 'mach:msg', title: 'Table 5: a do-nothing Mach kernel call by message from the server' },
  { id: 'server-kernel-trap', op: 'mach:trap', title: 'Table 5: a do-nothing Mach kernel call by trap from the server (task_terminate of a null task)' },
] as const;

/** A closed loop of one request (built from --bytes) on the Mach kernels. */
const loopWith = (id: string, request: (bytes: number) => Request, title: string, kernels = MACH_KERNELS): WorkloadDef => ({
  id,
  title,
  kernels,
  requests: request(0).kind,
  start: (sys, k, p, o) => closedLoop(sys, k, p, { ...o, request: request(p.bytes) }),
  runsOn: (k) => kernels.includes(k.id) && takes(k, request(0).kind),
});

export const inksWorkloads: WorkloadDef[] = [
  ...RPC_TESTS.map((t) => loopWith(t.id, (bytes) => ({ kind: 'call', bytes, args: t.args }), t.title)),
  ...UNIX_TESTS.map((t) => loopWith(t.id, () => ({ kind: 'system', call: `unix:${t.call}` }), t.title)),
  ...KERNEL_CALL_TESTS.map((t) => loopWith(t.id, () => ({ kind: 'system', call: t.op }), t.title)),
  ...ARG_KIND_TESTS.map((t) => loopWith(t.id, (bytes) => ({ kind: 'call', bytes, args: [{ kind: t.kind, bytes }] }), t.title)),
  andrewMix,
];
