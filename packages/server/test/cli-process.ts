import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { TestContext } from 'node:test';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
const repo = fileURLToPath(new URL('../../..', import.meta.url));

/** `sealcall-server` with `args`, SEALCALL_* taken from `env` only. */
export function runCli(args: readonly string[], env: Record<string, string | undefined> = {}): ChildProcess & { stdout: NodeJS.ReadableStream; stderr: NodeJS.ReadableStream } {
  return runScript(cli, args, env);
}

/** A TypeScript file of this repository in a Node process of its own, SEALCALL_* taken from `env` only. */
function runScript(file: string, args: readonly string[], env: Record<string, string | undefined>): ChildProcess & { stdout: NodeJS.ReadableStream; stderr: NodeJS.ReadableStream } {
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', file, ...args], {
    cwd: repo,
    env: { ...process.env, SEALCALL_SECRET: undefined, SEALCALL_TOKEN_ISSUER: undefined, SEALCALL_DATA_DIR: undefined, SEALCALL_DATABASE_URL: undefined, SEALCALL_REDIS_URL: undefined, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return child as ChildProcess & { stdout: NodeJS.ReadableStream; stderr: NodeJS.ReadableStream };
}

export interface RunningCli {
  readonly child: ChildProcess;
  /** `ws://127.0.0.1:<port>` */
  readonly url: string;
  readonly exited: Promise<unknown>;
  /** SIGKILL: no shutdown, no flush; resolves once the process is gone. */
  kill(): Promise<void>;
}

/** Starts the CLI and resolves once it logs `listening`; killed when the test ends. */
export function startCli(t: TestContext, args: readonly string[], env: Record<string, string | undefined>): Promise<RunningCli> {
  return startScript(t, cli, args, env);
}

/** A reference server in a process of its own (server-process.ts) on PostgreSQL `databaseUrl`: for tests that kill it. */
export function startServerProcess(t: TestContext, secret: string, options: object, databaseUrl: string): Promise<RunningCli> {
  const env = { SERVER_SECRET: secret, SERVER_OPTIONS: JSON.stringify(options), DATABASE_URL: databaseUrl };
  return startScript(t, fileURLToPath(new URL('./server-process.ts', import.meta.url)), [], env);
}

async function startScript(t: TestContext, file: string, args: readonly string[], env: Record<string, string | undefined>): Promise<RunningCli> {
  const child = runScript(file, args, env);
  child.stderr.on('data', (chunk: Buffer) => process.stderr.write(chunk));
  const exited = once(child, 'exit');
  t.after(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  let url = '';
  for await (const line of createInterface({ input: child.stdout })) {
    const entry = JSON.parse(line) as { event?: string; url?: string };
    if (entry.event === 'listening') {
      url = entry.url ?? '';
      break;
    }
  }
  if (!url) throw new Error(`sealcall-server exited (${child.exitCode}) before listening`);
  child.stdout.resume();
  return {
    child,
    url,
    exited,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
