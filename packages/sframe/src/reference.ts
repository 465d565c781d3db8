/**
 * @sealcall/sframe/reference: the synchronous, pure-JavaScript side of RFC 9605 on @noble/ciphers
 * and @noble/hashes: key derivation and one-frame encrypt and decrypt for test vectors, tools
 * and checks, and the backend `SFrameContext` falls back to without WebCrypto. A separate entry,
 * so that a page or worker on WebCrypto never loads it.
 * @module
 */
export { deriveKeyMaterial } from './derive.js';
export { encryptFrame, decryptFrame } from './frame.js';
export { referenceBackend, type ReferenceKey } from './backend-noble.js';
