import { SealCall, SealConsentDialog } from '@sealcall/react';
import { ArtifactVault, ConsentLedger, parseInvite, VaultConsentStore, type CallSession, type ConsentDecision, type Invite, type ProblemAction } from '@sealcall/sdk';
import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { createSession } from './demo.js';
import { demoNotice } from './notice.js';

// The customer page of customer.html, written with @sealcall/react: the same link, the same
// consent records kept encrypted in this browser, the same call.

function CustomerCall({ invite, signalingUrl }: { invite: Invite; signalingUrl: string }) {
  const [ledger] = useState(() => new ConsentLedger({ store: new VaultConsentStore({ vault: new ArtifactVault() }) }));
  const [subjectId] = useState(() => crypto.randomUUID());
  const [asking, setAsking] = useState(true);
  const [session, setSession] = useState<CallSession>();
  const [problem, setProblem] = useState('');
  const report = (error: unknown) => setProblem(error instanceof Error ? error.message : String(error));
  useEffect(() => () => session?.hangUp(), [session]);
  const context = { subjectId, callId: invite.room };
  const parameters = { role: 'customer' as const, ...invite, signalingUrl, consent: { ledger, ...context } };

  const decide = (decision: ConsentDecision, accepted: boolean) => {
    setAsking(false);
    ledger
      .recordDecision(decision, context)
      .then(() => {
        const next = createSession(parameters);
        setSession(next);
        // A decline tells the agent; the element then offers to review the notice.
        if (!accepted) return next.decline();
      })
      .catch(report);
  };

  const act = (action: ProblemAction) => {
    if (action === 'review-notice') return setAsking(true);
    const next = createSession(parameters, { rejoin: action === 'rejoin' });
    setSession(next);
    next.join().catch((error: unknown) => console.warn('Sealcall join:', error));
  };

  return (
    <>
      <h1>Video call with your insurer</h1>
      <SealConsentDialog
        notice={demoNotice}
        open={asking}
        onSealConsentAccept={(event) => decide(event.detail, true)}
        onSealConsentDecline={(event) => decide(event.detail, false)}
      />
      <SealCall
        session={session}
        captureNotice={demoNotice}
        onSealError={(event) => console.warn(`Sealcall ${event.detail.error.code}: ${event.detail.error.message}`)}
        onSealProblemAction={(event) => act(event.detail.action)}
      />
      {problem && <p role="alert">{problem}</p>}
    </>
  );
}

const app = createRoot(document.querySelector('#app')!);
try {
  const invite = parseInvite(location.href);
  if (!invite.signalingUrl) throw new Error('This link names no signaling server. Ask for a new invitation.');
  app.render(
    <StrictMode>
      <CustomerCall invite={invite} signalingUrl={invite.signalingUrl} />
    </StrictMode>,
  );
} catch (error) {
  app.render(<p role="alert">{error instanceof Error ? error.message : String(error)}</p>);
}
