/**
 * @sealcall/sframe: RFC 9605 SFrame. Header codec (§4.3), key derivation (§4.4.2), the five
 * cipher suites (§4.5), synchronous reference functions, and SFrameContext for real use.
 * @module
 */
export { CipherSuite, type CipherSuiteId, type CipherSuiteName } from './suites.js';
export { encodeHeader, decodeHeader, type SFrameHeader } from './header.js';
export { deriveKeyMaterial, type KeyMaterial } from './derive.js';
export { encryptFrame, decryptFrame } from './frame.js';
export { SFrameContext, type SFrameContextOptions, type EncryptOptions, type DecryptedFrame } from './context.js';
export type { SFrameBackend, MaybePromise } from './backend.js';
export { referenceBackend, type ReferenceKey } from './backend-noble.js';
export { webCryptoBackend, type WebCryptoKey } from './backend-webcrypto.js';
export { SFrameError, type SFrameErrorCode } from './errors.js';
