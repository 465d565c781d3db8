import type { CallSession } from '../../src/index.js';

/**
 * For a suite of calls (call it inside `describe`): after each test its `sessions` are hung up,
 * what it patched is undone (`undo`, in order), and the elements `remove` selects are removed.
 */
export function cleanUpCalls({ remove }: { remove?: string } = {}): { sessions: CallSession[]; undo: Array<() => void> } {
  const sessions: CallSession[] = [];
  const undo: Array<() => void> = [];
  afterEach(() => {
    sessions.splice(0).forEach((session) => session.hangUp());
    undo.splice(0).forEach((restore) => restore());
    if (remove) document.querySelectorAll(remove).forEach((element) => element.remove());
  });
  return { sessions, undo };
}
