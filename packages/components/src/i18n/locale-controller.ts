import { formatMessage, mergeCatalogue, SealcallError, type DeepPartial } from '@sealcall/sdk';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { elementLocales, REFERENCE_LOCALE, type SealcallCatalogue } from './catalogue.js';

type Host = ReactiveControllerHost & HTMLElement;
type Section = keyof SealcallCatalogue;

const connected = new Set<Host>();
let documentObserver: MutationObserver | undefined;

/**
 * An element's messages: its `lang`, else the nearest ancestor's (across shadow roots), else the
 * document's, looked up in the registry (`de-AT`, then `de`, then English), with the element's
 * own `messages` merged over them. The host re-renders when a `lang` changes or a language is
 * registered.
 */
export class LocaleController<S extends Section> implements ReactiveController {
  readonly #host: Host;
  readonly #section: S;
  readonly #overrides: () => DeepPartial<SealcallCatalogue[S]> | undefined;
  #ownObserver: MutationObserver | undefined;
  #unsubscribe: (() => void) | undefined;
  #memo: { base: SealcallCatalogue[S]; overrides: unknown; merged: SealcallCatalogue[S] } | undefined;

  constructor(host: Host, section: S, overrides: () => DeepPartial<SealcallCatalogue[S]> | undefined) {
    this.#host = host;
    this.#section = section;
    this.#overrides = overrides;
    host.addController(this);
  }

  /** The tag of the catalogue in use: the language of what the element shows. */
  get tag(): string {
    return this.#resolved().tag;
  }

  get messages(): SealcallCatalogue[S] {
    const base = this.#resolved().messages[this.#section];
    const overrides = this.#overrides();
    if (this.#memo?.base !== base || this.#memo.overrides !== overrides) {
      const reference = (elementLocales.lookup(REFERENCE_LOCALE) as { messages: SealcallCatalogue }).messages[this.#section];
      this.#memo = { base, overrides, merged: mergeCatalogue(base, overrides, reference, `<${this.#host.localName}>.messages`) };
    }
    return this.#memo.merged;
  }

  /**
   * Runs the host's `update` once the messages of its language are here, from the host's
   * `scheduleUpdate`: a page in German renders German at once rather than English first. A
   * language that cannot be loaded is reported (`reportError`) and the host renders English.
   */
  whenLoaded(update: () => void): void | Promise<void> {
    const loading = elementLocales.load(langOf(this.#host));
    if (loading === undefined) return update();
    return loading.then(update, (error: unknown) => {
      reportError(error);
      update();
    });
  }

  /** `message` with its placeholders filled, plural forms and numbers in the element's language. */
  format(message: string, values: Readonly<Record<string, string | number>>): string {
    return formatMessage(message, {
      locale: this.tag,
      value: (name) => {
        const value = values[name];
        if (value === undefined) throw new SealcallError('INVALID_ARGUMENT', `The message "${message}" fills {${name}}, which <${this.#host.localName}> does not provide.`);
        return value;
      },
    });
  }

  hostConnected(): void {
    connected.add(this.#host);
    documentObserver ??= observeLang(document.documentElement, { subtree: true }, () => connected.forEach((host) => host.requestUpdate()));
    this.#ownObserver = observeLang(this.#host, {}, () => this.#host.requestUpdate());
    this.#unsubscribe = elementLocales.onChange(() => this.#host.requestUpdate());
  }

  hostDisconnected(): void {
    connected.delete(this.#host);
    this.#ownObserver?.disconnect();
    this.#unsubscribe?.();
  }

  #resolved(): { tag: string; messages: SealcallCatalogue } {
    return elementLocales.lookup(langOf(this.#host)) ?? (elementLocales.lookup(REFERENCE_LOCALE) as { tag: string; messages: SealcallCatalogue });
  }
}

function langOf(element: Element): string {
  for (let node: Node | null = element; node; node = node.parentNode ?? (node as ShadowRoot).host ?? null) {
    if (node instanceof Element && node.hasAttribute('lang')) return node.getAttribute('lang') ?? '';
  }
  return document.documentElement.lang;
}

function observeLang(target: Node, options: MutationObserverInit, onChange: () => void): MutationObserver {
  const observer = new MutationObserver(onChange);
  observer.observe(target, { ...options, attributes: true, attributeFilter: ['lang'] });
  return observer;
}
