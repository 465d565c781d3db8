import { html, nothing, type ReactiveControllerHost } from 'lit';
import { SealcallError, type ConsentDecision, type Role } from '@sealcall/sdk';
import type { ConsentNotice } from '../consent-dialog/consent-notice.js';
import { fileSize } from '../i18n/file-size.js';
import type { LocaleController } from '../i18n/locale-controller.js';
import type { CallController } from './call-controller.js';
import type { CallMessages } from './call.messages.js';
import { chatPanel, type ChatItem } from './chat-panel.js';

type Host = ReactiveControllerHost & HTMLElement;

/**
 * The chat of `<seal-call>`: its toggle, its panel with messages and documents, what it
 * announces while closed, and sending. Holds the draft's failure and the file chosen until the
 * participant confirms it: in the chat, or, for a customer whose notice has a `document` purpose,
 * in the consent step (`documentConsent`), whose grant the document is sent under.
 */
export class ChatView {
  readonly #host: Host;
  readonly #call: CallController;
  readonly #i18n: LocaleController<'call'>;
  readonly #report: (error: unknown) => void;
  readonly #notice: () => ConsentNotice | undefined;
  #failed = false;
  #picked: File | undefined;
  #documentError: SealcallError | undefined;

  constructor(host: Host, call: CallController, i18n: LocaleController<'call'>, report: (error: unknown) => void, notice: () => ConsentNotice | undefined) {
    this.#host = host;
    this.#call = call;
    this.#i18n = i18n;
    this.#report = report;
    this.#notice = notice;
  }

  get #role(): Role {
    return this.#call.session?.role ?? 'customer';
  }

  /** The customer is asked in a consent step, not in the chat, when the notice has a purpose for documents. */
  get #asksConsent(): boolean {
    return this.#role === 'customer' && this.#notice()?.purposes.some((purpose) => purpose.id === 'document') === true;
  }

  /**
   * A customer whose notice has no purpose for documents cannot be asked for their consent to
   * one, so they get no Attach button; without a notice (consent collected outside the SDK) they
   * confirm in the chat.
   */
  get #mayAttach(): boolean {
    return this.#role !== 'customer' || this.#notice() === undefined || this.#asksConsent;
  }

  /** The file waiting for the customer's consent, and what the consent step calls it. */
  get documentConsent(): { readonly file: File; readonly name: string; readonly size: string } | undefined {
    const picked = this.#picked;
    return picked && this.#asksConsent ? { file: picked, name: picked.name, size: fileSize(this.#i18n.tag, picked.size) } : undefined;
  }

  /** Messages and documents, oldest first. */
  get #items(): ChatItem[] {
    const items: ChatItem[] = [...this.#call.chat.map((message) => ({ at: message.at, message })), ...this.#call.documents.map((document) => ({ at: document.at, document }))];
    return items.sort((a, b) => a.at - b.at);
  }

  toggle(t: CallMessages) {
    const { chatOpen, unreadChat } = this.#call;
    const words = chatOpen ? t.chat.close : unreadChat > 0 ? this.#i18n.format(t.chat.openUnread, { count: unreadChat }) : t.chat.open;
    return html`<button part="control chat-toggle" aria-expanded=${String(chatOpen)} aria-controls="chat" @click=${() => this.#call.toggleChat()}>${words}</button>`;
  }

  panel(t: CallMessages) {
    if (!this.#call.chatOpen) return nothing;
    const locale = this.#i18n.tag;
    const picked = this.#picked;
    return chatPanel(
      t.chat,
      {
        items: this.#items,
        role: this.#role,
        failed: this.#failed,
        size: (bytes) => fileSize(locale, bytes),
        format: (message, values) => this.#i18n.format(message, values),
        attach: this.#mayAttach,
        picked: picked && !this.#asksConsent ? { name: picked.name, size: picked.size } : undefined,
        documentError: this.#documentError && this.#errorWords(t, this.#documentError),
      },
      { send: this.#send, pick: this.#pick, confirm: this.#confirm, cancel: this.#cancel },
    );
  }

  /** What screen readers hear while the chat is closed and something arrived. */
  announcement(t: CallMessages) {
    const last = this.#items.at(-1);
    if (this.#call.chatOpen || this.#call.unreadChat === 0 || !last) return nothing;
    const from = 'message' in last ? last.message.from : last.document.from;
    if (from === this.#role) return nothing;
    return this.#i18n.format('message' in last ? t.chat.newMessage : t.chat.newDocument, { sender: t.chat[from] });
  }

  #focusAfterUpdate(part: string): void {
    this.#host.requestUpdate();
    void this.#host.updateComplete.then(() => this.#host.shadowRoot?.querySelector<HTMLElement>(`[part~="${part}"]`)?.focus());
  }

  /** Words for a document that did not cross: a refusal names its rule, anything else asks to send again. */
  #errorWords(t: CallMessages, error: SealcallError): string {
    if (error.code === 'DOCUMENT_TOO_LARGE') return t.chat.tooLarge;
    if (error.code === 'DOCUMENT_TYPE_NOT_ALLOWED') return t.chat.typeNotAllowed;
    return t.chat.documentFailed;
  }

  readonly #send = (event: SubmitEvent) => {
    event.preventDefault();
    const input = (event.currentTarget as HTMLFormElement).elements.namedItem('text') as HTMLInputElement;
    const text = input.value;
    const session = this.#call.session;
    if (!session || text.trim() === '') return;
    input.value = '';
    this.#failed = false;
    this.#host.requestUpdate();
    session.sendChatMessage(text).catch((error: unknown) => {
      if (input.value === '') input.value = text;
      this.#failed = true;
      this.#host.requestUpdate();
      this.#report(error);
    });
  };

  readonly #pick = (event: Event) => {
    const input = event.currentTarget as HTMLInputElement;
    this.#picked = input.files?.[0];
    this.#documentError = undefined;
    input.value = '';
    // The question replaces the picker: keyboard and screen reader go on to it, and back after.
    this.#focusAfterUpdate('document-send');
  };

  readonly #cancel = () => {
    this.#picked = undefined;
    this.#focusAfterUpdate('chat-attach');
  };

  readonly #confirm = () => this.#sendPicked(undefined);

  /** The customer's answer in the consent step: on a grant the document goes under it, else nothing is sent. */
  readonly answerConsent = (event: CustomEvent<ConsentDecision>) => {
    if (event.detail.accepted.includes('document')) this.#sendPicked(event.detail);
    else this.#cancel();
  };

  #sendPicked(consent: ConsentDecision | undefined): void {
    const file = this.#picked;
    const session = this.#call.session;
    this.#picked = undefined;
    this.#focusAfterUpdate('chat-attach');
    if (!file || !session) return;
    session.sendDocument(file, consent && { consent }).catch((error: unknown) => {
      // Refused before it left (too large, not a type allowed) it is not in the log: the form says it.
      const inLog = this.#call.documents.some(({ outcome }) => outcome && 'error' in outcome && outcome.error === error);
      if (error instanceof SealcallError && !inLog) {
        this.#documentError = error;
        this.#host.requestUpdate();
      }
      this.#report(error);
    });
  }
}
