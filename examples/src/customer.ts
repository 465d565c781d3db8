import { ArtifactVault, ConsentLedger, consentReceiptFile, parseInvite, problemOf, SealcallError, VaultConsentStore, type ProblemAction } from '@sealcall/sdk';
import '@sealcall/components/seal-consent-dialog.js';
import { callElement, showProblem, startCall, type CallParameters } from './demo.js';
import { languageSwitch } from './language.js';
import { demoNotices } from './notice.js';

// Everything the customer needs, the call secret included, travels in the link's fragment,
// which browsers never send to a server. Nothing is collected until the customer agrees.
// The customer's consent records are kept encrypted in this browser (IndexedDB); in production
// they would go to your servers through HttpStorage, and the subject id would come from you.
const ledger = new ConsentLedger({ store: new VaultConsentStore({ vault: new ArtifactVault() }) });
const subjectId = crypto.randomUUID();
const dialog = document.querySelector('seal-consent-dialog')!;
const receipt = document.querySelector<HTMLAnchorElement>('#receipt')!;
const call = callElement(act);
let parameters: CallParameters | undefined;
// The notice in the page's language, for the dialog and the consent step in the call alike.
languageSwitch((language) => {
  dialog.notice = demoNotices[language];
  call.captureNotice = demoNotices[language];
});

ledger.on('recorded', () => {
  ledger.receipt(subjectId).then((current) => {
    const file = consentReceiptFile(current);
    if (receipt.href) URL.revokeObjectURL(receipt.href);
    receipt.href = URL.createObjectURL(file);
    receipt.download = file.name;
    receipt.hidden = false;
  }, fail);
});

try {
  const { room, token, secret, signalingUrl } = parseInvite(location.href);
  if (!signalingUrl) throw new SealcallError('INVALID_INVITE', 'This link names no signaling server.');
  const invited = { role: 'customer' as const, room, token, secret, signalingUrl, consent: { ledger, subjectId, callId: room } };
  parameters = invited;
  dialog.open = true;
  dialog.addEventListener('seal-consent-accept', (event) => {
    ledger.recordDecision(event.detail, { subjectId, callId: room }).then(() => void startCall(call, invited)).catch(fail);
  });
  dialog.addEventListener('seal-consent-decline', (event) => {
    // The agent hears of it; the link stays unused, so the customer can still change their mind.
    ledger.recordDecision(event.detail, { subjectId, callId: room }).then(() => startCall(call, invited).decline()).catch(fail);
  });
} catch (error) {
  fail(error);
}

function act(action: ProblemAction): void {
  if (action === 'review-notice') dialog.open = true;
  else if (action === 'new-link') location.href = 'mailto:claims@demo-insurance.example?subject=A%20new%20link%20for%20my%20video%20call';
  else if (parameters) startCall(call, parameters, { join: true, rejoin: action === 'rejoin' });
}

/** A SealcallError is the customer's problem, in words; anything else is a bug of this page. */
function fail(error: unknown): void {
  if (error instanceof SealcallError) call.problem = problemOf(error);
  else showProblem(error instanceof Error ? error.message : String(error));
}
