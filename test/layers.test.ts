// The layers point one way (design guide, principle 6): the engine and the OS models in sim/ know
// nothing of kernels, workloads or machines; a kernel folder knows only the kernel interface and
// sim/; workloads reach kernels only through the registry and the interface; every kernel folder
// is registered with one line. The rules are checked on the real tree, and on a small made-up tree
// to show that each rule catches its violation.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');

/** Every .ts file under dir, relative to the root, with its text. */
function tree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const f of readdirSync(join(root, d))) {
      const p = join(d, f);
      if (statSync(join(root, p)).isDirectory()) walk(p);
      else if (f.endsWith('.ts')) out.set(p, readFileSync(join(root, p), 'utf8'));
    }
  };
  walk(dir);
  return out;
}

/** The repository-relative files a source imports (relative specifiers only). */
function importsOf(file: string, text: string): string[] {
  const specs = [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'";]*?from\s+'([^']+)'|import\(\s*'([^']+)'\s*\)/g)].map((m) => m[1] ?? m[2]);
  return specs.filter((s) => s.startsWith('.')).map((s) => normalize(join(dirname(file), s)).replace(/\.js$/, '.ts'));
}

const kernelFolder = (p: string): string | null => (p.startsWith('kernels/') && p.split('/').length > 2 ? p.split('/')[1] : null);

/** Every broken rule in a tree of files (path -> text), one line each. */
function layerViolations(files: Map<string, string>): string[] {
  const out: string[] = [];
  for (const [file, text] of files) {
    for (const imp of importsOf(file, text)) {
      const own = kernelFolder(file);
      if (own !== null) {
        const ok = imp === 'kernels/kernel.ts' || imp.startsWith('sim/') || kernelFolder(imp) === own;
        if (!ok) out.push(`${file}: a kernel folder imports ${imp}`);
      }
      // The kernel interface speaks for every kernel: it takes nothing from one family's substrate.
      if (file === 'kernels/kernel.ts' && /^sim\/os\/(firefly|mach|userlevel|unix-models)\//.test(imp)) out.push(`${file}: the kernel interface imports ${imp}`);
      if (file.startsWith('sim/') && /^(kernels|workloads|machines|cli)\//.test(imp)) out.push(`${file}: sim/ imports ${imp}`);
      if (file.startsWith('workloads/') && imp.startsWith('kernels/') && imp !== 'kernels/index.ts' && imp !== 'kernels/kernel.ts') {
        out.push(`${file}: a workload imports the kernel file ${imp}`);
      }
    }
  }
  // The registry: exactly one import line per kernel folder, and every folder has one.
  const registry = files.get('kernels/index.ts') ?? '';
  const folders = new Set([...files.keys()].map(kernelFolder).filter((f): f is string => f !== null));
  const lines = registry.split('\n').filter((l) => /^import\s+(?!type)/.test(l));
  for (const f of folders) {
    const n = lines.filter((l) => l.includes(`'./${f}/`)).length;
    if (n !== 1) out.push(`kernels/index.ts: ${n} import lines for kernel folder ${f} (one expected)`);
  }
  return out;
}

describe('layers', () => {
  it('hold on the real tree', () => {
    const files = new Map([...tree('sim'), ...tree('kernels'), ...tree('workloads')]);
    expect(files.size).toBeGreaterThan(100);
    expect(layerViolations(files)).toEqual([]);
  });

  it('catch each kind of violation', () => {
    const files = new Map([
      ['kernels/index.ts', "import { a } from './a/index.js';\nimport { a2 } from './a/more.js';\n"],
      ['kernels/kernel.ts', "import type { T } from '../sim/os/firefly/thread-ops.js';\n"],
      ['kernels/a/index.ts', "import type { K } from '../kernel.js';\nimport { x } from '../../sim/os/x.js';\nimport { b } from '../b/index.js';\n"],
      ['kernels/a/more.ts', "import { w } from '../../workloads/run.js';\n"],
      ['kernels/b/index.ts', "export { q } from './q.js';\n"],
      ['sim/os/x.ts', "import { k } from '../../kernels/kernel.js';\nimport { m } from '../../machines/index.js';\n"],
      ['sim/os/y.ts', "const w = await import('../../workloads/index.js');\n"],
      ['workloads/p/claims.ts', "import { T } from '../../kernels/a/index.js';\nimport { findKernel } from '../../kernels/index.js';\n"],
    ]);
    expect(layerViolations(files).sort()).toEqual(
      [
        'kernels/index.ts: 2 import lines for kernel folder a (one expected)',
        'kernels/index.ts: 0 import lines for kernel folder b (one expected)',
        'kernels/a/index.ts: a kernel folder imports kernels/b/index.ts',
        'kernels/a/more.ts: a kernel folder imports workloads/run.ts',
        'kernels/kernel.ts: the kernel interface imports sim/os/firefly/thread-ops.ts',
        'sim/os/x.ts: sim/ imports kernels/kernel.ts',
        'sim/os/x.ts: sim/ imports machines/index.ts',
        'sim/os/y.ts: sim/ imports workloads/index.ts',
        'workloads/p/claims.ts: a workload imports the kernel file kernels/a/index.ts',
      ].sort(),
    );
  });
});
