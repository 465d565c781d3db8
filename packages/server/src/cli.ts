#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { SealcallServerError } from './errors.js';
import { createServer } from './server.js';

const USAGE = `Usage: sealcall-server [--port N] [--host H] [--storage-dir DIR]

Runs the Sealcall signaling server and logs one JSON line per event on stdout.

Options:
  --port N            port to listen on (default 8787; 0 picks a free port)
  --host H            address to listen on (default 127.0.0.1)
  --storage-dir DIR   also serve the artifact storage endpoint /v1/artifacts, keeping the
                      (encrypted) artifacts in DIR; created if missing. Default: no storage.
  --help              print this help

Environment:
  SEALCALL_SECRET   HMAC key for room and storage tokens, at least 32 characters (required).
                    Generate one with: openssl rand -base64 32
`;

async function main(args: readonly string[]): Promise<number | undefined> {
  let values: { port?: string; host?: string; 'storage-dir'?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: { port: { type: 'string' }, host: { type: 'string' }, 'storage-dir': { type: 'string' }, help: { type: 'boolean' } },
    }));
  } catch (error) {
    return fail(`${(error as Error).message}\n\n${USAGE}`);
  }
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (values.port !== undefined && !/^\d{1,5}$/.test(values.port)) {
    return fail(`--port expected an integer in 0..65535, got "${values.port}"`);
  }
  const storageDir = values['storage-dir'];
  if (storageDir === '') return fail('--storage-dir expected a directory path, got ""');
  const secret = process.env.SEALCALL_SECRET;
  if (!secret) {
    return fail('SEALCALL_SECRET is not set. Set it to a random string of at least 32 characters,\n' +
      'the same one your back end uses to create room tokens, e.g.:\n' +
      '  export SEALCALL_SECRET="$(openssl rand -base64 32)"');
  }

  let server;
  try {
    server = createServer({
      secret,
      host: values.host,
      port: values.port === undefined ? undefined : Number(values.port),
      storage: storageDir === undefined ? undefined : { directory: storageDir },
    });
  } catch (error) {
    if (!(error instanceof SealcallServerError)) throw error;
    return fail(error.code === 'SECRET_TOO_SHORT'
      ? 'SEALCALL_SECRET is too short: use at least 32 characters, e.g. "$(openssl rand -base64 32)"'
      : error.message);
  }
  try {
    await server.listen();
  } catch (error) {
    process.stderr.write(`sealcall-server: cannot listen: ${(error as Error).message}\n`);
    return 1;
  }

  const stop = (): void => {
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  return undefined;
}

function fail(message: string): number {
  process.stderr.write(`sealcall-server: ${message}\n`);
  return 2;
}

const code = await main(process.argv.slice(2));
if (code !== undefined) process.exitCode = code;
