/**
 * Sealcall's messages: plain strings with `{name}` placeholders and, where a number decides the
 * wording, `{name, plural, one {…} other {…}}` (the ICU MessageFormat subset translators know;
 * `=0` matches exactly, `#` is the number). Braces that form neither are literal text, so CSS in
 * a trusted email template stays as it is.
 */
export type MessagePart =
  | string
  | { readonly kind: 'value'; readonly name: string }
  | { readonly kind: 'plural'; readonly name: string; readonly branches: Readonly<Record<string, readonly MessagePart[]>> };

const VALUE = /\{\s*([A-Za-z][A-Za-z0-9]*)\s*\}/y;
const PLURAL = /\{\s*([A-Za-z][A-Za-z0-9]*)\s*,\s*plural\s*,\s*/y;
const BRANCH = /\s*(=\d+|zero|one|two|few|many|other)\s*\{/y;
const CLOSE = /\s*\}/y;

export function parseMessage(source: string): readonly MessagePart[] {
  return parseUntil(source, { at: 0 }, undefined, false);
}

/** The names a message fills in, each once, in order of first use. */
export function placeholdersOf(source: string): string[] {
  const names = new Set<string>();
  const visit = (parts: readonly MessagePart[]): void => {
    for (const part of parts) {
      if (typeof part === 'string') continue;
      names.add(part.name);
      if (part.kind === 'plural') Object.values(part.branches).forEach(visit);
    }
  };
  visit(parseMessage(source));
  return [...names];
}

export interface FormatOptions {
  /** The BCP 47 tag that picks plural forms and formats numbers. */
  readonly locale: string;
  /** The value of a placeholder; throw for a name that has none. */
  readonly value: (name: string) => string | number;
  /** Escapes the message's own text (for HTML); values come already escaped. */
  readonly literal?: (text: string) => string;
}

export function formatMessage(source: string, options: FormatOptions): string {
  const plurals = new Intl.PluralRules(options.locale);
  const numbers = new Intl.NumberFormat(options.locale);
  const literal = options.literal ?? ((text: string) => text);
  const show = (value: string | number): string => (typeof value === 'number' ? numbers.format(value) : value);
  const render = (parts: readonly MessagePart[]): string =>
    parts
      .map((part) => {
        if (typeof part === 'string') return literal(part);
        const value = options.value(part.name);
        if (part.kind === 'value') return show(value);
        const count = Number(value);
        const branch = part.branches[`=${count}`] ?? part.branches[plurals.select(count)] ?? part.branches.other ?? [];
        return render(branch);
      })
      .join('');
  return render(parseMessage(source));
}

/** Parses text up to the `}` that closes a plural branch (`inBranch`), or to the end. */
function parseUntil(source: string, cursor: { at: number }, pound: string | undefined, inBranch: boolean): MessagePart[] {
  const parts: MessagePart[] = [];
  let text = '';
  const flush = (): void => {
    if (text) parts.push(text);
    text = '';
  };
  while (cursor.at < source.length) {
    const char = source[cursor.at] as string;
    if (inBranch && char === '}') break;
    if (char === '#' && pound !== undefined) {
      flush();
      parts.push({ kind: 'value', name: pound });
      cursor.at += 1;
      continue;
    }
    const placeholder = char === '{' ? parsePlaceholder(source, cursor.at) : undefined;
    if (placeholder) {
      flush();
      parts.push(placeholder.part);
      cursor.at = placeholder.end;
      continue;
    }
    text += char;
    cursor.at += 1;
  }
  if (inBranch && source[cursor.at] !== '}') throw new SyntaxError('unclosed plural branch');
  flush();
  return parts;
}

function parsePlaceholder(source: string, at: number): { part: MessagePart; end: number } | undefined {
  VALUE.lastIndex = at;
  const value = VALUE.exec(source);
  if (value) return { part: { kind: 'value', name: value[1] as string }, end: VALUE.lastIndex };
  PLURAL.lastIndex = at;
  const plural = PLURAL.exec(source);
  if (!plural) return undefined;
  try {
    return parseBranches(source, plural[1] as string, PLURAL.lastIndex);
  } catch {
    return undefined;
  }
}

function parseBranches(source: string, name: string, from: number): { part: MessagePart; end: number } {
  const branches: Record<string, readonly MessagePart[]> = {};
  const cursor = { at: from };
  for (;;) {
    CLOSE.lastIndex = cursor.at;
    if (CLOSE.exec(source)) {
      if (!('other' in branches)) throw new SyntaxError('a plural needs an "other" branch');
      return { part: { kind: 'plural', name, branches }, end: CLOSE.lastIndex };
    }
    BRANCH.lastIndex = cursor.at;
    const branch = BRANCH.exec(source);
    if (!branch) throw new SyntaxError('expected a plural branch');
    cursor.at = BRANCH.lastIndex;
    branches[branch[1] as string] = parseUntil(source, cursor, name, true);
    cursor.at += 1;
  }
}
