export { HELD, System } from './system.js';
export { AddressSpace } from './address-space.js';
