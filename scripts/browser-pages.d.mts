// Types of browser-pages.mjs, for the TypeScript tests that drive browsers from Node.

export interface DrivenPage {
  goto(url: string): Promise<unknown>;
  evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  close(): Promise<void>;
}

export interface DrivenBrowser {
  readonly name: 'chromium' | 'firefox';
  /** Uncaught errors of its pages, as `<browser>: <message>`. */
  readonly errors: string[];
  open(url: string): Promise<DrivenPage>;
  close(): Promise<void>;
}

export function bundle(entry: string | { contents: string }, external?: string[]): Promise<Uint8Array>;
export function servePages(scripts: Record<string, Uint8Array>, pageScripts?: string[]): Promise<{ url: string; close(): Promise<void> }>;
export function launchBrowser(name: 'chromium' | 'firefox'): Promise<DrivenBrowser>;
