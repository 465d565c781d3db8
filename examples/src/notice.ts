import type { ConsentNotice } from '@sealcall/components';

/** The demo insurer's privacy notice. Yours comes from your legal team. */
export const demoNotice: ConsentNotice = {
  controller: 'Demo Insurance NV',
  version: 'demo-2026-11',
  purposes: [
    { id: 'call', label: 'Video call', description: 'A live, end-to-end encrypted video call with your claims handler about your claim.', required: true },
    { id: 'recording', label: 'Recording', description: 'The call may be **recorded** as evidence for your claim. You will be asked again before it starts.', required: false },
    { id: 'pictures', label: 'Pictures', description: 'Your claims handler may take still pictures of the damage you show.', required: false },
  ],
  retention: 'Pictures and recordings are kept until 30 days after your claim is settled, then erased.',
  dpoContact: 'dpo@demo-insurance.example',
  privacyPolicyUrl: 'https://demo-insurance.example/privacy',
};
