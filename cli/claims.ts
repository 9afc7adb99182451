// `simulate claims`: evaluate the registered claims and print them (or the contract's JSON array).

import chalk from 'chalk';
import { claimsOf } from '../workloads/registry.js';
import { evaluate, type ClaimResult, type Scale } from '../workloads/claims.js';

export function claimsCommand(paper: string | undefined, scale: Scale, json: boolean): void {
  const results: ClaimResult[] = claimsOf(paper).map((c) => evaluate(c, scale));
  if (json) {
    process.stdout.write(JSON.stringify(results, null, 2) + '\n');
  } else {
    for (const role of ['calibrated', 'predicted', 'conformance'] as const) {
      const rs = results.filter((r) => r.role === role);
      if (rs.length === 0) continue;
      process.stdout.write(chalk.bold(`${role} (${rs.length})\n`));
      for (const r of rs) {
        const mark =
          r.status === 'pass'
            ? chalk.green('pass')
            : r.status === 'known-gap'
              ? chalk.yellow('gap ')
              : r.status === 'paper-inconsistent'
                ? chalk.cyan('inc ')
                : r.status === 'not-simulated'
                  ? chalk.gray('n/s ')
                  : chalk.red('FAIL');
        const val = r.expected === null ? '(qualitative)' : `paper ${r.expected} ${r.unit}, simulated ${r.simulated ?? '-'} (${r.errorPct ?? '-'}%, tolerance ${r.toleranceAbs !== undefined ? `${r.toleranceAbs} ${r.unit === 'percent' ? 'points' : r.unit}` : `${r.tolerancePct}%`})`;
        process.stdout.write(`  ${mark} ${r.id}  ${val}${r.error ? `  error: ${r.error}` : ''}\n`);
      }
    }
    const count = (s: string) => results.filter((r) => r.status === s).length;
    process.stdout.write(
      `${results.length} claims: ${count('pass')} pass, ${count('known-gap')} known gaps, ${count('fail')} fail; ` +
        `set apart: ${count('paper-inconsistent')} paper-inconsistent, ${count('not-simulated')} not simulated\n`,
    );
    const pre = results.filter((r) => r.role === 'predicted' && r.status !== 'paper-inconsistent' && r.status !== 'not-simulated');
    process.stdout.write(`predicted: ${pre.filter((r) => r.status === 'pass').length} of ${pre.length} pass\n`);
  }
  if (results.some((r) => r.status === 'fail')) process.exitCode = 1;
}
