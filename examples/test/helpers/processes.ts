import { spawn, type SpawnOptions } from 'node:child_process';

export interface Started {
  match: RegExpExecArray;
  /** Ends the process and every process it started (`npx` runs its command as a child). */
  stop(): void;
}

/** Colour codes, which tools print where `CI` is set even into a pipe. */
const ANSI_ESCAPES = /\x1b\[[0-9;]*m/g;

/**
 * Starts `command` in a process group of its own and resolves once its output (without colour
 * codes) matches `ready`. Rejects with what it printed if it exits first, or if `ready` has not
 * shown within `timeoutMs`, having stopped it.
 */
export function startUntil(command: string, args: readonly string[], options: SpawnOptions, ready: RegExp, timeoutMs = 60_000): Promise<Started> {
  const child = spawn(command, args, { ...options, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const stop = () => {
    if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, 'SIGTERM');
  };
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`${command} ${args.join(' ')} printed nothing matching ${ready} within ${timeoutMs} ms:\n${out}`));
    }, timeoutMs);
    const read = (chunk: string) => {
      out += chunk.replace(ANSI_ESCAPES, '');
      const match = ready.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({ match, stop });
      }
    };
    child.stdout!.setEncoding('utf8').on('data', read);
    child.stderr!.setEncoding('utf8').on('data', read);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${command} ${args.join(' ')} exited with ${code}:\n${out}`));
    });
  });
}
