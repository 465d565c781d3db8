import { SealConsentDialog } from './consent-dialog/consent-dialog.js';

/** Registers <seal-consent-dialog>. Import this module once, for its side effect. */
if (!customElements.get('seal-consent-dialog')) customElements.define('seal-consent-dialog', SealConsentDialog);

export { SealConsentDialog };
