/** An AbortSignal that fires when nothing has happened for a while. */

export interface IdleTimer {
  readonly signal: AbortSignal;
  /** Something arrived: the timeout starts again. */
  touch(): void;
  stop(): void;
}

export function idleTimer(timeoutMs: number): IdleTimer {
  const controller = new AbortController();
  let timer = setTimeout(() => controller.abort(), timeoutMs);
  return {
    signal: controller.signal,
    touch: () => {
      clearTimeout(timer);
      timer = setTimeout(() => controller.abort(), timeoutMs);
    },
    stop: () => clearTimeout(timer),
  };
}
