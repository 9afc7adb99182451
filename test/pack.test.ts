// The package as users install it: `npm pack` once, install the tarball (without devDependencies)
// into a folder outside the project, and import the library entry point from there, in JavaScript
// and in TypeScript (the `exports` map's types).

import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const npm = (args: string[], cwd: string) => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

describe('the packed library', () => {
  it('installs from its tarball and `import { simulate } from \'ipcsim\'` works, typed', () => {
    const dir = join(tmpdir(), 'pack');
    const user = join(dir, 'user');
    mkdirSync(user, { recursive: true });
    // dist/ is built (npm test compiles first); packing needs no scripts.
    const tgz = npm(['pack', '--ignore-scripts', '--silent', '--pack-destination', dir], root).trim().split('\n').pop()!;
    writeFileSync(join(user, 'package.json'), JSON.stringify({ name: 'user', version: '1.0.0', type: 'module', private: true }));
    // Dependencies come from the npm cache when it holds them (the registry otherwise).
    npm(['install', '--prefer-offline', '--no-audit', '--no-fund', '--omit=dev', '--ignore-scripts', '--no-package-lock', join(dir, tgz)], user);
    writeFileSync(
      join(user, 'run.mjs'),
      `import { simulate, listMachines, listKernels, sweep, claims, compare, UsageError, RUN_BOUNDS, MACHINE_SCHEMA } from 'ipcsim';
const r = simulate({ machine: 'i486-dx50', kernel: 'l3', calls: 50, set: ['kernel.path=minimal'] });
let refused = '';
try { simulate({ machine: 'i486-dx50', kernel: 'l3', set: ['clockMHz=0'] }); } catch (e) { refused = (e instanceof UsageError) + ' ' + e.message; }
console.log(JSON.stringify({ latency: r.result.latencyCycles.mean, machines: listMachines().length, kernels: listKernels().map((k) => k.id),
  fns: [typeof sweep, typeof claims], cells: compare({ kernels: ['l3'], machines: ['i486-dx50'], calls: 50 }).cells.length, maxT: RUN_BOUNDS.T.max, schema: MACHINE_SCHEMA.length > 10, refused }));
`,
    );
    const out = JSON.parse(execFileSync(process.execPath, ['run.mjs'], { cwd: user, encoding: 'utf8' }));
    expect(out.latency).toBeGreaterThan(0);
    expect(out.machines).toBeGreaterThanOrEqual(10);
    expect(out.kernels).toContain('l3');
    expect(out.fns).toEqual(['function', 'function']);
    expect(out.cells).toBe(1);
    expect(out.maxT).toBe(1000);
    expect(out.refused).toMatch(/^true --set clockMHz=0: allowed: a number from 1/);
    // The types resolve through the exports map: a wrong use fails to compile, a right one compiles.
    writeFileSync(join(user, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true, target: 'ES2022' } }));
    writeFileSync(join(user, 'ok.ts'), `import { simulate, type RunResult } from 'ipcsim';\nconst r: RunResult = simulate({ machine: 'i486-dx50', kernel: 'l3' });\nexport const x: number = r.result.latencyUs.mean;\n`);
    writeFileSync(join(user, 'bad.ts'), `import { simulate } from 'ipcsim';\nexport const y: string = simulate({ machine: 'i486-dx50', kernel: 'l3' }).result.latencyUs.mean;\n`);
    const tsc = spawnSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', '.'], { cwd: user, encoding: 'utf8' });
    expect(tsc.status).not.toBe(0);
    expect(tsc.stdout).toMatch(/^bad\.ts\(2,\d+\): error TS2322: Type 'number' is not assignable to type 'string'/);
    expect(tsc.stdout.trim().split('\n')).toHaveLength(1);
  });
});
