import { showProblem } from './demo.js';
import { showRecords, type Member } from './records-sign-in.js';

const records = document.querySelector('seal-records')!;
const form = document.querySelector<HTMLFormElement>('#sign-in')!;
const show = (as: Member) => showRecords(records, as).catch((error: unknown) => showProblem(error instanceof Error ? error.message : String(error)));

records.addEventListener('seal-records-error', ({ detail }) => console.warn(detail.error));
form.addEventListener('change', () => show(new FormData(form).get('as') as Member));
show('agent');
