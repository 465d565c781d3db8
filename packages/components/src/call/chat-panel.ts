import { html } from 'lit';
import { chatTextParts, MAX_CHAT_MESSAGE_LENGTH, type ChatMessage, type Role } from '@sealcall/sdk';
import type { CallMessages } from './call.messages.js';

export interface ChatPanelState {
  readonly messages: readonly ChatMessage[];
  /** This participant's role: their own messages are "you". */
  readonly role: Role;
  /** The last message could not be sent. */
  readonly failed: boolean;
}

/**
 * The call's chat: the messages as a log (text only; https addresses as links that open
 * elsewhere), and a line to write in. The form's `text` field holds the draft.
 */
export function chatPanel(t: CallMessages['chat'], state: ChatPanelState, send: (event: SubmitEvent) => void) {
  return html`<section part="chat" id="chat" class="card chat" aria-labelledby="chat-title">
    <h2 id="chat-title">${t.title}</h2>
    <p class="chat-note">${t.note}</p>
    <div part="chat-log" class="chat-log" role="log" aria-labelledby="chat-title" tabindex="0"><ol class="chat-messages">
      ${state.messages.map(
        (message) => html`<li part="chat-message" class="chat-message ${message.from === state.role ? 'own' : 'theirs'}">
          <span class="chat-sender">${message.from === state.role ? t.you : t[message.from]}</span>
          <span class="chat-text">${chatTextParts(message.text).map((part) =>
            'href' in part ? html`<a href=${part.href} target="_blank" rel="noopener noreferrer">${part.text}</a>` : part.text,
          )}</span>
        </li>`,
      )}
    </ol></div>
    ${state.failed ? html`<p part="chat-failed" class="chat-failed" role="alert">${t.failed}</p>` : ''}
    <form part="chat-form" class="chat-form" @submit=${send}>
      <label for="chat-input" class="visually-hidden">${t.label}</label>
      <input part="chat-input" id="chat-input" name="text" maxlength=${MAX_CHAT_MESSAGE_LENGTH} autocomplete="off" enterkeyhint="send" />
      <button part="control chat-send" class="primary" type="submit">${t.send}</button>
    </form>
  </section>`;
}
