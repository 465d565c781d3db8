import { html, LitElement, nothing, type PropertyValues } from 'lit';
import {
  artifactFileName,
  openRecord,
  subjectExportZip,
  SealcallError,
  type ArtifactKind,
  type ArtifactRecord,
  type AuditEntryRecord,
  type CallFilter,
  type CallRecord,
  type GovernanceClient,
  type KeyProvider,
  type LegalHold,
  type LegalHoldReason,
  type OpenedRecord,
  type StaffIdentity,
  type StaffPermission,
  type SubjectErasure,
  type DeepPartial,
} from '@sealcall/sdk';
import { ARTIFACT_KINDS, LEGAL_HOLD_REASONS, templateLocaleTags } from '@sealcall/sdk';
import { LocaleController } from '../i18n/locale-controller.js';
import { fileSize } from '../i18n/file-size.js';
import { date, dateTime, failureWords, languageName } from './records-format.js';
import { saveFile, type SaveFile } from './save-file.js';
import type { RecordsMessages } from './records.messages.js';
import { recordsStyles } from './records.styles.js';

const KINDS: readonly ArtifactKind[] = ARTIFACT_KINDS;

export interface SealRecordOpenedDetail {
  readonly artifact: ArtifactRecord;
  /** `view` in the element, or `download` to a file. Either way the server has audited it. */
  readonly purpose: 'view' | 'download';
}
export interface SealSubjectExportedDetail {
  readonly subjectId: string;
  /** The export request, which the server tracks against its deadline. */
  readonly exportId: string;
  readonly fileName: string;
}
export interface SealSubjectErasedDetail {
  readonly erasure: SubjectErasure;
}
export interface SealHoldChangedDetail {
  readonly hold: LegalHold;
  readonly placed: boolean;
}
export interface SealRecordsErrorDetail {
  readonly error: SealcallError;
}

interface Viewing {
  readonly opened: OpenedRecord;
  readonly heading: string;
  readonly opener: HTMLElement | null;
}

/**
 * @summary The back office's view of the records, for the signed-in member of staff: the calls
 * their role lets them see (an agent their own, a supervisor their teams', a DPO every call),
 * found by customer, date and kind, page by page; what was captured in each, with its consent
 * and how long it is kept; pictures and recordings decrypted in this browser (recordings
 * streamed); a download only where the tenant's settings and the role allow it. A DPO also sees
 * a call's audit trail, places and releases legal holds, and erases a customer's data after
 * typing their reference. What a role may not do is not shown, and the server refuses it anyway.
 *
 * @slot heading - Replaces the title.
 *
 * @event seal-record-opened - An artifact was opened to view or downloaded. `detail`: `{ artifact, purpose }`.
 * @event seal-hold-changed - A legal hold was placed or released. `detail`: `{ hold, placed }`.
 * @event seal-subject-exported - A customer's export was saved as a ZIP. `detail`: `{ subjectId, exportId, fileName }`.
 * @event seal-subject-erased - A customer's data was erased. `detail`: `{ erasure }`.
 * @event seal-records-error - Something failed; the element says so too. `detail`: `{ error }`.
 *
 * @csspart filters - The search form.
 * @csspart calls - The list of calls.
 * @csspart call - Each call.
 * @csspart artifacts - The list of what a call captured.
 * @csspart artifact - Each captured item.
 * @csspart paging - The previous and next page buttons.
 * @csspart audit - A call's audit trail.
 * @csspart hold - The legal hold form (its reason).
 * @csspart export - The export form (the language of the customer's copy).
 * @csspart erase - The erasure confirmation.
 * @csspart viewer - The open picture or recording.
 * @csspart picture - The open picture, in the viewer.
 * @csspart player - The recording's player, in the viewer.
 * @csspart close - The viewer's Close button.
 * @csspart status - What is happening (a polite live region).
 * @csspart error - What went wrong (an alert).
 *
 * @cssproperty --seal-records-background
 * @cssproperty --seal-records-foreground
 * @cssproperty --seal-records-muted - Secondary text.
 * @cssproperty --seal-records-accent - Buttons and links.
 * @cssproperty --seal-records-danger - Erasure and errors.
 * @cssproperty --seal-records-border - Lines between calls.
 * @cssproperty --seal-records-focus-ring
 */
export class SealRecords extends LitElement {
  static override styles = recordsStyles;
  static override properties = {
    governance: { attribute: false },
    keyProviders: { attribute: false },
    pageSize: { type: Number, attribute: 'page-size' },
    organisation: {},
    saveFile: { attribute: false },
    messages: { attribute: false },
    identity: { state: true },
    downloads: { state: true },
    filter: { state: true },
    pages: { state: true },
    calls: { state: true },
    next: { state: true },
    expanded: { state: true },
    artifacts: { state: true },
    holds: { state: true },
    audit: { state: true },
    viewing: { state: true },
    erasing: { state: true },
    busy: { state: true },
    status: { state: true },
    failure: { state: true },
  };

  /** The signed-in member's client of the Sealcall server. */
  declare governance: GovernanceClient | undefined;
  /** What decrypts the artifacts: the insurer's `RecipientKeyProvider.forPrivateKey(…)`. */
  declare keyProviders: readonly KeyProvider[];
  /** Calls per page, 1..200. Default 20. */
  declare pageSize: number;
  /** Your organisation's name: a customer's export names it as the controller. */
  declare organisation: string;
  /**
   * Where downloads and exports are written. Default: the file the user picks in the browser's
   * save dialog, or a download (docs/records.md); nothing is held whole in memory either way.
   */
  declare saveFile: SaveFile;
  /** Overrides for any of the element's strings. */
  declare messages: DeepPartial<RecordsMessages>;
  declare private identity: StaffIdentity | undefined;
  declare private downloads: boolean;
  declare private filter: CallFilter;
  /** The `after` of each page read so far; the last is the page shown. */
  declare private pages: readonly number[];
  declare private calls: readonly CallRecord[];
  declare private next: number | null;
  declare private expanded: string | undefined;
  declare private artifacts: readonly ArtifactRecord[] | undefined;
  declare private holds: readonly LegalHold[];
  declare private audit: { readonly callId: string; readonly entries: readonly AuditEntryRecord[] } | undefined;
  declare private viewing: Viewing | undefined;
  declare private erasing: { readonly subjectId: string; readonly typed: string } | undefined;
  declare private busy: boolean;
  declare private status: string;
  declare private failure: string;
  readonly #i18n = new LocaleController(this, 'records', () => this.messages);

  constructor() {
    super();
    this.governance = undefined;
    this.keyProviders = [];
    this.pageSize = 20;
    this.organisation = '';
    this.saveFile = saveFile;
    this.messages = {};
    this.identity = undefined;
    this.downloads = false;
    this.filter = {};
    this.pages = [0];
    this.calls = [];
    this.next = null;
    this.expanded = undefined;
    this.artifacts = undefined;
    this.holds = [];
    this.audit = undefined;
    this.viewing = undefined;
    this.erasing = undefined;
    this.busy = false;
    this.status = '';
    this.failure = '';
  }

  get #locale(): string {
    return this.#i18n.tag;
  }

  get #t(): RecordsMessages {
    return this.#i18n.messages;
  }

  #may(permission: StaffPermission): boolean {
    return this.identity?.permissions.includes(permission) ?? false;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('governance') && this.governance) void this.#signIn(this.governance);
  }

  /** Reads the list again from the first page (after calls were made elsewhere). */
  async refresh(): Promise<void> {
    await this.#run(() => this.#loadPage([0]));
  }

  protected override scheduleUpdate(): void | Promise<void> {
    return this.#i18n.whenLoaded(() => super.scheduleUpdate());
  }

  protected override render() {
    const t = this.#t;
    const identity = this.identity;
    return html`
      <h2 class="title"><slot name="heading">${t.title}</slot></h2>
      ${identity ? html`<p class="who">${this.#i18n.format(t.signedInAs, { roles: identity.roles.map((role) => t.roleName[role]).join(', ') })}</p>` : nothing}
      ${identity && !this.#may('records.read') ? html`<p>${t.noRecords}</p>` : nothing}
      ${identity && this.#may('records.read') ? this.#renderRecords(t) : nothing}
      <p part="status" class="status" role="status">${this.busy ? t.loading : this.status}</p>
      <p part="error" class="error" role="alert">${this.failure}</p>
    `;
  }

  #renderRecords(t: RecordsMessages) {
    return html`
      ${this.#renderFilters(t)}
      ${this.viewing
        ? html`<seal-record-viewer
            exportparts="viewer, picture, player, close"
            .opened=${this.viewing.opened}
            .heading=${this.viewing.heading}
            .messages=${this.messages}
            @seal-viewer-close=${this.#closeViewer}
          ></seal-record-viewer>`
        : nothing}
      ${this.calls.length === 0 && !this.busy ? html`<p>${t.noCalls}</p>` : nothing}
      <ul part="calls" class="calls">
        ${this.calls.map((call) => this.#renderCall(t, call))}
      </ul>
      <nav part="paging" class="paging" aria-label=${this.#i18n.format(t.page, { number: this.pages.length })}>
        <button ?disabled=${this.pages.length < 2 || this.busy} @click=${this.#previousPage}>${t.previousPage}</button>
        <span>${this.#i18n.format(t.page, { number: this.pages.length })}</span>
        <button ?disabled=${this.next === null || this.busy} @click=${this.#nextPage}>${t.nextPage}</button>
      </nav>
    `;
  }

  #renderFilters(t: RecordsMessages) {
    const { subject = '', from, to, kind } = this.filter;
    return html`<form part="filters" class="filters" role="search" aria-label=${t.find} @submit=${this.#search}>
      <label>${t.subject} <input name="subject" autocomplete="off" .value=${subject} /></label>
      <label>${t.from} <input name="from" type="date" .value=${from === undefined ? '' : isoDay(from)} /></label>
      <label>${t.until} <input name="until" type="date" .value=${to === undefined ? '' : isoDay(to - 1)} /></label>
      <label
        >${t.kind}
        <select name="kind">
          <option value="" ?selected=${kind === undefined}>${t.anyKind}</option>
          ${KINDS.map((k) => html`<option value=${k} ?selected=${kind === k}>${t.kindName[k]}</option>`)}
        </select></label
      >
      <div class="actions">
        <button class="primary" type="submit" ?disabled=${this.busy}>${t.search}</button>
        <button type="button" ?disabled=${this.busy} @click=${this.#clearFilter}>${t.clear}</button>
      </div>
    </form>`;
  }

  #renderCall(t: RecordsMessages, call: CallRecord) {
    const locale = this.#locale;
    const open = this.expanded === call.callId;
    const hold = this.holds.find((h) => h.callId === call.callId || (h.subjectId !== null && h.subjectId === call.subjectId));
    const headingId = `call-${call.callId}`;
    return html`<li part="call" class="call" aria-labelledby=${headingId}>
      <h3 id=${headingId}>${this.#i18n.format(t.call, { startedAt: dateTime(locale, call.startedAt) })}</h3>
      <dl>
        <dt>${t.customer}</dt>
        <dd>${call.subjectId ?? t.unknown}</dd>
        <dt>${t.agent}</dt>
        <dd>${call.startedBy ?? t.unknown}</dd>
      </dl>
      ${hold ? html`<p class="hold">${this.#i18n.format(t.onHold, { reason: t.holdReasonName[hold.reason] })}</p>` : nothing}
      <div class="actions">
        <button aria-expanded=${String(open)} aria-controls="captured-${call.callId}" aria-describedby=${headingId} @click=${() => this.#toggle(call)}>${t.showCaptured}</button>
        ${this.#may('audit.read')
          ? html`<button aria-expanded=${String(this.audit?.callId === call.callId)} aria-describedby=${headingId} @click=${() => this.#showAudit(call)}>${t.auditTrail}</button>`
          : nothing}
        ${this.#may('legal-hold.manage')
          ? hold
            ? html`<button aria-describedby=${headingId} @click=${() => this.#releaseHold(hold)}>${t.releaseHold}</button>`
            : this.#renderHoldForm(t, call, headingId)
          : nothing}
        ${this.#may('subject.export') && call.subjectId !== null ? this.#renderExportForm(t, call.subjectId, headingId) : nothing}
        ${this.#may('subject.erase') && call.subjectId !== null
          ? html`<button class="danger" aria-describedby=${headingId} @click=${() => this.#askErase(call.subjectId!)}>${t.erase}</button>`
          : nothing}
      </div>
      ${this.erasing && this.erasing.subjectId === call.subjectId ? this.#renderErase(t, this.erasing) : nothing}
      ${this.audit?.callId === call.callId ? this.#renderAudit(t, this.audit.entries) : nothing}
      <div id="captured-${call.callId}" ?hidden=${!open}>${open ? this.#renderArtifacts(t) : nothing}</div>
    </li>`;
  }

  #renderHoldForm(t: RecordsMessages, call: CallRecord, headingId: string) {
    return html`<form part="hold" class="inline-form" @submit=${(event: SubmitEvent) => this.#placeHold(event, call)}>
      <label
        >${t.holdReason}
        <select name="reason">
          ${LEGAL_HOLD_REASONS.map((reason) => html`<option value=${reason}>${t.holdReasonName[reason]}</option>`)}
        </select></label
      >
      <button type="submit" aria-describedby=${headingId}>${t.placeHold}</button>
    </form>`;
  }

  #renderExportForm(t: RecordsMessages, subjectId: string, headingId: string) {
    return html`<form part="export" class="inline-form" @submit=${(event: SubmitEvent) => this.#export(event, subjectId)}>
      <label
        >${t.exportLanguage}
        <select name="locale">
          ${templateLocaleTags().map((tag) => html`<option value=${tag} ?selected=${tag === this.#locale}>${languageName(tag)}</option>`)}
        </select></label
      >
      <button type="submit" aria-describedby=${headingId} ?disabled=${this.busy}>${t.exportSubject}</button>
    </form>`;
  }

  #renderArtifacts(t: RecordsMessages) {
    const locale = this.#locale;
    const list = (this.artifacts ?? []).filter((a) => this.filter.kind === undefined || a.kind === this.filter.kind);
    if (this.artifacts !== undefined && list.length === 0) return html`<p>${t.noArtifacts}</p>`;
    const download = this.downloads && this.#may('records.download');
    return html`<ul part="artifacts" class="artifacts">
      ${list.map((artifact) => {
        const label = this.#i18n.format(t.artifact, { kind: t.kindName[artifact.kind], createdAt: dateTime(locale, artifact.createdAt) });
        const id = `artifact-${artifact.id}`;
        const viewable = artifact.status === 'complete' && artifact.kind !== 'document';
        return html`<li part="artifact" class="artifact">
          <span id=${id} class="name">${label}</span>
          <span>${fileSize(locale, artifact.size)}</span>
          <span>${consentWords(t, artifact)}</span>
          <span>${this.#i18n.format(t.keptUntil, { date: date(locale, artifact.expiresAt) })}</span>
          <span class="actions">
            ${viewable ? html`<button aria-describedby=${id} @click=${(event: Event) => this.#view(artifact, label, event)}>${artifact.kind === 'recording' ? t.play : t.view}</button>` : nothing}
            ${download && artifact.status === 'complete' ? html`<button aria-describedby=${id} @click=${() => this.#download(artifact)}>${t.download}</button>` : nothing}
          </span>
        </li>`;
      })}
    </ul>`;
  }

  #renderAudit(t: RecordsMessages, entries: readonly AuditEntryRecord[]) {
    const locale = this.#locale;
    return html`<section part="audit" class="audit" aria-label=${t.auditTrail}>
      <h4>${t.auditTrail}</h4>
      ${entries.length === 0
        ? html`<p>${t.auditEmpty}</p>`
        : html`<ol>
            ${entries.map(
              (entry) => html`<li>
                <time datetime=${new Date(entry.at).toISOString()}>${dateTime(locale, entry.at)}</time>
                ${t.auditAction[entry.action] ?? entry.action}${entry.actor ? html` <span class="muted">${this.#i18n.format(t.by, { who: entry.actor.id })}</span>` : nothing}
              </li>`,
            )}
          </ol>`}
    </section>`;
  }

  #renderErase(t: RecordsMessages, erasing: { readonly subjectId: string; readonly typed: string }) {
    return html`<form part="erase" class="erase" @submit=${this.#erase}>
      <p id="erase-hint">${this.#i18n.format(t.eraseHint, { subject: erasing.subjectId })}</p>
      <label
        >${t.eraseLabel}
        <input
          name="confirm"
          autocomplete="off"
          aria-describedby="erase-hint"
          .value=${erasing.typed}
          @input=${(event: InputEvent) => (this.erasing = { ...erasing, typed: (event.target as HTMLInputElement).value })}
      /></label>
      <div class="actions">
        <button class="danger" type="submit" ?disabled=${erasing.typed !== erasing.subjectId || this.busy}>${t.eraseConfirm}</button>
        <button type="button" @click=${() => (this.erasing = undefined)}>${t.cancel}</button>
      </div>
    </form>`;
  }

  async #signIn(governance: GovernanceClient): Promise<void> {
    // Another member: nothing the last one opened stays on screen.
    this.identity = undefined;
    this.viewing = undefined;
    this.erasing = undefined;
    this.holds = [];
    this.calls = [];
    this.next = null;
    await this.#run(async () => {
      const identity = await governance.whoAmI();
      if (this.governance !== governance) return;
      this.identity = identity;
      if (!identity.permissions.includes('records.read')) return;
      this.downloads = (await governance.settings()).settings.downloads;
      if (identity.permissions.includes('legal-hold.manage')) this.holds = await governance.listHolds();
      await this.#loadPage([0]);
    });
  }

  async #loadPage(pages: readonly number[]): Promise<void> {
    const governance = this.#client();
    const page = await governance.callPage({ after: pages.at(-1) ?? 0, limit: this.pageSize, order: 'newest', ...this.filter });
    this.pages = pages;
    this.calls = page.calls;
    this.next = page.next;
    this.expanded = undefined;
    this.artifacts = undefined;
    this.audit = undefined;
  }

  #search(event: SubmitEvent): void {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    const day = (name: string) => (text(name) === '' ? undefined : Date.parse(`${text(name)}T00:00:00`));
    const until = day('until');
    const kind = text('kind') as ArtifactKind | '';
    this.filter = {
      ...(text('subject') === '' ? {} : { subject: text('subject') }),
      ...(day('from') === undefined ? {} : { from: day('from')! }),
      ...(until === undefined ? {} : { to: until + 86_400_000 }),
      ...(kind === '' ? {} : { kind }),
    };
    void this.#run(() => this.#loadPage([0]));
  }

  #clearFilter(): void {
    this.filter = {};
    void this.#run(() => this.#loadPage([0]));
  }

  #nextPage(): void {
    const next = this.next;
    if (next !== null) void this.#run(() => this.#loadPage([...this.pages, next]));
  }

  #previousPage(): void {
    void this.#run(() => this.#loadPage(this.pages.slice(0, -1)));
  }

  #toggle(call: CallRecord): void {
    if (this.expanded === call.callId) {
      this.expanded = undefined;
      return;
    }
    this.expanded = call.callId;
    this.artifacts = undefined;
    void this.#run(async () => {
      const artifacts = await this.#client().callArtifacts(call.callId);
      if (this.expanded === call.callId) this.artifacts = artifacts;
    });
  }

  async #view(artifact: ArtifactRecord, heading: string, event: Event): Promise<void> {
    const opener = event.currentTarget as HTMLElement | null;
    await this.#run(async () => {
      const opened = await openRecord(this.#client(), artifact.id, { keyProviders: this.keyProviders });
      this.viewing = { opened, heading, opener };
      this.#emit('seal-record-opened', { artifact: opened.artifact, purpose: 'view' } satisfies SealRecordOpenedDetail);
      await this.updateComplete;
      this.renderRoot.querySelector('seal-record-viewer')?.focus();
    });
  }

  #closeViewer(): void {
    const opener = this.viewing?.opener;
    this.viewing = undefined;
    opener?.focus();
  }

  async #download(artifact: ArtifactRecord): Promise<void> {
    const name = artifactFileName(artifact);
    await this.#run(async () => {
      let opened: ArtifactRecord | undefined;
      await this.saveFile(name, artifact.mimeType, async () => {
        const record = await openRecord(this.#client(), artifact.id, { keyProviders: this.keyProviders, download: true });
        opened = record.artifact;
        return record.stream;
      });
      this.status = this.#i18n.format(this.#t.downloaded, { name });
      if (opened) this.#emit('seal-record-opened', { artifact: opened, purpose: 'download' } satisfies SealRecordOpenedDetail);
    });
  }

  #export(event: SubmitEvent, subjectId: string): void {
    event.preventDefault();
    const locale = String(new FormData(event.target as HTMLFormElement).get('locale'));
    const fileName = `export-${new Date().toISOString().slice(0, 10)}-${subjectId.replace(/[^A-Za-z0-9-]/g, '').slice(0, 12)}.zip`;
    void this.#run(async () => {
      let exportId: string | undefined;
      await this.saveFile(fileName, 'application/zip', async () => {
        const governance = this.#client();
        exportId = (await governance.requestExport(subjectId)).id;
        return subjectExportZip(governance, exportId, { keyProviders: this.keyProviders, locale, organisation: this.organisation || location.hostname });
      });
      this.status = this.#i18n.format(this.#t.exported, { name: fileName });
      if (exportId) this.#emit('seal-subject-exported', { subjectId, exportId, fileName } satisfies SealSubjectExportedDetail);
    });
  }

  #showAudit(call: CallRecord): void {
    if (this.audit?.callId === call.callId) {
      this.audit = undefined;
      return;
    }
    void this.#run(async () => {
      const entries: AuditEntryRecord[] = [];
      for await (const entry of this.#client().auditEntries({ call: call.callId })) entries.push(entry);
      this.audit = { callId: call.callId, entries };
    });
  }

  #placeHold(event: SubmitEvent, call: CallRecord): void {
    event.preventDefault();
    const reason = String(new FormData(event.target as HTMLFormElement).get('reason')) as LegalHoldReason;
    void this.#run(async () => {
      const hold = await this.#client().placeHold({ callId: call.callId, reason });
      this.holds = [...this.holds, hold];
      this.status = this.#t.holdPlaced;
      this.#emit('seal-hold-changed', { hold, placed: true } satisfies SealHoldChangedDetail);
    });
  }

  #releaseHold(hold: LegalHold): void {
    void this.#run(async () => {
      await this.#client().releaseHold(hold.id);
      this.holds = this.holds.filter((h) => h.id !== hold.id);
      this.status = this.#t.holdReleased;
      this.#emit('seal-hold-changed', { hold, placed: false } satisfies SealHoldChangedDetail);
    });
  }

  #askErase(subjectId: string): void {
    this.erasing = { subjectId, typed: '' };
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('input[name="confirm"]')?.focus());
  }

  #erase(event: SubmitEvent): void {
    event.preventDefault();
    const erasing = this.erasing;
    if (!erasing || erasing.typed !== erasing.subjectId) return;
    void this.#run(async () => {
      const erasure = await this.#client().eraseSubject(erasing.subjectId);
      this.erasing = undefined;
      this.viewing = undefined;
      this.status = this.#i18n.format(this.#t.erased, { artifacts: erasure.artifactsErased, kept: erasure.retained.length });
      this.#emit('seal-subject-erased', { erasure } satisfies SealSubjectErasedDetail);
      await this.#loadPage(this.pages);
    });
  }

  #client(): GovernanceClient {
    if (!this.governance) throw new SealcallError('INVALID_STATE', '<seal-records> has no "governance" client: set it to a GovernanceClient of the signed-in member.');
    return this.governance;
  }

  /** Runs one step at a time, showing it as busy and what failed in plain words. */
  async #run(step: () => Promise<void>): Promise<void> {
    this.busy = true;
    this.failure = '';
    this.status = '';
    try {
      await step();
    } catch (cause) {
      // The user closed the save dialog: nothing to report.
      if (cause instanceof DOMException && cause.name === 'AbortError') return;
      const error = cause instanceof SealcallError ? cause : new SealcallError('GOVERNANCE_FAILED', 'The records could not be read; the cause is attached.', { cause });
      this.failure = failureWords(this.#t, error);
      this.#emit('seal-records-error', { error } satisfies SealRecordsErrorDetail);
    } finally {
      this.busy = false;
    }
  }

  #emit(type: string, detail: unknown): void {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }
}

function consentWords(t: RecordsMessages, artifact: ArtifactRecord): string {
  if (artifact.endReason === 'consent-withdrawn') return t.consentWithdrawn;
  return artifact.consentRef === null ? t.noConsent : t.consentGiven;
}

/** A day as `<input type="date">` writes it, in local time. */
function isoDay(ms: number): string {
  const day = new Date(ms);
  return `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, '0')}-${String(day.getDate()).padStart(2, '0')}`;
}

declare global {
  interface HTMLElementTagNameMap {
    'seal-records': SealRecords;
  }
  interface SealRecordsEventMap {
    'seal-record-opened': CustomEvent<SealRecordOpenedDetail>;
    'seal-hold-changed': CustomEvent<SealHoldChangedDetail>;
    'seal-subject-exported': CustomEvent<SealSubjectExportedDetail>;
    'seal-subject-erased': CustomEvent<SealSubjectErasedDetail>;
    'seal-records-error': CustomEvent<SealRecordsErrorDetail>;
  }
  interface HTMLElementEventMap extends SealRecordsEventMap {}
  interface DocumentEventMap extends SealRecordsEventMap {}
}
