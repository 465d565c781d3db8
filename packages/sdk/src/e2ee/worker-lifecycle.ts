import { SealcallError } from '../errors.js';
import type { TransformApi } from './types.js';
import { E2EEWorkerClient } from './worker-client.js';
import type { WorkerConfig, WorkerEvent } from './worker-protocol.js';
import { WorkerWatchdog } from './worker-watchdog.js';

/** More worker deaths than this within RESTART_WINDOW_MS, and encryption gives up. */
const MAX_RESTARTS = 3;
const RESTART_WINDOW_MS = 60_000;
/**
 * How long a new worker may take to load and be configured before it counts as dead. Its module
 * graph may load slowly (a slow network, a dev server transforming each module); the heartbeat
 * starts once it is configured.
 */
export const WORKER_STARTUP_TIMEOUT_MS = 15_000;

export interface WorkerLifecycleOptions {
  readonly api: TransformApi;
  readonly createWorker: () => Worker;
  /** The configuration of each new worker, asked for when it starts. */
  config(): WorkerConfig;
  readonly timeoutMs: number;
  onEvent(event: WorkerEvent): void;
  /** The worker died and a new one runs in its place (not yet configured: await `ready`). */
  onReplaced(error: SealcallError): void;
  /** The worker died too often: encryption is over for this call. */
  onGaveUp(error: SealcallError): void;
}

/**
 * The E2EE worker of a call, kept alive: it is started, configured and watched by a heartbeat,
 * and replaced when it crashes or stops answering, up to MAX_RESTARTS times a minute.
 */
export class WorkerLifecycle {
  readonly #options: WorkerLifecycleOptions;
  #client!: E2EEWorkerClient;
  #ready!: Promise<boolean>;
  #watchdog: WorkerWatchdog | undefined;
  #startup: ReturnType<typeof setTimeout> | undefined;
  #generation = 0;
  #deaths: number[] = [];
  #over = false;

  constructor(options: WorkerLifecycleOptions) {
    this.#options = options;
    this.#start();
  }

  /** The worker now. A request made to a replaced one rejects; compare with `client` after awaiting. */
  get client(): E2EEWorkerClient {
    return this.#client;
  }

  /** Resolves true once the current worker is configured, false if it could not be. */
  get ready(): Promise<boolean> {
    return this.#ready;
  }

  close(): void {
    this.#over = true;
    clearTimeout(this.#startup);
    this.#watchdog?.stop();
    this.#client.terminate();
  }

  #start(): void {
    const generation = ++this.#generation;
    const died = (error: SealcallError) => {
      if (generation === this.#generation) this.#replace(error);
    };
    const client = new E2EEWorkerClient(this.#newWorker(), this.#options.api, { event: (event) => this.#options.onEvent(event), crashed: died });
    this.#client = client;
    this.#watchdog?.stop();
    this.#watchdog = undefined;
    clearTimeout(this.#startup);
    this.#startup = setTimeout(
      () => died(new SealcallError('E2EE_WORKER_FAILED', `The encryption of the call did not start within ${WORKER_STARTUP_TIMEOUT_MS / 1000} s; it restarts, and the call resumes in a moment.`)),
      Math.max(WORKER_STARTUP_TIMEOUT_MS, this.#options.timeoutMs),
    );
    this.#ready = client.configure(this.#options.config()).then(
      () => {
        if (generation !== this.#generation || this.#over) return false;
        clearTimeout(this.#startup);
        this.#watchdog = new WorkerWatchdog(() => client.ping(), this.#options.timeoutMs, () =>
          died(new SealcallError('E2EE_WORKER_FAILED', 'The encryption of the call stopped responding; it restarts, and the call resumes in a moment.')),
        );
        return true;
      },
      (error: SealcallError) => {
        died(error);
        return false;
      },
    );
  }

  #newWorker(): Worker {
    try {
      return this.#options.createWorker();
    } catch (error) {
      // Browsers word a Trusted Types refusal differently; each throws a TypeError for it.
      const trustedTypes = error instanceof TypeError && 'trustedTypes' in globalThis;
      throw new SealcallError(
        'E2EE_WORKER_FAILED',
        trustedTypes
          ? `The page's Content-Security-Policy requires Trusted Types, so the encryption worker cannot start from a plain URL: pass e2ee.createWorker: trustedWorker(url) and add "sealcall" to the policy's trusted-types (docs/csp.md).`
          : `The encryption worker could not be started (${error instanceof Error ? error.message : String(error)}): check e2ee.createWorker, or that the bundler serves @sealcall/sdk/e2ee-worker.js.`,
        { cause: error },
      );
    }
  }

  #replace(error: SealcallError): void {
    if (this.#over) return;
    this.#client.terminate();
    const now = performance.now();
    this.#deaths = [...this.#deaths.filter((at) => now - at < RESTART_WINDOW_MS), now];
    if (this.#deaths.length > MAX_RESTARTS) {
      this.close();
      this.#options.onGaveUp(
        new SealcallError('E2EE_WORKER_FAILED', `The encryption of this call failed ${this.#deaths.length} times within a minute, so no media flows: ${error.message} Join the call again.`, { cause: error }),
      );
      return;
    }
    try {
      this.#start();
    } catch (failure) {
      this.close();
      this.#options.onGaveUp(failure as SealcallError);
      return;
    }
    this.#options.onReplaced(error);
  }
}
