import type { CallProblem, CallState, CapturePurpose, E2EEState, ProblemAction } from '@sealcall/sdk';

/** The end-to-end encryption's problems have their words in `e2ee`. */
export type WordedProblem = Exclude<CallProblem, 'e2ee-failed' | 'e2ee-re-securing'>;

/** Every string <seal-call> shows. Each is a message of `src/locales/<language>.json`: replace any through the element's `messages` property, or for every element with `registerLocale`. */
export interface CallMessages {
  join: string;
  hangUp: string;
  muteMicrophone: string;
  unmuteMicrophone: string;
  turnCameraOff: string;
  turnCameraOn: string;
  switchCamera: string;
  admit: string;
  reject: string;
  customerWaiting: string;
  remoteVideo: string;
  localVideo: string;
  controls: string;
  states: Record<CallState, string>;
  /** The words of each problem (docs/errors.md) for the participant of each role who can meet it; shown instead of `states`. */
  problems: Record<WordedProblem, { customer?: string; agent?: string }>;
  /** The buttons that offer what to do next about a problem. */
  actions: Record<ProblemAction, string>;
  e2ee: Record<E2EEState, string>;
  /** Key-agreement messages failed verification: someone interferes, or the links differ. */
  e2eeInterference: string;
  /** Many incoming frames fail their authentication (the E2EE alarm). */
  e2eeTampering: string;
  /** The security code panel, until the participant chose whether the codes match. */
  securityCode: {
    title: string;
    /** What to do with it: read it aloud and compare. */
    instruction: string;
    /** The button for codes that match (`session.confirmSecurityCode()`). */
    match: string;
    /** The button for codes that differ (`session.rejectSecurityCode()`, which ends the call). */
    differ: string;
    /** Shown in the encryption line once the code was confirmed for this agreement. */
    confirmed: string;
    /** Shown when the code changed after it had been confirmed (a new agreement). */
    changed: string;
  };
  /** Shown to both participants while either side records; fills {elapsed} (`1:05`). */
  recordingLocal: string;
  recordingRemote: string;
  /** Announced to screen readers when a recording starts and stops, on either side. */
  recordingStarted: string;
  recordingStopped: string;
  /** Customer: the second consent step, in the consent dialog, per capture. */
  captureConsent: Record<CapturePurpose, { title: string; /** Fills {controller}. */ intro: string }>;
  /** Agent: the customer's answer. */
  captureAnswer: Record<CapturePurpose, { granted: string; declined: string }>;
  /** Customer: the agent asks for the location, once: the consent step, and what came of it. */
  location: {
    /** The consent step's title and, filling {controller}, its introduction. */
    title: string;
    intro: string;
    shared: string;
    /** The browser did not let the page read the location. */
    refused: string;
    unavailable: string;
  };
  /** The chat during the call (end to end encrypted, text only). */
  chat: {
    /** The button that opens the chat. */
    open: string;
    /** The same, with messages that arrived while it was closed; fills {count}. */
    openUnread: string;
    /** The button that closes it. */
    close: string;
    title: string;
    /** Under the title: who can read the messages. */
    note: string;
    /** The label of the line to write in. */
    label: string;
    send: string;
    /** The sender of one's own messages. */
    you: string;
    /** The sender of the other participant's messages, by role. */
    agent: string;
    customer: string;
    /** The last message could not be sent. */
    failed: string;
    /** Announced while the chat is closed, when a message arrives; fills {sender}. */
    newMessage: string;
    /** The same, when a document arrives; fills {sender}. */
    newDocument: string;
    /** The button that chooses a document or picture to send (on a phone, the camera is offered too). */
    attach: string;
    /** Asked before a chosen file is sent; fills {name} and {size}. */
    confirmDocument: string;
    /** Under the question: what becomes of the document, by the sender's role. */
    documentNotice: { agent: string; customer: string };
    sendDocument: string;
    cancel: string;
    /** The progress bar's label; fills {name}. */
    sending: string;
    receiving: string;
    /** The link that saves a document on this device. */
    save: string;
    /** A document this side sent did not arrive. */
    documentFailed: string;
    /** A document from the other side did not arrive whole. */
    documentNotReceived: string;
    /** A file chosen is over the size limit. */
    tooLarge: string;
    /** A file chosen is not a PDF, JPEG, PNG or WebP by its content. */
    typeNotAllowed: string;
  };
}
