import { SealCapture } from './capture/capture.js';

/** Registers <seal-capture>. Import this module once, for its side effect. */
if (!customElements.get('seal-capture')) customElements.define('seal-capture', SealCapture);

export { SealCapture };
