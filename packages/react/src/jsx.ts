import type { WebComponentProps } from '@lit/react';
import type { SealCall, SealCapture, SealConsentDialog, SealRecords } from '@sealcall/components';

// The elements by their tag names in React's JSX too (`<seal-call session={…} />`, which React 19
// sets as properties), for pages that use them without the wrappers.
declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'seal-call': WebComponentProps<SealCall>;
      'seal-consent-dialog': WebComponentProps<SealConsentDialog>;
      'seal-capture': WebComponentProps<SealCapture>;
      'seal-records': WebComponentProps<SealRecords>;
    }
  }
}
