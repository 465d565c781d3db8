import { existsSync } from 'node:fs';

/** The first of `$env`, then `paths`, that exists; otherwise an error that says how to install one. */
export function browserExecutable({ env, paths, name, aptPackage }) {
  const found = [process.env[env], ...paths].find((path) => path && existsSync(path));
  if (found) return found;
  throw new Error(
    `No ${name} found. Set ${env} to a ${name} binary, or install one:\n` +
      `  sudo apt-get update && sudo apt-get install -y ${aptPackage}   # Debian/Ubuntu\n` +
      'then run the command again.',
  );
}
