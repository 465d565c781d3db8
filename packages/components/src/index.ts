export { SealCall } from './call/call.js';
export { CallController, type SealErrorDetail, type SealStateChangeDetail } from './call/call-controller.js';
export { callMessages, type CallMessages } from './call/call.messages.js';
export { SealConsentDialog } from './consent-dialog/consent-dialog.js';
export { consentDialogMessages, type ConsentDialogMessages } from './consent-dialog/consent-dialog.messages.js';
export type { ConsentDecision, ConsentNotice, ConsentPurpose } from './consent-dialog/consent-notice.js';
export { supportedLocales, type Locale } from './i18n/locale.js';
export { SealCapture, type SealCaptureErrorDetail, type SealPictureStoredDetail, type SealRecordingStoppedDetail } from './capture/capture.js';
export { captureMessages, type CaptureMessages } from './capture/capture.messages.js';
export {
  SealRecords,
  type SealHoldChangedDetail,
  type SealRecordOpenedDetail,
  type SealRecordsErrorDetail,
  type SealSubjectErasedDetail,
  type SealSubjectExportedDetail,
} from './records/records.js';
export { saveFile, type SaveFile } from './records/save-file.js';
export { recordsMessages, type RecordsMessages } from './records/records.messages.js';
