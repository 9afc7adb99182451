// Each test file's memoised runs (measure, remember) go through the suite's shared folder
// (runs-global.ts): a run another file has made is read back instead of made again. Values are
// stored with v8's serializer, which keeps every number exactly (NaN, -0, infinities included).
// Two files making the same run at once both make it; the second write replaces the first with
// the same bytes.

import { createHash } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { inject } from 'vitest';
import { shareRuns } from '../../workloads/measure.js';

const dir = inject('runsDir');
if (dir) {
  const file = (key: string) => join(dir, createHash('sha256').update(key).digest('hex'));
  shareRuns({
    take(key) {
      try {
        return deserialize(readFileSync(file(key)));
      } catch {
        return undefined;
      }
    },
    put(key, value) {
      const f = file(key);
      const tmp = `${f}.${process.pid}.tmp`;
      writeFileSync(tmp, serialize(value));
      renameSync(tmp, f);
    },
    drop() {},
  });
}
