// The tool version recorded in logs, bundles and reports.
export const VERSION = '0.1.0';
