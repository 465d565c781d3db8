import { css } from 'lit';
import { buttonStyles } from '../styles/buttons.styles.js';

/** What <seal-records> and its viewer share: the tokens, buttons, focus and messages. */
const shared = css`
  :host {
    --seal-records-background: var(--seal-color-surface, #ffffff);
    --seal-records-foreground: var(--seal-color-on-surface, #1b1f24);
    --seal-records-muted: var(--seal-color-muted, #4a5563);
    --seal-records-accent: var(--seal-color-primary, #1f5fbf);
    --seal-records-danger: var(--seal-color-danger, #c8291d);
    --seal-records-border: var(--seal-color-border, #d5dae1);
    --seal-records-focus-ring: var(--seal-color-focus, #1f5fbf);
    --_accent: var(--seal-records-accent);
    --_on-accent: var(--seal-records-background);
    --_danger: var(--seal-records-danger);
    --_focus-ring: var(--seal-records-focus-ring);
    display: block;
    color: var(--seal-records-foreground);
    font-family: var(--seal-font-family, system-ui, sans-serif);
  }
  :host([hidden]) {
    display: none;
  }
  [hidden] {
    display: none !important;
  }
  input:focus-visible,
  select:focus-visible,
  h3:focus-visible,
  pre:focus-visible {
    outline: 3px solid var(--seal-records-focus-ring);
    outline-offset: 2px;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: center;
  }
  .status,
  .error {
    margin: 0.5rem 0 0;
    min-height: 1.25rem;
  }
  .error {
    color: var(--seal-records-danger);
  }
  .status:empty,
  .error:empty {
    margin: 0;
    min-height: 0;
  }
`;

export const recordsStyles = [
  buttonStyles,
  shared,
  css`
    :host {
      padding: 0.75rem;
      border-radius: var(--seal-radius, 12px);
      background: var(--seal-records-background);
    }
    .title {
      margin: 0;
      font-size: 1.25rem;
    }
    .who,
    .muted,
    dt {
      color: var(--seal-records-muted);
    }
    .who {
      margin: 0.25rem 0 0.75rem;
    }
    .filters {
      display: grid;
      grid-template-columns: 1fr;
      gap: 0.5rem;
      margin-bottom: 1rem;
    }
    .filters label,
    .inline-form label,
    .erase label {
      display: grid;
      gap: 0.25rem;
      font-size: 0.9rem;
    }
    input,
    select {
      min-height: 2.75rem;
      padding: 0 0.5rem;
      border: 1px solid var(--seal-records-muted);
      border-radius: calc(var(--seal-radius, 12px) / 3);
      background: var(--seal-records-background);
      color: inherit;
      font: inherit;
    }
    .calls,
    .artifacts,
    .audit ol {
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .call {
      padding: 0.75rem 0;
      border-top: 1px solid var(--seal-records-border);
    }
    .call h3 {
      margin: 0;
      font-size: 1rem;
    }
    dl {
      display: grid;
      grid-template-columns: max-content 1fr;
      gap: 0.125rem 0.75rem;
      margin: 0.5rem 0;
      font-size: 0.9rem;
    }
    dd {
      margin: 0;
      overflow-wrap: anywhere;
    }
    .hold {
      margin: 0 0 0.5rem;
      font-weight: 600;
    }
    .inline-form {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      align-items: end;
    }
    .artifacts {
      margin-top: 0.5rem;
    }
    .artifact {
      display: grid;
      gap: 0.125rem;
      padding: 0.5rem 0;
      border-top: 1px dashed var(--seal-records-border);
      font-size: 0.9rem;
    }
    .artifact .name {
      font-weight: 600;
    }
    .artifact .actions {
      margin-top: 0.25rem;
    }
    .audit,
    .erase {
      margin-top: 0.5rem;
      padding: 0.5rem 0.75rem;
      border-left: 3px solid var(--seal-records-border);
    }
    .erase {
      border-left-color: var(--seal-records-danger);
    }
    .audit h4 {
      margin: 0 0 0.25rem;
      font-size: 0.95rem;
    }
    .audit li {
      padding: 0.125rem 0;
      font-size: 0.9rem;
    }
    .audit time {
      margin-right: 0.5rem;
      color: var(--seal-records-muted);
    }
    .paging {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      align-items: center;
      margin-top: 0.75rem;
    }
    seal-record-viewer {
      margin-bottom: 1rem;
    }
    @media (min-width: 48rem) {
      .filters {
        grid-template-columns: repeat(4, minmax(0, 1fr));
        align-items: end;
      }
      .filters .actions {
        grid-column: 1 / -1;
      }
      .artifact {
        grid-template-columns: 2fr 1fr 2fr 1.5fr auto;
        align-items: center;
      }
      .artifact .actions {
        margin-top: 0;
      }
    }
  `,
];

export const viewerStyles = [
  buttonStyles,
  shared,
  css`
    section {
      padding: 0.75rem;
      border: 1px solid var(--seal-records-border);
      border-radius: var(--seal-radius, 12px);
    }
    h3 {
      margin: 0 0 0.5rem;
      font-size: 1rem;
    }
    img,
    video {
      display: block;
      max-width: 100%;
      max-height: 70vh;
      margin-bottom: 0.5rem;
      background: #000;
    }
    pre {
      max-height: 50vh;
      overflow: auto;
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }
  `,
];
