import { html } from 'lit';
import type { ShortAuthString } from '@sealcall/sdk';
import type { CallMessages } from './call.messages.js';

export interface SecurityCodeChoice {
  match(): void;
  differ(): void;
}

/**
 * The security code, large, with what to do with it and the choice whether it matched. The
 * emoji are left out where the page's fonts cannot draw them: the digits carry the same check.
 */
export function securityCodePanel(t: CallMessages['securityCode'], sas: ShortAuthString, showEmoji: boolean, choice: SecurityCodeChoice) {
  const digits = `${sas.digits.slice(0, 3)} ${sas.digits.slice(3)}`;
  return html`<section part="security-code" class="card security-code" aria-labelledby="security-code-title">
    <h2 id="security-code-title">${t.title}</h2>
    <p>${t.instruction}</p>
    ${showEmoji ? html`<p class="sas" role="img" aria-label=${sas.emoji.join(' ')}>${sas.emoji.join(' ')}</p>` : ''}
    <p class="sas-digits">${digits}</p>
    <div class="card-actions">
      <button part="control confirm-code" class="primary" @click=${choice.match}>${t.match}</button>
      <button part="control reject-code" @click=${choice.differ}>${t.differ}</button>
    </div>
  </section>`;
}
