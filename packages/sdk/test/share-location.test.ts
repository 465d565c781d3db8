import { expect } from '@esm-bundle/chai';
import sinon from 'sinon';
import {
  ConsentLedger,
  MemoryConsentStore,
  SealcallError,
  storeLocation,
  type ConsentDecision,
} from '../src/index.js';
import { browserLocation as setBrowserLocation, itWithGeolocation } from './helpers/geolocation.js';
import { randomRoom } from './helpers/server.js';
import { memoryVault, sealedCall } from './helpers/sealed-call.js';
import { cleanUpCalls } from './helpers/clean-up-calls.js';

const subjectId = 'subject-1';
const shown = { noticeVersion: 'location-v1', locale: 'en', shownText: 'May we see where you are? Your location, once, to find where the damage is.' };
const answer = (accepted: string[], declined: string[] = []): ConsentDecision => ({ ...shown, accepted, declined });
const BERLIN = { latitude: 52.520008, longitude: 13.404954, accuracy: 25 };

const browserLocation = (allow: boolean) => setBrowserLocation(allow, BERLIN);

async function expectCode(promise: Promise<unknown>, code: string, message?: RegExp): Promise<SealcallError> {
  const error = await promise.then(() => expect.fail(`resolved; expected ${code}`), (e: unknown) => e);
  expect(error).to.be.instanceOf(SealcallError);
  expect((error as SealcallError).code).to.equal(code);
  if (message) expect((error as SealcallError).message).to.match(message);
  return error as SealcallError;
}

describe('Sharing a location once, with the customer\'s consent, end to end encrypted', () => {
  const { sessions } = cleanUpCalls();
  afterEach(async () => {
    sinon.restore();
    await browserLocation(false);
  });

  async function connected() {
    const room = randomRoom();
    const ledger = new ConsentLedger({ store: new MemoryConsentStore() });
    await ledger.recordDecision({ ...shown, accepted: ['call'], declined: [] }, { subjectId, callId: room });
    const { agent, customer } = await sealedCall(sessions, { room, consent: { ledger, subjectId, callId: room } });
    const requested = () => new Promise<string>((resolve) => customer.on('location-request', ({ requestId }) => resolve(requestId)));
    return { agent, customer, ledger, room, requested };
  }

  itWithGeolocation('asks the browser only after the grant, reaches the agent with the grant, and is stored as ciphertext', async function () {
    this.timeout(30_000);
    await browserLocation(true);
    const { agent, customer, ledger, room, requested } = await connected();
    const asked = requested();
    const shared = new Promise((resolve) => agent.on('location-shared', ({ location }) => resolve(location)));
    const getCurrentPosition = sinon.spy(navigator.geolocation, 'getCurrentPosition');
    const location = agent.requestLocation();
    await asked;
    expect(getCurrentPosition.called, 'no position is read before the customer answers').to.equal(false);
    const position = await customer.answerLocationRequest(answer(['location']));
    expect(getCurrentPosition.calledOnce).to.equal(true);
    expect(position).to.include(BERLIN);

    const received = await location;
    expect(received).to.include(BERLIN);
    expect(await shared).to.deep.equal(received);
    const grant = await ledger.currentGrant(subjectId, 'location', room);
    expect(received.consentRef).to.equal(grant!.id);
    expect(grant!.shownText).to.equal(shown.shownText);

    const { vault, stored: storedBytes } = memoryVault();
    const stored = await storeLocation({ vault, location: received, meta: { callId: room, subjectId, expiresAt: Date.now() + 86_400_000 } });
    expect(stored).to.include({ kind: 'location', mimeType: 'application/geo+json', consentRef: grant!.id, status: 'complete' });
    const ciphertext = await storedBytes(stored.id);
    expect(new TextDecoder().decode(ciphertext)).not.to.include('52.52');
    const { stream } = await vault.read(stored.id);
    const feature = JSON.parse(await new Response(stream).text()) as { geometry: { coordinates: number[] }; properties: { accuracyMetres: number } };
    expect(feature.geometry.coordinates).to.deep.equal([BERLIN.longitude, BERLIN.latitude]);
    expect(feature.properties.accuracyMetres).to.equal(BERLIN.accuracy);
  });

  it('never asks the browser when the customer says no, and tells the agent', async function () {
    this.timeout(30_000);
    const { agent, customer, ledger, room, requested } = await connected();
    const getCurrentPosition = sinon.spy(navigator.geolocation, 'getCurrentPosition');
    const asked = requested();
    const location = agent.requestLocation();
    await asked;
    expect(await customer.answerLocationRequest(answer([], ['location']))).to.equal(undefined);
    await expectCode(location, 'LOCATION_DECLINED', /chose not to share/);
    expect(getCurrentPosition.called).to.equal(false);
    expect(await ledger.currentGrant(subjectId, 'location', room)).to.equal(null);
  });

  itWithGeolocation('tells both sides when the browser refuses the location the customer agreed to share', async function () {
    this.timeout(30_000);
    await browserLocation(false);
    const { agent, customer, requested } = await connected();
    const asked = requested();
    const location = agent.requestLocation();
    await asked;
    await expectCode(customer.answerLocationRequest(answer(['location'])), 'LOCATION_REFUSED', /Allow location for this site/);
    await expectCode(location, 'LOCATION_REFUSED', /their browser does not let this page read their location/);
  });

  it('takes one request at a time, only from the agent, answers only what was asked, and fails what waits when the call ends', async function () {
    this.timeout(30_000);
    const { agent, customer, requested } = await connected();
    await expectCode(customer.requestLocation(), 'INVALID_STATE', /agent's/);
    await expectCode(customer.answerLocationRequest(answer(['location'])), 'INVALID_STATE', /no location request/);
    const asked = requested();
    const first = agent.requestLocation();
    await expectCode(agent.requestLocation(), 'INVALID_STATE', /waits for its answer/);
    await asked;
    await expectCode(customer.answerLocationRequest(answer(['pictures'])), 'INVALID_ARGUMENT', /nothing about "location"/);
    agent.hangUp();
    await expectCode(first, 'INVALID_STATE', /call ended/);
  });
});
