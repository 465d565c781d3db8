import { css } from 'lit';

export const consentDialogStyles = css`
  :host {
    --seal-consent-background: var(--seal-color-surface, #ffffff);
    --seal-consent-foreground: var(--seal-color-on-surface, #1b1f24);
    --seal-consent-muted: var(--seal-color-muted, #4a5563);
    --seal-consent-accent: var(--seal-color-primary, #1f5fbf);
    --seal-consent-focus-ring: var(--seal-color-focus, #1f5fbf);
    --seal-consent-backdrop: rgba(10, 14, 20, 0.55);
    font-family: var(--seal-font-family, system-ui, sans-serif);
  }
  dialog {
    box-sizing: border-box;
    width: min(40rem, calc(100vw - 1rem));
    max-height: calc(100dvh - 1rem);
    padding: 0;
    border: 0;
    border-radius: var(--seal-radius, 12px);
    background: var(--seal-consent-background);
    color: var(--seal-consent-foreground);
    overflow: auto;
  }
  dialog::backdrop {
    background: var(--seal-consent-backdrop);
  }
  .content {
    padding: 1rem;
  }
  h2 {
    margin: 0.25rem 0 0.5rem;
    font-size: 1.25rem;
  }
  h3 {
    margin: 1rem 0 0.25rem;
    font-size: 1rem;
  }
  p {
    margin: 0 0 0.5rem;
    line-height: 1.45;
  }
  ul {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  li {
    margin: 0 0 0.75rem;
  }
  label {
    display: flex;
    gap: 0.6rem;
    align-items: flex-start;
    cursor: pointer;
  }
  input[type='checkbox'] {
    flex: none;
    width: 1.4rem;
    height: 1.4rem;
    margin: 0.1rem 0 0;
    accent-color: var(--seal-consent-accent);
  }
  .tag {
    color: var(--seal-consent-muted);
    font-size: 0.85em;
  }
  .description {
    display: block;
    color: var(--seal-consent-muted);
  }
  a {
    color: var(--seal-consent-accent);
  }
  .hint {
    color: var(--seal-consent-muted);
    font-size: 0.9rem;
  }
  .actions {
    position: sticky;
    bottom: 0;
    display: flex;
    flex-direction: column-reverse;
    gap: 0.5rem;
    padding: 0.75rem 1rem 1rem;
    background: var(--seal-consent-background);
    border-top: 1px solid rgba(0, 0, 0, 0.08);
  }
  @media (min-width: 30rem) {
    .actions {
      flex-direction: row;
      justify-content: flex-end;
    }
    .actions button {
      flex: 1 1 0;
    }
  }
  button {
    min-height: 2.75rem;
    padding: 0.6rem 1rem;
    border: 2px solid var(--seal-consent-accent);
    border-radius: calc(var(--seal-radius, 12px) / 2);
    font: inherit;
    font-weight: 600;
    cursor: pointer;
    background: var(--seal-consent-background);
    color: var(--seal-consent-accent);
  }
  button.accept {
    background: var(--seal-consent-accent);
    color: var(--seal-consent-background);
  }
  button:disabled {
    cursor: not-allowed;
    opacity: 0.55;
  }
  :focus-visible {
    outline: 3px solid var(--seal-consent-focus-ring);
    outline-offset: 2px;
  }
`;
