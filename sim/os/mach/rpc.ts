// One Mach 3.0 RPC through MIG stubs and mach_msg_trap, stage by stage as inks Table 1 breaks it
// down (§4.3): the client stub marshals, traps; the kernel copies the message in, does its red
// tape, switches to the server, copies the message out; the server stub unmarshals, calls the work
// function, marshals the reply; and back. Argument bytes are copied where the paper says they are
// (§4.3: stack In 4 times, pointer In 3, Out 3, InOut 7), so argument costs follow from copy costs.

import { copy, instr, loadContext, read, rti, step, trap, write, CodeArea, type Page, type Space, type Step, type Work } from '../../hw/index.js';
import type { I386Layout } from './i386-rpc.js';
import { DESCRIPTOR_BYTES, HEADER_BYTES, RETCODE_BYTES, replyBytes, requestBytes, type Arg } from './args.js';
import type { MachLayout } from './layout.js';
import { bcopy, code, enterSegments, kernelCopy, leaveSegments, restoreRegisters, saveRegisters } from './mix.js';
import { COPY_SUFFIX, RPC_PATH as P, RPC_STAGES as S } from './stages.js';

/** PA-RISC instructions are 4 bytes; the path lengths are PA-RISC's, so their code is laid out so. */
export const INSTRUCTION_BYTES = 4;

export interface RpcOptions {
  /** The server is loaded into the kernel (INKS) and reached by message. */
  serverInKernel: boolean;
  /** The Table 1 test's timestamps at each stage (inks §4.3, §4.4). */
  instrumented: boolean;
  /** An in-kernel server's kernel calls stay on its own stack (the prototype of inks footnote 6). */
  serverOwnStack?: boolean;
  /**
   * On an x86 machine, the pages of Mach's own i386 path (i386-rpc.ts), which then carries raw
   * messages and mach_thread_self in place of the PA-RISC path; absent elsewhere.
   */
  i386?: I386Layout;
}

export type Side = 'client' | 'kernel' | 'server';

export interface SideStep {
  side: Side;
  step: Step;
}

/** An RPC's steps in three runs: client until the switch, server thread until the switch back, client. */
export interface RpcPath {
  clientOut: SideStep[];
  server: SideStep[];
  clientBack: SideStep[];
  /** The space the calling thread runs in, when it is not the client's (the server's own kernel calls). */
  context?: Space;
}

const pad4 = (n: number): number => Math.ceil(n / 4) * 4;

/** Offsets of each argument's datum in a message whose fixed part is `fixed` bytes. */
function layoutIn(args: readonly Arg[], fixed: number, carried: (a: Arg) => boolean): Map<Arg, number> {
  const at = new Map<Arg, number>();
  let off = fixed;
  for (const a of args) {
    if (!carried(a)) continue;
    at.set(a, off + DESCRIPTOR_BYTES);
    off += DESCRIPTOR_BYTES + pad4(a.bytes);
  }
  return at;
}

/** What the three parts of an RPC's path are built from. */
interface Parts {
  L: MachLayout;
  c: MachLayout['client'];
  s: MachLayout['server'];
  args: readonly Arg[];
  o: RpcOptions;
  req: number;
  rep: number;
  reqAt: Map<Arg, number>;
  repAt: Map<Arg, number>;
  argAt: Map<Arg, number>;
  clientCode: CodeArea;
  serverCode: CodeArea;
  trapCode: CodeArea;
  msgCode: CodeArea;
  /** A stage: its fixed work, then (as a separate step, so copying can be read apart) its copies. */
  stage(side: Side, label: string, area: CodeArea, work: Work[], copies?: Work[], stamps?: number): SideStep[];
  kmsgAlloc(bytes: number): Work[];
  kmsgFree(bytes: number): Work[];
}

const each = <T>(xs: readonly Arg[], f: (a: Arg) => T[]): T[] => xs.flatMap(f);

/**
 * The steps of one RPC. `serverWork` runs in the server after the (null) work
 * function, for servers that do real work (the Unix server's system calls).
 */
export function rpcPath(L: MachLayout, args: readonly Arg[], o: RpcOptions, serverWork: readonly SideStep[] = []): RpcPath {
  const p = parts(L, args, o);
  return { clientOut: clientOut(p), server: serverPart(p, serverWork), clientBack: clientBack(p) };
}

function parts(L: MachLayout, args: readonly Arg[], o: RpcOptions): Parts {
  const c = L.client;
  const s = L.server;
  const req = requestBytes(args);
  const rep = replyBytes(args);
  const reqAt = layoutIn(args, HEADER_BYTES, (a) => a.kind !== 'out');
  const repAt = layoutIn(args, HEADER_BYTES + RETCODE_BYTES, (a) => a.kind === 'out' || a.kind === 'inout' || a.kind === 'msg');
  // Where each argument lives in its caller: value arguments on the stack, the others in a buffer.
  const argAt = new Map<Arg, number>();
  let a0 = 0;
  for (const a of args) {
    argAt.set(a, a0);
    a0 += pad4(a.bytes);
  }

  const clientCode = new CodeArea(c.code, INSTRUCTION_BYTES);
  const serverCode = new CodeArea(s.code, INSTRUCTION_BYTES);
  const trapCode = new CodeArea(L.trapCode, INSTRUCTION_BYTES);
  const msgCode = new CodeArea(L.msgCode, INSTRUCTION_BYTES);
  const stamp = (page: Page, n = 1): Work[] =>
    o.instrumented ? [instr('alu', 3 * n), instr('st', n), write(page, 0x40, 4 * n)] : [];

  const stage = (side: Side, label: string, area: CodeArea, work: Work[], copies: Work[] = [], stamps = 1): SideStep[] => {
    const stampPage = side === 'server' ? s.stack : c.stack;
    const out: SideStep[] = [{ side, step: step(label, [...work, ...stamp(stampPage, stamps)], area) }];
    if (copies.length) out.push({ side, step: step(label + COPY_SUFFIX, copies, area) });
    return out;
  };
  // A message too big for the cached kernel message buffer is allocated and freed.
  const kmsgAlloc = (bytes: number): Work[] => (bytes > P.savedKmsgBytes ? [...code(P.kalloc), write(L.kmsgZone, 0, 16)] : []);
  const kmsgFree = (bytes: number): Work[] => (bytes > P.savedKmsgBytes ? [...code(P.kfree), write(L.kmsgZone, 0, 16)] : []);
  return { L, c, s, args, o, req, rep, reqAt, repAt, argAt, clientCode, serverCode, trapCode, msgCode, stage, kmsgAlloc, kmsgFree };
}

/** client: call the stub, marshal the request, trap */
function clientOut(p: Parts): SideStep[] {
  const { L, c, s, args, req, reqAt, argAt, clientCode, trapCode, msgCode, stage, kmsgAlloc } = p;
  return [
    ...stage('client', S[0], clientCode, [...code(P.callStub), write(c.stack, 0, 16)], [], 2),
    ...stage(
      'client',
      S[1],
      clientCode,
      [
        ...code(P.stubBefore),
        write(c.request, 0, HEADER_BYTES),
        ...each(args, (a) => (a.kind === 'out' ? [] : code(P.putDescriptor))),
        // A raw message's bytes are put straight into the message by the program.
        ...each(args, (a) => (a.kind === 'msg' ? [write(c.request, reqAt.get(a)!, a.bytes)] : [])),
      ],
      each(args, (a): Work[] =>
        // Stack arguments are stored into the message word by word, at the machine's copy rate.
        a.kind === 'value'
          ? [copy(pad4(a.bytes), c.stack, c.request, 0x80 + argAt.get(a)!, reqAt.get(a)!)]
          : a.kind === 'in' || a.kind === 'inout'
            ? bcopy(a.bytes, c.args, argAt.get(a)!, c.request, reqAt.get(a)!)
            : [],
      ),
    ),
    ...stage('kernel', S[2], trapCode, [trap(), ...saveRegisters(c.thread, P.savedWords), ...enterSegments(), ...code(P.trapEntry), write(c.kernelStack, 0xf00, 64)]),
    ...stage('kernel', S[3], msgCode, [...code(P.beforeCopyin), read(c.thread, 0x100)]),
    ...stage('kernel', S[4], msgCode, kmsgAlloc(req), kernelCopy(req, P.copyinRequest, c.request, 0, L.kmsg, 0)),
    ...stage('kernel', S[5], msgCode, [...code(P.redTapeSend), read(c.ipcSpace, 0x40, 16), read(L.ports, 0x100, 32), write(L.ports, 0x110, 8), write(L.kmsg, 0, 8)]),
    ...stage('kernel', S[6], msgCode, [
      ...code(P.contextSwitch),
      write(c.thread, 0x200, 32),
      read(s.thread, 0x200, 32),
      write(L.runQueue, 0, 8),
      loadContext(s.space),
    ]),
  ];
}

/** server thread: receive, unmarshal, work, marshal the reply, trap */
function serverPart(p: Parts, serverWork: readonly SideStep[]): SideStep[] {
  const { L, c, s, args, o, req, rep, reqAt, repAt, argAt, serverCode, trapCode, msgCode, stage, kmsgAlloc, kmsgFree } = p;
  return [
    ...stage('kernel', S[7], msgCode, [...code(P.redTapeReceive), read(s.ipcSpace, 0x40, 16), read(L.ports, 0x100, 32), write(s.ipcSpace, 0x80, 8)]),
    ...stage(
      'kernel',
      S[8],
      msgCode,
      [
        ...restoreRegisters(s.thread, P.savedWords),
        ...code(o.serverInKernel ? P.copyoutReturnDemuxInKernel : P.copyoutReturnDemux),
        // An in-kernel server is resumed in kernel mode: no return from interruption, no segment reload.
        ...(o.serverInKernel ? [] : [...leaveSegments(), rti()]),
        ...kmsgFree(req),
      ],
      kernelCopy(req, 0, L.kmsg, 0, s.request, 0),
    ),
    ...stage(
      'server',
      S[9],
      serverCode,
      [...code(P.serverBefore), read(s.request, 0, HEADER_BYTES), ...each(args, (a) => (a.kind === 'out' ? [] : code(P.checkDescriptor)))],
      // Value arguments are copied from the message to the server's stack; pointer arguments are used in place.
      each(args, (a): Work[] => (a.kind === 'value' ? [copy(pad4(a.bytes), s.request, s.stack, reqAt.get(a)!, 0x80 + argAt.get(a)!)] : [])),
    ),
    ...stage('server', S[10], serverCode, [
      ...code(P.work),
      // The work function reads In data in place and writes Out data straight into the reply.
      ...each(args, (a): Work[] =>
        a.kind === 'in' || a.kind === 'msg'
          ? [read(s.request, reqAt.get(a)!, Math.max(1, a.bytes))]
          : a.kind === 'out'
            ? [write(s.reply, repAt.get(a)!, Math.max(1, a.bytes))]
            : [],
      ),
    ]),
    ...serverWork,
    ...stage(
      'server',
      S[11],
      serverCode,
      [
        ...code(P.serverAfter),
        write(s.reply, 0, HEADER_BYTES + RETCODE_BYTES),
        ...each(args, (a) => (a.kind === 'out' || a.kind === 'inout' || a.kind === 'msg' ? code(P.putDescriptor) : [])),
        ...each(args, (a) => (a.kind === 'msg' ? [write(s.reply, repAt.get(a)!, a.bytes)] : [])),
      ],
      // InOut data is copied from the request message to the reply message (§4.3).
      each(args, (a) => (a.kind === 'inout' ? bcopy(a.bytes, s.request, reqAt.get(a)!, s.reply, repAt.get(a)!) : [])),
    ),
    ...stage('kernel', S[12], trapCode, [
      ...(o.serverInKernel ? [] : [trap()]),
      ...saveRegisters(s.thread, P.savedWords),
      ...(o.serverInKernel ? [] : enterSegments()),
      ...code(o.serverInKernel ? P.serverTrapEntryInKernel : P.serverTrapEntry),
      write(s.kernelStack, 0xf00, 64),
    ]),
    ...stage('kernel', S[13], msgCode, [...code(P.beforeCopyin), read(s.thread, 0x100)]),
    ...stage('kernel', S[14], msgCode, kmsgAlloc(rep), kernelCopy(rep, P.copyinReply, s.reply, 0, L.kmsg, 0)),
    ...stage('kernel', S[15], msgCode, [...code(P.redTapeReplySend), read(s.ipcSpace, 0x40, 16), read(L.ports, 0x140, 32), write(L.kmsg, 0, 8)]),
    ...stage('kernel', S[16], msgCode, [
      ...code(P.contextSwitch),
      write(s.thread, 0x200, 32),
      read(c.thread, 0x200, 32),
      write(L.runQueue, 0, 8),
      loadContext(c.space),
    ]),
  ];
}

/** client thread again: receive the reply, unmarshal, return */
function clientBack(p: Parts): SideStep[] {
  const { L, c, args, rep, repAt, argAt, clientCode, msgCode, stage, kmsgFree } = p;
  return [
    ...stage('kernel', S[17], msgCode, [...code(P.redTapeReplyReceive), read(c.ipcSpace, 0x40, 16), write(L.ports, 0x110, 8)]),
    ...stage('kernel', S[18], msgCode, [...restoreRegisters(c.thread, P.savedWords), ...code(P.copyoutReturn), ...kmsgFree(rep), ...leaveSegments(), rti()], kernelCopy(rep, 0, L.kmsg, 0, c.reply, 0)),
    ...stage(
      'client',
      S[19],
      clientCode,
      [
        ...code(P.stubAfter),
        read(c.reply, 0, HEADER_BYTES + RETCODE_BYTES),
        ...each(args, (a) => (a.kind === 'out' || a.kind === 'inout' || a.kind === 'msg' ? code(P.checkDescriptor) : [])),
        ...each(args, (a) => (a.kind === 'msg' ? [read(c.reply, repAt.get(a)!, a.bytes)] : [])),
      ],
      each(args, (a) => (a.kind === 'out' || a.kind === 'inout' ? bcopy(a.bytes, c.reply, repAt.get(a)!, c.args, argAt.get(a)!) : [])),
    ),
    ...stage('client', S[20], clientCode, [...code(P.returnStub), read(c.stack, 0, 16)]),
  ];
}
