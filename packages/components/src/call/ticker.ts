import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Re-renders its host once a second while running: for a duration shown as it grows. */
export class Ticker implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    host.addController(this);
  }

  run(running: boolean): void {
    if (running && this.#timer === undefined) {
      this.#timer = setInterval(() => this.#host.requestUpdate(), 1000);
    } else if (!running && this.#timer !== undefined) {
      clearInterval(this.#timer);
      this.#timer = undefined;
    }
  }

  hostDisconnected(): void {
    this.run(false);
  }
}
