// Stands in for node:fs in the browser build (see vite.config.ts): the page never writes files;
// downloads go through the browser instead.
const unavailable = (): never => {
  throw new Error('no file system in the browser');
};
export const writeFileSync = unavailable;
export const renameSync = unavailable;
export const readFileSync = unavailable;
export const mkdirSync = unavailable;
export const existsSync = (): boolean => false;
