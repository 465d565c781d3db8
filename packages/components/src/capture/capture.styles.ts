import { css } from 'lit';

export const captureStyles = css`
  :host {
    --seal-capture-background: var(--seal-color-surface, #ffffff);
    --seal-capture-foreground: var(--seal-color-on-surface, #1b1f24);
    --seal-capture-accent: var(--seal-color-primary, #1f5fbf);
    --seal-capture-danger: var(--seal-color-danger, #c8291d);
    --seal-capture-focus-ring: var(--seal-color-focus, #1f5fbf);
    --seal-capture-muted: var(--seal-color-muted, #4a5563);
    display: block;
    padding: 0.75rem;
    border-radius: var(--seal-radius, 12px);
    background: var(--seal-capture-background);
    color: var(--seal-capture-foreground);
    font-family: var(--seal-font-family, system-ui, sans-serif);
  }
  :host([hidden]) {
    display: none;
  }
  .toolbar,
  .actions,
  .boxes {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  button {
    min-height: 2.75rem;
    padding: 0.5rem 1rem;
    border: 1px solid var(--seal-capture-accent);
    border-radius: calc(var(--seal-radius, 12px) / 2);
    background: transparent;
    color: var(--seal-capture-accent);
    font: inherit;
    cursor: pointer;
  }
  button.primary {
    background: var(--seal-capture-accent);
    color: var(--seal-capture-background);
  }
  button.danger {
    border-color: var(--seal-capture-danger);
    background: var(--seal-capture-danger);
    color: var(--seal-capture-background);
  }
  button[aria-pressed='true'] {
    outline: 2px solid var(--seal-capture-accent);
  }
  button:disabled {
    opacity: 0.5;
    cursor: not-allowed;
  }
  button:focus-visible,
  canvas:focus-visible {
    outline: 3px solid var(--seal-capture-focus-ring);
    outline-offset: 2px;
  }
  .review {
    margin-top: 0.75rem;
  }
  h3 {
    margin: 0 0 0.25rem;
    font-size: 1rem;
  }
  .hint {
    margin: 0 0 0.5rem;
    color: var(--seal-capture-muted);
    font-size: 0.9rem;
  }
  canvas {
    display: block;
    width: 100%;
    height: auto;
    margin-bottom: 0.5rem;
    touch-action: none;
    cursor: crosshair;
  }
  .status,
  .error {
    margin: 0.5rem 0 0;
    min-height: 1.25rem;
  }
  .error {
    color: var(--seal-capture-danger);
  }
`;
