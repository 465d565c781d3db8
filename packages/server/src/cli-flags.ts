import { parseArgs, type ParseArgsConfig } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;
type Flags<T extends Options> = ReturnType<typeof parseArgs<{ args: string[]; options: T; strict: true; allowPositionals: false }>>['values'];

/**
 * The flags of a command line, or the exit code when the command ends here: 0 after printing
 * `usage` for `--help`, or `fail`'s code after saying what was wrong, with `usage` after it.
 */
export function parseFlags<const T extends Options>(args: readonly string[], options: T, usage: string, fail: (message: string) => number): Flags<T> | number {
  let values;
  try {
    ({ values } = parseArgs({ args: [...args], options, strict: true, allowPositionals: false }));
  } catch (error) {
    return fail(`${(error as Error).message}\n\n${usage}`);
  }
  if ('help' in values && values.help === true) {
    process.stdout.write(usage);
    return 0;
  }
  return values;
}
