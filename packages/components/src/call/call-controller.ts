import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type {
  CallProblem,
  CallSession,
  CallState,
  CallStateChange,
  ChatMessage,
  DocumentTransfer,
  ConsentRequest,
  E2EEStatus,
  MediaStatus,
  RecordingStatus,
  RemoteConsentState,
  SealcallError,
  SharedDocument,
} from '@sealcall/sdk';
import { DocumentTracker, type DocumentEntry } from './document-tracker.js';

/** Chat messages the element keeps to show; older ones scroll out for good. */
const CHAT_KEPT = 200;

export interface SealChatMessageDetail {
  readonly message: ChatMessage;
}

export interface SealDocumentDetail {
  readonly document: SharedDocument;
}

export interface SealDocumentFailedDetail {
  readonly transfer: DocumentTransfer;
  readonly error: SealcallError;
}

export interface SealStateChangeDetail extends CallStateChange {}
export interface SealErrorDetail {
  readonly error: SealcallError;
}
export interface SealProblemChangeDetail {
  /** What stands in the participant's way now; `undefined` once it is over. */
  readonly problem: CallProblem | undefined;
}

/**
 * Mirrors a CallSession into a Lit host: its state, streams, media status and waiting
 * customers. Listens only while the host is connected, so a removed element holds no
 * listener on the session; re-dispatches state changes and errors as DOM events on the host.
 */
export class CallController implements ReactiveController {
  readonly #host: ReactiveControllerHost & HTMLElement;
  #session: CallSession | undefined;
  #unsubscribe: Array<() => void> = [];
  #hostConnected = false;

  state: CallState = 'idle';
  localStream: MediaStream | undefined;
  remoteStream: MediaStream | undefined;
  media: MediaStatus | undefined;
  e2ee: E2EEStatus | undefined;
  waiting: readonly string[] = [];
  lastError: SealcallError | undefined;
  recording: RecordingStatus = { local: false, remote: false };
  /** When the recording shown began (`performance.now()`), while either side records. */
  recordingSince: number | undefined;
  /** Whether a recording last started or stopped: announced to screen readers. */
  recordingChange: 'started' | 'stopped' | undefined;
  /** Customer: the agent's request for capture consent, until it is answered. */
  consentRequest: ConsentRequest | undefined;
  /** Customer: the agent's request for the location, until it is answered. */
  locationRequest: string | undefined;
  /** Agent: the customer's latest answer about a capture. */
  remoteConsent: RemoteConsentState | undefined;
  /** The session's problem (docs/errors.md), if any. */
  problem: CallProblem | undefined;
  /** Many incoming frames fail authentication now (the E2EE drop report's alarm). */
  e2eeAlarm = false;
  /** The security code changed after the participants had confirmed it. */
  codeChanged = false;
  /** Messages of the other participant that arrived while the chat was closed. */
  unreadChat = 0;
  /** Whether the chat panel is open: while it is, nothing counts as unread. */
  chatOpen = false;
  #confirmedCode: string | undefined;
  readonly #documents = new DocumentTracker();

  constructor(host: ReactiveControllerHost & HTMLElement) {
    this.#host = host;
    host.addController(this);
  }

  get session(): CallSession | undefined {
    return this.#session;
  }

  set session(session: CallSession | undefined) {
    if (session === this.#session) return;
    this.#unbind();
    this.#session = session;
    this.waiting = [];
    this.lastError = undefined;
    this.consentRequest = undefined;
    this.locationRequest = undefined;
    this.remoteConsent = undefined;
    this.recordingSince = undefined;
    this.recordingChange = undefined;
    this.e2eeAlarm = false;
    this.codeChanged = false;
    this.#confirmedCode = undefined;
    this.unreadChat = 0;
    this.chatOpen = false;
    this.#documents.clear();
    this.#read();
    if (this.#hostConnected) this.#bind();
    this.#host.requestUpdate();
  }

  hostConnected(): void {
    this.#hostConnected = true;
    this.#read();
    this.#bind();
  }

  hostDisconnected(): void {
    this.#hostConnected = false;
    this.#unbind();
  }

  /** Stops showing a customer as waiting (after admit or reject). */
  settle(participantId: string): void {
    this.waiting = this.waiting.filter((id) => id !== participantId);
    this.#host.requestUpdate();
  }

  /** The call's chat, oldest first (the session's latest CHAT_KEPT). */
  get chat(): readonly ChatMessage[] {
    return this.#session?.chatMessages.slice(-CHAT_KEPT) ?? [];
  }

  /** Documents sent and received in the call, oldest first, with their progress. */
  get documents(): readonly DocumentEntry[] {
    return this.#documents.entries;
  }

  /** Opens or closes the chat panel; opening reads what was unread. */
  toggleChat(open = !this.chatOpen): void {
    this.chatOpen = open;
    if (open) this.unreadChat = 0;
    this.#host.requestUpdate();
  }

  /** The customer answered (or the page took the request over): stop showing it. */
  settleConsentRequest(): void {
    this.consentRequest = undefined;
    this.#host.requestUpdate();
  }

  settleLocationRequest(): void {
    this.locationRequest = undefined;
    this.#host.requestUpdate();
  }

  #read(): void {
    const s = this.#session;
    this.recording = s?.recording ?? { local: false, remote: false };
    const recording = this.recording.local || this.recording.remote;
    if (!recording) this.recordingSince = undefined;
    else this.recordingSince ??= performance.now();
    this.state = s?.state ?? 'idle';
    this.problem = s?.problem;
    this.localStream = s?.localStream;
    this.remoteStream = s?.remoteStream;
    this.media = s?.media;
    this.e2ee = s?.e2ee;
    const code = this.e2ee?.state === 'active' ? this.e2ee.sas?.digits : undefined;
    if (this.e2ee?.verified) this.#confirmedCode = code;
    this.codeChanged = !this.e2ee?.verified && code !== undefined && this.#confirmedCode !== undefined && code !== this.#confirmedCode;
  }

  #bind(): void {
    const s = this.#session;
    if (!s) return;
    const update = () => {
      this.#read();
      this.#host.requestUpdate();
    };
    this.#unsubscribe = [
      s.on('state-change', (change) => {
        if (change.state === 'connected' || change.state === 'ended' || change.state === 'failed') this.waiting = [];
        update();
        this.#dispatch('seal-state-change', change);
      }),
      s.on('problem-change', (detail) => {
        update();
        this.#dispatch('seal-problem-change', detail);
      }),
      s.on('local-stream', update),
      s.on('remote-stream', update),
      s.on('media-change', update),
      s.on('e2ee-change', update),
      s.on('e2ee-drop', ({ alarm }) => {
        if (alarm === this.e2eeAlarm) return;
        this.e2eeAlarm = alarm;
        update();
      }),
      s.on('knock', ({ participantId }) => {
        if (!this.waiting.includes(participantId)) this.waiting = [...this.waiting, participantId];
        update();
      }),
      s.on('knock-withdrawn', ({ participantId }) => this.settle(participantId)),
      s.on('recording-change', (status) => {
        const was = this.recordingSince !== undefined;
        update();
        const is = this.recordingSince !== undefined;
        if (was !== is) this.recordingChange = is ? 'started' : 'stopped';
        this.#dispatch('seal-recording-change', status);
      }),
      s.on('consent-request', (request) => {
        const handled = !this.#dispatch('seal-consent-request', request, true);
        this.consentRequest = handled ? undefined : request;
        update();
      }),
      s.on('location-request', (request) => {
        const handled = !this.#dispatch('seal-location-request', request, true);
        this.locationRequest = handled ? undefined : request.requestId;
        update();
      }),
      s.on('consent-change', (state) => {
        this.remoteConsent = state;
        update();
        this.#dispatch('seal-consent-change', state);
      }),
      s.on('chat-message', ({ message }) => {
        if (message.from !== s.role && !this.chatOpen) this.unreadChat++;
        update();
        this.#dispatch('seal-chat-message', { message });
      }),
      ...this.#documents.follow(s, ({ document, failure }) => {
        if (document && document.from !== s.role && !this.chatOpen) this.unreadChat++;
        update();
        if (document) this.#dispatch<SealDocumentDetail>('seal-document', { document });
        if (failure) this.#dispatch<SealDocumentFailedDetail>('seal-document-failed', failure);
      }),
      s.on('error', ({ error }) => {
        this.lastError = error;
        update();
        this.#dispatch('seal-error', { error });
      }),
    ];
  }

  #unbind(): void {
    for (const off of this.#unsubscribe.splice(0)) off();
  }

  /** Returns false when a cancelable event was cancelled. */
  #dispatch<T>(type: string, detail: T, cancelable = false): boolean {
    return this.#host.dispatchEvent(new CustomEvent<T>(type, { detail, bubbles: true, composed: true, cancelable }));
  }
}
