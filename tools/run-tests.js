#!/usr/bin/env node
// Runs jest (on this 2-core machine it uses one worker, so kernel test files run one at a time;
// each takes its own device). Ingested logs go to a cache of this run only, removed afterwards,
// so tests neither reuse nor fill the user's ~/.cache/zram-ref. Extra arguments go to jest.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'zram-ref-test-cache-'));
const args = [require.resolve('jest/bin/jest'), ...process.argv.slice(2)];
const r = spawnSync(process.execPath, args, { stdio: 'inherit', env: { ...process.env, ZRAM_REF_CACHE: process.env.ZRAM_REF_CACHE ?? cache } });
fs.rmSync(cache, { recursive: true, force: true });
process.exit(r.status ?? 1);
