import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.mjs';

/**
 * Debian's coturn (`turnserver`) on loopback for the TURN tests, as docs/deployment.md configures
 * it for production minus TLS: time-limited credentials from a shared secret (`use-auth-secret`),
 * UDP and TCP on one port, relays on loopback. Stopped by its PID.
 */
export async function startCoturn() {
  const dir = await mkdtemp(join(tmpdir(), 'sealcall-coturn-'));
  const port = await freePort();
  const secret = randomBytes(24).toString('base64url');
  const minPort = 40000 + Math.floor(Math.random() * 200) * 100;
  const child = spawn(
    'turnserver',
    [
      '-n',
      '--listening-ip=127.0.0.1',
      `--listening-port=${port}`,
      '--relay-ip=127.0.0.1',
      '--use-auth-secret',
      `--static-auth-secret=${secret}`,
      '--realm=sealcall.test',
      '--no-tls',
      '--no-dtls',
      '--no-cli',
      '--fingerprint',
      `--min-port=${minPort}`,
      `--max-port=${minPort + 99}`,
      // Without it coturn refuses to relay to 127.0.0.1 (403 Forbidden IP): only the tests need it.
      '--allow-loopback-peers',
      `--userdb=${join(dir, 'turndb')}`,
      `--pidfile=${join(dir, 'turnserver.pid')}`,
      `--log-file=${join(dir, 'turnserver.log')}`,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const failed = new Promise((_, reject) => {
    child.once('error', (error) => reject(new Error(`coturn could not start (${error.message}): install Debian's coturn (apt-get install coturn)`)));
    exited.then((code) => reject(new Error(`coturn exited with ${code} before listening: ${stderr.trim()}`)));
  });
  failed.catch(() => undefined);
  await Promise.race([accepting(port, 15_000), failed]);
  return {
    secret,
    urls: [`turn:127.0.0.1:${port}?transport=udp`, `turn:127.0.0.1:${port}?transport=tcp`],
    async stop() {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Resolves once a TCP connection to `port` on loopback succeeds; rejects after `timeoutMs`. */
async function accepting(port, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const open = await new Promise((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => socket.end(() => resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`coturn did not accept connections on 127.0.0.1:${port} within ${timeoutMs} ms`);
}
