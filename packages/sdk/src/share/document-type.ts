/**
 * The kinds of document participants may send each other, told apart by their first bytes,
 * never by a file's name or the type its browser guessed.
 */

export const DOCUMENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png', 'image/webp'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

const EXTENSIONS: Readonly<Record<DocumentType, string>> = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
};

const ascii = (text: string) => Array.from(text, (c) => c.charCodeAt(0));

/** The signature of each type: bytes that must be at an offset, in order. */
const SIGNATURES: ReadonlyArray<{ readonly type: DocumentType; readonly parts: ReadonlyArray<readonly [offset: number, bytes: readonly number[]]> }> = [
  { type: 'application/pdf', parts: [[0, ascii('%PDF-')]] },
  { type: 'image/jpeg', parts: [[0, [0xff, 0xd8, 0xff]]] },
  { type: 'image/png', parts: [[0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]]] },
  { type: 'image/webp', parts: [[0, ascii('RIFF')], [8, ascii('WEBP')]] },
];

/** What the bytes are, by their signature; undefined for any other content. */
export function sniffDocumentType(bytes: Uint8Array): DocumentType | undefined {
  return SIGNATURES.find(({ parts }) => parts.every(([offset, expected]) => expected.every((byte, i) => bytes[offset + i] === byte)))?.type;
}

export function isDocumentType(value: unknown): value is DocumentType {
  return (DOCUMENT_TYPES as readonly unknown[]).includes(value);
}

export function isImageType(type: DocumentType): boolean {
  return type.startsWith('image/');
}

/** The longest name kept, in UTF-16 code units, extension included. */
export const MAX_DOCUMENT_NAME_LENGTH = 120;

/**
 * A file name safe to show and to save under: no folders, no control or direction-changing
 * characters, none that file systems forbid, no leading dots, at most 120 characters, and the
 * extension of the content's type (added when the name carries another: `claim.pdf.exe` of a
 * PDF becomes `claim.pdf.exe.pdf`).
 */
export function documentFileName(name: string, type: DocumentType): string {
  const extension = EXTENSIONS[type];
  const base = name
    .normalize('NFC')
    .split(/[/\\]/)
    .at(-1)!
    // Control characters, and the marks that reorder text (a name could show as "cod.pdf" and be "fdp.doc").
    .replace(/[\p{Cc}\p{Cf}\u2028\u2029]/gu, '')
    .replace(/[<>:"|?*]/g, '_')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s]+/, '')
    .replace(/[.\s]+$/, '');
  const stem = base.toLowerCase().endsWith(`.${extension}`) || (type === 'image/jpeg' && base.toLowerCase().endsWith('.jpeg')) ? base.slice(0, base.lastIndexOf('.')) : base;
  const kept = cutTo(stem, MAX_DOCUMENT_NAME_LENGTH - extension.length - 1).trim();
  return `${kept || 'document'}.${extension}`;
}

/** At most `length` code units of `text`, never half a character. */
function cutTo(text: string, length: number): string {
  let out = '';
  for (const char of text) {
    if (out.length + char.length > length) break;
    out += char;
  }
  return out;
}
