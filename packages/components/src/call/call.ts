import { html, LitElement, nothing } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import { problemActions, SealcallError, type CallProblem, type CallSession, type ConsentDecision, type ConsentRequest, type DeepPartial, type ProblemAction, type RecordingStatus, type RemoteConsentState, type Role, type ShortAuthString } from '@sealcall/sdk';
import type { ConsentDialogMessages } from '../consent-dialog/consent-dialog.messages.js';
import type { ConsentNotice } from '../consent-dialog/consent-notice.js';
import { CallController, type SealChatMessageDetail, type SealDocumentDetail, type SealDocumentFailedDetail, type SealErrorDetail, type SealProblemChangeDetail, type SealStateChangeDetail } from './call-controller.js';
import { ChatView } from './chat-view.js';
import { LocaleController } from '../i18n/locale-controller.js';
import type { CallMessages, WordedProblem } from './call.messages.js';
import { callStyles } from './call.styles.js';
import { clock } from '../i18n/clock.js';
import { drawsEmoji } from './emoji-support.js';
import { securityCodePanel } from './security-code-panel.js';
import { Ticker } from './ticker.js';

/** The words of a consent step in the call: its own title and introduction, and the buttons' where they differ from the dialog's. */
type StepWords = Pick<ConsentDialogMessages, 'title' | 'intro'> & Partial<Pick<ConsentDialogMessages, 'accept' | 'decline'>>;

const ACTIVE = new Set(['waiting', 'connecting', 'connected', 'reconnecting']);

/** Customer: what came of sharing the location, shown until the next request. */
type LocationOutcome = 'shared' | 'refused' | 'unavailable';

/**
 * @summary A 1:1 video call: the other participant's video, yours, and the controls.
 * Drive it with a CallSession; the element never creates or ends one on its own, except
 * that its buttons call the session's join(), hangUp(), admit() and reject().
 *
 * @slot logo - Your logo, shown over the video.
 * @slot consent-logo - Customer: your logo in the consent step before a capture (the dialog's `logo` slot).
 *
 * @event seal-state-change - The call's state changed. `detail`: `{ state, previous, reason?, error? }`.
 * @event seal-error - Something went wrong that the call survived, or join() failed. `detail`: `{ error }`.
 * @event seal-problem-change - The session's problem changed (docs/errors.md): the element shows its words. `detail`: `{ problem }`, `undefined` once it is over.
 * @event seal-problem-action - The participant pressed the button of what to do next about a problem; your page does it (a new session to retry or rejoin, the notice again, a new link). `detail`: `{ problem, action }`; `action` is `retry`, `review-notice`, `new-link`, `new-call` or `rejoin`.
 * @event seal-security-code - The participant said whether the security codes matched; on "differ" the call has ended. Put it on record (the agent's page: `GovernanceClient.recordSecurityCode()`). `detail`: `{ matches, code }`.
 * @event seal-recording-change - A recording started or stopped on either side. `detail`: `{ local, remote }`.
 * @event seal-consent-request - Customer: the agent asks for consent to a capture. Cancelable:
 *   cancel it to show your own consent step (then call `session.answerConsentRequest()`);
 *   otherwise the element shows `<seal-consent-dialog>` with that purpose of `captureNotice`.
 *   `detail`: `{ purpose, requestId }`.
 * @event seal-chat-message - A chat message was sent from here or arrived. `detail`: `{ message }` with `{ id, from, text, at }`; `from` is `agent` or `customer`.
 * @event seal-document - A document crossed whole: sent from here and confirmed, or received and checked (keep it with `storeDocument()`; `<seal-capture>` does for the agent). `detail`: `{ document }` with `{ id, from, name, type, size, sha256, bytes, at }`.
 * @event seal-document-failed - A document did not cross (refused by the receiver, damaged, or the connection was rebuilt on its way); the chat says so. `detail`: `{ transfer, error }`.
 * @event seal-location-request - Customer: the agent asks for the location, once. Cancelable:
 *   cancel it to show your own consent step (then call `session.answerLocationRequest()`);
 *   otherwise the element shows `<seal-consent-dialog>` with the `location` purpose of `captureNotice`.
 *   `detail`: `{ requestId }`.
 * @event seal-consent-change - Agent: where the customer's consent to a capture stands changed, asking included. `detail`: `{ purpose, granted, ref, asked, status }`; `status` is `not-asked`, `asking`, `agreed` or `declined`.
 *
 * @csspart remote-video - The other participant's video.
 * @csspart local-video - Your own video (mirrored while the front camera is on).
 * @csspart status - The line that announces the call's state, or its problem (a polite live region; hidden but still read while the problem card shows the words).
 * @csspart e2ee - The end-to-end encryption line: its state, and whether the security code was compared.
 * @csspart security-code - The security code panel, until the participant chose: what to do, the code (4 emoji, where the page's fonts draw them, and 6 digits), and the choice.
 * @csspart confirm-code - The button that says the codes matched (`session.confirmSecurityCode()`).
 * @csspart reject-code - The button that says the codes differ (`session.rejectSecurityCode()`: the call ends).
 * @csspart problem - The card that says what went wrong (docs/errors.md), with the buttons of what to do next.
 * @csspart e2ee-warning - A warning about the encryption: someone may interfere with the key agreement or tamper with the media, or the security code changed.
 * @csspart lobby - The agent's list of customers waiting to join.
 * @csspart recording - The recording indicator with its running duration, shown to both participants while either records (starts and stops are announced).
 * @csspart consent-answer - Agent: the customer's answer (agreed or declined); nothing for a purpose never asked.
 * @csspart consent-dialog - Customer: the <seal-consent-dialog> of the consent step.
 * @csspart consent-box - Customer: the consent step's box (the dialog's `dialog` part; each of its parts is forwarded with `consent-` before its name).
 * @csspart consent-title - Customer: the consent step's title.
 * @csspart consent-purposes - Customer: the consent step's list of purposes.
 * @csspart consent-purpose - Customer: each purpose of the consent step.
 * @csspart consent-details - Customer: the consent step's details (retention, rights, contact).
 * @csspart consent-actions - Customer: the consent step's buttons.
 * @csspart consent-accept - Customer: the consent step's accept button.
 * @csspart consent-decline - Customer: the consent step's decline button.
 * @csspart location-outcome - Customer: what came of the location request (shared once, or why the browser gave none).
 * @csspart chat - The chat panel (end to end encrypted, text only), while open.
 * @csspart chat-log - The chat's messages, oldest first (a log: new ones are announced).
 * @csspart chat-message - Each message, with its sender; `https` addresses in it are links.
 * @csspart chat-failed - Says that the last message could not be sent.
 * @csspart chat-document - Each document in the chat's log (also a `chat-message`): its name and size, then its progress, a link to save it, or that it failed.
 * @csspart document-progress - A document's progress bar, while it is on its way.
 * @csspart document-save - The link that saves a document that crossed.
 * @csspart document-failed - Says that a document did not arrive.
 * @csspart document-confirm - The question before a chosen file is sent, with what becomes of it.
 * @csspart document-send - The button that sends the chosen file (also a `control`).
 * @csspart document-cancel - The button that does not send it (also a `control`).
 * @csspart chat-attach - The button that chooses a PDF or a picture to send (on a phone, also the camera; also a `control`).
 * @csspart chat-form - The line to write in, its send button and the attach button.
 * @csspart chat-input - The line to write in.
 * @csspart chat-send - The send button (also a `control`).
 * @csspart chat-toggle - The button that opens and closes the chat, with the count of new messages (also a `control`).
 * @csspart controls - The row of buttons.
 * @csspart control - Each button.
 * @csspart join - The join button.
 * @csspart problem-action - The button of what to do next about a problem (also a `control`).
 * @csspart hang-up - The hang-up button.
 *
 * @cssproperty --seal-call-background - Behind the videos.
 * @cssproperty --seal-call-foreground - Text and pressed buttons.
 * @cssproperty --seal-call-control-background - Buttons at rest.
 * @cssproperty --seal-call-danger - The hang-up button.
 * @cssproperty --seal-call-focus-ring - Keyboard focus outline.
 * @cssproperty --seal-call-warning - Background of the "not secure" line.
 * @cssproperty --seal-call-aspect-ratio - Of the whole element (3/4 on phones, 16/9 from 40rem).
 * @cssproperty --seal-call-local-width - Width of your own video.
 * @cssproperty --seal-call-recording - Background of the recording indicator.
 */
export class SealCall extends LitElement {
  static override styles = callStyles;
  static override properties = {
    messages: { attribute: false },
    captureNotice: { attribute: false },
    problem: { attribute: false },
  };

  /** Overrides for any of the element's messages, merged over its language's (`lang`, or the page's). */
  declare messages: DeepPartial<CallMessages>;
  /**
   * Customer: the notice of the consent step before a capture, a shared location or a document
   * they send. Its `purposes` must include `recording`, `pictures`, `transcript` and `location`
   * (whichever the agent may ask for; the location's description names why, e.g. "to find where
   * the damage is"); the step shows only the one asked. With a `document` purpose, each document
   * the customer sends is asked for in that step, and goes under their grant; without one, the
   * customer's chat has no Attach button.
   */
  declare captureNotice: ConsentNotice | undefined;
  /**
   * A problem met outside the session (a damaged link, a full storage before joining): shown
   * instead of the session's until a new session is set. Without a session the words are the customer's.
   */
  declare problem: CallProblem | undefined;

  readonly #call = new CallController(this);
  readonly #i18n = new LocaleController(this, 'call', () => this.messages);
  readonly #ticker = new Ticker(this);
  readonly #chat = new ChatView(this, this.#call, this.#i18n, (error) => this.#reportError(error), () => this.captureNotice);
  #locationOutcome: LocationOutcome | undefined;

  constructor() {
    super();
    this.messages = {};
    this.captureNotice = undefined;
    this.problem = undefined;
  }

  /** The call this element shows and controls. */
  get session(): CallSession | undefined {
    return this.#call.session;
  }

  set session(session: CallSession | undefined) {
    if (session !== this.#call.session) this.problem = undefined;
    this.#call.session = session;
  }

  get #role(): Role {
    return this.session?.role ?? 'customer';
  }

  get #shownProblem(): CallProblem | undefined {
    return this.problem ?? this.#call.problem;
  }

  protected override scheduleUpdate(): void | Promise<void> {
    return this.#i18n.whenLoaded(() => super.scheduleUpdate());
  }

  protected override render() {
    const t = this.#i18n.messages;
    const { media } = this.#call;
    const mirrored = media?.facingMode === 'user' ? 'mirrored' : '';
    const problemWords = this.#problemWords(t);
    return html`
      <video part="remote-video" class="remote" aria-label=${t.remoteVideo} autoplay playsinline .srcObject=${this.#call.remoteStream ?? null}></video>
      <div class="overlay">
        <p part="status" class="status ${problemWords === undefined ? '' : 'spoken-only'}" role="status" aria-live="polite">${this.#statusText(t, problemWords)}</p>
        ${this.#renderE2EE(t)}
        <div class="notices">${this.#renderRecording(t)} ${this.#renderConsentAnswer(t)} ${this.#renderLocationOutcome(t)} ${this.#renderE2EEWarnings(t)}</div>
      </div>
      ${this.#call.localStream
        ? html`<video part="local-video" class="local ${mirrored}" aria-label=${t.localVideo} autoplay playsinline muted .srcObject=${this.#call.localStream}></video>`
        : nothing}
      <div class="center">${this.#renderProblem(t, problemWords)} ${this.#renderSecurityCode(t)} ${this.#renderLobby(t)} ${this.#renderChat(t)}</div>
      <div class="logo"><slot name="logo"></slot></div>
      <div part="controls" class="controls" role="toolbar" aria-label=${t.controls}>${this.problem ? nothing : this.#renderControls(t)}</div>
      <p class="announcer" aria-live="polite">${this.#recordingAnnouncement(t)}</p>
      <p class="announcer" aria-live="polite">${this.#chatAvailable ? this.#chat.announcement(t) : nothing}</p>
      ${this.#renderConsentStep(t)}
    `;
  }

  /**
   * The call's state in a few words, or the problem's: this live region was on the page before,
   * so screen readers announce the change. A problem's words are shown by its card instead.
   */
  #statusText(t: CallMessages, problemWords: string | undefined) {
    if (problemWords !== undefined) return problemWords;
    return this.#call.waiting.length > 0 ? t.customerWaiting : t.states[this.#call.state];
  }

  protected override updated(): void {
    this.#ticker.run(this.#call.recordingSince !== undefined);
    const log = this.renderRoot.querySelector('.chat-log');
    if (log) log.scrollTop = log.scrollHeight;
  }

  /** Chat needs end-to-end encryption: without it the session has no channel to send on. */
  get #chatAvailable(): boolean {
    return this.#call.e2ee !== undefined && ACTIVE.has(this.#call.state);
  }

  #renderChat(t: CallMessages) {
    return this.#chatAvailable ? this.#chat.panel(t) : nothing;
  }

  /** The words of the problem shown, for this participant; undefined when there is none to word here. */
  #problemWords(t: CallMessages): string | undefined {
    const problem = this.#shownProblem;
    // A waiting customer in the lobby is the agent's news, not a problem.
    if (!problem || (problem === 'peer-not-there' && this.#call.waiting.length > 0)) return undefined;
    if (problem === 'e2ee-failed') return t.e2ee.failed;
    return Object.hasOwn(t.problems, problem) ? t.problems[problem as WordedProblem][this.#role] : undefined;
  }

  #renderProblem(t: CallMessages, words: string | undefined) {
    const problem = this.#shownProblem;
    const actions = problem ? problemActions(problem, this.#role) : [];
    if (!problem || (words === undefined && actions.length === 0)) return nothing;
    return html`<div part="problem" class="card problem">
      ${words === undefined ? nothing : html`<p aria-hidden="true">${words}</p>`}
      ${actions.length === 0
        ? nothing
        : html`<div class="card-actions">
            ${actions.map(
              (action, i) => html`<button part="control problem-action" class=${i === 0 ? 'primary' : ''} @click=${() => this.#act(problem, action)}>${t.actions[action]}</button>`,
            )}
          </div>`}
    </div>`;
  }

  #act(problem: CallProblem, action: ProblemAction): void {
    this.dispatchEvent(new CustomEvent<SealProblemActionDetail>('seal-problem-action', { detail: { problem, action }, bubbles: true, composed: true }));
  }

  #renderSecurityCode(t: CallMessages) {
    const e2ee = this.#call.e2ee;
    const sas = e2ee?.state === 'active' ? e2ee.sas : undefined;
    if (!sas || e2ee?.verified || this.#call.state !== 'connected') return nothing;
    const showEmoji = drawsEmoji(sas.emoji, getComputedStyle(this).fontFamily);
    return securityCodePanel(t.securityCode, sas, showEmoji, { match: this.#confirmCode, differ: this.#rejectCode });
  }

  #renderRecording(t: CallMessages) {
    const { local, remote } = this.#call.recording;
    const since = this.#call.recordingSince;
    if (!(local || remote) || since === undefined || !ACTIVE.has(this.#call.state)) return nothing;
    const elapsed = clock(performance.now() - since);
    return html`<p part="recording" class="recording">
      <span class="recording-dot" aria-hidden="true"></span>${this.#i18n.format(local ? t.recordingLocal : t.recordingRemote, { elapsed })}
    </p>`;
  }

  #recordingAnnouncement(t: CallMessages) {
    const change = this.#call.recordingChange;
    return change === undefined ? nothing : change === 'started' ? t.recordingStarted : t.recordingStopped;
  }

  #renderConsentAnswer(t: CallMessages) {
    const answer = this.#call.remoteConsent;
    if (!answer || !ACTIVE.has(this.#call.state) || (answer.status !== 'agreed' && answer.status !== 'declined')) return nothing;
    const words = t.captureAnswer[answer.purpose];
    return html`<p part="consent-answer" role="status">${answer.status === 'agreed' ? words.granted : words.declined}</p>`;
  }

  /** Customer: the consent step the agent's request calls for (a capture's or the location's), or a document of theirs; one at a time. */
  #renderConsentStep(t: CallMessages) {
    const capture = this.#call.consentRequest;
    if (capture) return this.#renderConsentDialog(capture, capture.purpose, t.captureConsent[capture.purpose], this.#answerConsent);
    const location = this.#call.locationRequest;
    if (location) return this.#renderConsentDialog(location, 'location', t.location, this.#answerLocation);
    const document = this.#chat.documentConsent;
    if (document) {
      const words = { title: this.#i18n.format(t.chat.confirmDocument, { name: document.name, size: document.size }), intro: t.chat.documentNotice.customer, accept: t.chat.sendDocument, decline: t.chat.cancel };
      return this.#renderConsentDialog(document.file, 'document', words, this.#chat.answerConsent);
    }
    return nothing;
  }

  /**
   * A consent step: a dialog of its own for each `step` (what asked for it), so that one that
   * closed itself is never shown again, or left closed, for the next.
   */
  #renderConsentDialog(step: unknown, purposeId: string, { title, intro, accept, decline }: StepWords, answer: (event: CustomEvent<ConsentDecision>) => void) {
    const notice = this.captureNotice;
    const purpose = notice?.purposes.find((p) => p.id === purposeId);
    if (!notice || !purpose || !ACTIVE.has(this.#call.state)) return nothing;
    const asked = { ...notice, purposes: [{ ...purpose, required: true }] };
    return keyed(step, html`<seal-consent-dialog
      part="consent-dialog"
      exportparts="dialog: consent-box, title: consent-title, purposes: consent-purposes, purpose: consent-purpose, details: consent-details, actions: consent-actions, accept: consent-accept, decline: consent-decline"
      open
      .notice=${asked}
      .messages=${{ title, intro, ...(accept === undefined ? {} : { accept }), ...(decline === undefined ? {} : { decline }) }}
      @seal-consent-accept=${answer}
      @seal-consent-decline=${answer}
    ><slot name="consent-logo" slot="logo"></slot></seal-consent-dialog>`);
  }

  readonly #answerConsent = (event: CustomEvent<ConsentDecision>) => {
    this.#call.settleConsentRequest();
    this.session?.answerConsentRequest(event.detail).catch((error: unknown) => this.#reportError(error));
  };

  /** The location goes (or not) as the customer chose; what came of it stays in the notices. */
  readonly #answerLocation = (event: CustomEvent<ConsentDecision>) => {
    this.#call.settleLocationRequest();
    this.#locationOutcome = undefined;
    this.session?.answerLocationRequest(event.detail).then(
      (position) => this.#showLocationOutcome(position ? 'shared' : undefined),
      (error: unknown) => {
        const code = error instanceof SealcallError ? error.code : undefined;
        this.#showLocationOutcome(code === 'LOCATION_REFUSED' ? 'refused' : code === 'LOCATION_UNAVAILABLE' ? 'unavailable' : undefined);
        this.#reportError(error);
      },
    );
  };

  #showLocationOutcome(outcome: LocationOutcome | undefined): void {
    this.#locationOutcome = outcome;
    this.requestUpdate();
  }

  #renderLocationOutcome(t: CallMessages) {
    const outcome = this.#locationOutcome;
    if (!outcome || !ACTIVE.has(this.#call.state)) return nothing;
    return html`<p part="location-outcome" class=${outcome === 'shared' ? '' : 'warning'} role=${outcome === 'shared' ? 'status' : 'alert'}>${t.location[outcome]}</p>`;
  }

  /** Only while the two are connected (or connecting): waiting alone, or reconnecting, nothing is being secured. */
  #renderE2EE(t: CallMessages) {
    const e2ee = this.#call.e2ee;
    // A failure is the problem card's to say.
    if (!e2ee || e2ee.state === 'failed' || (this.#call.state !== 'connected' && this.#call.state !== 'connecting')) return nothing;
    return html`<p part="e2ee" class="e2ee ${e2ee.state}">
      <span>${t.e2ee[e2ee.state]}</span>
      ${e2ee.state === 'active' && e2ee.verified ? html`<span class="verified">${t.securityCode.confirmed}</span>` : nothing}
    </p>`;
  }

  #renderE2EEWarnings(t: CallMessages) {
    const { e2ee, e2eeAlarm, codeChanged } = this.#call;
    if (!e2ee || !ACTIVE.has(this.#call.state)) return nothing;
    const warnings = [
      e2ee.interference && e2ee.state !== 'active' ? t.e2eeInterference : undefined,
      e2eeAlarm ? t.e2eeTampering : undefined,
      codeChanged ? t.securityCode.changed : undefined,
    ].filter((w): w is string => w !== undefined);
    return warnings.map((warning) => html`<p part="e2ee-warning" class="warning" role="alert">${warning}</p>`);
  }

  readonly #confirmCode = () => {
    this.#decideCode(true);
  };

  readonly #rejectCode = () => {
    this.#decideCode(false);
  };

  /** Says whether the codes matched: the session is told, and the page can put it on record. */
  #decideCode(matches: boolean): void {
    const session = this.session;
    const e2ee = session?.e2ee;
    if (!session || e2ee?.state !== 'active' || !e2ee.sas) return;
    const detail: SealSecurityCodeDetail = { matches, code: e2ee.sas };
    try {
      if (matches) session.confirmSecurityCode();
      else session.rejectSecurityCode();
    } catch (error) {
      this.#reportError(error);
      return;
    }
    this.dispatchEvent(new CustomEvent('seal-security-code', { detail, bubbles: true, composed: true }));
  }

  /** The status line says a customer waits; this offers the choice, one row per knock. */
  #renderLobby(t: CallMessages) {
    if (this.#call.waiting.length === 0) return nothing;
    return html`<div part="lobby" class="lobby" role="group" aria-label=${t.customerWaiting}>
      ${this.#call.waiting.map(
        (id) => html`<div class="card-actions">
          <button part="control" class="primary" @click=${() => this.#admit(id)}>${t.admit}</button>
          <button part="control" @click=${() => this.#reject(id)}>${t.reject}</button>
        </div>`,
      )}
    </div>`;
  }

  #renderControls(t: CallMessages) {
    const { state, media } = this.#call;
    if (!this.session) return nothing;
    if (state === 'idle') {
      return html`<button part="control join" class="primary" @click=${this.#join}>${t.join}</button>`;
    }
    if (!ACTIVE.has(state) || !media) return nothing;
    return html`
      <button part="control" aria-pressed=${String(media.audioMuted)} @click=${() => this.session?.setAudioMuted(!media.audioMuted)}>
        ${media.audioMuted ? t.unmuteMicrophone : t.muteMicrophone}
      </button>
      <button part="control" aria-pressed=${String(media.videoMuted)} @click=${() => this.session?.setVideoMuted(!media.videoMuted)}>
        ${media.videoMuted ? t.turnCameraOn : t.turnCameraOff}
      </button>
      <button part="control" @click=${this.#switchCamera}>${t.switchCamera}</button>
      ${this.#chatAvailable ? this.#chat.toggle(t) : nothing}
      <button part="control hang-up" class="danger" @click=${() => this.session?.hangUp()}>${t.hangUp}</button>
    `;
  }

  readonly #join = () => {
    this.session?.join().catch((error: unknown) => this.#reportError(error));
  };

  readonly #switchCamera = () => {
    this.session?.switchCamera().catch((error: unknown) => this.#reportError(error));
  };

  #admit(participantId: string): void {
    this.#call.settle(participantId);
    this.session?.admit(participantId);
  }

  #reject(participantId: string): void {
    this.#call.settle(participantId);
    this.session?.reject(participantId);
  }

  #reportError(error: unknown): void {
    this.dispatchEvent(new CustomEvent('seal-error', { detail: { error }, bubbles: true, composed: true }));
  }
}

export interface SealSecurityCodeDetail {
  /** Whether the participant said the codes matched; if not, the call has ended. */
  readonly matches: boolean;
  /** The code they compared. */
  readonly code: ShortAuthString;
}

export interface SealProblemActionDetail {
  readonly problem: CallProblem;
  readonly action: ProblemAction;
}

declare global {
  interface HTMLElementTagNameMap {
    'seal-call': SealCall;
  }
  interface SealCallEventMap {
    'seal-state-change': CustomEvent<SealStateChangeDetail>;
    'seal-error': CustomEvent<SealErrorDetail>;
    'seal-problem-change': CustomEvent<SealProblemChangeDetail>;
    'seal-problem-action': CustomEvent<SealProblemActionDetail>;
    'seal-security-code': CustomEvent<SealSecurityCodeDetail>;
    'seal-recording-change': CustomEvent<RecordingStatus>;
    'seal-consent-request': CustomEvent<ConsentRequest>;
    'seal-consent-change': CustomEvent<RemoteConsentState>;
    'seal-chat-message': CustomEvent<SealChatMessageDetail>;
    'seal-document': CustomEvent<SealDocumentDetail>;
    'seal-document-failed': CustomEvent<SealDocumentFailedDetail>;
    'seal-location-request': CustomEvent<{ requestId: string }>;
  }
  interface HTMLElementEventMap extends SealCallEventMap {}
  interface DocumentEventMap extends SealCallEventMap {}
}
