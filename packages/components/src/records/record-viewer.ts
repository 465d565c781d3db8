import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { SealcallError, type DeepPartial, type OpenedRecord } from '@sealcall/sdk';
import { degrees } from '../i18n/degrees.js';
import { LocaleController } from '../i18n/locale-controller.js';
import { blobOf, dateTime, failureWords } from './records-format.js';
import type { RecordsMessages } from './records.messages.js';
import { viewerStyles } from './records.styles.js';
import { canStream, playStreamed, type StreamedPlayback } from './streamed-playback.js';

type Shown =
  | { readonly as: 'picture'; readonly url: string }
  | { readonly as: 'recording' }
  | { readonly as: 'text'; readonly text: string }
  | { readonly as: 'words'; readonly text: string }
  | { readonly as: 'nothing' };

/**
 * @summary Shows one decrypted artifact inside <seal-records>: a picture, a recording played as
 * it is decrypted (streamed), a location in words, or a consent record or transcript as text. Internal to <seal-records>, which
 * forwards its parts.
 *
 * @event seal-viewer-close - The Close button. No `detail`.
 * @event seal-records-error - The content broke off or would not decrypt. `detail`: `{ error }`.
 *
 * @csspart viewer - The whole viewer.
 * @csspart picture - The picture.
 * @csspart player - The video player.
 * @csspart close - The Close button.
 */
export class SealRecordViewer extends LitElement {
  static override styles = viewerStyles;
  static override properties = {
    opened: { attribute: false },
    heading: {},
    messages: { attribute: false },
    shown: { state: true },
    failure: { state: true },
  };

  declare opened: OpenedRecord | undefined;
  declare heading: string;
  declare messages: DeepPartial<RecordsMessages>;
  declare private shown: Shown | undefined;
  declare private failure: string;
  #playback: StreamedPlayback | undefined;
  readonly #i18n = new LocaleController(this, 'records', () => this.messages);

  constructor() {
    super();
    this.opened = undefined;
    this.heading = '';
    this.messages = {};
    this.shown = undefined;
    this.failure = '';
  }

  /** Plaintext bytes the player has read so far (the whole picture or text once shown). */
  get bytesRead(): number {
    return this.#playback?.bytesRead ?? 0;
  }

  get #t(): RecordsMessages {
    return this.#i18n.messages;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#release(this.opened);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!changed.has('opened')) return;
    this.#release(changed.get('opened'));
    this.failure = '';
    this.shown = undefined;
    if (this.opened) void this.#show(this.opened);
  }

  protected override scheduleUpdate(): void | Promise<void> {
    return this.#i18n.whenLoaded(() => super.scheduleUpdate());
  }

  protected override render() {
    const t = this.#t;
    const shown = this.shown;
    return html`<section part="viewer" aria-labelledby="viewer-heading" aria-busy=${String(shown === undefined && !this.failure)}>
      <h3 id="viewer-heading" tabindex="-1">${this.heading}</h3>
      ${shown?.as === 'picture' ? html`<img part="picture" src=${shown.url} alt=${this.heading} />` : nothing}
      ${shown?.as === 'recording' ? html`<video part="player" controls playsinline aria-label=${this.heading}></video>` : nothing}
      ${shown?.as === 'text' ? html`<pre class="text" tabindex="0" aria-label=${this.heading}>${shown.text}</pre>` : nothing}
      ${shown?.as === 'words' ? html`<p class="words">${shown.text}</p>` : nothing}
      <p class="status" role="status">${shown === undefined && !this.failure ? t.decrypting : ''}</p>
      <p class="error" role="alert">${this.failure}</p>
      <button part="close" @click=${this.#close}>${t.close}</button>
    </section>`;
  }

  /** Moves focus to the heading, for a screen reader to announce what opened. */
  override focus(): void {
    this.renderRoot.querySelector<HTMLElement>('#viewer-heading')?.focus();
  }

  async #show(opened: OpenedRecord): Promise<void> {
    const { artifact, stream } = opened;
    try {
      if (artifact.kind === 'recording') {
        this.shown = { as: 'recording' };
        await this.updateComplete;
        const video = this.renderRoot.querySelector('video');
        if (!video || this.opened !== opened) return void (await stream.cancel());
        if (canStream(artifact.mimeType)) {
          this.#playback = playStreamed(video, artifact.mimeType, stream);
          await this.#playback.done;
        } else {
          // No Media Source Extensions for this type here (docs/records.md): the whole file, then play.
          video.src = URL.createObjectURL(await blobOf(stream, artifact.mimeType));
        }
        return;
      }
      if (artifact.kind === 'picture') {
        const url = URL.createObjectURL(await blobOf(stream, artifact.mimeType));
        if (this.opened !== opened) return URL.revokeObjectURL(url);
        this.shown = { as: 'picture', url };
        return;
      }
      const text = await new Response(stream).text();
      if (this.opened !== opened) return;
      const words = artifact.kind === 'location' ? this.#locationWords(text) : undefined;
      this.shown = words === undefined ? { as: 'text', text } : { as: 'words', text: words };
    } catch (cause) {
      if (this.opened !== opened) return;
      const error = cause instanceof SealcallError ? cause : new SealcallError('ARTIFACT_UNPLAYABLE', `This browser could not show artifact "${artifact.id}" (${artifact.mimeType}); the cause is attached.`, { cause });
      this.failure = failureWords(this.#t, error);
      this.dispatchEvent(new CustomEvent('seal-records-error', { detail: { error }, bubbles: true, composed: true }));
    }
  }

  /** A stored location (GeoJSON, see `locationGeoJson`) in words; undefined if it is not one. */
  #locationWords(text: string): string | undefined {
    const place = parseLocation(text);
    if (!place) return undefined;
    return this.#i18n.format(this.#t.locationShown, {
      latitude: degrees(this.#i18n.tag, place.latitude),
      longitude: degrees(this.#i18n.tag, place.longitude),
      accuracy: Math.round(place.accuracy),
      takenAt: dateTime(this.#i18n.tag, place.takenAt),
    });
  }

  /** Stops showing `record`, the one this viewer was reading or showing. */
  #release(record: OpenedRecord | undefined): void {
    this.#playback?.stop();
    this.#playback = undefined;
    const video = this.renderRoot.querySelector('video');
    if (video?.src.startsWith('blob:')) URL.revokeObjectURL(video.src);
    if (this.shown?.as === 'picture') URL.revokeObjectURL(this.shown.url);
    // Not yet read (a stream being read is locked, and stops at the next check of `opened`).
    if (record && !record.stream.locked) void record.stream.cancel().catch(() => undefined);
  }

  #close(): void {
    this.dispatchEvent(new CustomEvent('seal-viewer-close', { bubbles: true, composed: true }));
  }
}

function parseLocation(text: string): { latitude: number; longitude: number; accuracy: number; takenAt: number } | undefined {
  try {
    const feature = JSON.parse(text) as { geometry?: { coordinates?: unknown }; properties?: { accuracyMetres?: unknown; takenAt?: unknown } };
    const [longitude, latitude] = Array.isArray(feature.geometry?.coordinates) ? (feature.geometry.coordinates as unknown[]) : [];
    const accuracy = feature.properties?.accuracyMetres;
    const takenAt = typeof feature.properties?.takenAt === 'string' ? Date.parse(feature.properties.takenAt) : NaN;
    if (typeof latitude !== 'number' || typeof longitude !== 'number' || typeof accuracy !== 'number' || Number.isNaN(takenAt)) return undefined;
    return { latitude, longitude, accuracy, takenAt };
  } catch {
    return undefined;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'seal-record-viewer': SealRecordViewer;
  }
}
