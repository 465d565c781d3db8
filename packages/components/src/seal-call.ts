import { SealCall } from './call/call.js';

/** Registers <seal-call>. Import this module once, for its side effect. */
if (!customElements.get('seal-call')) customElements.define('seal-call', SealCall);

export { SealCall };
