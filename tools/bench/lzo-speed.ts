// Micro-benchmark of the lzo and lzo-rle backends: µs per 4 KiB page for compress,
// compressedLength (the replay hot path) and decompress, with the TypeScript reference coder
// (what the WebAssembly one replaced) as a yardstick. Not a test.
// Run: npm run build && node dist/tools/bench/lzo-speed.js [rounds] [pages]
import { lzo, lzoReference, lzoRle, lzoRleReference } from '../../src/compress/lzo';
import { benchPages, timePass } from './page-timing';

const rounds = Number(process.argv[2] ?? 30);
const pages = benchPages(Number(process.argv[3] ?? 2000));
const dst = new Uint8Array(8192);
const out = new Uint8Array(4096);
const time = (name: string, pass: () => number) => timePass(name, pages.length, rounds, pass);

console.log(`${pages.length} pages, ${rounds} rounds`);
for (const [comp, ref] of [[lzo, lzoReference], [lzoRle, lzoRleReference]]) {
  const blocks = pages.map((p) => dst.slice(0, comp.compress(p, dst, {})));
  time(`${comp.name} compress`, () => pages.reduce((s, p) => s + comp.compress(p, dst, {}), 0));
  time(`${comp.name} compressedLength`, () => pages.reduce((s, p) => s + comp.compressedLength(p, {}), 0));
  time(`${comp.name} TS reference compress`, () => pages.reduce((s, p) => s + ref.compress(p, dst, {}), 0));
  time(`${comp.name} decompress`, () => blocks.reduce((s, b) => s + comp.decompress(b, out), 0));
  time(`${comp.name} TS reference decompress`, () => blocks.reduce((s, b) => s + ref.decompress(b, out, {}), 0));
}
