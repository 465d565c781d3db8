import { html, LitElement, nothing, type PropertyValues } from 'lit';
import {
  SealcallError,
  storeDocument,
  storeLocation,
  storePicture,
  storeTranscript,
  type AfterWithdrawal,
  type ArtifactEndReason,
  type ArtifactMetadata,
  type ArtifactVault,
  type CallRecorder,
  type CallSession,
  type CapturePurpose,
  type DeepPartial,
  type PictureType,
  type RecorderProgress,
  type RemoteConsentStatus,
  type SharedDocument,
  type SharedLocation,
} from '@sealcall/sdk';
import { LocaleController } from '../i18n/locale-controller.js';
import { clock } from '../i18n/clock.js';
import { degrees } from '../i18n/degrees.js';
import type {
  SealCaptureErrorDetail,
  SealDocumentStoredDetail,
  SealLocationStoredDetail,
  SealPictureStoredDetail,
  SealRecordingStoppedDetail,
  SealTranscriptStoredDetail,
} from './capture-events.js';
import type { CaptureMessages } from './capture.messages.js';
import { captureStyles } from './capture.styles.js';
import { RedactionReview } from './redaction-review.js';

const PURPOSES: readonly CapturePurpose[] = ['pictures', 'recording', 'transcript'];
const STATUS_WORDS = { 'not-asked': 'notAsked', asking: 'asking', agreed: 'agreed', declined: 'declined' } as const satisfies Record<RemoteConsentStatus, keyof CaptureMessages['consent']['status']>;

const DAY_MS = 24 * 60 * 60 * 1000;

type Phase = 'idle' | 'asking' | 'taking' | 'reviewing' | 'saving' | 'locating';

/**
 * @summary The agent's capture tools for a call: take a picture of the customer's video, cover
 * what must not be kept, keep or discard it; start and stop a recording of the call; keep the
 * call's chat; ask for the customer's location, once; keep every document the customer sends. Asks the customer first (the consent step, shown by their
 * `<seal-call>`) when they have not agreed yet. Everything is encrypted in the browser before it
 * is stored, through `vault`.
 *
 * @event seal-picture-stored - A picture was encrypted and stored. `detail`: `{ metadata }`.
 * @event seal-recording-stopped - A recording ended and is stored, or deleted after a withdrawal. `detail`: `{ metadata, reason, deleted }`.
 * @event seal-transcript-stored - The call's chat was kept, encrypted, with the customer's consent. `detail`: `{ metadata }`.
 * @event seal-location-stored - The customer shared their location, and it was encrypted and stored. `detail`: `{ metadata, location }`.
 * @event seal-document-stored - A document the other participant sent in the chat arrived whole, and was encrypted and stored. `detail`: `{ metadata, document }`.
 * @event seal-capture-error - Something failed; the element shows it too. `detail`: `{ error }`.
 *
 * @csspart toolbar - The row of the main buttons.
 * @csspart take-picture - The Take picture button.
 * @csspart record - The Start/Stop recording button.
 * @csspart keep-transcript - Agent: the Keep chat transcript button (asks the customer first).
 * @csspart ask-location - Agent: the Ask for location button.
 * @csspart location - Agent: the location the customer shared last (degrees, and within how many metres).
 * @csspart consent - Agent: where the customer's consent to pictures and to recording stands (not asked yet, asking, agreed, declined).
 * @csspart review - The picture being reviewed, with its tools.
 * @csspart preview - The picture, as it will be stored, with the boxes outlined.
 * @csspart keep - The Keep picture button.
 * @csspart discard - The Discard button.
 * @csspart status - What is happening (a polite live region).
 * @csspart error - What went wrong (an alert).
 *
 * @cssproperty --seal-capture-background
 * @cssproperty --seal-capture-foreground
 * @cssproperty --seal-capture-accent - Buttons.
 * @cssproperty --seal-capture-danger - The Stop recording button and errors.
 * @cssproperty --seal-capture-focus-ring
 * @cssproperty --seal-capture-muted - The hint text.
 */
export class SealCapture extends LitElement {
  static override styles = captureStyles;
  static override properties = {
    session: { attribute: false },
    vault: { attribute: false },
    subjectId: { attribute: false },
    callId: { attribute: false },
    retentionDays: { type: Number, attribute: 'retention-days' },
    afterWithdrawal: { attribute: 'after-withdrawal' },
    pictureType: { attribute: 'picture-type' },
    messages: { attribute: false },
    phase: { state: true },
    status: { state: true },
    failure: { state: true },
    progress: { state: true },
    located: { state: true },
  };

  /** The call to capture from. Recording and pictures need it connected. */
  declare session: CallSession | undefined;
  /** Encrypts and stores what is kept. */
  declare vault: ArtifactVault | undefined;
  /** The customer's pseudonymous id (`pseudonymousSubjectId`), stored with every artifact. */
  declare subjectId: string | undefined;
  /** Stored with every artifact. Default: the session's room. */
  declare callId: string | undefined;
  /** Days until retention deletes what is kept. Default 30. */
  declare retentionDays: number;
  /**
   * What becomes of a recording when the customer withdraws consent during it: `delete` (default)
   * or `keep`, only where you have another legal basis (CallRecorderOptions.afterWithdrawal).
   */
  declare afterWithdrawal: AfterWithdrawal;
  /** Default `image/jpeg`. */
  declare pictureType: PictureType;
  /** Overrides for any of the element's messages, merged over its language's (`lang`, or the page's). */
  declare messages: DeepPartial<CaptureMessages>;
  declare private phase: Phase;
  declare private status: string;
  declare private failure: string;
  declare private progress: RecorderProgress | undefined;
  declare private located: SharedLocation | undefined;

  #recorder: CallRecorder | undefined;
  #unsubscribe: Array<() => void> = [];
  #bound: CallSession | undefined;
  readonly #i18n = new LocaleController(this, 'capture', () => this.messages);
  readonly #review = new RedactionReview(this, this.#i18n, (status) => (this.status = status));

  constructor() {
    super();
    this.session = undefined;
    this.vault = undefined;
    this.subjectId = undefined;
    this.callId = undefined;
    this.retentionDays = 30;
    this.afterWithdrawal = 'delete';
    this.pictureType = 'image/jpeg';
    this.messages = {};
    this.phase = 'idle';
    this.status = '';
    this.failure = '';
    this.progress = undefined;
    this.located = undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#bind();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#unbind();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('session') && this.isConnected) this.#bind();
  }

  protected override updated(): void {
    if (this.phase === 'reviewing') void this.#review.draw();
  }

  get #t(): CaptureMessages {
    return this.#i18n.messages;
  }

  protected override scheduleUpdate(): void | Promise<void> {
    return this.#i18n.whenLoaded(() => super.scheduleUpdate());
  }

  protected override render() {
    const t = this.#t;
    const connected = this.session?.state === 'connected' && !!this.vault && !!this.subjectId;
    const recording = this.#recorder !== undefined;
    const busy = this.phase !== 'idle';
    return html`
      <div part="toolbar" class="toolbar" role="toolbar" aria-label=${t.toolbar}>
        <button part="take-picture" class="primary" ?disabled=${!connected || busy} @click=${this.#takePicture}>${t.takePicture}</button>
        ${recording
          ? html`<button part="record" class="danger" @click=${this.#stopRecording}>${t.stopRecording}</button>`
          : html`<button part="record" ?disabled=${!connected || busy} @click=${this.#startRecording}>${t.startRecording}</button>`}
        ${this.session?.role === 'agent'
          ? html`<button part="keep-transcript" ?disabled=${!connected || busy || this.session.chatMessages.length === 0} @click=${this.#keepTranscript}>${t.transcript.keep}</button>
              <button part="ask-location" ?disabled=${!connected || busy} @click=${this.#askLocation}>${t.location.ask}</button>`
          : nothing}
      </div>
      ${this.#renderLocation(t)}
      ${this.#renderConsent(t, connected)}
      ${this.phase === 'reviewing' || this.phase === 'saving' ? this.#review.render(t, this.phase === 'saving', { keep: this.#keep, discard: this.#discard }) : nothing}
      <p part="status" class="status" role="status">${recording && this.progress ? this.#i18n.format(t.recording, { elapsed: clock(this.progress.elapsedMs), megabytes: megabytes(this.progress.bytes) }) : this.status}</p>
      <p part="error" class="error" role="alert">${this.failure}</p>
    `;
  }

  /** The agent's view of the customer's consent to each capture: never a decline nobody asked for. */
  #renderConsent(t: CaptureMessages, connected: boolean) {
    const session = this.session;
    if (!connected || session?.role !== 'agent') return nothing;
    return html`<section part="consent" class="consent" aria-labelledby="consent-title">
      <h3 id="consent-title">${t.consent.title}</h3>
      <dl>
        ${PURPOSES.map((purpose) => {
          const { status } = session.remoteConsentState(purpose);
          return html`<div><dt>${t.consent.purposes[purpose]}</dt><dd class=${status}>${t.consent.status[STATUS_WORDS[status]]}</dd></div>`;
        })}
      </dl>
    </section>`;
  }

  #renderLocation(t: CaptureMessages) {
    const located = this.located;
    if (!located) return nothing;
    const words = this.#i18n.format(t.location.shared, {
      latitude: degrees(this.#i18n.tag, located.latitude),
      longitude: degrees(this.#i18n.tag, located.longitude),
      accuracy: Math.round(located.accuracy),
    });
    return html`<p part="location" class="location">${words}</p>`;
  }

  readonly #takePicture = async () => {
    const session = this.session;
    if (!session || !(await this.#consented('pictures'))) return;
    this.#setPhase('taking', this.#t.taking);
    try {
      this.#review.open(await session.takePicture());
    } catch (error) {
      this.#report(error, 'pictures');
      this.#setPhase('idle', '');
      return;
    }
    this.#setPhase('reviewing', '');
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#review-title')?.focus();
  };

  readonly #keep = async () => {
    const { session, vault, subjectId } = this;
    const { picture, boxes } = this.#review;
    if (!session || !vault || !subjectId || !picture) return;
    this.#setPhase('saving', this.#t.saving);
    try {
      const metadata = await storePicture({
        vault,
        consent: session.captureConsent,
        picture,
        redactions: boxes,
        type: this.pictureType,
        meta: this.#meta(),
      });
      this.#dispatch<SealPictureStoredDetail>('seal-picture-stored', { metadata });
      this.#closePicture(this.#t.saved);
    } catch (error) {
      this.#report(error, 'pictures');
      this.#setPhase('reviewing', '');
    }
  };

  readonly #discard = () => this.#closePicture(this.#t.discarded);

  readonly #startRecording = async () => {
    const { session, vault } = this;
    if (!session || !vault || !(await this.#consented('recording'))) return;
    try {
      const recorder = await session.startRecording({ vault, meta: this.#meta(), afterWithdrawal: this.afterWithdrawal });
      this.#recorder = recorder;
      this.progress = undefined;
      recorder.on('progress', (progress) => (this.progress = progress));
      recorder.on('stopped', ({ metadata, reason, deleted }) => this.#recordingEnded(reason, { metadata, deleted }));
      recorder.on('error', (error) => this.#report(error, 'recording'));
      recorder.on('state', ({ state }) => state === 'failed' && this.#recordingEnded('failed'));
      this.requestUpdate();
    } catch (error) {
      this.#report(error, 'recording');
    }
  };

  /** Keeps the chat so far, after asking the customer unless they agreed already. */
  readonly #keepTranscript = async () => {
    const { session, vault } = this;
    if (!session || !vault || !(await this.#consented('transcript'))) return;
    this.#setPhase('saving', this.#t.saving);
    try {
      const metadata = await storeTranscript({ vault, consent: session.captureConsent, messages: session.chatMessages, meta: this.#meta() });
      this.#dispatch<SealTranscriptStoredDetail>('seal-transcript-stored', { metadata });
      this.#setPhase('idle', this.#t.transcript.saved);
    } catch (error) {
      this.#report(error, 'transcript');
      this.#setPhase('idle', '');
    }
  };

  /** Asks the customer for their location, once; what they share is kept at once, encrypted. */
  readonly #askLocation = async () => {
    const { session, vault } = this;
    if (!session || !vault) return;
    this.failure = '';
    this.#setPhase('locating', this.#t.location.asking);
    try {
      const location = await session.requestLocation();
      this.located = location;
      const metadata = await storeLocation({ vault, location, meta: this.#meta() });
      this.#dispatch<SealLocationStoredDetail>('seal-location-stored', { metadata, location });
      this.#setPhase('idle', this.#t.location.saved);
    } catch (error) {
      this.#report(error);
      this.#setPhase('idle', '');
    }
  };

  /** A document from the other participant is kept at once, encrypted: they were told so before sending it. */
  async #keepDocument(document: SharedDocument): Promise<void> {
    const { session, vault, subjectId } = this;
    if (!session || !vault || !subjectId) return;
    try {
      const metadata = await storeDocument({ vault, document, meta: this.#meta() });
      this.#dispatch<SealDocumentStoredDetail>('seal-document-stored', { metadata, document });
      this.status = this.#i18n.format(this.#t.documentSaved, { name: document.name });
    } catch (error) {
      this.#report(error);
    }
  }

  readonly #stopRecording = () => {
    this.#recorder?.stop().catch((error: unknown) => this.#report(error));
  };

  #recordingEnded(reason: ArtifactEndReason, ended?: { metadata: ArtifactMetadata; deleted: boolean }): void {
    this.#recorder = undefined;
    this.progress = undefined;
    const t = this.#t;
    if (ended) {
      const withdrawn = ended.deleted ? t.recordingWithdrawnDeleted : t.recordingWithdrawn;
      this.status = reason === 'consent-withdrawn' ? withdrawn : reason === 'call-ended' ? t.recordingCallEnded : t.recordingSaved;
      this.#dispatch<SealRecordingStoppedDetail>('seal-recording-stopped', { ...ended, reason });
    }
    this.requestUpdate();
  }

  /** On the agent's side, asks the customer unless they agreed already. */
  async #consented(purpose: CapturePurpose): Promise<boolean> {
    const session = this.session;
    if (!session) return false;
    this.failure = '';
    if (session.role !== 'agent' || (await hasConsent(session, purpose))) return true;
    this.#setPhase('asking', this.#t.askingConsent[purpose]);
    try {
      const answer = await session.requestConsent(purpose);
      this.#setPhase('idle', answer.granted ? '' : this.#t.declined[purpose]);
      return answer.granted;
    } catch (error) {
      this.#report(error);
      this.#setPhase('idle', '');
      return false;
    }
  }

  #meta() {
    return {
      callId: this.callId ?? (this.session as CallSession).room,
      subjectId: this.subjectId as string,
      expiresAt: Date.now() + this.retentionDays * DAY_MS,
    };
  }

  #closePicture(status: string): void {
    this.#review.close();
    this.#setPhase('idle', status);
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[part="take-picture"]')?.focus());
  }

  #setPhase(phase: Phase, status: string): void {
    this.phase = phase;
    this.status = status;
  }

  #bind(): void {
    const session = this.session;
    if (session === this.#bound) return;
    this.#unbind();
    if (!session) return;
    const update = () => this.requestUpdate();
    this.#unsubscribe = [
      session.on('state-change', update),
      session.on('consent-change', update),
      session.on('chat-message', update),
      session.on('document', ({ document }) => {
        if (document.from !== session.role) void this.#keepDocument(document);
      }),
    ];
    this.#bound = session;
  }

  #unbind(): void {
    for (const off of this.#unsubscribe.splice(0)) off();
    this.#bound = undefined;
  }

  /** Shows and dispatches a failure; `purpose` names the consent a CONSENT_REQUIRED is about. */
  #report(cause: unknown, purpose?: CapturePurpose): void {
    const error = cause instanceof SealcallError ? cause : new SealcallError('CAPTURE_FAILED', 'The capture failed unexpectedly; the cause is attached.', { cause });
    const t = this.#t;
    const shown: Partial<Record<SealcallError['code'], string>> = {
      STORAGE_QUOTA_EXCEEDED: t.storageFull,
      CAPTURE_UNAVAILABLE: t.noVideo,
      LOCATION_DECLINED: t.location.declined,
      LOCATION_REFUSED: t.location.refused,
      LOCATION_UNAVAILABLE: t.location.unavailable,
    };
    this.failure = (purpose && error.code === 'CONSENT_REQUIRED' ? t.declined[purpose] : shown[error.code]) ?? t.failed;
    this.#dispatch<SealCaptureErrorDetail>('seal-capture-error', { error });
  }

  #dispatch<T>(type: string, detail: T): void {
    this.dispatchEvent(new CustomEvent<T>(type, { detail, bubbles: true, composed: true }));
  }
}

async function hasConsent(session: CallSession, purpose: CapturePurpose): Promise<boolean> {
  try {
    await session.captureConsent.require(purpose);
    return true;
  } catch (error) {
    if (error instanceof SealcallError && error.code === 'CONSENT_REQUIRED') return false;
    throw error;
  }
}

function megabytes(bytes: number): string {
  return (bytes / 1_000_000).toFixed(1);
}

declare global {
  interface HTMLElementTagNameMap {
    'seal-capture': SealCapture;
  }
}
