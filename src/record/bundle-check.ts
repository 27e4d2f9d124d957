// `record --check`'s fold of a bundle's events against the kernel's samples: the pure check lives in
// src/device/sample-check.ts (the report reads its types without reaching the recorder).
export { checkEvents } from '../device/sample-check';
export type { CheckReport, FieldDeviation, SampleCheck } from '../device/sample-check';
