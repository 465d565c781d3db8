import { ArtifactVault, ConsentLedger, consentReceiptFile, parseInvite, VaultConsentStore } from '@sealcall/sdk';
import '@sealcall/components/seal-consent-dialog.js';
import { showProblem, startCall } from './demo.js';
import { demoNotice } from './notice.js';

// Everything the customer needs, the call secret included, travels in the link's fragment,
// which browsers never send to a server. Nothing is collected until the customer agrees.
// The customer's consent records are kept encrypted in this browser (IndexedDB); in production
// they would go to your servers through HttpStorage, and the subject id would come from you.
const ledger = new ConsentLedger({ store: new VaultConsentStore({ vault: new ArtifactVault() }) });
const subjectId = crypto.randomUUID();
const dialog = document.querySelector('seal-consent-dialog')!;
const declined = document.querySelector<HTMLElement>('#declined')!;
const receipt = document.querySelector<HTMLAnchorElement>('#receipt')!;

ledger.on('recorded', () => {
  ledger.receipt(subjectId).then((current) => {
    const file = consentReceiptFile(current);
    if (receipt.href) URL.revokeObjectURL(receipt.href);
    receipt.href = URL.createObjectURL(file);
    receipt.download = file.name;
    receipt.hidden = false;
  }, (error: unknown) => showProblem(String(error)));
});

try {
  const { room, token, secret, signalingUrl } = parseInvite(location.href);
  if (!signalingUrl) throw new Error('This link names no signaling server. Ask for a new invitation.');
  dialog.notice = demoNotice;
  dialog.open = true;
  dialog.addEventListener('seal-consent-accept', (event) => {
    declined.hidden = true;
    ledger.recordDecision(event.detail, { subjectId, callId: room }).then(
      () => {
        startCall({ role: 'customer', room, token, secret, signalingUrl, consent: { ledger, subjectId, callId: room } });
        document.querySelector('seal-call')!.captureNotice = demoNotice;
      },
      (error: unknown) => showProblem(error instanceof Error ? error.message : String(error)),
    );
  });
  dialog.addEventListener('seal-consent-decline', (event) => {
    declined.hidden = false;
    ledger.recordDecision(event.detail, { subjectId, callId: room }).catch((error: unknown) => showProblem(String(error)));
  });
  document.querySelector('#review')!.addEventListener('click', () => (dialog.open = true));
} catch (error) {
  showProblem(error instanceof Error ? error.message : String(error));
}
