// Arguments of a Mach RPC by kind, and the messages MIG builds from them (inks §4.3). The kinds
// are the paper's: simple In parameters on the stack (by value), In / Out / InOut parameters by
// pointer; plus a raw message of n bytes each way (a program calling mach_msg itself, as the L3
// paper's ping-pong does). Each kind says which copies each path makes, so argument costs follow
// from per-byte copy costs.

export type ArgKind = 'value' | 'in' | 'out' | 'inout' | 'msg';

export interface Arg {
  kind: ArgKind;
  bytes: number;
}

/** mach_msg_header_t: bits, size, remote and local port, sequence/reserved, id (Mach 3.0 message.h). */
export const HEADER_BYTES = 24;
/** mach_msg_type_t, the short-form type descriptor before each inline datum (Mach 3.0 message.h). */
export const DESCRIPTOR_BYTES = 4;
/** MIG replies carry a RetCode: its descriptor and the kern_return_t. */
export const RETCODE_BYTES = DESCRIPTOR_BYTES + 4;
/** A pointer or a port name passed by value in a register or on the stack. */
export const WORD_BYTES = 4;

const pad4 = (n: number): number => Math.ceil(n / 4) * 4;

const KINDS: readonly ArgKind[] = ['value', 'in', 'out', 'inout', 'msg'];

/**
 * The arguments an operation passes: 'null', or comma-separated kind:bytes such as 'in:64',
 * 'out:1024', 'inout:128', 'value:12'. Without an op, `bytes` > 0 is a raw message each way.
 */
export function parseArgs(op: string | undefined, bytes: number): Arg[] {
  if (op === undefined || op === '' || op === 'rpc') return bytes > 0 ? [{ kind: 'msg', bytes }] : [];
  if (op === 'null') return [];
  return op.split(',').map((part) => {
    const [kind, n] = part.split(':');
    const b = Number(n);
    if (!KINDS.includes(kind as ArgKind) || !Number.isInteger(b) || b < 0) {
      throw new Error(`bad argument '${part}' in op '${op}' (expected kind:bytes with kind one of ${KINDS.join(', ')})`);
    }
    return { kind: kind as ArgKind, bytes: b };
  });
}

export const carriedInRequest = (a: Arg): boolean => a.kind !== 'out';
export const carriedInReply = (a: Arg): boolean => a.kind === 'out' || a.kind === 'inout' || a.kind === 'msg';

/** Bytes of the request message MIG builds. */
export function requestBytes(args: readonly Arg[]): number {
  return HEADER_BYTES + args.filter(carriedInRequest).reduce((s, a) => s + DESCRIPTOR_BYTES + pad4(a.bytes), 0);
}

/** Bytes of the reply message. */
export function replyBytes(args: readonly Arg[]): number {
  return HEADER_BYTES + RETCODE_BYTES + args.filter(carriedInReply).reduce((s, a) => s + DESCRIPTOR_BYTES + pad4(a.bytes), 0);
}

/** Words the caller passes in registers or on the stack: the port name, each pointer, each value. */
export function callWords(args: readonly Arg[]): number {
  return 1 + args.reduce((s, a) => s + (a.kind === 'value' ? pad4(a.bytes) / WORD_BYTES : a.kind === 'msg' ? 0 : 1), 0);
}
