/** An AbortSignal that fires when nothing has happened for a while. */

export interface IdleTimer {
  readonly signal: AbortSignal;
  /** Something arrived, or is now awaited: the timeout starts again. */
  touch(): void;
  /** Nothing is awaited (the reader is not reading): no timeout until the next `touch`. */
  pause(): void;
  stop(): void;
}

export function idleTimer(timeoutMs: number): IdleTimer {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined = setTimeout(() => controller.abort(), timeoutMs);
  const pause = () => clearTimeout(timer);
  return {
    signal: controller.signal,
    touch: () => {
      pause();
      timer = setTimeout(() => controller.abort(), timeoutMs);
    },
    pause,
    stop: pause,
  };
}
