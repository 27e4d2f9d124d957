// Where a piece `npm run build` compiles with cc (tools/build-native.js) lies: build/native/,
// reached from src/ (ts-jest, swc) or dist/src/ (compiled).
import * as fs from 'node:fs';
import * as path from 'node:path';

/** build/native/`name`, or null when it was not built (no cc, no Node headers, not built yet). */
export function nativeBuildPath(name: string): string | null {
  return ['../build/native', '../../build/native'].map((d) => path.resolve(__dirname, d, name))
    .find((p) => fs.existsSync(p)) ?? null;
}
