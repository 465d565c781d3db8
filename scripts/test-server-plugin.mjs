import { spawn } from 'node:child_process';
import { createServer as createNetServer } from 'node:net';
import { randomBytes } from 'node:crypto';

const cli = new URL('../packages/server/src/cli.ts', import.meta.url).pathname;

/**
 * Gives browser tests a real reference server on a loopback port, as a child process they can
 * kill and restart mid-call. Browser side: `executeServerCommand('sealcall-server', payload)`.
 *   { action: 'start' }                       -> { url }
 *   { action: 'token', room, role, ttlSeconds, secret? } -> { token }
 *   { action: 'kill' } / { action: 'restart' } -> { url }
 */
export function testServerPlugin() {
  const secret = randomBytes(32).toString('base64url');
  let port;
  let child;

  async function start() {
    port ??= await freePort();
    child = spawn(process.execPath, ['--import', 'tsx', cli, '--port', String(port)], {
      env: { ...process.env, SEALCALL_SECRET: secret },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await listening(child);
    return { url: `ws://127.0.0.1:${port}` };
  }

  async function kill() {
    if (!child) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    child = undefined;
  }

  return {
    name: 'sealcall-test-server',
    async serverStop() {
      await kill();
    },
    async executeCommand({ command, payload }) {
      if (command !== 'sealcall-server') return undefined;
      switch (payload.action) {
        case 'start':
          return child ? { url: `ws://127.0.0.1:${port}` } : start();
        case 'token': {
          const { createRoomToken } = await import('../packages/server/src/index.ts');
          return {
            token: createRoomToken({
              secret: payload.secret ?? secret,
              room: payload.room,
              role: payload.role,
              ttlSeconds: payload.ttlSeconds ?? 600,
              ...(payload.issuedSecondsAgo
                ? { now: () => Date.now() - payload.issuedSecondsAgo * 1000 }
                : {}),
            }),
          };
        }
        case 'kill':
          await kill();
          return {};
        case 'restart':
          await kill();
          return start();
        default:
          throw new Error(`unknown sealcall-server action ${payload.action}`);
      }
    },
  };
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createNetServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function listening(child) {
  return new Promise((resolve, reject) => {
    let buffered = '';
    const onData = (chunk) => {
      buffered += chunk;
      if (buffered.includes('"listening"')) {
        child.stdout.off('data', onData);
        child.stdout.resume();
        resolve();
      }
    };
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', onData);
    child.once('exit', (code) => reject(new Error(`sealcall-server exited with ${code} before listening`)));
  });
}
