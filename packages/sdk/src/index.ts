export { CallSession } from './call/call-session.js';
export { problemActions, problemOf, type CallProblem, type ProblemAction } from './call/problems.js';
export type { CallSessionEvents, CallSessionOptions, CallState, CallStateChange, EndReason, MediaStatus, RecordingStatus, SendDocumentOptions, StartRecordingOptions } from './call/types.js';
export type { RecoveryOptions } from './call/link-supervisor.js';
export type { ConsentRequest } from './call/customer-consent-relay.js';
export type { RemoteConsentState, RemoteConsentStatus } from './call/remote-consent.js';
export { chatTextParts, type ChatMessage, type ChatTextPart } from './share/chat.js';
export { MAX_CHAT_MESSAGE_LENGTH, type LocationRefusalReason, type SharedPosition } from './share/share-wire.js';
export type { SealedChannelRejection } from './share/sealed-channel.js';
export type { ShareRejection } from './share/call-sharing.js';
export { locationGeoJson, type SharedLocation } from './share/location.js';
export { storeLocation, type LocationMeta, type StoreLocationOptions } from './share/location-store.js';
export { storeTranscript, transcriptText, type StoreTranscriptOptions } from './share/transcript-store.js';
export { MAX_DOCUMENT_BYTES, type DocumentTransfer, type SharedDocument } from './share/document.js';
export { DOCUMENT_TYPES, documentFileName, sniffDocumentType, type DocumentType } from './share/document-type.js';
export { storeDocument, type StoreDocumentOptions } from './share/document-store.js';
export { CAPTURE_PURPOSES, ledgerConsent, type CaptureConsentSource, type CapturePurpose } from './capture/consent-source.js';
export { capturePicture } from './capture/capture-picture.js';
export { redactPicture } from './capture/redact.js';
export { encodePicture } from './capture/picture-encode.js';
export { storePicture } from './capture/picture-store.js';
export type { CallRecorder } from './capture/recorder.js';
export type {
  AfterWithdrawal,
  RecorderEvents,
  RecorderProgress,
  RecorderState,
  RecorderStateChange,
  RecorderStopped,
  RecorderStopReason,
  RecordingLayout,
  RecordingMeta,
  RecordingSide,
} from './capture/recorder-types.js';
export type { CapturedPicture, EncodePictureOptions, PictureMeta, PictureType, RedactionRegion, RedactionStyle, StorePictureOptions } from './capture/picture-types.js';
export type { FacingMode } from './call/media.js';
export { SealcallError, type SealcallErrorCode } from './errors.js';
export { BroadcastChannelSignaling, type BroadcastChannelSignalingOptions } from './signaling/broadcast-channel.js';
export { WebSocketSignaling, type WebSocketSignalingOptions } from './signaling/websocket.js';
export type { BackoffOptions } from './signaling/backoff.js';
export { MAX_PEER_MESSAGE_BYTES, isPeerMessage, type PeerMessage, type SessionDescription, type IceCandidate } from './signaling/peer-message.js';
export type {
  AbsenceReason,
  CustomerAbsenceReason,
  JoinResult,
  Participant,
  PeerLeftReason,
  Role,
  SignalingAdapter,
  SignalingEvents,
  SignalingState,
} from './signaling/types.js';
export { createCallSecret, CALL_SECRET_BYTES } from './e2ee/call-secret.js';
export { createInvite, parseInvite, type Invite } from './e2ee/invite.js';
export { trustedWorker, TRUSTED_TYPES_POLICY } from './e2ee/trusted-worker.js';
export type { E2EEDropReport, E2EEOptions, E2EEState, E2EEStats, E2EEStatus, FrameDropReason, ShortAuthString, TransformApi } from './e2ee/types.js';
export { ConsentLedger, type ConsentDecision, type ConsentContext, type ConsentReceipt, type ConsentLedgerEvents, type ConsentLedgerOptions } from './consent/consent-ledger.js';
export { MemoryConsentStore } from './consent/memory-consent-store.js';
export { VaultConsentStore, type VaultConsentStoreOptions } from './consent/vault-consent-store.js';
export { consentReceiptFile, verifyConsentReceipt, CONSENT_RECEIPT_FORMAT, type ConsentReceiptDocument, type ReceiptVerification, type ReceiptVerificationOptions } from './consent/receipt.js';
export { HttpConsentNotary, type ConsentNotary, type HttpConsentNotaryOptions } from './consent/http-consent-notary.js';
export { verifyCountersignature, type TrustedKeySet } from './consent/countersignature.js';
export type { Countersignature } from '@sealcall/protocol';
export { verifyChain as verifyConsentChain } from './consent/record-hash.js';
export type { ConsentMethod, ConsentPurpose, ConsentQuery, ConsentRecord, ConsentStore } from './consent/types.js';
export type { ConsentGate } from './call/types.js';
export { renderInvitation } from './templates/render.js';
export { renderRecordsEmail } from './templates/records/render.js';
export { recordsCatalogues } from './templates/records/locales.js';
export {
  RECORDS_EMAIL_VARIABLES,
  type RecordsEmailStrings,
  type RecordsOwnStrings,
  type RecordsEmailVariables,
  type RenderedRecordsEmail,
  type RenderRecordsEmailOptions,
} from './templates/records/types.js';
export { tenantTemplateOverrides } from './templates/tenant-overrides.js';
export { measureSms, isGsm7 } from './templates/sms-encoding.js';
export { TEMPLATE_LOCALES, templateCatalogues, registerTemplateLocale, templateLocaleTags, type TemplateCatalogue, type TemplateLocale } from './templates/catalogues.js';
export { LocaleRegistry, type ResolvedCatalogue, type ShippedCatalogue } from './i18n/locale-registry.js';
export { catalogueProblems, mergeCatalogue, type Catalogue, type DeepPartial } from './i18n/catalogue.js';
export { formatMessage, placeholdersOf, type FormatOptions } from './i18n/message-format.js';
export { TEMPLATE_VARIABLES } from './templates/types.js';
export type {
  ChannelTemplates,
  InvitationChannel,
  InvitationVariables,
  RenderedEmail,
  RenderedInvitations,
  RenderedSms,
  RenderedWhatsApp,
  RenderInvitationOptions,
  RetentionPeriod,
  SmsEncoding,
  SmsMeasure,
  TemplateOverrides,
  TemplateStrings,
  TemplateVariable,
} from './templates/types.js';
export type { NotificationAdapter, OutgoingInvitation, SendResult } from './notifications/types.js';
export { NotificationError, type NotificationErrorOptions } from './notifications/errors.js';
export { assertOutgoingInvitation } from './notifications/validate.js';
export { WebhookNotifications, type WebhookNotificationsOptions } from './notifications/webhook.js';
export { OutboxNotifications, type OutboxEntry, type OutboxNotificationsOptions } from './notifications/outbox.js';
export { withoutControls } from './templates/escape.js';
export { ArtifactVault } from './at-rest/artifact-vault.js';
export { DeviceKeyProvider, type DeviceKeyProviderOptions } from './at-rest/device-key-provider.js';
export { RecipientKeyProvider, type RecipientKeyProviderOptions } from './at-rest/recipient-key-provider.js';
export { ARTIFACT_ALGORITHM, SEGMENT_BYTES } from './at-rest/segment-format.js';
export type { ArtifactDraft, ArtifactVaultOptions, KeyProvider, KeyWrapContext, VaultReadOptions, VaultReadResult, VaultWriteOptions, VaultWriter } from './at-rest/types.js';
export { IndexedDBStorage, type IndexedDBStorageOptions } from './storage/indexeddb-storage.js';
export { MemoryStorage, type MemoryStorageOptions } from './storage/memory-storage.js';
export { HttpStorage } from './storage/http-storage.js';
export { DeviceOutbox, type DeviceOutboxOptions, type OutboxArtifact, type PendingDelete } from './storage/device-outbox.js';
export type { OutboxFlush, ResumedUpload, RetriedDelete } from './storage/outbox-flush.js';
export { eraseSubjectOnDevice, sweepDeviceStorage, type DeviceSweep, type DeviceSweepOptions } from './storage/device-sweep.js';
export { serverTime, type ServerTimeOptions } from './storage/server-time.js';
export type { HttpStorageOptions, HttpRetryOptions, StorageOperation, StorageTokenRequest } from './storage/http-options.js';
export { HybridStorage, type HybridStorageOptions } from './storage/hybrid-storage.js';
export type { StoragePlacement } from './storage/policy.js';
export { assertStorageAllowed, isEuRegion, EU_REGIONS, type StoragePolicy } from './storage/policy.js';
export { pseudonymousSubjectId } from './storage/subject-id.js';
export { GovernanceClient, type AuditPageRequest, type CallPageRequest, type GovernanceClientOptions, type PageRequest } from './governance/governance-client.js';
export type { ArtifactContentLine, ExportBundleLine } from './governance/content-lines.js';
export { openRecord, type OpenedRecord, type OpenRecordOptions } from './governance/open-record.js';
export { artifactFileName } from './governance/artifact-file-name.js';
export { subjectExportZip, type SubjectExportZipOptions } from './governance/export/subject-export-zip.js';
export { hasPermission, STAFF_PERMISSIONS, STAFF_ROLES } from '@sealcall/protocol';
export { EXPORT_BUNDLE_VERSION, EXPORT_DEADLINE_DAYS, EXPORT_MANIFEST_FORMAT, EXPORT_MANIFEST_VERSION, LEGAL_HOLD_REASONS, parseExportManifest, RETENTION_BASES } from '@sealcall/protocol';
export { ARTIFACT_KINDS, AUDIT_RETENTION_MIN_DAYS, DEFAULT_SETTINGS, RETENTION_KINDS } from '@sealcall/protocol';
export type {
  ArtifactRecord,
  AuditEntryRecord,
  AuditFilter,
  AuditPage,
  CallFilter,
  CallPage,
  CallRecord,
  EraseSubject,
  ExportManifest,
  ExportManifestFile,
  LegalHold,
  LegalHoldReason,
  InvitationTemplate,
  PlaceHold,
  PutSettings,
  RecordRetentionEvent,
  RetainedReason,
  RetentionBasis,
  RetentionEvent,
  RetentionPolicy,
  RetentionTarget,
  SettingsDocument,
  StaffIdentity,
  StaffPermission,
  StaffRole,
  StartCall,
  StartedCall,
  SubjectErasure,
  SubjectExport,
  SubjectExportPage,
  TenantSettings,
} from '@sealcall/protocol';
export type {
  ArtifactEncryption,
  ArtifactEndReason,
  ArtifactKind,
  ArtifactMetadata,
  ArtifactMetadataPatch,
  ArtifactStatus,
  ArtifactWriter,
  EuRegion,
  NewArtifact,
  StorageAdapter,
  StorageLocation,
  StorageRegion,
} from './storage/types.js';
