// Trusted Types are not in TypeScript's DOM library yet: the little of them used here.
interface ScriptUrlPolicy {
  createScriptURL(url: string): unknown;
}
interface TrustedTypeFactory {
  createPolicy(name: string, rules: { createScriptURL(url: string): string }): ScriptUrlPolicy;
}

/** The name of the Trusted Types policy `trustedWorker` creates: list it in the page's `trusted-types` directive. */
export const TRUSTED_TYPES_POLICY = 'sealcall';

/** Private to this module, so it only ever passes the URLs given to trustedWorker. */
let policy: ScriptUrlPolicy | undefined;

/**
 * A `createWorker` for pages whose Content-Security-Policy requires Trusted Types
 * (`require-trusted-types-for 'script'`), where a worker starts only from a `TrustedScriptURL`.
 * It starts the E2EE worker from `url` (with Vite: `import url from
 * '@sealcall/sdk/e2ee-worker.js?worker&url'`) through the policy `sealcall`; add `sealcall` to
 * the page's `trusted-types` directive. Where the browser has no Trusted Types, the URL is used
 * as it is.
 */
export function trustedWorker(url: string | URL): () => Worker {
  const href = new URL(url, document.baseURI).href;
  return () => {
    const factory = (globalThis as { trustedTypes?: TrustedTypeFactory }).trustedTypes;
    policy ??= factory?.createPolicy(TRUSTED_TYPES_POLICY, { createScriptURL: (trusted) => trusted });
    // Worker accepts a TrustedScriptURL; TypeScript's DOM library does not say so yet.
    return new Worker((policy?.createScriptURL(href) ?? href) as string, { type: 'module', name: 'sealcall-e2ee' });
  };
}
