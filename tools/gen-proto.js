#!/usr/bin/env node
// Regenerates proto/gen/ from proto/*.proto (static protobufjs code + .d.ts).
// Generated files are build output: never edit them by hand.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const root = path.join(__dirname, '..');
const protos = fs.readdirSync(path.join(root, 'proto')).filter((f) => f.endsWith('.proto')).map((f) => path.join('proto', f));
if (protos.length === 0) process.exit(0);
fs.mkdirSync(path.join(root, 'proto/gen'), { recursive: true });
const bin = (n) => path.join(root, 'node_modules/.bin', n);
execFileSync(bin('pbjs'), ['-t', 'static-module', '-w', 'commonjs', '--force-number', '--no-verify', '--no-convert', '--no-delimited', '-o', 'proto/gen/zram.js', ...protos], { cwd: root, stdio: 'inherit' });
execFileSync(bin('pbts'), ['-o', 'proto/gen/zram.d.ts', 'proto/gen/zram.js'], { cwd: root, stdio: 'inherit' });
