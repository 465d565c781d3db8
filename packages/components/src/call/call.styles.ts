import { css } from 'lit';

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
    display: block;
    position: relative;
    min-height: 16rem;
    aspect-ratio: var(--seal-call-aspect-ratio, 3 / 4);
    overflow: hidden;
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
    width: 100%;
    height: 100%;
  }
  .local {
    position: absolute;
    top: 0.75rem;
    right: 0.75rem;
    width: var(--seal-call-local-width);
    aspect-ratio: 3 / 4;
    border-radius: calc(var(--seal-radius, 12px) / 2);
    box-shadow: 0 2px 8px rgba(0, 0, 0, 0.4);
  }
  .mirrored {
    transform: scaleX(-1);
  }
  .overlay {
    position: absolute;
    top: 0.75rem;
    left: 0.75rem;
    right: calc(var(--seal-call-local-width) + 1.5rem);
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    gap: 0.4rem;
  }
  .status {
    margin: 0;
    font-size: 0.95rem;
    text-shadow: 0 1px 2px #000;
  }
  .e2ee,
  .notices p {
    margin: 0;
    padding: 0.25rem 0.5rem;
    border-radius: calc(var(--seal-radius, 12px) / 2);
    background: rgba(0, 0, 0, 0.6);
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
  .sas {
    letter-spacing: 0.2em;
  }
  .sas-digits {
    font-variant-numeric: tabular-nums;
  }
  .e2ee .confirm-code {
    padding: 0.25rem 0.75rem;
    font-size: 0.8rem;
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
  .recording {
    display: flex;
    align-items: center;
    gap: 0.4rem;
    font-weight: 600;
  }
  .recording-dot {
    width: 0.6rem;
    height: 0.6rem;
    border-radius: 50%;
    background: var(--seal-call-recording, #f04438);
  }
  .logo {
    position: absolute;
    bottom: 5.5rem;
    left: 0.75rem;
  }
  .lobby {
    position: absolute;
    left: 0.75rem;
    right: 0.75rem;
    top: 4.5rem;
    padding: 0.75rem;
    border-radius: calc(var(--seal-radius, 12px) / 2);
    background: rgba(0, 0, 0, 0.7);
  }
  .lobby p {
    margin: 0 0 0.5rem;
  }
  .controls {
    position: absolute;
    left: 0;
    right: 0;
    bottom: 0;
    display: flex;
    flex-wrap: wrap;
    justify-content: center;
    gap: 0.5rem;
    padding: 0.75rem;
    background: linear-gradient(transparent, rgba(0, 0, 0, 0.6));
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
