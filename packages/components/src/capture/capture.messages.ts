import type { CapturePurpose, RedactionStyle } from '@sealcall/sdk';

/** Every string <seal-capture> shows. Each is a message of `src/locales/<language>.json`: replace any through the element's `messages` property, or for every element with `registerLocale`. */
export interface CaptureMessages {
  toolbar: string;
  takePicture: string;
  startRecording: string;
  stopRecording: string;
  askingConsent: Record<CapturePurpose, string>;
  declined: Record<CapturePurpose, string>;
  /** The agent's view of where the customer's consent stands, per purpose. */
  consent: { title: string; purposes: Record<CapturePurpose, string>; status: Record<'notAsked' | 'asking' | 'agreed' | 'declined', string> };
  taking: string;
  reviewTitle: string;
  reviewHint: string;
  /** Fills {count} (plural). */
  preview: string;
  addBox: Record<RedactionStyle, string>;
  /** Fills {number}, {style}. */
  box: string;
  styleName: Record<RedactionStyle, string>;
  /** Fills {number}. */
  removeBox: string;
  boxAdded: string;
  keep: string;
  discard: string;
  saving: string;
  saved: string;
  discarded: string;
  /** Fills {elapsed}, {megabytes}. */
  recording: string;
  recordingSaved: string;
  recordingWithdrawn: string;
  recordingWithdrawnDeleted: string;
  recordingCallEnded: string;
  storageFull: string;
  noVideo: string;
  failed: string;
  /** Keeping the call's chat, with the customer's `transcript` consent. */
  transcript: { keep: string; saved: string };
  /** A document the customer sent was kept; fills {name}. */
  documentSaved: string;
  /** Asking the customer to share their location once; what they shared is kept, encrypted. */
  location: {
    ask: string;
    asking: string;
    /** Fills {latitude}, {longitude} (degrees, 5 decimals) and {accuracy} (metres). */
    shared: string;
    saved: string;
    declined: string;
    /** They agreed, but their browser did not let the page read the location. */
    refused: string;
    unavailable: string;
  };
}
