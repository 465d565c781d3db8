// Runs a command with SEALCALL_TEST_DATABASE_URL pointing at a PostgreSQL server, so the server
// tests run against a real one too: the URL already in the environment if set, else a
// throwaway cluster of Debian's `postgresql` on a free loopback port, in a temporary directory,
// stopped and removed when the command ends. Without either, says so and runs nothing.
//
//   node scripts/with-postgres.mjs <command> [args...]

import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.mjs';

const [command, ...args] = process.argv.slice(2);
if (!command) throw new Error('usage: node scripts/with-postgres.mjs <command> [args...]');

if (process.env.SEALCALL_TEST_DATABASE_URL) {
  process.exitCode = await run(process.env.SEALCALL_TEST_DATABASE_URL);
} else {
  const bin = postgresBin();
  if (!bin) {
    console.log(
      'with-postgres: no PostgreSQL here (Debian: apt-get install postgresql), and SEALCALL_TEST_DATABASE_URL is not set:\n' +
        `  skipped against PostgreSQL: ${[command, ...args].join(' ')}\n` +
        '  (the same tests ran on embedded PGlite)',
    );
  } else {
    process.exitCode = await withCluster(bin, run);
  }
}

function run(url) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'inherit', env: { ...process.env, SEALCALL_TEST_DATABASE_URL: url } });
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/** The newest installed PostgreSQL's bin directory, e.g. /usr/lib/postgresql/15/bin. */
function postgresBin() {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
  return versions[0] && join(root, versions[0], 'bin');
}

async function withCluster(bin, work) {
  const dir = await mkdtemp(join(tmpdir(), 'sealcall-postgres-'));
  const data = join(dir, 'data');
  const port = await freePort();
  // initdb refuses to run as root: as root, the cluster belongs to the `postgres` user.
  const asRoot = process.getuid?.() === 0;
  const as = (tool, toolArgs) => (asRoot ? ['runuser', ['-u', 'postgres', '--', join(bin, tool), ...toolArgs]] : [join(bin, tool), toolArgs]);
  const exec = (tool, toolArgs) => {
    const [file, argv] = as(tool, toolArgs);
    execFileSync(file, argv, { stdio: ['ignore', 'ignore', 'inherit'] });
  };
  if (asRoot) {
    await chmod(dir, 0o777);
  }
  try {
    exec('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '--no-instructions', '-E', 'UTF8', '--locale=C.UTF-8']);
    exec('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-w', '-o', `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off`, 'start']);
    try {
      console.log(`with-postgres: PostgreSQL (${bin}) on 127.0.0.1:${port}`);
      return await work(`postgres://postgres@127.0.0.1:${port}/postgres`);
    } finally {
      exec('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
