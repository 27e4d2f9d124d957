// The explorer checked against the real kernel: `zram-ref explore SCENARIO --kernel N`.
export { findBlkdiscard } from './blkdiscard';
export { checkAgainstKernel } from './check';
export type { CheckOptions, KernelCheck } from './check';
export { sysfsLifecycle } from './device-lifecycle';
export type { DeviceLifecycle, PrivateDevice } from './device-lifecycle';
export { formatKernelCheck, kernelCheckJson } from './format';
export { planScenario } from './plan';
export type { Plan } from './plan';
