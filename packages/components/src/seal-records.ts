import { SealRecordViewer } from './records/record-viewer.js';
import { SealRecords } from './records/records.js';

/** Registers <seal-records> (and the viewer inside it). Import this module once, for its side effect. */
if (!customElements.get('seal-record-viewer')) customElements.define('seal-record-viewer', SealRecordViewer);
if (!customElements.get('seal-records')) customElements.define('seal-records', SealRecords);

export { SealRecords };
