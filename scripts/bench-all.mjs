import { spawnSync } from 'node:child_process';

// `npm run bench [-- --json FILE]`: every benchmark, one after the other. The arguments go to
// scripts/bench.mjs, the one whose figures `--json` writes.
const steps = [
  [process.execPath, ['--conditions=source', '--import', 'tsx', 'scripts/bench.mjs', ...process.argv.slice(2)]],
  ['npm', ['run', 'bench:records']],
  ['npm', ['run', 'bench:server']],
  ['npm', ['run', 'bench:consumer']],
];
for (const [command, args] of steps) {
  const { status, error } = spawnSync(command, args, { stdio: 'inherit' });
  if (error) throw error;
  if (status !== 0) process.exit(status ?? 1);
}
