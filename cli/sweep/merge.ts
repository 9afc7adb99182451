// `simulate merge`: join the CSVs of one sweep's shards into the unsplit sweep's CSV. It refuses,
// with one line each, anything that would publish wrong data: shards of different sweeps or
// versions, a shard given twice, a shard missing, a shard whose rows are not the points it should
// hold, or columns that differ.

import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { UsageError } from '../../workloads/limits.js';
import { checkOutputFile, writeAtomic } from '../outpath.js';
import { idLine, splitSweepCsv, type SweepId } from './identity.js';

interface Shard {
  name: string;
  id: SweepId;
  header: string[];
  rows: string[][];
}

function readShard(name: string, text: string): Shard {
  const { id, csv } = splitSweepCsv(name, text);
  let recs: string[][];
  try {
    recs = parse(csv, { relaxColumnCount: false }) as string[][];
  } catch (e) {
    throw new UsageError(`${name}: not valid CSV (${(e as Error).message.split('\n')[0]})`);
  }
  if (recs.length === 0) throw new UsageError(`${name}: no header row after the identity line`);
  const [header, ...rows] = recs;
  if (header[0] !== 'point') throw new UsageError(`${name}: not a sweep CSV (the first column is '${header[0]}', not 'point')`);
  return { name, id, header, rows };
}

const shardText = (s: Shard) => `${s.id.shard.i}/${s.id.shard.n}`;

/** Join shard CSVs of one sweep: same identity, every shard once, rows back in point order. */
export function mergeCsv(texts: { name: string; text: string }[]): string {
  if (texts.length === 0) throw new UsageError('merge needs the CSV files of a sweep\'s shards');
  const shards = texts.map((t) => readShard(t.name, t.text));
  const first = shards[0];
  const byShard = new Map<number, Shard>();
  for (const s of shards) {
    if (s.id.version !== first.id.version) {
      throw new UsageError(`${s.name} was made by version ${s.id.version}, ${first.name} by ${first.id.version}; run every shard with one version`);
    }
    if (s.id.hash !== first.id.hash || s.id.points !== first.id.points) {
      throw new UsageError(`${s.name} belongs to sweep ${s.id.hash}, ${first.name} to sweep ${first.id.hash}: different grids or flags`);
    }
    if (s.id.shard.n !== first.id.shard.n) {
      throw new UsageError(`${s.name} is shard ${shardText(s)}, ${first.name} is shard ${shardText(first)}: shards of one split have one shard count`);
    }
    const dup = byShard.get(s.id.shard.i);
    if (dup) throw new UsageError(`${dup.name} and ${s.name} are both shard ${shardText(s)}`);
    byShard.set(s.id.shard.i, s);
    if (s.header.join('\u0000') !== first.header.join('\u0000')) {
      throw new UsageError(`${s.name}: its columns differ from ${first.name}'s; shards of one sweep have the same columns`);
    }
  }
  const n = first.id.shard.n;
  const missing = Array.from({ length: n }, (_, k) => k + 1).filter((i) => !byShard.has(i));
  if (missing.length) {
    const list = missing.slice(0, 10).map((i) => `${i}/${n}`).join(', ');
    throw new UsageError(`shard${missing.length > 1 ? 's' : ''} missing: ${list}${missing.length > 10 ? ', ...' : ''} (given ${shards.length} of ${n})`);
  }
  const rows: string[][] = [];
  for (const s of shards) {
    const want: number[] = [];
    for (let p = s.id.shard.i - 1; p < s.id.points; p += n) want.push(p);
    const have = s.rows.map((r) => Number(r[0]));
    if (have.length !== want.length || have.some((p, k) => p !== want[k])) {
      throw new UsageError(`${s.name}: shard ${shardText(s)} of ${s.id.points} points should hold ${want.length} rows (points ${want.slice(0, 3).join(', ')}${want.length > 3 ? ', ...' : ''}), it holds ${have.length}; a truncated or edited file?`);
    }
    rows.push(...s.rows);
  }
  rows.sort((a, b) => Number(a[0]) - Number(b[0]));
  const id: SweepId = { ...first.id, shard: { i: 1, n: 1 } };
  return `${idLine(id)}\n${stringify(rows, { header: true, columns: first.header })}`;
}

export function mergeCommand(files: string[], out: string | undefined): void {
  if (out !== undefined) checkOutputFile('--out', out);
  const texts = files.map((name) => {
    try {
      return { name, text: readFileSync(name, 'utf8') };
    } catch (e) {
      throw new UsageError(`cannot read ${name} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
  });
  const text = mergeCsv(texts);
  if (out) writeAtomic(out, text);
  else process.stdout.write(text);
}
