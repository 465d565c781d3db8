import { css } from 'lit';

/**
 * One grid over the other participant's video: the status column and your video on top, the
 * cards (what went wrong, the security code, the lobby) in the middle, the logo, then the
 * controls. Everything but the videos is in the flow, so nothing overlaps: the element grows
 * taller than its aspect ratio (its automatic minimum size) rather than stack one line over another.
 */
export const callStyles = css`
  :host {
    --seal-call-background: var(--seal-color-surface-dark, #111418);
    --seal-call-foreground: var(--seal-color-on-surface-dark, #f4f6f8);
    --seal-call-control-background: var(--seal-color-control, rgba(255, 255, 255, 0.16));
    --seal-call-danger: var(--seal-color-danger, #c8291d);
    --seal-call-focus-ring: var(--seal-color-focus, #8ab4ff);
    --seal-call-warning: var(--seal-color-warning, #b42318);
    --seal-call-local-width: 28%;
    --seal-call-recording: var(--seal-color-recording, #f04438);
    --_backdrop: rgba(0, 0, 0, 0.72);
    --_inner-radius: calc(var(--seal-radius, 12px) / 2);
    display: grid;
    grid-template-columns: minmax(0, 1fr) var(--seal-call-local-width);
    grid-template-rows: auto 1fr auto auto;
    column-gap: 0.75rem;
    row-gap: 0.5rem;
    padding: 0.75rem 0.75rem 0;
    box-sizing: border-box;
    position: relative;
    isolation: isolate;
    aspect-ratio: var(--seal-call-aspect-ratio, 3 / 4);
    border-radius: var(--seal-radius, 12px);
    background: var(--seal-call-background);
    color: var(--seal-call-foreground);
    font-family: var(--seal-font-family, system-ui, sans-serif);
  }
  @media (min-width: 40rem) {
    :host {
      aspect-ratio: var(--seal-call-aspect-ratio, 16 / 9);
      --seal-call-local-width: 22%;
    }
  }
  :host([hidden]) {
    display: none;
  }
  video {
    display: block;
    background: var(--seal-call-background);
    object-fit: cover;
  }
  .remote {
    position: absolute;
    inset: 0;
    z-index: -1;
    width: 100%;
    height: 100%;
    border-radius: inherit;
  }
  .local {
    grid-column: 2;
    grid-row: 1;
    align-self: start;
    width: 100%;
    aspect-ratio: 3 / 4;
    border-radius: var(--_inner-radius);
    box-shadow: 0 2px 8px rgba(0, 0, 0, 0.4);
  }
  .mirrored {
    transform: scaleX(-1);
  }
  .overlay {
    grid-column: 1;
    grid-row: 1;
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    gap: 0.4rem;
    min-width: 0;
  }
  .status:empty {
    display: none;
  }
  .status,
  .e2ee,
  .notices p {
    margin: 0;
    padding: 0.25rem 0.5rem;
    border-radius: var(--_inner-radius);
    background: var(--_backdrop);
    overflow-wrap: anywhere;
  }
  .status {
    font-size: 0.95rem;
  }
  .e2ee {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25rem 0.5rem;
    font-size: 0.8rem;
  }
  .e2ee.failed,
  .notices .warning {
    background: var(--seal-call-warning);
  }
  .verified::before {
    content: '✓ ';
  }
  .notices {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    gap: 0.25rem;
    font-size: 0.85rem;
  }
  .notices:empty {
    display: none;
  }
  .notices .recording {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    padding: 0.35rem 0.6rem;
    font-size: 0.95rem;
    font-weight: 700;
    font-variant-numeric: tabular-nums;
    background: var(--seal-call-recording);
    color: #fff;
  }
  .recording-dot {
    flex: none;
    width: 0.7rem;
    height: 0.7rem;
    border-radius: 50%;
    background: #fff;
  }
  @media (prefers-reduced-motion: no-preference) {
    .recording-dot {
      animation: pulse 1.6s ease-in-out infinite;
    }
  }
  @keyframes pulse {
    50% {
      opacity: 0.3;
    }
  }
  .center {
    grid-column: 1 / -1;
    grid-row: 2;
    display: flex;
    flex-direction: column;
    align-items: center;
    justify-content: center;
    gap: 0.5rem;
  }
  .card,
  .lobby {
    box-sizing: border-box;
    width: min(100%, 30rem);
    padding: 0.75rem 1rem;
    border-radius: var(--_inner-radius);
    background: var(--_backdrop);
    overflow-wrap: anywhere;
  }
  .card p,
  .card h2,
  .lobby p {
    margin: 0 0 0.5rem;
  }
  .card h2 {
    font-size: 1.05rem;
  }
  .card-actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  .security-code .sas {
    font-size: 2rem;
    letter-spacing: 0.25em;
    line-height: 1.3;
  }
  .security-code .sas-digits {
    font-size: 1.6rem;
    font-weight: 700;
    letter-spacing: 0.1em;
    font-variant-numeric: tabular-nums;
  }
  .chat {
    align-self: stretch;
    display: flex;
    flex-direction: column;
    min-height: 0;
    max-height: 100%;
  }
  @media (min-width: 40rem) {
    .chat {
      align-self: flex-end;
      width: min(100%, 24rem);
    }
  }
  .card .chat-note {
    font-size: 0.85rem;
    opacity: 0.85;
  }
  .chat-log {
    flex: 1 1 auto;
    min-height: 4rem;
    max-height: 16rem;
    margin: 0 0 0.5rem;
    overflow-y: auto;
  }
  .chat-messages {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .chat-log:focus-visible {
    outline: 3px solid var(--seal-call-focus-ring);
  }
  .chat-message {
    margin: 0 0 0.5rem;
  }
  .chat-text {
    white-space: pre-wrap;
  }
  .chat-message.own {
    text-align: end;
  }
  .chat-sender {
    display: block;
    font-size: 0.8rem;
    font-weight: 600;
    opacity: 0.85;
  }
  .chat-text a {
    color: inherit;
  }
  .document-line,
  .document-failed {
    display: block;
    overflow-wrap: anywhere;
  }
  .document-size {
    font-size: 0.85rem;
    opacity: 0.85;
  }
  .chat-document progress {
    display: block;
    width: 100%;
    accent-color: var(--seal-color-primary, #2e6bd9);
  }
  .document-save {
    color: inherit;
    font-weight: 600;
  }
  .document-save:focus-visible {
    outline: 3px solid var(--seal-call-focus-ring);
    outline-offset: 2px;
  }
  .document-confirm {
    margin: 0 0 0.5rem;
    padding: 0.5rem 0.75rem;
    border: 1px solid rgba(255, 255, 255, 0.5);
    border-radius: var(--_inner-radius);
  }
  .card .document-question {
    margin: 0 0 0.25rem;
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .document-actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  .chat-form {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  .chat-form button {
    flex: none;
    white-space: nowrap;
  }
  .chat-form input {
    flex: 1 1 7rem;
    min-width: 0;
    min-height: 2.75rem;
    padding: 0 0.75rem;
    border: 1px solid rgba(255, 255, 255, 0.5);
    border-radius: var(--_inner-radius);
    background: rgba(0, 0, 0, 0.4);
    color: inherit;
    font: inherit;
  }
  .chat-form input:focus-visible,
  .chat-text a:focus-visible {
    outline: 3px solid var(--seal-call-focus-ring);
    outline-offset: 2px;
  }
  .logo {
    grid-column: 1 / -1;
    grid-row: 3;
    justify-self: start;
  }
  .controls {
    grid-column: 1 / -1;
    grid-row: 4;
    display: flex;
    flex-wrap: wrap;
    justify-content: center;
    gap: 0.5rem;
    margin: 0 -0.75rem;
    padding: 0.75rem;
    border-radius: 0 0 var(--seal-radius, 12px) var(--seal-radius, 12px);
    background: linear-gradient(transparent, rgba(0, 0, 0, 0.6));
  }
  .controls:empty {
    display: none;
  }
  .announcer,
  .visually-hidden,
  .status.spoken-only {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    border: 0;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  seal-consent-dialog {
    position: absolute;
  }
  button {
    min-width: 2.75rem;
    min-height: 2.75rem;
    padding: 0.5rem 0.9rem;
    border: 0;
    border-radius: 999px;
    background: var(--seal-call-control-background);
    color: inherit;
    font: inherit;
    cursor: pointer;
  }
  button[aria-pressed='true'] {
    background: var(--seal-call-foreground);
    color: var(--seal-call-background);
  }
  button.primary {
    background: var(--seal-color-primary, #2e6bd9);
  }
  button.danger {
    background: var(--seal-call-danger);
  }
  button:focus-visible {
    outline: 3px solid var(--seal-call-focus-ring);
    outline-offset: 2px;
  }
  @media (prefers-reduced-motion: no-preference) {
    button {
      transition: background-color 120ms ease;
    }
  }
`;
