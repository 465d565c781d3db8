export { defineSignalingConformance, type SignalingPairFactory, type TestFunctions } from './signaling/conformance.js';
export { defineNotificationConformance, type NotificationHarness, type NotificationHarnessFactory } from './notifications/conformance.js';
export { defineStorageConformance, type StorageConformanceOptions, type StorageFactory } from './storage/conformance.js';
