import type { CallState, E2EEState } from '@sealcall/sdk';

/** Every string <seal-call> shows. Replace any of them through the `messages` property. */
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
  e2ee: Record<E2EEState, string>;
  /** Read by screen readers before the emoji of the security code. */
  securityCode: string;
}

export const defaultCallMessages: CallMessages = {
  join: 'Join call',
  hangUp: 'Hang up',
  muteMicrophone: 'Mute microphone',
  unmuteMicrophone: 'Unmute microphone',
  turnCameraOff: 'Turn camera off',
  turnCameraOn: 'Turn camera on',
  switchCamera: 'Switch camera',
  admit: 'Admit',
  reject: 'Reject',
  customerWaiting: 'A customer is waiting to join.',
  remoteVideo: 'Video of the other participant',
  localVideo: 'Your video',
  controls: 'Call controls',
  states: {
    idle: 'Ready to join.',
    joining: 'Joining…',
    waiting: 'Waiting for the other participant…',
    connecting: 'Connecting…',
    connected: 'Connected.',
    reconnecting: 'Connection lost. Reconnecting…',
    ended: 'The call has ended.',
    failed: 'The call could not continue.',
  },
  e2ee: {
    negotiating: 'Securing the call…',
    active: 'End-to-end encrypted',
    failed: 'Not secure: the other participant could not be verified, so no video or sound is sent.',
  },
  securityCode: 'Security code, compare it with the other participant:',
};
