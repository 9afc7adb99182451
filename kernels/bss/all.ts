// The sleep/wake-up paper's kernels (Unrau and Krieger 1997), for the registry: System V message
// queues and the four user-level protocols.
export { sysv } from '../sysv/index.js';
export { bss } from './index.js';
export { bsw } from '../bsw/index.js';
export { bswy } from '../bswy/index.js';
export { bsls } from '../bsls/index.js';
