/**
 * A typed event emitter over the platform's EventTarget: `on()` returns its own unsubscribe,
 * and an exception thrown by a listener is reported like any DOM listener's (window 'error')
 * without breaking the emitter or the other listeners.
 */
export class Emitter<Events extends object> {
  readonly #target = new EventTarget();

  on<K extends keyof Events & string>(type: K, listener: (detail: Events[K]) => void): () => void {
    const handler = (event: Event) => listener((event as CustomEvent<Events[K]>).detail);
    this.#target.addEventListener(type, handler);
    return () => this.#target.removeEventListener(type, handler);
  }

  once<K extends keyof Events & string>(type: K): Promise<Events[K]> {
    return new Promise((resolve) => {
      const off = this.on(type, (detail) => {
        off();
        resolve(detail);
      });
    });
  }

  emit<K extends keyof Events & string>(type: K, detail: Events[K]): void {
    this.#target.dispatchEvent(new CustomEvent(type, { detail }));
  }
}
