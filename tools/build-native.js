#!/usr/bin/env node
// Builds the one native piece, src/kernel/native/blk_range.c (BLKDISCARD/BLKZEROOUT, which Node
// cannot issue), into build/native/blk_range.node with the C compiler and Node's own headers.
// No node-gyp: one file, no downloads. Where cc or the headers are missing it says so and
// exits 0; the kernel capability table then reports the driver as unavailable.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const src = path.join(root, 'src/kernel/native/blk_range.c');
const out = path.join(root, 'build/native/blk_range.node');
const headers = [path.resolve(process.execPath, '../../include/node'), '/usr/include/node', '/usr/local/include/node']
  .find((d) => fs.existsSync(path.join(d, 'node_api.h')));

if (!headers) {
  process.stderr.write('build-native: no node_api.h (Node headers) found: the real-kernel driver will be unavailable\n');
  process.exit(0);
}
fs.mkdirSync(path.dirname(out), { recursive: true });
const tmp = `${out}.${process.pid}.tmp`;
const r = spawnSync('cc', ['-shared', '-fPIC', '-O2', '-Wall', '-Werror', `-I${headers}`, '-o', tmp, src], { stdio: 'inherit' });
if (r.error || r.status !== 0) {
  fs.rmSync(tmp, { force: true });
  process.stderr.write(`build-native: cc failed (${r.error ? r.error.message : `exit ${r.status}`}): the real-kernel driver will be unavailable\n`);
  process.exit(0);
}
fs.renameSync(tmp, out);
