#!/usr/bin/env node
// tsc does not copy plain .js files: put the generated protobuf module next to the compiled code.
const fs = require('node:fs');
const path = require('node:path');
const root = path.join(__dirname, '..');
const from = path.join(root, 'proto/gen');
const to = path.join(root, 'dist/proto/gen');
if (!fs.existsSync(from)) process.exit(0);
fs.mkdirSync(to, { recursive: true });
for (const f of fs.readdirSync(from)) fs.copyFileSync(path.join(from, f), path.join(to, f));
