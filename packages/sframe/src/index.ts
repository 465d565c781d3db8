/**
 * @sealcall/sframe: RFC 9605 SFrame. Header codec (§4.3), the five cipher suites (§4.5) and
 * SFrameContext for real use, on WebCrypto. The synchronous reference functions and backend are
 * in `@sealcall/sframe/reference`.
 * @module
 */
export { CipherSuite, type CipherSuiteId, type CipherSuiteName } from './suites.js';
export { encodeHeader, decodeHeader, type SFrameHeader } from './header.js';
export type { KeyMaterial } from './derive.js';
export { SFrameContext, type SFrameContextOptions, type EncryptOptions, type DecryptedFrame } from './context.js';
export type { SFrameBackend, MaybePromise } from './backend.js';
export { webCryptoBackend, type WebCryptoKey } from './backend-webcrypto.js';
export { SFrameError, type SFrameErrorCode } from './errors.js';
