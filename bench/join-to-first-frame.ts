import { CallSession, createCallSecret, WebSocketSignaling } from '@sealcall/sdk';
import { firstPresentedFrame } from './first-frame.js';

export interface JoinSample {
  /** Customer's join() call to the first remote video frame presented at the customer. */
  customerMs: number;
  /** Same join() call to the first customer frame presented at the agent. */
  agentMs: number;
}

function firstFrame(session: CallSession): Promise<number> {
  if (session.remoteStream) return firstPresentedFrame(session.remoteStream);
  return new Promise((resolve) => session.on('remote-stream', ({ stream }) => resolve(firstPresentedFrame(stream))));
}

/** One end-to-end encrypted call on loopback through the reference server; the agent admits as soon as knocked. */
async function sample(url: string, room: string, agentToken: string, customerToken: string): Promise<JoinSample> {
  const e2ee = { secret: createCallSecret() };
  const agent = new CallSession({ signaling: new WebSocketSignaling({ url, room, role: 'agent', token: agentToken }), e2ee });
  const customer = new CallSession({ signaling: new WebSocketSignaling({ url, room, role: 'customer', token: customerToken }), e2ee, consent: false });
  agent.on('knock', ({ participantId }) => agent.admit(participantId));
  await agent.join();
  const start = performance.now();
  const frames = Promise.all([firstFrame(customer), firstFrame(agent)]);
  await customer.join();
  const [atCustomer, atAgent] = await frames;
  customer.hangUp();
  agent.hangUp();
  return { customerMs: atCustomer - start, agentMs: atAgent - start };
}

declare global {
  interface Window {
    sealcallBench: typeof sample;
  }
}
window.sealcallBench = sample;
