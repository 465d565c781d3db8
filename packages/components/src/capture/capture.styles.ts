import { css } from 'lit';
import { buttonStyles } from '../styles/buttons.styles.js';

const capture = css`
  :host {
    --seal-capture-background: var(--seal-color-surface, #ffffff);
    --seal-capture-foreground: var(--seal-color-on-surface, #1b1f24);
    --seal-capture-accent: var(--seal-color-primary, #1f5fbf);
    --seal-capture-danger: var(--seal-color-danger, #c8291d);
    --seal-capture-focus-ring: var(--seal-color-focus, #1f5fbf);
    --seal-capture-muted: var(--seal-color-muted, #4a5563);
    --_accent: var(--seal-capture-accent);
    --_on-accent: var(--seal-capture-background);
    --_danger: var(--seal-capture-danger);
    --_focus-ring: var(--seal-capture-focus-ring);
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
  button.danger {
    background: var(--_danger);
    color: var(--_on-accent);
  }
  button[aria-pressed='true'] {
    outline: 2px solid var(--seal-capture-accent);
  }
  canvas:focus-visible {
    outline: 3px solid var(--seal-capture-focus-ring);
    outline-offset: 2px;
  }
  .consent {
    margin-top: 0.75rem;
  }
  .consent dl {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1.5rem;
    margin: 0;
  }
  .consent dl > div {
    display: flex;
    gap: 0.5rem;
  }
  .consent dt {
    font-weight: 600;
  }
  .consent dd {
    margin: 0;
    color: var(--seal-capture-muted);
  }
  .consent dd.agreed {
    color: var(--seal-capture-foreground);
  }
  .consent dd.declined {
    color: var(--seal-capture-danger);
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

export const captureStyles = [buttonStyles, capture];
