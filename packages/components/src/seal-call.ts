import { SealCall } from './call/call.js';
import './seal-consent-dialog.js';

/** Registers <seal-call> (and the <seal-consent-dialog> it shows for the consent step). Import this module once, for its side effect. */
if (!customElements.get('seal-call')) customElements.define('seal-call', SealCall);

export { SealCall };
