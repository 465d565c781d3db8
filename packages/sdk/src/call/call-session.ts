import { ledgerConsent, type CaptureConsentSource, type CapturePurpose } from '../capture/consent-source.js';
import { capturePicture } from '../capture/capture-picture.js';
import type { CapturedPicture } from '../capture/picture-types.js';
import type { CallRecorder } from '../capture/recorder.js';
import { CallRecording } from './call-recording.js';
import type { ConsentDecision } from '../consent/consent-ledger.js';
import { E2EEController } from '../e2ee/e2ee-controller.js';
import type { E2EEStats, E2EEStatus } from '../e2ee/types.js';
import { SealcallError } from '../errors.js';
import { Emitter } from '../internal/emitter.js';
import type { PeerMessage } from '../signaling/peer-message.js';
import type { JoinResult, Participant, PeerLeftReason, Role, SignalingAdapter } from '../signaling/types.js';
import { acquireMedia, defaultMediaConstraints, facing, stopTracks, type FacingMode } from './media.js';
import { isLinkMessage, LinkSupervisor } from './link-supervisor.js';
import { CustomerConsentRelay } from './customer-consent-relay.js';
import { RemoteConsent, type RemoteConsentState } from './remote-consent.js';
import { canTransition, isFinal } from './states.js';
import { problemOf, type CallProblem } from './problems.js';
import { sessionProblem } from './session-problem.js';
import { isCustomerAbsenceReason } from '@sealcall/protocol';
import { CallSharing } from '../share/call-sharing.js';
import type { ChatMessage } from '../share/chat.js';
import type { SharedDocument } from '../share/document.js';
import { prepareDocument } from '../share/document-prepare.js';
import type { SharedLocation } from '../share/location.js';
import { answerLocationRequest } from '../share/location-answer.js';
import { documentConsent } from '../share/document-consent.js';
import type { SharedPosition } from '../share/share-wire.js';
import type { AbsenceReason, CustomerAbsenceReason } from '../signaling/types.js';
import type { CallSessionEvents, CallSessionOptions, CallState, EndReason, MediaStatus, RecordingStatus, SendDocumentOptions, StartRecordingOptions } from './types.js';

/**
 * A 1:1 call: the one object an integrator drives. The agent's side makes the offer; either
 * side rebuilds the connection when ICE fails or the peer comes back, and rides out signaling
 * drops (media flows peer to peer meanwhile). Camera and microphone are requested by join(),
 * never before.
 */
export class CallSession {
  readonly #signaling: SignalingAdapter;
  readonly #options: CallSessionOptions;
  readonly #events = new Emitter<CallSessionEvents>();
  readonly #unsubscribe: Array<() => void> = [];
  #state: CallState = 'idle';
  #localStream: MediaStream | undefined;
  #remoteStream: MediaStream | undefined;
  #remote: Participant | null = null;
  /** This session joined a call its peer was already in: what the peer sends before its `welcome` was meant for this participant's previous session. */
  #awaitingWelcome = false;
  readonly #links: LinkSupervisor;
  #media: MediaStatus = { audioMuted: false, videoMuted: false, facingMode: 'user' };
  #e2ee: E2EEController | undefined;
  #sharing: CallSharing | undefined;
  readonly #remoteConsent: RemoteConsent | undefined;
  readonly #consentRelay: CustomerConsentRelay | undefined;
  readonly #recording = new CallRecording({
    announce: (recording) => this.#sendToPeer({ kind: 'capture-state', generation: 0, recording }),
    changed: (status) => this.#events.emit('recording-change', status),
    failed: (error) => this.#events.emit('error', { error }),
  });
  #problem: CallProblem | undefined;
  /** Agent: why the customer said it is not coming, until it knocks. */
  #absence: AbsenceReason | undefined;
  #failure: SealcallError | undefined;
  #endReason: EndReason | undefined;
  /** The TURN servers and credentials of the latest `joined`, used unless the integrator gave its own. */
  #serverIceServers: RTCIceServer[] = [];

  constructor(options: CallSessionOptions) {
    this.#signaling = options.signaling;
    this.#options = options;
    const send = (message: PeerMessage) => this.#sendToPeer(message);
    if (this.role === 'agent') this.#remoteConsent = new RemoteConsent(send);
    else if (options.consent) this.#consentRelay = new CustomerConsentRelay(options.consent, send);
    this.#links = new LinkSupervisor({
      role: this.role,
      iceServers: () => options.iceServers ?? this.#serverIceServers,
      recovery: options.recovery,
      config: () => ({ ...this.#e2ee?.peerConfig, ...(options.iceTransportPolicy ? { iceTransportPolicy: options.iceTransportPolicy } : {}) }),
      attach: (connection) => {
        this.#e2ee?.attach(connection);
        this.#sharing?.attach(connection);
      },
      send,
    });
  }

  get state(): CallState {
    return this.#state;
  }

  get role(): Role {
    return this.#signaling.role;
  }

  get room(): string {
    return this.#signaling.room;
  }

  get localStream(): MediaStream | undefined {
    return this.#localStream;
  }

  get remoteStream(): MediaStream | undefined {
    return this.#remoteStream;
  }

  get media(): MediaStatus {
    return this.#media;
  }

  /** End-to-end encryption: undefined when turned off, or before join(). */
  get e2ee(): E2EEStatus | undefined {
    return this.#e2ee?.status;
  }

  /** Frames encrypted, decrypted and dropped (by reason) since join(). */
  async e2eeStats(): Promise<E2EEStats> {
    if (!this.#e2ee) throw new SealcallError('INVALID_STATE', 'End-to-end encryption is off, or the call has not been joined.');
    return this.#e2ee.stats();
  }

  /** Rotates this side's media key now (it also rotates on a timer). */
  async rotateKeys(): Promise<void> {
    if (!this.#e2ee) throw new SealcallError('INVALID_STATE', 'End-to-end encryption is off, or the call has not been joined.');
    await this.#e2ee.rotate();
  }

  /**
   * Both participants read the security code (`e2ee.sas`) aloud and it matched: marks this
   * agreement `verified`. A new agreement (a new participant, or either side's encryption
   * restarted) is unverified again until they compare its code.
   */
  confirmSecurityCode(): void {
    if (!this.#e2ee) throw new SealcallError('INVALID_STATE', 'End-to-end encryption is off, or the call has not been joined.');
    this.#e2ee.confirmSas();
  }

  /** What stands in this participant's way now (docs/errors.md), if anything. */
  get problem(): CallProblem | undefined {
    return this.#problem;
  }

  /**
   * The participants read the security code aloud and it differed: someone may sit in the middle
   * of the key agreement. Tells the other side so (its call ends with `remote-code-mismatch`), and
   * ends the call at once with `code-mismatch`.
   */
  rejectSecurityCode(): void {
    if (!this.#e2ee) throw new SealcallError('INVALID_STATE', 'End-to-end encryption is off, or the call has not been joined.');
    this.#sendToPeer({ kind: 'code-rejected', generation: 0 });
    this.#end('code-mismatch');
  }

  /** Whether a recording of this call runs on this side (`local`) or the other (`remote`). */
  get recording(): RecordingStatus {
    return this.#recording.status;
  }

  /**
   * The customer's consent to captures, for recorders and picture captures on this side: on the
   * agent's side what the customer's session said (nothing else can grant it), on the customer's
   * side their own ledger.
   */
  get captureConsent(): CaptureConsentSource {
    if (this.#remoteConsent) return this.#remoteConsent;
    const gate = this.#options.consent;
    if (!gate) throw new SealcallError('INVALID_STATE', 'This customer session has no consent ledger (consent: false): captures cannot check consent. Pass consent: { ledger, subjectId }.');
    return ledgerConsent(gate.ledger, gate.subjectId, gate.callId);
  }

  /**
   * A still of the customer's camera at the resolution it arrives in: on the agent's side the
   * remote video, on the customer's side their own camera. Checks the `pictures` consent first
   * (CONSENT_REQUIRED, and no pixel is read); store it with `storePicture()`.
   */
  async takePicture(): Promise<CapturedPicture> {
    await this.captureConsent.require('pictures');
    const stream = this.role === 'agent' ? this.#remoteStream : this.#localStream;
    const track = stream?.getVideoTracks()[0];
    if (!track || isFinal(this.#state)) throw new SealcallError('CAPTURE_UNAVAILABLE', "There is no video of the customer's camera yet: take the picture once the call is connected.");
    return capturePicture(track);
  }

  /**
   * Records the call, both sides mixed, encrypted chunk by chunk into `vault`. Only through
   * here does the SDK record a call, so that the other participant always sees it: both sides'
   * `recording` status is on while it runs. It needs the customer's `recording` consent (on the
   * agent's side, the customer's answer to `requestConsent('recording')`), stops at once if that
   * is withdrawn, and stops with `endReason: 'call-ended'` when the call ends. Rejects
   * CONSENT_REQUIRED, INVALID_STATE (not connected, or a recording runs) and the recorder's errors.
   */
  startRecording(options: StartRecordingOptions): Promise<CallRecorder> {
    return this.#recording.start(options, () => ({ state: this.#state, local: this.#localStream, remote: this.#remoteStream, consent: () => this.captureConsent }));
  }

  /** Agent: what the customer last said about `purpose`. */
  remoteConsentState(purpose: CapturePurpose): RemoteConsentState {
    return this.#agentConsent('remoteConsentState').state(purpose);
  }

  /**
   * Agent: the second consent step. Asks the customer's side, which shows its consent dialog;
   * resolves with the answer (also emitted as `consent-change`). The agent cannot answer it.
   */
  requestConsent(purpose: CapturePurpose): Promise<RemoteConsentState> {
    if (this.#state !== 'connected') return Promise.reject(new SealcallError('INVALID_STATE', `Ask for consent once the call is connected; it is ${this.#state}.`));
    return this.#agentConsent('requestConsent').request(purpose);
  }

  /** The call's chat so far, oldest first (the latest 1000): what `storeTranscript()` keeps. */
  get chatMessages(): readonly ChatMessage[] {
    return this.#sharing?.chatMessages ?? [];
  }

  /**
   * Sends a chat message to the other participant, sealed end to end with a key of the call's
   * key agreement: resolves once it is on its way (also emitted as `chat-message`). It waits
   * while the connection is being restored. Needs end-to-end encryption (INVALID_STATE without
   * it); rejects INVALID_ARGUMENT for an empty text or one over 2000 characters.
   */
  sendChatMessage(text: string): Promise<ChatMessage> {
    return this.#withSharing('send a chat message', (sharing) => sharing.sendChat(text));
  }

  /**
   * Agent: asks the customer to share their location once. The customer's side shows its consent
   * step first (the `location` purpose of its notice), and only on their grant asks the browser
   * for the position; it comes back end to end encrypted, with the grant's id as `consentRef`
   * (also emitted as `location-shared`; keep it with `storeLocation()`). Rejects
   * LOCATION_DECLINED (the customer said no), LOCATION_REFUSED (they agreed, but their browser
   * does not let the page read the location), LOCATION_UNAVAILABLE (no position, or no answer
   * within 3 minutes), INVALID_STATE (not connected, no end-to-end encryption, a request already
   * waiting, or the call ended first).
   */
  requestLocation(): Promise<SharedLocation> {
    if (this.#state !== 'connected') return Promise.reject(new SealcallError('INVALID_STATE', `Ask for the location once the call is connected; it is ${this.#state}.`));
    return this.#withSharing('ask for the location', (sharing) => sharing.requestLocation());
  }

  /**
   * Customer: answers the agent's `location-request` with the customer's decision about the
   * `location` purpose, recorded in the ledger; on a grant, shares the browser's position once
   * and resolves with it (undefined on a refusal). Rejects LOCATION_REFUSED or
   * LOCATION_UNAVAILABLE when the browser gives no position (the agent is told too).
   */
  answerLocationRequest(decision: ConsentDecision): Promise<SharedPosition | undefined> {
    const gate = this.#options.consent;
    if (!gate) return Promise.reject(new SealcallError('INVALID_STATE', 'Only a customer session with a consent ledger (consent: { ledger, subjectId }) can answer a location request.'));
    return this.#withSharing('answer the location request', (sharing) => answerLocationRequest(sharing, gate, decision));
  }

  /**
   * Sends a document or picture the participant chose (a File from `<input type="file">`, or a
   * Blob with `name`) to the other participant, sealed end to end, in chunks (follow them with
   * `document-progress`). A picture is redrawn first so that no metadata of the device leaves
   * with it. Resolves once the other side has it whole and checked (also emitted as
   * `document`). Rejects DOCUMENT_TOO_LARGE (over 20 MB), DOCUMENT_TYPE_NOT_ALLOWED (by its
   * content not a PDF, JPEG, PNG or WebP), DOCUMENT_NOT_DELIVERED (damaged on the way, or the
   * connection was rebuilt or the call ended first: send it again), INVALID_STATE (not connected,
   * or no end-to-end encryption). One document goes at a time; more wait their turn.
   *
   * A customer with a consent ledger sends under their grant for the `document` purpose, named
   * in the offer and kept with the document (`consentRef`): `consent`, the decision of the step
   * that asked them (recorded first), else the grant in force for the call. Rejects
   * CONSENT_REQUIRED without either, before anything is sent.
   */
  sendDocument(file: Blob, { name, consent }: SendDocumentOptions = {}): Promise<SharedDocument> {
    if (this.#state !== 'connected') return Promise.reject(new SealcallError('INVALID_STATE', `Send a document once the call is connected; it is ${this.#state}.`));
    const gate = this.role === 'customer' ? this.#options.consent : undefined;
    return this.#withSharing('send a document', async (sharing) => {
      const prepared = await prepareDocument(file, name);
      return sharing.sendDocument(prepared, await documentConsent(gate, consent));
    });
  }

  #withSharing<T>(what: string, act: (sharing: CallSharing) => Promise<T>): Promise<T> {
    if (!this.#sharing || isFinal(this.#state)) {
      const why = isFinal(this.#state) ? `the call is ${this.#state}` : this.#state === 'idle' ? 'join the call first' : 'end-to-end encryption is off (e2ee: false), and sharing goes only end to end';
      return Promise.reject(new SealcallError('INVALID_STATE', `Cannot ${what}: ${why}.`));
    }
    return act(this.#sharing);
  }

  /** Customer: records the answer to the agent's `consent-request` in the ledger and tells the agent. */
  answerConsentRequest(decision: ConsentDecision): Promise<void> {
    if (!this.#consentRelay) return Promise.reject(new SealcallError('INVALID_STATE', 'Only a customer session with a consent ledger (consent: { ledger, subjectId }) can answer a consent request.'));
    return this.#consentRelay.answer(decision);
  }

  /** The live RTCPeerConnection, if any: for stats. */
  get peerConnection(): RTCPeerConnection | undefined {
    return this.#links.link?.connection;
  }

  on<K extends keyof CallSessionEvents>(type: K, listener: (detail: CallSessionEvents[K]) => void): () => void {
    return this.#events.on(type, listener);
  }

  /**
   * Asks for camera and microphone, then joins the room. Resolves once in the room (in the
   * lobby, alone, or with the other participant); rejects with a SealcallError, leaving the
   * session `failed`, when media or the room is refused.
   */
  async join(): Promise<void> {
    if (this.#state !== 'idle') throw new SealcallError('INVALID_STATE', `join() may be called once; the call is ${this.#state}.`);
    await this.#requireConsent();
    if (!this.#is('idle')) throw new SealcallError('INVALID_STATE', `join() may be called once; the call is ${this.#state}.`);
    this.#setState('joining');
    try {
      this.#e2ee = this.#createE2EE();
      this.#sharing = this.#createSharing();
      const constraints = this.#options.media ?? defaultMediaConstraints;
      this.#localStream = await acquireMedia(constraints);
      if (!this.#is('joining')) return this.#release();
      this.#links.setStream(this.#localStream);
      this.#events.emit('local-stream', { stream: this.#localStream });
      this.#listen();
      const joined = await this.#signaling.connect();
      if (this.#is('joining')) this.#onJoined(joined, { first: true });
    } catch (cause) {
      const error = cause instanceof SealcallError ? cause : new SealcallError('INVALID_STATE', 'Joining the call failed unexpectedly.', { cause });
      // A customer whose camera or browser failed tells its agent why it is not coming: those problems are absence reasons.
      const problem = problemOf(error);
      const absence = this.role === 'customer' && this.#signaling.state === 'idle' && problem !== 'declined' && isCustomerAbsenceReason(problem) ? problem : undefined;
      // Before #fail closes the adapter: absent() is instead of connect().
      if (absence) void this.#tellAbsent(absence);
      this.#fail(error);
      throw error;
    }
  }

  /** Tells the agent, if the adapter can; what goes wrong is reported as an `error`. */
  async #tellAbsent(reason: CustomerAbsenceReason): Promise<void> {
    try {
      await this.#signaling.absent?.(reason);
    } catch (cause) {
      const error = cause instanceof SealcallError ? cause : new SealcallError('SIGNALING_UNREACHABLE', 'Could not tell the agent why you are not coming.', { cause });
      this.#events.emit('error', { error });
    }
  }

  /**
   * Customer, instead of join(): the customer declined the notice. Tells the agent (through
   * `signaling.absent()`, without using the room token) and ends the session with `declined`;
   * a customer who changes their mind joins with a new session.
   */
  async decline(): Promise<void> {
    if (this.role !== 'customer' || this.#state !== 'idle') {
      throw new SealcallError('INVALID_STATE', `decline() is a customer's, before join(); this is the ${this.role}'s session and it is ${this.#state}.`);
    }
    this.#setState('ended', { reason: 'declined' });
    await this.#tellAbsent('declined');
  }

  /** Agent: let a waiting customer in. */
  admit(participantId: string): void {
    this.#signaling.admit(participantId);
  }

  /** Agent: turn a waiting customer away. */
  reject(participantId: string): void {
    this.#signaling.reject(participantId);
  }

  setAudioMuted(muted: boolean): void {
    for (const track of this.#localStream?.getAudioTracks() ?? []) track.enabled = !muted;
    this.#setMedia({ audioMuted: muted });
  }

  setVideoMuted(muted: boolean): void {
    for (const track of this.#localStream?.getVideoTracks() ?? []) track.enabled = !muted;
    this.#setMedia({ videoMuted: muted });
  }

  /** Switches between the front and the back camera (customers film damage with the back one). */
  async switchCamera(mode: FacingMode = this.#media.facingMode === 'user' ? 'environment' : 'user'): Promise<void> {
    const stream = this.#localStream;
    const oldTrack = stream?.getVideoTracks()[0];
    if (!stream || !oldTrack || isFinal(this.#state)) throw new SealcallError('INVALID_STATE', 'There is no camera to switch: join the call first.');
    const fresh = await acquireMedia({ video: facing(this.#options.media ?? defaultMediaConstraints, mode) });
    const newTrack = fresh.getVideoTracks()[0];
    if (!newTrack) throw new SealcallError('MEDIA_NOT_FOUND', 'The other camera gave no video track.');
    newTrack.enabled = !this.#media.videoMuted;
    await this.#links.replaceTrack(oldTrack, newTrack);
    stream.removeTrack(oldTrack);
    stream.addTrack(newTrack);
    oldTrack.stop();
    this.#setMedia({ facingMode: mode });
  }

  /** Leaves the call for good and releases camera and microphone. */
  hangUp(): void {
    this.#end('hangup');
  }

  #agentConsent(method: string): RemoteConsent {
    if (!this.#remoteConsent) throw new SealcallError('INVALID_STATE', `${method}() is the agent's: the customer's own ledger answers for this side.`);
    return this.#remoteConsent;
  }

  #listen(): void {
    const s = this.#signaling;
    if (this.#consentRelay) this.#unsubscribe.push(this.#consentRelay.attach());
    if (this.#remoteConsent) this.#unsubscribe.push(this.#remoteConsent.onChange((state) => this.#events.emit('consent-change', state)));
    this.#unsubscribe.push(
      s.on('joined', (joined) => {
        if (!isFinal(this.#state) && this.#state !== 'joining') this.#onJoined(joined);
      }),
      s.on('state-change', ({ state }) => {
        if (state === 'reconnecting') {
          this.#links.pause();
          if (this.#state === 'connected' || this.#state === 'connecting') this.#setState('reconnecting');
        } else if (state === 'open') {
          this.#links.resume();
        }
        this.#refreshProblem();
      }),
      s.on('knock', (detail) => {
        this.#setAbsence(undefined);
        this.#events.emit('knock', detail);
      }),
      s.on('peer-absent', ({ reason }) => this.#setAbsence(reason)),
      s.on('peer-joined', ({ peer }) => this.#onPeer(peer)),
      s.on('peer-left', ({ participantId, reason }) => this.#onPeerLeft(participantId, reason)),
      s.on('message', ({ from, message }) => this.#onMessage(from, message)),
      s.on('rejected', () => this.#end('rejected')),
      this.#links.on('up', () => this.#onLinkUp()),
      this.#links.on('down', () => {
        if (this.#state === 'connected') this.#setState('reconnecting');
      }),
      this.#links.on('stream', (remote) => this.#setRemoteStream(remote)),
      this.#links.on('error', ({ error }) => this.#events.emit('error', { error })),
      this.#links.on('gave-up', ({ error }) => {
        this.#events.emit('error', { error });
        this.#end('connection-lost');
      }),
      s.on('error', ({ error }) => {
        if (s.state === 'closed' && !isFinal(this.#state)) this.#fail(error);
        else this.#events.emit('error', { error });
      }),
    );
  }

  /** The state now: a method, so that TypeScript does not carry a narrowing across awaits. */
  #is(state: CallState): boolean {
    return this.#state === state;
  }

  /** Before any device is touched: a customer's call needs a granted `call` consent. */
  async #requireConsent(): Promise<void> {
    const gate = this.#options.consent;
    if (this.role !== 'customer' || gate === false) return;
    if (gate === undefined) {
      throw new SealcallError('CONSENT_REQUIRED', 'A customer\'s call needs consent before join(): pass consent: { ledger, subjectId } (or false if you collected it outside the SDK).');
    }
    await gate.ledger.requireGrant(gate.subjectId, 'call', gate.callId);
    this.#unsubscribe.push(
      gate.ledger.on('withdrawn', (record) => {
        if (record.subjectId === gate.subjectId && record.purposes.includes('call')) this.#end('consent-withdrawn');
      }),
    );
  }

  #createE2EE(): E2EEController | undefined {
    const options = this.#options.e2ee;
    if (options === false) return undefined;
    return new E2EEController({
      ...options,
      room: this.room,
      role: this.role,
      send: (message) => this.#sendToPeer(message),
      onStatus: (status) => {
        this.#sharing?.keysChanged();
        this.#events.emit('e2ee-change', status);
        this.#refreshProblem();
      },
      onDrops: (report) => this.#events.emit('e2ee-drop', report),
      onError: (error) => this.#events.emit('error', { error }),
      onWorkerRestart: () => {
        if (this.#remote && !isFinal(this.#state)) this.#links.rebuild();
      },
    });
  }

  #createSharing(): CallSharing | undefined {
    const e2ee = this.#e2ee;
    if (!e2ee) return undefined;
    return new CallSharing(this.role, { seal: (plaintext) => e2ee.sealData(plaintext), open: (frame) => e2ee.openData(frame) }, {
      chat: (message) => this.#events.emit('chat-message', { message }),
      document: (document) => this.#events.emit('document', { document }),
      documentProgress: (transfer) => this.#events.emit('document-progress', { transfer }),
      documentFailed: (transfer, error) => this.#events.emit('document-failed', { transfer, error }),
      locationRequest: (requestId) => this.#events.emit('location-request', { requestId }),
      location: (location) => this.#events.emit('location-shared', { location }),
      rejected: (reason) => this.#events.emit('data-rejected', { reason }),
      error: (error) => this.#events.emit('error', { error }),
    });
  }

  #onJoined(joined: JoinResult, { first = false } = {}): void {
    if (joined.iceServers) this.#serverIceServers = joined.iceServers.map((server) => ({ ...server, urls: [...server.urls] }));
    const link = this.#links.link;
    if (joined.peer) {
      if (first) {
        // The peer may hold a connection, and keys, for this participant's previous session (a reload, another tab).
        this.#awaitingWelcome = true;
        this.#sendToPeer({ kind: 'rejoined', generation: 0 });
      }
      this.#onPeer(joined.peer);
    } else if (link?.iceConnected) {
      this.#setState('connected');
    } else if (!link) {
      this.#setState('waiting');
    }
  }

  /** `newSession`: the same participant, but a new session of it, so nothing of the previous one's connection or keys carries over. */
  #onPeer(peer: Participant, { newSession = false } = {}): void {
    if (isFinal(this.#state)) return;
    const same = this.#remote?.participantId === peer.participantId;
    this.#remote = peer;
    this.#e2ee?.peerPresent(peer.participantId);
    this.#consentRelay?.announceAll();
    this.#recording.peerArrived();
    const link = this.#links.link;
    if (same && link && !newSession) {
      if (link.iceConnected) this.#setState('connected');
      return;
    }
    this.#setState(this.#state === 'connected' || this.#state === 'reconnecting' ? 'reconnecting' : 'connecting');
    this.#links.connect();
  }

  #onPeerRejoined(peer: Participant): void {
    this.#sendToPeer({ kind: 'welcome', generation: 0 });
    this.#e2ee?.peerGone(peer.participantId);
    this.#onPeer(peer, { newSession: true });
  }

  #onPeerLeft(participantId: string, reason: PeerLeftReason): void {
    if (this.#remote?.participantId !== participantId) {
      if (this.role === 'agent') this.#events.emit('knock-withdrawn', { participantId });
      return;
    }
    this.#remote = null;
    this.#links.drop();
    this.#e2ee?.peerGone(participantId);
    this.#setRemoteStream(undefined);
    if (reason === 'left') this.#end('remote-hangup');
    else if (!isFinal(this.#state)) this.#setState('waiting');
  }

  #onMessage(from: string, message: PeerMessage): void {
    if (isFinal(this.#state) || this.#remote?.participantId !== from) return;
    if (message.kind === 'rejoined') {
      this.#onPeerRejoined(this.#remote);
      return;
    }
    if (this.#awaitingWelcome) {
      if (message.kind === 'welcome') this.#awaitingWelcome = false;
      return;
    }
    if (isLinkMessage(message)) {
      this.#links.receive(message);
      return;
    }
    switch (message.kind) {
      case 'e2ee-hello':
      case 'e2ee-key':
        this.#e2ee?.receive(from, message);
        return;
      case 'key-frame-request':
        this.#e2ee?.keyFrameRequested();
        return;
      case 'consent-request':
        if (this.role === 'customer') this.#events.emit('consent-request', this.#consentRelay?.receive(message) ?? { purpose: message.purpose, requestId: message.requestId });
        return;
      case 'consent-state':
        this.#remoteConsent?.receive(message);
        return;
      case 'capture-state':
        this.#recording.remoteRecording(message.recording);
        return;
      case 'welcome':
        // Late, or repeated: this session is not waiting for one.
        return;
      case 'code-rejected':
        this.#end('remote-code-mismatch');
        return;
    }
  }

  #onLinkUp(): void {
    if (this.#state === 'connecting' || (this.#state === 'reconnecting' && this.#signaling.state === 'open')) this.#setState('connected');
  }

  #sendToPeer(message: PeerMessage): void {
    try {
      this.#signaling.send(message);
    } catch (cause) {
      const error = cause instanceof SealcallError ? cause : new SealcallError('SIGNALING_CLOSED', 'Could not send to the other participant.', { cause });
      this.#events.emit('error', { error });
    }
  }

  #setRemoteStream(stream: MediaStream | undefined): void {
    if (stream === this.#remoteStream) return;
    this.#remoteStream = stream;
    if (!stream) return;
    this.#recording.remoteStream(stream);
    this.#events.emit('remote-stream', { stream });
  }

  #setMedia(change: Partial<MediaStatus>): void {
    this.#media = { ...this.#media, ...change };
    this.#events.emit('media-change', this.#media);
  }

  #setState(state: CallState, extra: { reason?: EndReason; error?: SealcallError } = {}): void {
    const previous = this.#state;
    if (state === previous) return;
    if (!canTransition(previous, state)) throw new SealcallError('INVALID_STATE', `A call cannot go from ${previous} to ${state}.`);
    this.#state = state;
    if (state === 'connecting') this.#absence = undefined;
    this.#failure = extra.error;
    this.#endReason = extra.reason;
    this.#events.emit('state-change', { state, previous, ...extra });
    this.#refreshProblem();
  }

  #setAbsence(reason: AbsenceReason | undefined): void {
    this.#absence = reason;
    this.#refreshProblem();
  }

  #refreshProblem(): void {
    const problem = sessionProblem({
      state: this.#state,
      e2ee: this.#e2ee?.status.state,
      failure: this.#failure,
      endReason: this.#endReason,
      absence: this.#absence,
      signalingOpen: this.#signaling.state === 'open',
    });
    if (problem === this.#problem) return;
    this.#problem = problem;
    this.#events.emit('problem-change', { problem });
  }

  #end(reason: EndReason): void {
    if (isFinal(this.#state)) return;
    this.#release();
    this.#setState('ended', { reason });
  }

  #fail(error: SealcallError): void {
    if (isFinal(this.#state)) return;
    this.#release();
    this.#setState('failed', { error });
  }

  #release(): void {
    for (const off of this.#unsubscribe.splice(0)) off();
    this.#recording.stop();
    this.#remoteConsent?.close();
    this.#links.close();
    this.#sharing?.close();
    this.#e2ee?.close();
    this.#signaling.close();
    stopTracks(this.#localStream);
  }
}
