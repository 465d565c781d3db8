import { createComponent, type ReactWebComponent } from '@lit/react';
import * as React from 'react';
import { SealCall as SealCallElement } from '@sealcall/components/seal-call.js';
import { SealCapture as SealCaptureElement } from '@sealcall/components/seal-capture.js';
import { SealConsentDialog as SealConsentDialogElement } from '@sealcall/components/seal-consent-dialog.js';
import { SealRecords as SealRecordsElement } from '@sealcall/components/seal-records.js';
import { eventProps } from './event-props.js';
import './jsx.js';

/**
 * `<seal-call>` as a React component: `session`, `captureNotice` and `messages` as props;
 * `onSealStateChange`, `onSealError`, `onSealProblemChange`, `onSealProblemAction`, `onSealSecurityCode`,
 * `onSealRecordingChange`, `onSealConsentRequest`, `onSealConsentChange`, `onSealChatMessage`, `onSealDocument`, `onSealDocumentFailed`, `onSealLocationRequest` with typed `detail`. The `logo` slot is a child with `slot="logo"`.
 */
export const SealCall = wrap(
  'seal-call',
  SealCallElement,
  'SealCall',
  eventProps<SealCallEventMap>({
    'seal-state-change': true,
    'seal-error': true,
    'seal-problem-change': true,
    'seal-problem-action': true,
    'seal-security-code': true,
    'seal-recording-change': true,
    'seal-consent-request': true,
    'seal-consent-change': true,
    'seal-chat-message': true,
    'seal-document': true,
    'seal-document-failed': true,
    'seal-location-request': true,
  }),
);

/** `<seal-consent-dialog>`: `notice`, `open`, `messages`; `onSealConsentAccept`, `onSealConsentDecline`, `onSealRequestClose`. */
export const SealConsentDialog = wrap(
  'seal-consent-dialog',
  SealConsentDialogElement,
  'SealConsentDialog',
  eventProps<SealConsentDialogEventMap>({ 'seal-consent-accept': true, 'seal-consent-decline': true, 'seal-request-close': true }),
);

/** `<seal-capture>`: `session`, `vault`, `subjectId`, …; `onSealPictureStored`, `onSealRecordingStopped`, `onSealLocationStored`, `onSealTranscriptStored`, `onSealDocumentStored`, `onSealCaptureError`. */
export const SealCapture = wrap(
  'seal-capture',
  SealCaptureElement,
  'SealCapture',
  eventProps<SealCaptureEventMap>({ 'seal-picture-stored': true, 'seal-recording-stopped': true, 'seal-location-stored': true, 'seal-transcript-stored': true, 'seal-document-stored': true, 'seal-capture-error': true }),
);

/** `<seal-records>`: `governance`, `keyProviders`, …; `onSealRecordOpened`, `onSealHoldChanged`, `onSealSubjectExported`, `onSealSubjectErased`, `onSealRecordsError`. */
export const SealRecords = wrap(
  'seal-records',
  SealRecordsElement,
  'SealRecords',
  eventProps<SealRecordsEventMap>({
    'seal-record-opened': true,
    'seal-hold-changed': true,
    'seal-subject-exported': true,
    'seal-subject-erased': true,
    'seal-records-error': true,
  }),
);

/** A React component for the element `tagName`, with a prop per event. */
function wrap<I extends HTMLElement, E extends Record<string, string>>(
  tagName: string,
  elementClass: new () => I,
  displayName: string,
  events: E,
): ReactWebComponent<I, E> {
  return createComponent({ react: React, tagName, elementClass, displayName, events });
}

export { eventProp, type EventProp, type EventProps } from './event-props.js';
