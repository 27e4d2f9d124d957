// Reports of replay outputs: built from the outputs stream, shown as text, JSON or HTML.
export { ReportBuilder, compression } from './builder';
export type { Report } from './model';
export { formatReport, jsonReport } from './text';
export { htmlReport } from './html';
