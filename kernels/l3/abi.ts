// L3's IPC interface on the 486 as the paper fixes it: the register convention of Table 6, the
// limits of a message (§5.2.3, §5.5.4), the thread uid (§5.3.1) and the communication window
// (§5.2.3). The kernel checks messages against these limits before it runs a path.

/** Table 6: what each register carries into and out of an IPC. */
export const REGISTERS = {
  EAX: { input: 'receive buffer address', output: 'result code' },
  EBX: { input: 'send timeout', output: 'bytes 0...3 of the received message' },
  ECX: { input: 'send message address', output: 'bytes 4...7 of the received message' },
  'EDX+ESI': { input: 'destination thread id', output: 'source thread id' },
  EDI: { input: 'receive timeout', output: 'scratch' },
  EBP: { input: 'scratch', output: 'scratch' },
  ESP: { input: 'stack pointer', output: 'stack pointer' },
} as const;

/** §5.3.6: the 486's seven general registers, three of them taken by the sender id and the result. */
export const GENERAL_REGISTERS = 7;
export const REGISTERS_FOR_IDS_AND_RESULT = 3;
/** §5.3.6: two of the four free registers carry a short message. */
export const SHORT_MESSAGE_BYTES = 8;

/** §5.3.1: thread uids are 64 bits: thread number (low word), generation, station, chief. */
export const UID_BITS = 64;

/** §5.5.4: the direct string's length counts 4-byte words in an 8-bit register. */
export const DIRECT_STRING_MAX_BYTES = 255 * 4;
/** §5.5.4 / §5.2.3: indirect strings and memory objects per message, each counted in 8 bits. */
export const MAX_INDIRECT_STRINGS = 255;
export const MAX_MEMORY_OBJECTS = 255;
/** §5.2.3: a string may be up to 4 MB, so it never crosses more than one page-directory entry. */
export const MAX_STRING_BYTES = 4 * 1024 * 1024;

/** §5.2.3: the 486 page directory: 1024 entries, each spanning 4 MB of the address space. */
export const PDIR_ENTRIES = 1024;
export const PDIR_ENTRY_SPAN_BYTES = 4 * 1024 * 1024;
/** §5.2.3: the communication window maps an 8 MB region, the receive buffer in its lower half. */
export const WINDOW_BYTES = 8 * 1024 * 1024;
export const WINDOW_PDIR_ENTRIES = WINDOW_BYTES / PDIR_ENTRY_SPAN_BYTES;

/** Why a message of this shape cannot be sent, or null. */
export function messageProblem(bytes: number, indirectStrings: number): string | null {
  if (!Number.isInteger(indirectStrings) || indirectStrings < 0 || indirectStrings > MAX_INDIRECT_STRINGS) {
    return `L3 messages carry 0 to ${MAX_INDIRECT_STRINGS} indirect strings (§5.5.4); got ${indirectStrings}`;
  }
  if (indirectStrings === 0 && bytes > DIRECT_STRING_MAX_BYTES) {
    // Longer messages go as indirect strings (§5.2.2); the workload's n bytes become one string.
    return null;
  }
  const per = indirectStrings > 0 ? Math.ceil(bytes / indirectStrings) : bytes;
  if (per > MAX_STRING_BYTES) return `an L3 string is at most 4 MB (§5.2.3); got ${per} bytes`;
  return null;
}
