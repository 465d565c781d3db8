import '@sealcall/components/seal-consent-dialog.js';
import { showProblem } from './demo.js';
import { demoNotice } from './notice.js';
import { showRecords } from './records-sign-in.js';

// The partner page: the call and the capture come from agent.ts; here, the consent dialog as the
// customer sees it (a preview: the decision is not recorded) and the agent's records.
const consent = document.querySelector('seal-consent-dialog')!;
consent.notice = { ...demoNotice, controller: 'Brightline Insurance NV', dpoContact: 'privacy@brightline.example', privacyPolicyUrl: 'https://brightline.example/privacy' };
document.querySelector('#show-consent')!.addEventListener('click', () => (consent.open = true));

const records = document.querySelector('seal-records')!;
showRecords(records, 'agent').catch((error: unknown) => showProblem(error instanceof Error ? error.message : String(error)));
