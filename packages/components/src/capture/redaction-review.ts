import { html } from 'lit';
import { redactPicture, type CapturedPicture, type RedactionStyle } from '@sealcall/sdk';
import type { LocaleController } from '../i18n/locale-controller.js';
import type { CaptureMessages } from './capture.messages.js';
import { boxBetween, centredBox, moved, resized, step, type RedactionBox } from './redaction-boxes.js';

interface Host {
  readonly renderRoot: HTMLElement | DocumentFragment;
  readonly updateComplete: Promise<boolean>;
  requestUpdate(): void;
}

const ARROWS: Readonly<Record<string, { x: number; y: number }>> = {
  ArrowLeft: { x: -1, y: 0 },
  ArrowRight: { x: 1, y: 0 },
  ArrowUp: { x: 0, y: -1 },
  ArrowDown: { x: 0, y: 1 },
};

/**
 * The picture under review in `<seal-capture>`: the boxes that cover what must not be kept,
 * drawn with the pointer or added by button, moved and resized with the arrow keys, and the
 * preview drawn as the picture will be stored.
 */
export class RedactionReview {
  readonly #host: Host;
  readonly #i18n: LocaleController<'capture'>;
  /** Says what happened, in the host's status line. */
  readonly #say: (status: string) => void;
  #picture: CapturedPicture | undefined;
  #boxes: readonly RedactionBox[] = [];
  #selected = -1;
  #drag: { x: number; y: number } | undefined;
  #drawing = 0;
  #newBoxStyle: RedactionStyle = 'black';

  constructor(host: Host, i18n: LocaleController<'capture'>, say: (status: string) => void) {
    this.#host = host;
    this.#i18n = i18n;
    this.#say = say;
  }

  get picture(): CapturedPicture | undefined {
    return this.#picture;
  }

  get boxes(): readonly RedactionBox[] {
    return this.#boxes;
  }

  /** Starts reviewing `picture`, with no box yet. */
  open(picture: CapturedPicture): void {
    this.close();
    this.#picture = picture;
  }

  /** Lets the picture go (its bitmap is closed). */
  close(): void {
    this.#picture?.bitmap.close();
    this.#picture = undefined;
    this.#set([], -1);
  }

  render(t: CaptureMessages, saving: boolean, actions: { keep: () => void; discard: () => void }) {
    return html`<section part="review" class="review" aria-labelledby="review-title">
      <h3 id="review-title" tabindex="-1">${t.reviewTitle}</h3>
      <p id="review-hint" class="hint">${t.reviewHint}</p>
      <canvas
        part="preview"
        tabindex="0"
        role="application"
        aria-label=${this.#i18n.format(t.preview, { count: this.#boxes.length })}
        aria-describedby="review-hint"
        @keydown=${this.#onPreviewKey}
        @pointerdown=${this.#onPointerDown}
        @pointerup=${this.#onPointerUp}
      ></canvas>
      <div class="actions">
        <button ?disabled=${saving} @click=${() => this.#addBox('black')}>${t.addBox.black}</button>
        <button ?disabled=${saving} @click=${() => this.#addBox('blur')}>${t.addBox.blur}</button>
      </div>
      <ul class="boxes">
        ${this.#boxes.map(
          (box, i) => html`<li>
            <button aria-pressed=${String(i === this.#selected)} ?disabled=${saving} @click=${() => this.#select(i)}>${this.#i18n.format(t.box, { number: i + 1, style: t.styleName[box.style] })}</button>
            <button ?disabled=${saving} @click=${() => this.#removeBox(i)}>${this.#i18n.format(t.removeBox, { number: i + 1 })}</button>
          </li>`,
        )}
      </ul>
      <div class="actions">
        <button part="keep" class="primary" ?disabled=${saving} @click=${actions.keep}>${t.keep}</button>
        <button part="discard" ?disabled=${saving} @click=${actions.discard}>${t.discard}</button>
      </div>
    </section>`;
  }

  /** Draws the picture as it will be stored (the real redaction), and outlines the boxes. */
  async draw(): Promise<void> {
    const picture = this.#picture;
    const canvas = this.#host.renderRoot.querySelector<HTMLCanvasElement>('canvas');
    if (!picture || !canvas) return;
    const drawing = ++this.#drawing;
    const boxes = this.#boxes;
    const selected = this.#selected;
    const shown = boxes.length > 0 ? await redactPicture(picture, boxes) : picture;
    if (drawing !== this.#drawing || this.#picture !== picture) {
      if (shown !== picture) shown.bitmap.close();
      return;
    }
    canvas.width = picture.width;
    canvas.height = picture.height;
    const context = canvas.getContext('2d');
    if (!context) return;
    context.drawImage(shown.bitmap, 0, 0);
    if (shown !== picture) shown.bitmap.close();
    const line = Math.max(2, Math.round(picture.width / 320));
    boxes.forEach((box, i) => {
      context.lineWidth = i === selected ? line * 2 : line;
      context.setLineDash(i === selected ? [] : [line * 3, line * 2]);
      context.strokeStyle = i === selected ? '#ffd60a' : '#ffffff';
      context.strokeRect(box.x, box.y, box.width, box.height);
    });
  }

  #set(boxes: readonly RedactionBox[], selected: number): void {
    this.#boxes = boxes;
    this.#selected = selected;
    this.#host.requestUpdate();
  }

  #focusPreview(): void {
    void this.#host.updateComplete.then(() => this.#host.renderRoot.querySelector<HTMLCanvasElement>('canvas')?.focus());
  }

  #addBox(style: RedactionStyle): void {
    const picture = this.#picture;
    if (!picture) return;
    this.#newBoxStyle = style;
    this.#set([...this.#boxes, centredBox(picture, style)], this.#boxes.length);
    this.#say(this.#i18n.messages.boxAdded);
    this.#focusPreview();
  }

  #select(index: number): void {
    this.#set(this.#boxes, index);
    this.#host.renderRoot.querySelector<HTMLCanvasElement>('canvas')?.focus();
  }

  #removeBox(index: number): void {
    const boxes = this.#boxes.filter((_, i) => i !== index);
    this.#set(boxes, Math.min(this.#selected, boxes.length - 1));
  }

  readonly #onPreviewKey = (event: KeyboardEvent) => {
    const picture = this.#picture;
    const box = this.#boxes[this.#selected];
    if (!picture || !box) return;
    if (event.key === 'Delete' || event.key === 'Backspace') {
      this.#removeBox(this.#selected);
      event.preventDefault();
      return;
    }
    const direction = ARROWS[event.key];
    if (!direction) return;
    event.preventDefault();
    const d = step(picture, false);
    const next = event.shiftKey ? resized(box, direction.x * d.x, direction.y * d.y, picture) : moved(box, direction.x * d.x, direction.y * d.y, picture);
    this.#set(
      this.#boxes.map((b, i) => (i === this.#selected ? next : b)),
      this.#selected,
    );
  };

  readonly #onPointerDown = (event: PointerEvent) => {
    this.#drag = toPicture(event);
    (event.target as HTMLCanvasElement).setPointerCapture(event.pointerId);
  };

  readonly #onPointerUp = (event: PointerEvent) => {
    const picture = this.#picture;
    const start = this.#drag;
    this.#drag = undefined;
    if (!picture || !start) return;
    const end = toPicture(event);
    if (Math.abs(end.x - start.x) < 4 || Math.abs(end.y - start.y) < 4) return;
    this.#set([...this.#boxes, boxBetween(start, end, picture, this.#newBoxStyle)], this.#boxes.length);
  };
}

/** Where the pointer is, in the picture's pixels. */
function toPicture(event: PointerEvent): { x: number; y: number } {
  const canvas = event.target as HTMLCanvasElement;
  const rect = canvas.getBoundingClientRect();
  return { x: ((event.clientX - rect.left) / rect.width) * canvas.width, y: ((event.clientY - rect.top) / rect.height) * canvas.height };
}
