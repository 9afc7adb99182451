// A call to an in-kernel server by trap (inks §3.3, Table 2): the KMIG client stub traps with the
// msgh_id as trap number; the kernel finds the port, the server task and its registered trap
// table, takes a service stack, switches to it and to the server's task identity, copies the
// call-by-value arguments, and calls the server stub, which copies pointer arguments in with the
// kernel's copyin and Out arguments back with copyout. No message is built and no address space
// is switched: the client's thread runs the server code.

import { CodeArea, copy, instr, read, rti, step, trap, write, type Page, type Work } from '../../sim/hw/index.js';
import type { System } from '../../sim/os/index.js';
import type { Arg } from '../../sim/os/mach/args.js';
import { callWords } from '../../sim/os/mach/args.js';
import { regionPages, type MachLayout } from '../../sim/os/mach/layout.js';
import { code, kernelCopy, restoreRegisters, saveRegisters } from '../../sim/os/mach/mix.js';
import { INSTRUCTION_BYTES, type SideStep } from '../../sim/os/mach/rpc.js';
import { TRAP_PATH as P, TRAP_STAGES as S } from './stages.js';

export interface TrapLayout {
  /** The server's registered trap table (attached to its task, §3.4.3). */
  trapTable: Page;
  /** The pool of service stacks the server provides (§3.3). */
  serviceStack: Page;
}

export function layOutTrap(sys: System): TrapLayout {
  const k = sys.hw.kernel;
  return {
    trapTable: k.page('server trap table', regionPages(sys)),
    serviceStack: k.page('server service stack', regionPages(sys, 3)),
  };
}

export interface TrapPath {
  /** The trap up to the lookups (where an unregistered call turns back). */
  entry: SideStep[];
  /** The rest: stack, stub, work, return. */
  rest: SideStep[];
  /** The way back when the trap table has no entry: an error code to the client stub. */
  refused: SideStep[];
}

const pad4 = (n: number): number => Math.ceil(n / 4) * 4;

/** The steps of one INKS trap; `serverWork` runs in the server after the (null) work function. */
export function trapPath(L: MachLayout, T: TrapLayout, args: readonly Arg[], instrumented: boolean, serverWork: readonly SideStep[] = []): TrapPath {
  const c = L.client;
  const s = L.server;
  const clientCode = new CodeArea(c.code, INSTRUCTION_BYTES, 2048);
  const kernelCode = new CodeArea(L.inksCode, INSTRUCTION_BYTES);
  const serverCode = new CodeArea(s.code, INSTRUCTION_BYTES, 2048);
  const stamp = (n = 1): Work[] => (instrumented ? [instr('alu', 3 * n), instr('st', n), write(c.stack, 0x40, 4 * n)] : []);
  const stage = (side: SideStep['side'], label: string, area: CodeArea, work: Work[], copies: Work[] = [], stamps = 1): SideStep[] => {
    const out: SideStep[] = [{ side, step: step(label, [...work, ...stamp(stamps)], area) }];
    if (copies.length) out.push({ side, step: step(`${label} / copy`, copies, area) });
    return out;
  };
  // Where each pointer argument's datum sits: in the client's buffer and in the stub's locals on the service stack.
  const at = new Map<Arg, number>();
  let off = 0;
  for (const a of args) {
    at.set(a, off);
    off += pad4(a.bytes);
  }
  const local = (a: Arg): number => 0x400 + at.get(a)!;
  const copiedIn = (a: Arg): boolean => a.kind === 'in' || a.kind === 'inout' || a.kind === 'msg';
  const copiedOut = (a: Arg): boolean => a.kind === 'out' || a.kind === 'inout' || a.kind === 'msg';
  const words = callWords(args);

  const entry: SideStep[] = [
    ...stage('client', S[0], clientCode, [...code(P.callStub), write(c.stack, 0, 16)], [], 2),
    ...stage('kernel', S[1], kernelCode, [trap(), ...saveRegisters(c.thread, P.savedWords), ...code(P.trapEntry), write(c.kernelStack, 0xf00, 64)]),
    // The lookups include the test of the port's message queue (§3.4.5).
    ...stage('kernel', S[2], kernelCode, [...code(P.lookups), read(c.ipcSpace, 0x40, 16), read(L.ports, 0x100, 16), read(s.task, 0x40, 8), read(T.trapTable, 0x80, 8)]),
  ];
  const rest: SideStep[] = [
    ...stage('kernel', S[3], kernelCode, [...code(P.allocStack), read(s.task, 0x60, 8), write(s.task, 0x60, 4)]),
    ...stage(
      'kernel',
      S[4],
      kernelCode,
      [...code(P.switchStacks), write(c.thread, 0x300, 8)],
      // The call-by-value parameters (port name, pointers, values) from the user stack to the service stack.
      [copy(words * 4, c.stack, T.serviceStack, 0x80, 0x100)],
    ),
    ...stage('kernel', S[5], kernelCode, [...code(P.callServerStub), write(T.serviceStack, 0x180, 16)]),
    ...stage(
      'server',
      S[6],
      serverCode,
      [...code(P.stubBefore)],
      args.flatMap((a) => (copiedIn(a) ? kernelCopy(a.bytes, P.copyin, c.args, at.get(a)!, T.serviceStack, local(a)) : [])),
    ),
    ...stage('server', S[7], serverCode, [
      ...code(P.work),
      ...args.flatMap((a): Work[] => (copiedIn(a) ? [read(T.serviceStack, local(a), Math.max(1, a.bytes))] : a.kind === 'out' ? [write(T.serviceStack, local(a), Math.max(1, a.bytes))] : [])),
    ]),
    ...serverWork,
    ...stage(
      'server',
      S[8],
      serverCode,
      [...code(P.stubAfter)],
      args.flatMap((a) => (copiedOut(a) ? kernelCopy(a.bytes, P.copyout, T.serviceStack, local(a), c.args, at.get(a)!) : [])),
    ),
    ...stage('kernel', S[9], kernelCode, [...code(P.returnToKernel)]),
    ...stage('kernel', S[10], kernelCode, [...code(P.trapReturn), write(s.task, 0x60, 4), ...restoreRegisters(c.thread, P.savedWords), rti()]),
    ...stage('client', S[11], clientCode, [...code(P.returnStub), read(c.stack, 0, 16)]),
  ];
  // No entry in the trap table, or requests queued at the port: the kernel returns an error code
  // (MACH_SEND_INTERRUPTED for the queue) and the client stub falls back to a message (inks §2.3, §3.4.5).
  const refused: SideStep[] = [
    { side: 'kernel', step: step('INKS trap refused, return error', [...code(P.trapReturn), ...restoreRegisters(c.thread, P.savedWords), rti()], kernelCode) },
    { side: 'client', step: step('client stub tests the error, builds a message', [...code(P.returnStub)], clientCode) },
  ];
  return { entry, rest, refused };
}
