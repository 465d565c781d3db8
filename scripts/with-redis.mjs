// Runs a command with SEALCALL_TEST_REDIS_URL pointing at a Redis server, for the tests and benches
// of rooms shared across nodes: the URL already in the environment if set, else Debian's
// `redis-server` on a free loopback port, without persistence, stopped by PID when the command
// ends. Without either, says so and runs the command without it (those tests are skipped).
//
//   node scripts/with-redis.mjs <command> [args...]

import { execFileSync, spawn } from 'node:child_process';
import { createConnection } from 'node:net';
import { freePort } from './free-port.mjs';

const [command, ...args] = process.argv.slice(2);
if (!command) throw new Error('usage: node scripts/with-redis.mjs <command> [args...]');

if (process.env.SEALCALL_TEST_REDIS_URL) {
  process.exitCode = await run(process.env.SEALCALL_TEST_REDIS_URL);
} else if (!hasRedis()) {
  console.log('with-redis: no redis-server here (Debian: apt-get install redis-server), and SEALCALL_TEST_REDIS_URL is not set: the tests of rooms across nodes are skipped');
  process.exitCode = await run(undefined);
} else {
  const port = await freePort();
  const server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no'], { stdio: 'ignore' });
  try {
    await listening(port);
    console.log(`with-redis: redis-server on 127.0.0.1:${port}`);
    process.exitCode = await run(`redis://127.0.0.1:${port}`);
  } finally {
    server.kill('SIGTERM');
    await new Promise((resolve) => (server.exitCode === null ? server.once('exit', resolve) : resolve()));
  }
}

function run(url) {
  return new Promise((resolve) => {
    const env = url === undefined ? process.env : { ...process.env, SEALCALL_TEST_REDIS_URL: url };
    const child = spawn(command, args, { stdio: 'inherit', env });
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

function hasRedis() {
  try {
    execFileSync('redis-server', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Resolves once `port` takes connections; 5 s at most. */
async function listening(port) {
  const deadline = Date.now() + 5000;
  for (;;) {
    const open = await new Promise((resolve) => {
      const socket = createConnection({ host: '127.0.0.1', port }, () => (socket.end(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`with-redis: redis-server did not listen on 127.0.0.1:${port} within 5 s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
