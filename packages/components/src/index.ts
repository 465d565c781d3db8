export { SealCall, type SealProblemActionDetail, type SealSecurityCodeDetail } from './call/call.js';
export { CallController, type SealChatMessageDetail, type SealDocumentDetail, type SealDocumentFailedDetail, type SealErrorDetail, type SealProblemChangeDetail, type SealStateChangeDetail } from './call/call-controller.js';
export type { CallMessages, WordedProblem } from './call/call.messages.js';
export { SealConsentDialog } from './consent-dialog/consent-dialog.js';
export type { ConsentDialogMessages } from './consent-dialog/consent-dialog.messages.js';
export type { ConsentDecision, ConsentNotice, ConsentPurpose } from './consent-dialog/consent-notice.js';
export { registerLocale, registeredLocales, shippedLocales, type SealcallCatalogue } from './i18n/catalogue.js';
export { SealCapture } from './capture/capture.js';
export type { SealCaptureErrorDetail, SealDocumentStoredDetail, SealLocationStoredDetail, SealPictureStoredDetail, SealRecordingStoppedDetail, SealTranscriptStoredDetail } from './capture/capture-events.js';
export type { CaptureMessages } from './capture/capture.messages.js';
export {
  SealRecords,
  type SealHoldChangedDetail,
  type SealRecordOpenedDetail,
  type SealRecordsErrorDetail,
  type SealSubjectErasedDetail,
  type SealSubjectExportedDetail,
} from './records/records.js';
export { saveFile, type SaveFile } from './records/save-file.js';
export type { RecordsMessages } from './records/records.messages.js';
