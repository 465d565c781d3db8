import type { ExportManifest } from '@sealcall/protocol';
import { escapeHtml } from '../../templates/escape.js';
import type { ExportIndexMessages } from './index-messages.js';

/**
 * The human-readable index of an export: plain HTML with no script and no external resource,
 * every value escaped, each file linked by its path in the archive.
 */
export function exportIndexPage(manifest: ExportManifest, t: ExportIndexMessages, organisation: string): string {
  const day = (ms: number) => new Intl.DateTimeFormat(manifest.locale, { dateStyle: 'long' }).format(ms);
  const moment = (ms: number) => new Intl.DateTimeFormat(manifest.locale, { dateStyle: 'medium', timeStyle: 'short' }).format(ms);
  const e = escapeHtml;
  const media = manifest.files.filter((file) => file.kind !== 'consent');
  const rows = media.map((file) => {
    const notes = [
      file.consentRef === null ? t.consentNone : t.consentGiven,
      ...(file.alsoShows.includes('agent') ? [t.alsoShowsAgent] : []),
      ...(file.complete ? [] : [t.incomplete]),
      ...(file.path === null ? [t.erasedContent] : []),
      ...(file.retainedFor === null ? [] : [t.retained]),
    ];
    const what = file.path === null ? e(t.kind[file.kind]) : `<a href="${e(file.path)}">${e(t.kind[file.kind])}</a>`;
    return `<tr><td>${what}</td><td>${e(moment(file.createdAt))}</td><td>${e(file.purpose ?? t.noPurpose)}</td><td>${notes.map(e).join(' ')}</td></tr>`;
  });
  return `<!doctype html>
<html lang="${e(manifest.locale)}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src 'self'; media-src 'self'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(t.title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:50rem;margin:0 auto;padding:1rem;line-height:1.5}table{border-collapse:collapse;width:100%}th,td{text-align:left;vertical-align:top;padding:.375rem .5rem;border-bottom:1px solid #ccc}</style>
</head>
<body>
<h1>${e(t.title)}</h1>
<p>${e(t.intro(organisation, manifest.subjectId, day(manifest.generatedAt)))}</p>
<p>${e(t.contents(manifest.calls.length, media.length))}</p>
<h2>${e(t.filesHeading)}</h2>
<table>
<thead><tr><th scope="col">${e(t.what)}</th><th scope="col">${e(t.when)}</th><th scope="col">${e(t.why)}</th><th scope="col">${e(t.consent)}</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
<h2>${e(t.consentHeading)}</h2>
<p>${manifest.consentReceipt === null ? e(t.consentNoRecords) : `<a href="${e(manifest.consentReceipt)}">${e(t.consentText)}</a>`}</p>
<h2>${e(t.logHeading)}</h2>
<p><a href="${e(manifest.auditLog.path)}">${e(t.logText(manifest.auditLog.entries))}</a></p>
<p><a href="manifest.json">${e(t.machineReadable)}</a></p>
</body>
</html>
`;
}
