#!/usr/bin/env node
// Runs jest in band when the kernel is present (kernel tests share /sys/class/zram-control
// and tracefs; each takes its own device, but running them one file at a time keeps the
// shared 2-core machine's timing sane). Extra arguments go to jest.
const { spawnSync } = require('node:child_process');
const args = [require.resolve('jest/bin/jest'), ...process.argv.slice(2)];
const r = spawnSync(process.execPath, args, { stdio: 'inherit' });
process.exit(r.status ?? 1);
