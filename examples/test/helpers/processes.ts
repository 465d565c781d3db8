import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';

export interface Started {
  child: ChildProcess;
  match: RegExpExecArray;
  /** Ends the process and every process it started (`npx` runs its command as a child). */
  stop(): void;
}

/**
 * Starts `command` in a process group of its own and resolves once its output matches `ready`;
 * rejects with what it printed if it exits first.
 */
export function startUntil(command: string, args: readonly string[], options: SpawnOptions, ready: RegExp): Promise<Started> {
  const child = spawn(command, args, { ...options, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const stop = () => {
    if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, 'SIGTERM');
  };
  return new Promise((resolve, reject) => {
    let out = '';
    const read = (chunk: string) => {
      out += chunk;
      const match = ready.exec(out);
      if (match) resolve({ child, match, stop });
    };
    child.stdout!.setEncoding('utf8').on('data', read);
    child.stderr!.setEncoding('utf8').on('data', read);
    child.once('exit', (code) => reject(new Error(`${command} ${args.join(' ')} exited with ${code}:\n${out}`)));
  });
}
