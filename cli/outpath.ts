// Output paths: checked before any work (a long run must not end in "cannot write"), and written
// whole or not at all: a temporary file beside the target, then a rename. Temporary files and
// folders are removed on any failure and when the process exits, Ctrl-C included.

import { accessSync, constants, existsSync, mkdtempSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync, openSync, closeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UsageError } from '../workloads/limits.js';

const temporaries = new Set<string>();

function cleanUp(): void {
  for (const p of temporaries) rmSync(p, { recursive: true, force: true });
  temporaries.clear();
}
process.on('exit', cleanUp);

/** Remove temporaries now (before exiting on a signal). */
export const removeTemporaries = cleanUp;

/** Track a temporary file or folder until `keep` or exit. */
export function track(path: string): void {
  temporaries.add(path);
}
export function untrack(path: string): void {
  temporaries.delete(path);
}

const errno = (e: unknown) => (e as NodeJS.ErrnoException).code ?? (e as Error).message;

/** Whether a file can be created in dir: try it (permissions, read-only and virtual file systems). */
function canCreateIn(dir: string): string | null {
  const probe = join(dir, `.ipcsim-probe-${process.pid}-${Date.now()}`);
  try {
    closeSync(openSync(probe, 'wx'));
    unlinkSync(probe);
    return null;
  } catch (e) {
    return errno(e);
  }
}

/** The nearest existing ancestor of a path (itself if it exists). */
function existing(p: string): string {
  let d = p;
  while (!existsSync(d) && dirname(d) !== d) d = dirname(d);
  return d;
}

/** A file to be written: not empty, not a folder, in a folder that exists and can be written. */
export function checkOutputFile(flag: string, path: string): void {
  if (path.trim() === '') throw new UsageError(`${flag} '': empty path; give a file name`);
  const abs = resolve(path);
  if (existsSync(abs)) {
    const st = statSync(abs);
    if (st.isDirectory()) throw new UsageError(`${flag} ${path}: is a folder; give a file name (e.g. ${join(path, 'out')})`);
    try {
      accessSync(abs, constants.W_OK);
    } catch {
      throw new UsageError(`${flag} ${path}: the file exists and cannot be written`);
    }
  }
  const dir = dirname(abs);
  if (!existsSync(dir)) throw new UsageError(`${flag} ${path}: folder ${dirname(path)} does not exist`);
  if (!statSync(dir).isDirectory()) throw new UsageError(`${flag} ${path}: ${dirname(path)} is not a folder`);
  const bad = canCreateIn(dir);
  if (bad) throw new UsageError(`${flag} ${path}: cannot write in ${dirname(path)} (${bad})`);
}

/** A folder to be written into: not empty, not a file; it or its nearest existing ancestor writable. */
export function checkOutputDir(flag: string, path: string): void {
  if (path.trim() === '') throw new UsageError(`${flag} '': empty path; give a folder`);
  const abs = resolve(path);
  const base = existing(abs);
  if (!statSync(base).isDirectory()) {
    throw new UsageError(base === abs ? `${flag} ${path}: is a file, not a folder` : `${flag} ${path}: ${base} is a file, not a folder`);
  }
  const bad = canCreateIn(base);
  if (bad) throw new UsageError(`${flag} ${path}: cannot write in ${base === abs ? path : base} (${bad})`);
}

/** Several output flags must not name one file. */
export function checkDistinct(outputs: [flag: string, path: string | undefined][]): void {
  const seen = new Map<string, string>();
  for (const [flag, p] of outputs) {
    if (p === undefined) continue;
    const abs = resolve(p);
    const other = seen.get(abs);
    if (other) throw new UsageError(`${flag} ${p}: ${other} writes the same file; give each output its own`);
    seen.set(abs, flag);
  }
}

/** Write a file whole or not at all; a failure removes the temporary file and names the target. */
export function writeAtomic(path: string, text: string): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  track(tmp);
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw new Error(`cannot write ${path} (${errno(e)})`);
  } finally {
    untrack(tmp);
  }
}

/** A temporary folder beside `near` (same file system, so a rename moves it), removed on exit unless kept. */
export function tempDirBeside(near: string, label: string): string {
  const d = mkdtempSync(join(dirname(resolve(near)), `.${label}-`));
  track(d);
  return d;
}
