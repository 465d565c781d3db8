import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { freePort } from './free-port.mjs';

const cli = new URL('../packages/server/src/cli.ts', import.meta.url).pathname;

/**
 * Gives browser tests a real reference server on a loopback port, as a child process they can
 * kill and restart mid-call, with its records (embedded PostgreSQL) and artifact storage in
 * temporary directories (kept across restarts, removed when the test run ends). Browser side: `executeServerCommand('sealcall-server', payload)`.
 *   { action: 'start' }                       -> { url }
 *   { action: 'token', room, role, ttlSeconds, secret? } -> { token }
 *   { action: 'storageToken', room, role, dataSubject?, ttlSeconds?, secret?, issuedSecondsAgo? } -> { token }
 *   { action: 'staffToken', subject, roles, teams? } -> { token }, an access token of the demo identity provider
 *   { action: 'storedFiles' }                 -> { files: [{ path, base64 }] }, every file under the storage directory
 *   { action: 'kill' } / { action: 'restart' } -> { url }
 */
export function testServerPlugin() {
  const secret = randomBytes(32).toString('base64url');
  let port;
  let child;
  let storageDir;
  let dataDir;
  let identityProvider;

  async function start() {
    port ??= await freePort();
    identityProvider ??= await startIdentityProvider();
    const { jwksUrl, issuer, audience } = identityProvider;
    storageDir ??= await mkdtemp(join(tmpdir(), 'sealcall-test-storage-'));
    dataDir ??= await mkdtemp(join(tmpdir(), 'sealcall-test-records-'));
    child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', cli, '--port', String(port), '--storage-dir', storageDir, '--data-dir', dataDir,
      '--staff-issuer', issuer, '--staff-audience', audience, '--staff-jwks', jwksUrl, '--staff-team-claim', 'teams'], {
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
      await identityProvider?.close();
      if (storageDir) await rm(storageDir, { recursive: true, force: true });
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    },
    async executeCommand({ command, payload }) {
      if (command !== 'sealcall-server') return undefined;
      switch (payload.action) {
        case 'start':
          return child ? { url: `ws://127.0.0.1:${port}` } : start();
        case 'token': {
          const { createRoomToken } = await import('../packages/server/src/index.ts');
          return { token: createRoomToken(tokenOptions(payload, secret)) };
        }
        case 'storageToken': {
          const { createStorageToken } = await import('../packages/server/src/index.ts');
          return { token: createStorageToken(tokenOptions(payload, secret)) };
        }
        case 'staffToken':
          return { token: await (identityProvider ??= await startIdentityProvider()).signIn(payload.subject, payload.roles, payload.teams) };
        case 'storedFiles':
          return { files: storageDir ? await filesUnder(storageDir) : [] };
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

/** The demo's identity provider, on loopback: the server fetches its keys as it would a real one's. */
async function startIdentityProvider() {
  const { startDemoIdentityProvider } = await import('../examples/demo-identity-provider.ts');
  return startDemoIdentityProvider();
}

async function filesUnder(dir) {
  const files = [];
  const walk = async (at) => {
    for (const entry of await readdir(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      if (entry.isDirectory()) await walk(path);
      else files.push({ path: relative(dir, path), base64: (await readFile(path)).toString('base64') });
    }
  };
  await walk(dir);
  return files;
}

/** What `token` and `storageToken` pass to the server's token functions. */
function tokenOptions(payload, secret) {
  return {
    secret: payload.secret ?? secret,
    room: payload.room,
    role: payload.role,
    subject: payload.subject ?? `${payload.role}-test`,
    ...(payload.tenant ? { tenant: payload.tenant } : {}),
    ...(payload.dataSubject ? { dataSubject: payload.dataSubject } : {}),
    ttlSeconds: payload.ttlSeconds ?? 600,
    ...(payload.issuedSecondsAgo ? { now: () => Date.now() - payload.issuedSecondsAgo * 1000 } : {}),
  };
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
