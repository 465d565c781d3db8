import { html, nothing } from 'lit';
import { chatTextParts, DOCUMENT_TYPES, MAX_CHAT_MESSAGE_LENGTH, type ChatMessage, type Role } from '@sealcall/sdk';
import type { CallMessages } from './call.messages.js';
import type { DocumentEntry } from './document-tracker.js';

/** One line of the chat's log: a message, or a document. */
export type ChatItem = { readonly at: number } & ({ readonly message: ChatMessage } | { readonly document: DocumentEntry });

export interface ChatPanelState {
  readonly items: readonly ChatItem[];
  /** This participant's role: their own messages are "you". */
  readonly role: Role;
  /** The last message could not be sent. */
  readonly failed: boolean;
  /** Whether this participant may send documents: the Attach button. */
  readonly attach: boolean;
  /** A file chosen to send, until the participant confirms or cancels. */
  readonly picked: { readonly name: string; readonly size: number } | undefined;
  /** Why the document last chosen was not sent, in words. */
  readonly documentError: string | undefined;
  readonly size: (bytes: number) => string;
  readonly format: (message: string, values: Readonly<Record<string, string | number>>) => string;
}

export interface ChatPanelActions {
  send(event: SubmitEvent): void;
  pick(event: Event): void;
  confirm(): void;
  cancel(): void;
}

/**
 * The call's chat: messages and documents as a log (text only; https addresses as links that
 * open elsewhere; a document with its progress, then a link to save it), a line to write in,
 * and a button to send a document. The form's `text` field holds the draft.
 */
export function chatPanel(t: CallMessages['chat'], state: ChatPanelState, actions: ChatPanelActions) {
  return html`<section part="chat" id="chat" class="card chat" aria-labelledby="chat-title">
    <h2 id="chat-title">${t.title}</h2>
    <p class="chat-note">${t.note}</p>
    <div part="chat-log" class="chat-log" role="log" aria-labelledby="chat-title" tabindex="0"><ol class="chat-messages">
      ${state.items.map((item) => ('message' in item ? messageItem(t, state, item.message) : documentItem(t, state, item.document)))}
    </ol></div>
    ${state.failed ? html`<p part="chat-failed" class="chat-failed" role="alert">${t.failed}</p>` : nothing}
    ${state.documentError ? html`<p part="chat-failed" class="chat-failed" role="alert">${state.documentError}</p>` : nothing}
    ${state.picked ? confirmation(t, state, state.picked, actions) : nothing}
    <form part="chat-form" class="chat-form" @submit=${actions.send}>
      <label for="chat-input" class="visually-hidden">${t.label}</label>
      <input part="chat-input" id="chat-input" name="text" maxlength=${MAX_CHAT_MESSAGE_LENGTH} autocomplete="off" enterkeyhint="send" />
      <button part="control chat-send" class="primary" type="submit">${t.send}</button>
      ${state.attach
        ? html`<input id="document-input" type="file" hidden accept=${DOCUMENT_TYPES.join(',')} @change=${actions.pick} />
            <button part="control chat-attach" type="button" @click=${openPicker}>${t.attach}</button>`
        : nothing}
    </form>
  </section>`;
}

function openPicker(event: Event): void {
  ((event.currentTarget as HTMLElement).closest('form')?.querySelector('#document-input') as HTMLInputElement | null)?.click();
}

function sender(t: CallMessages['chat'], state: ChatPanelState, from: Role) {
  return html`<span class="chat-sender">${from === state.role ? t.you : t[from]}</span>`;
}

function messageItem(t: CallMessages['chat'], state: ChatPanelState, message: ChatMessage) {
  return html`<li part="chat-message" class="chat-message ${message.from === state.role ? 'own' : 'theirs'}">
    ${sender(t, state, message.from)}
    <span class="chat-text">${chatTextParts(message.text).map((part) =>
      'href' in part ? html`<a href=${part.href} target="_blank" rel="noopener noreferrer">${part.text}</a>` : part.text,
    )}</span>
  </li>`;
}

function documentItem(t: CallMessages['chat'], state: ChatPanelState, document: DocumentEntry) {
  const own = document.from === state.role;
  const nameId = `document-${document.id}`;
  const { outcome } = document;
  return html`<li part="chat-message chat-document" class="chat-message chat-document ${own ? 'own' : 'theirs'}">
    ${sender(t, state, document.from)}
    <span class="document-line"><span id=${nameId} class="document-name">${document.name}</span> <span class="document-size">${state.size(document.size)}</span></span>
    ${!outcome
      ? html`<progress part="document-progress" max=${document.size} .value=${document.done} aria-label=${state.format(own ? t.sending : t.receiving, { name: document.name })}></progress>`
      : 'url' in outcome
        ? html`<a part="document-save" class="document-save" href=${outcome.url} download=${document.name} aria-describedby=${nameId}>${t.save}</a>`
        : html`<span part="document-failed" class="document-failed">${own ? t.documentFailed : t.documentNotReceived}</span>`}
  </li>`;
}

function confirmation(t: CallMessages['chat'], state: ChatPanelState, picked: NonNullable<ChatPanelState['picked']>, actions: ChatPanelActions) {
  return html`<div part="document-confirm" class="document-confirm" role="group" aria-labelledby="document-confirm-question">
    <p id="document-confirm-question" class="document-question">${state.format(t.confirmDocument, { name: picked.name, size: state.size(picked.size) })}</p>
    <p class="chat-note">${t.documentNotice[state.role]}</p>
    <div class="document-actions">
      <button part="control document-send" class="primary" type="button" @click=${actions.confirm}>${t.sendDocument}</button>
      <button part="control document-cancel" type="button" @click=${actions.cancel}>${t.cancel}</button>
    </div>
  </div>`;
}
