// Reports of replay outputs: built from the outputs stream, shown as text, JSON or HTML.
export { ReportBuilder, compression } from './builder';
export type { Report } from './model';
export { formatReport } from './text';
export { htmlReport } from './html';

import type { Report } from './model';
/** The --json form. */
export const jsonReport = (r: Report): string => JSON.stringify(r, null, 2) + '\n';
