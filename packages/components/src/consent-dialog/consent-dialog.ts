import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { withoutControls, type DeepPartial } from '@sealcall/sdk';
import { LocaleController } from '../i18n/locale-controller.js';
import { cleanNotice, type ConsentDecision, type ConsentNotice } from './consent-notice.js';
import type { ConsentDialogMessages } from './consent-dialog.messages.js';
import { consentDialogStyles } from './consent-dialog.styles.js';
import { plainText, richText } from './rich-text.js';

/**
 * @summary Asks the customer for consent before anything is collected, as a modal dialog
 * (WAI-ARIA dialog pattern on the native <dialog>: focus kept inside, restored on close,
 * Escape to leave). One checkbox per purpose, none pre-ticked; Accept stays disabled until every
 * required purpose is ticked; Decline is the same size and always enabled. The notice is
 * rendered as text, never as HTML (see `rich-text.ts` for the only markup it understands).
 *
 * @slot logo - Your logo, above the title.
 * @slot intro - Replaces the introductory sentence.
 * @slot footer - More wording below the notice (it is included in the decision's `shownText`).
 *
 * @event seal-consent-accept - Cancelable. `detail`: ConsentDecision with the ticked purposes. Closes unless prevented.
 * @event seal-consent-decline - Cancelable. `detail`: ConsentDecision with every purpose declined. Closes unless prevented.
 * @event seal-request-close - Cancelable. `detail`: `{ source: 'escape' }`. Unless prevented, counts as Decline.
 *
 * @csspart dialog - The <dialog>.
 * @csspart title - The heading.
 * @csspart purposes - The list of purposes.
 * @csspart purpose - Each purpose (label, checkbox, description).
 * @csspart details - Retention, rights, DPO and privacy policy.
 * @csspart actions - The row of the two buttons.
 * @csspart accept - The Accept button.
 * @csspart decline - The Decline button.
 *
 * @cssproperty --seal-consent-background
 * @cssproperty --seal-consent-foreground
 * @cssproperty --seal-consent-muted - Secondary text.
 * @cssproperty --seal-consent-accent - Buttons, checkboxes, links.
 * @cssproperty --seal-consent-focus-ring
 * @cssproperty --seal-consent-backdrop
 */
export class SealConsentDialog extends LitElement {
  static override styles = consentDialogStyles;
  static override properties = {
    notice: { attribute: false },
    open: { type: Boolean, reflect: true },
    messages: { attribute: false },
    ticked: { state: true },
  };

  /** What the customer is asked: the organisation, the purposes, retention, rights and the DPO. */
  declare notice: ConsentNotice | undefined;
  /** Shows the dialog (modal); it closes on a decision or on Escape (`seal-request-close`). */
  declare open: boolean;
  /** Overrides for any of the dialog's messages, merged over its language's (`lang`, or the page's). */
  declare messages: DeepPartial<ConsentDialogMessages>;
  declare private ticked: ReadonlySet<string>;
  #returnFocusTo: HTMLElement | undefined;
  #noticeGiven: ConsentNotice | undefined;
  #noticeShown: ConsentNotice | undefined;
  readonly #i18n = new LocaleController(this, 'consentDialog', () => this.messages);

  constructor() {
    super();
    this.notice = undefined;
    this.open = false;
    this.messages = {};
    this.ticked = new Set();
  }

  get #dialog(): HTMLDialogElement | null {
    return this.renderRoot.querySelector('dialog');
  }

  /** The notice as it is shown and recorded: without controls or bidirectional overrides (`withoutControls`). */
  get #notice(): ConsentNotice | undefined {
    const notice = this.notice;
    if (notice !== this.#noticeGiven) {
      this.#noticeGiven = notice;
      this.#noticeShown = notice && cleanNotice(notice);
    }
    return this.#noticeShown;
  }

  get #text(): ConsentDialogMessages {
    return this.#i18n.messages;
  }

  #intro(notice: ConsentNotice): string {
    return this.#i18n.format(this.#text.intro, { controller: notice.controller });
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('open') && this.open) this.ticked = new Set();
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (!changed.has('open')) return;
    const dialog = this.#dialog;
    if (!dialog) return;
    if (this.open && !dialog.open) {
      this.#returnFocusTo = deepActiveElement();
      dialog.showModal();
      this.renderRoot.querySelector<HTMLElement>('input, button:not([disabled])')?.focus();
    } else if (!this.open && dialog.open) {
      dialog.close();
      this.#returnFocusTo?.focus();
      this.#returnFocusTo = undefined;
    }
  }

  protected override scheduleUpdate(): void | Promise<void> {
    return this.#i18n.whenLoaded(() => super.scheduleUpdate());
  }

  protected override render() {
    const notice = this.#notice;
    if (!notice) return nothing;
    const t = this.#text;
    const missing = notice.purposes.some((p) => p.required && !this.ticked.has(p.id));
    return html`
      <dialog part="dialog" aria-labelledby="title" aria-describedby="intro" @cancel=${this.#onCancel}>
        <div class="content">
          <slot name="logo"></slot>
          <h2 part="title" id="title">${t.title}</h2>
          <p id="intro"><slot name="intro">${this.#intro(notice)}</slot></p>
          <h3 id="purposes-heading">${t.purposesHeading}</h3>
          <ul part="purposes" aria-labelledby="purposes-heading">
            ${notice.purposes.map((purpose) => this.#renderPurpose(purpose, t))}
          </ul>
          <div part="details">
            <h3>${t.retentionHeading}</h3>
            <p>${richText(notice.retention)}</p>
            <h3>${t.rightsHeading}</h3>
            <p>${richText(notice.rights ?? t.rights)}</p>
            <h3>${t.dpoHeading}</h3>
            <p>${notice.dpoContact}</p>
            <p><a href=${safeHttpsUrl(notice.privacyPolicyUrl) ?? nothing} target="_blank" rel="noopener noreferrer">${t.privacyPolicy}</a></p>
          </div>
          <slot name="footer"></slot>
        </div>
        <div part="actions" class="actions">
          <button part="decline" class="decline" type="button" @click=${this.#decline}>${t.decline}</button>
          <button part="accept" class="accept" type="button" ?disabled=${missing} aria-describedby=${missing ? 'hint' : nothing} @click=${this.#accept}>
            ${t.accept}
          </button>
        </div>
        ${missing ? html`<p id="hint" class="hint content">${t.requiredHint}</p>` : nothing}
      </dialog>
    `;
  }

  #renderPurpose(purpose: ConsentNotice['purposes'][number], t: ConsentDialogMessages) {
    const id = `purpose-${purpose.id}`;
    return html`<li part="purpose">
      <label>
        <input
          type="checkbox"
          id=${id}
          .checked=${this.ticked.has(purpose.id)}
          aria-required=${purpose.required ? 'true' : 'false'}
          aria-describedby="${id}-description"
          @change=${(event: Event) => this.#tick(purpose.id, (event.target as HTMLInputElement).checked)}
        />
        <span>
          ${purpose.label} <span class="tag">(${purpose.required ? t.required : t.optional})</span>
          <span class="description" id="${id}-description">${richText(purpose.description)}</span>
        </span>
      </label>
    </li>`;
  }

  #tick(id: string, checked: boolean): void {
    const next = new Set(this.ticked);
    if (checked) next.add(id);
    else next.delete(id);
    this.ticked = next;
  }

  readonly #accept = () => {
    const notice = this.#notice;
    if (!notice || notice.purposes.some((p) => p.required && !this.ticked.has(p.id))) return;
    this.#decide('seal-consent-accept', this.#decision(notice, notice.purposes.filter((p) => this.ticked.has(p.id)).map((p) => p.id)));
  };

  readonly #decline = () => {
    const notice = this.#notice;
    if (notice) this.#decide('seal-consent-decline', this.#decision(notice, []));
  };

  readonly #onCancel = (event: Event) => {
    event.preventDefault();
    const proceed = this.dispatchEvent(new CustomEvent('seal-request-close', { detail: { source: 'escape' }, bubbles: true, composed: true, cancelable: true }));
    if (proceed) this.#decline();
  };

  #decide(type: 'seal-consent-accept' | 'seal-consent-decline', decision: ConsentDecision): void {
    const proceed = this.dispatchEvent(new CustomEvent(type, { detail: decision, bubbles: true, composed: true, cancelable: true }));
    if (proceed) this.open = false;
  }

  #decision(notice: ConsentNotice, accepted: string[]): ConsentDecision {
    return {
      accepted,
      declined: notice.purposes.map((p) => p.id).filter((id) => !accepted.includes(id)),
      noticeVersion: notice.version,
      locale: this.#i18n.tag,
      shownText: withoutControls(this.#shownText(notice)),
    };
  }

  #shownText(notice: ConsentNotice): string {
    const t = this.#text;
    const slotted = (name: string) =>
      this.renderRoot
        .querySelector<HTMLSlotElement>(`slot[name="${name}"]`)
        ?.assignedNodes({ flatten: true })
        .map((node) => node.textContent?.trim() ?? '')
        .filter(Boolean)
        .join(' ');
    return [
      t.title,
      slotted('intro') || this.#intro(notice),
      t.purposesHeading,
      ...notice.purposes.map((p) => `${p.label} (${p.required ? t.required : t.optional}): ${plainText(p.description)}`),
      t.retentionHeading,
      plainText(notice.retention),
      t.rightsHeading,
      plainText(notice.rights ?? t.rights),
      t.dpoHeading,
      notice.dpoContact,
      `${t.privacyPolicy}: ${notice.privacyPolicyUrl}`,
      slotted('footer'),
    ]
      .filter(Boolean)
      .join('\n');
  }
}

function safeHttpsUrl(url: string): string | undefined {
  try {
    return new URL(url).protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

function deepActiveElement(): HTMLElement | undefined {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement ? active : undefined;
}

declare global {
  interface HTMLElementTagNameMap {
    'seal-consent-dialog': SealConsentDialog;
  }
  interface SealConsentDialogEventMap {
    'seal-consent-accept': CustomEvent<ConsentDecision>;
    'seal-consent-decline': CustomEvent<ConsentDecision>;
    'seal-request-close': CustomEvent<{ source: 'escape' }>;
  }
  interface HTMLElementEventMap extends SealConsentDialogEventMap {}
  interface DocumentEventMap extends SealConsentDialogEventMap {}
}
