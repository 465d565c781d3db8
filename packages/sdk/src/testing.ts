export { defineSignalingConformance, type SignalingPairFactory, type TestFunctions } from './signaling/conformance.js';
