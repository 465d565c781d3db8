import type { CallState } from './types.js';

const transitions: { readonly [S in CallState]: readonly CallState[] } = {
  idle: ['joining', 'ended'],
  joining: ['waiting', 'connecting', 'ended', 'failed'],
  waiting: ['connecting', 'reconnecting', 'ended', 'failed'],
  connecting: ['connected', 'reconnecting', 'waiting', 'ended', 'failed'],
  connected: ['reconnecting', 'connecting', 'waiting', 'ended', 'failed'],
  reconnecting: ['connected', 'connecting', 'waiting', 'ended', 'failed'],
  ended: [],
  failed: [],
};

export function canTransition(from: CallState, to: CallState): boolean {
  return transitions[from].includes(to);
}

export function isFinal(state: CallState): boolean {
  return state === 'ended' || state === 'failed';
}
