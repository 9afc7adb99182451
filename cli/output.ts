// Writing results: files are written whole or not at all (a temporary file, then a rename); a run's
// CSV and text come from format.ts, which the browser explorer shares.

export { writeAtomic } from './outpath.js';
export { runCsv, runText } from './format.js';
