import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';

/**
 * Starts `command` and resolves once its output matches `ready`, with the process and the match;
 * rejects with what it printed if it exits first.
 */
export function startUntil(command: string, args: readonly string[], options: SpawnOptions, ready: RegExp): Promise<{ child: ChildProcess; match: RegExpExecArray }> {
  const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    const read = (chunk: string) => {
      out += chunk;
      const match = ready.exec(out);
      if (match) resolve({ child, match });
    };
    child.stdout!.setEncoding('utf8').on('data', read);
    child.stderr!.setEncoding('utf8').on('data', read);
    child.once('exit', (code) => reject(new Error(`${command} ${args.join(' ')} exited with ${code}:\n${out}`)));
  });
}
