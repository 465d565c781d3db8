import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { freePort } from './free-port.mjs';
import { startCoturn } from './test-turn.mjs';

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
 *   { action: 'turn' }                        -> { url, secret, urls }: coturn on loopback, and a second
 *                                                server (same secret) that hands out its credentials
 */
export function testServerPlugin() {
  const secret = randomBytes(32).toString('base64url');
  let port;
  let child;
  let storageDir;
  let dataDir;
  let identityProvider;

  let turn;

  async function start() {
    port ??= await freePort();
    identityProvider ??= await startIdentityProvider();
    const { jwksUrl, issuer, audience } = identityProvider;
    storageDir ??= await mkdtemp(join(tmpdir(), 'sealcall-test-storage-'));
    dataDir ??= await mkdtemp(join(tmpdir(), 'sealcall-test-records-'));
    child = await spawnServer(['--port', String(port), '--storage-dir', storageDir, '--data-dir', dataDir,
      '--staff-issuer', issuer, '--staff-audience', audience, '--staff-jwks', jwksUrl, '--staff-team-claim', 'teams'], { SEALCALL_SECRET: secret });
    return { url: `ws://127.0.0.1:${port}` };
  }

  async function startTurn() {
    const coturn = await startCoturn();
    try {
      const turnPort = await freePort();
      const turnDataDir = await mkdtemp(join(tmpdir(), 'sealcall-test-turn-records-'));
      const args = ['--port', String(turnPort), '--data-dir', turnDataDir, ...coturn.urls.flatMap((url) => ['--turn-url', url])];
      const server = await spawnServer(args, { SEALCALL_SECRET: secret, SEALCALL_TURN_SECRET: coturn.secret });
      return { coturn, server, turnDataDir, url: `ws://127.0.0.1:${turnPort}` };
    } catch (error) {
      await coturn.stop();
      throw error;
    }
  }

  async function stopTurn() {
    const started = await turn?.catch(() => undefined);
    if (!started) return;
    const exited = new Promise((resolve) => started.server.once('exit', resolve));
    started.server.kill('SIGKILL');
    await exited;
    await started.coturn.stop();
    await rm(started.turnDataDir, { recursive: true, force: true });
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
      await stopTurn();
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
        case 'turn': {
          const { url, coturn } = await (turn ??= startTurn());
          return { url, secret: coturn.secret, urls: coturn.urls };
        }
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

/** The reference server's CLI as a child process, once it logs that it listens. */
async function spawnServer(args, env) {
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', cli, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await listening(child);
  return child;
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
