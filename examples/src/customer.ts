import { ConsentLedger, MemoryConsentStore, parseInvite } from '@sealcall/sdk';
import '@sealcall/components/seal-consent-dialog.js';
import { showProblem, startCall } from './demo.js';
import { demoNotice } from './notice.js';

// Everything the customer needs, the call secret included, travels in the link's fragment,
// which browsers never send to a server. Nothing is collected until the customer agrees.
const ledger = new ConsentLedger({ store: new MemoryConsentStore() });
const subjectId = crypto.randomUUID();
const dialog = document.querySelector('seal-consent-dialog')!;
const declined = document.querySelector<HTMLElement>('#declined')!;

try {
  const { room, token, secret, signalingUrl } = parseInvite(location.href);
  if (!signalingUrl) throw new Error('This link names no signaling server. Ask for a new invitation.');
  dialog.notice = demoNotice;
  dialog.open = true;
  dialog.addEventListener('seal-consent-accept', (event) => {
    declined.hidden = true;
    ledger.recordDecision(event.detail, { subjectId, callId: room }).then(
      () => startCall({ role: 'customer', room, token, secret, signalingUrl, consent: { ledger, subjectId, callId: room } }),
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
