#!/usr/bin/env node
// Builds the native pieces with the C compiler, no node-gyp, no downloads:
// - src/kernel/native/blk_range.c (BLKDISCARD/BLKZEROOUT, which Node cannot issue) into
//   build/native/blk_range.node, with Node's own headers;
// - src/kernel/native/swap_worker.c (the process of swap workloads) into build/native/swap_worker;
// - src/log/native/crc32c.c (CRC32C of log frames with SSE4.2) into build/native/crc32c.node.
// Where cc or the headers are missing it says so and exits 0; the kernel capability table
// (src/kernel/capability.ts) then reports what is unavailable.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const outDir = path.join(root, 'build/native');

/** Compiles into a temp file and renames it into place: never a half-written output. */
function build(name, args, what) {
  const out = path.join(outDir, name);
  const tmp = `${out}.${process.pid}.tmp`;
  fs.mkdirSync(outDir, { recursive: true });
  const r = spawnSync('cc', [...args, '-o', tmp], { stdio: 'inherit' });
  if (r.error || r.status !== 0) {
    fs.rmSync(tmp, { force: true });
    process.stderr.write(`build-native: cc failed (${r.error ? r.error.message : `exit ${r.status}`}): ${what} will be unavailable\n`);
    return;
  }
  fs.renameSync(tmp, out);
}

const headers = [path.resolve(process.execPath, '../../include/node'), '/usr/include/node', '/usr/local/include/node']
  .find((d) => fs.existsSync(path.join(d, 'node_api.h')));
if (!headers) {
  process.stderr.write('build-native: no node_api.h (Node headers) found: the real-kernel driver will be unavailable, '
    + 'and log frames take the portable CRC32C\n');
} else {
  build('blk_range.node', ['-shared', '-fPIC', '-O2', '-Wall', '-Werror', `-I${headers}`,
    path.join(root, 'src/kernel/native/blk_range.c')], 'the real-kernel driver');
  build('crc32c.node', ['-shared', '-fPIC', '-O2', '-Wall', '-Wextra', '-Werror', `-I${headers}`,
    path.join(root, 'src/log/native/crc32c.c'), '-lpthread'], 'the fast CRC32C of log frames (@node-rs/crc32 does it)');
}
build('swap_worker', ['-O2', '-Wall', '-Wextra', '-Werror', path.join(root, 'src/kernel/native/swap_worker.c')],
  'swap workloads');
