export { SealCall } from './call/call.js';
export { CallController, type SealErrorDetail, type SealStateChangeDetail } from './call/call-controller.js';
export { defaultCallMessages, type CallMessages } from './call/call.messages.js';
