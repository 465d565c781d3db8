import type { E2EEDropReport, FrameDropReason } from '../types.js';

export interface DropReporterOptions {
  /** At most one report per this many milliseconds. */
  readonly periodMs: number;
  /** Authentication failures (tried or untried) as a share of incoming frames that raises the alarm. */
  readonly alarmRate: number;
  /** Fewer failures than this in one period never raise it. */
  readonly alarmMinimum: number;
}

/**
 * Counts drops and decrypted frames over a period, and reports them once per period while
 * anything was dropped, with the authentication-failure rate and whether it is alarming. A
 * period without drops after an alarming one reports once more, to clear the alarm. No timer
 * runs while nothing happens.
 */
export class DropReporter {
  readonly #options: DropReporterOptions;
  readonly #report: (report: E2EEDropReport) => void;
  #reasons: Partial<Record<FrameDropReason, number>> = {};
  #drops = 0;
  #decrypted = 0;
  #alarm = false;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(options: DropReporterOptions, report: (report: E2EEDropReport) => void) {
    this.#options = options;
    this.#report = report;
  }

  drop(reason: FrameDropReason): void {
    this.#arm();
    this.#reasons[reason] = (this.#reasons[reason] ?? 0) + 1;
    this.#drops++;
  }

  decrypted(): void {
    this.#decrypted++;
    if (this.#alarm) this.#arm();
  }

  stop(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /** A period starts with its first drop (or right after an alarming one). */
  #arm(): void {
    if (this.#timer !== undefined) return;
    if (!this.#alarm) this.#decrypted = 0;
    this.#timer = setTimeout(() => this.#flush(), this.#options.periodMs);
  }

  #flush(): void {
    this.#timer = undefined;
    const failures = (this.#reasons['auth-failed'] ?? 0) + (this.#reasons['key-invalid'] ?? 0);
    const incoming = failures + this.#decrypted;
    const authFailureRate = incoming === 0 ? 0 : failures / incoming;
    const alarm = failures >= this.#options.alarmMinimum && authFailureRate >= this.#options.alarmRate;
    if (this.#drops > 0 || alarm !== this.#alarm) {
      this.#report({ reasons: this.#reasons, decrypted: this.#decrypted, periodMs: this.#options.periodMs, authFailureRate, alarm });
    }
    this.#alarm = alarm;
    this.#reasons = {};
    this.#drops = 0;
    this.#decrypted = 0;
    if (alarm) this.#arm();
  }
}
