export { System } from './system.js';
export { AddressSpace } from './address-space.js';
