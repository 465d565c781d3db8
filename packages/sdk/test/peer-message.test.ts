import { expect } from '@esm-bundle/chai';
import { isPeerMessage, MAX_PEER_MESSAGE_BYTES } from '../src/index.js';
import { backoffDelay } from '../src/signaling/backoff.js';

describe('isPeerMessage', () => {
  const valid = [
    { kind: 'description', generation: 1, description: { type: 'offer', sdp: 'v=0\r\n' } },
    { kind: 'description', generation: 2, description: { type: 'answer', sdp: '' } },
    { kind: 'candidate', generation: 1, candidate: { candidate: 'candidate:1 1 udp 1 127.0.0.1 5000 typ host', sdpMLineIndex: 0, sdpMid: '0' } },
    { kind: 'candidate', generation: 1, candidate: { candidate: '', sdpMLineIndex: null, sdpMid: null, usernameFragment: null } },
    { kind: 'renegotiate', generation: 0 },
    { kind: 'restart', generation: 9 },
    { kind: 'rejoined', generation: 0 },
    { kind: 'welcome', generation: 0 },
    { kind: 'consent-request', generation: 0, purpose: 'recording', requestId: 'r-1' },
    { kind: 'consent-state', generation: 0, purpose: 'pictures', granted: true, ref: 'record-id', requestId: null },
    { kind: 'consent-state', generation: 0, purpose: 'recording', granted: false, ref: null, requestId: 'r-1' },
    { kind: 'capture-state', generation: 0, recording: true },
  ];
  for (const message of valid) {
    it(`accepts ${JSON.stringify(message).slice(0, 60)}`, () => expect(isPeerMessage(message)).to.equal(true));
  }

  const invalid: Array<[string, unknown]> = [
    ['null', null],
    ['an array', [{ kind: 'restart', generation: 1 }]],
    ['an unknown kind', { kind: 'evil', generation: 1 }],
    ['an inherited kind', { kind: 'toString', generation: 1 }],
    ['a missing generation', { kind: 'restart' }],
    ['a negative generation', { kind: 'restart', generation: -1 }],
    ['a fractional generation', { kind: 'restart', generation: 1.5 }],
    ['a pranswer', { kind: 'description', generation: 1, description: { type: 'pranswer', sdp: '' } }],
    ['an sdp that is not a string', { kind: 'description', generation: 1, description: { type: 'offer', sdp: 7 } }],
    ['an sdp over the limit', { kind: 'description', generation: 1, description: { type: 'offer', sdp: 'a'.repeat(MAX_PEER_MESSAGE_BYTES) } }],
    ['a candidate without its line', { kind: 'candidate', generation: 1, candidate: { sdpMLineIndex: 0, sdpMid: '0' } }],
    ['a consent request for an unknown purpose', { kind: 'consent-request', generation: 0, purpose: 'call', requestId: 'r' }],
    ['a consent request with a malformed id', { kind: 'consent-request', generation: 0, purpose: 'recording', requestId: '<script>' }],
    ['a grant without its record', { kind: 'consent-state', generation: 0, purpose: 'recording', granted: true, ref: null, requestId: null }],
    ['a refusal that names a record', { kind: 'consent-state', generation: 0, purpose: 'recording', granted: false, ref: 'x', requestId: null }],
    ['a capture state that is not a boolean', { kind: 'capture-state', generation: 0, recording: 'yes' }],
    ['a candidate with a string index', { kind: 'candidate', generation: 1, candidate: { candidate: '', sdpMLineIndex: '0', sdpMid: '0' } }],
  ];
  for (const [what, message] of invalid) {
    it(`rejects ${what}`, () => expect(isPeerMessage(message)).to.equal(false));
  }
});

describe('backoffDelay', () => {
  it('grows exponentially up to the ceiling, with full jitter', () => {
    const options = { initialDelayMs: 100, maxDelayMs: 1000 };
    expect([0, 1, 2, 3, 4, 10].map((attempt) => backoffDelay(attempt, options, () => 0.999999))).to.deep.equal([99, 199, 399, 799, 999, 999]);
    expect(backoffDelay(5, options, () => 0)).to.equal(0);
    expect(backoffDelay(1e9, options, () => 0.5)).to.equal(500);
  });
});
