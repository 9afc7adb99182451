// The thread operations a workload may ask of a kernel that provides threads: URPC Table I's tests
// (§4.1). Any kernel with threads runs them its own way (FastThreads in user space, Taos's kernel
// threads), so the list belongs to no one kernel's substrate.

/** The operations of Table I, as the `op` of a thread request. */
export const THREAD_OPS = ['procedure-call', 'fork', 'fork-join', 'yield', 'acquire-release', 'pingpong'] as const;
export type ThreadOp = (typeof THREAD_OPS)[number];
