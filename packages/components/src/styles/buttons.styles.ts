import { css } from 'lit';

/**
 * The buttons of the light elements (capture, records). Each host maps its own custom properties
 * onto `--_accent`, `--_on-accent`, `--_danger` and `--_focus-ring`.
 */
export const buttonStyles = css`
  button {
    min-height: 2.75rem;
    padding: 0.5rem 1rem;
    border: 1px solid var(--_accent);
    border-radius: calc(var(--seal-radius, 12px) / 2);
    background: transparent;
    color: var(--_accent);
    font: inherit;
    cursor: pointer;
  }
  button.primary {
    background: var(--_accent);
    color: var(--_on-accent);
  }
  button.danger {
    border-color: var(--_danger);
    color: var(--_danger);
  }
  button:disabled {
    opacity: 0.5;
    cursor: not-allowed;
  }
  button:focus-visible {
    outline: 3px solid var(--_focus-ring);
    outline-offset: 2px;
  }
`;
