import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Source files name their siblings as they will be named once built (`./e2ee-worker.js`), as
 * TypeScript and the browser both expect. A worker URL is fetched, not imported, so the dev
 * server's import rewriting never sees it: this serves `x.ts` for a request of a missing `x.js`.
 */
export function tsSiblingMiddleware(rootDir) {
  return (context, next) => {
    const path = context.path;
    if (path.startsWith('/packages/') && path.endsWith('.js')) {
      const file = fileURLToPath(new URL(`.${path}`, rootDir));
      const ts = file.replace(/\.js$/, '.ts');
      if (!existsSync(file) && existsSync(ts)) context.url = context.url.replace(/\.js(?=$|\?)/, '.ts');
    }
    return next();
  };
}
