// A minimal PNG decoder for screenshot checks: 8-bit RGB or RGBA, non-interlaced (what
// Chromium writes), IDAT inflated with node:zlib, the five scanline filters undone.
import * as zlib from 'node:zlib';

export interface Image { width: number; height: number; rgba: Uint8Array }

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

function unfilter(raw: Buffer, width: number, height: number, bpp: number): Uint8Array {
  const stride = width * bpp;
  const out = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const type = raw[y * (stride + 1)];
    const src = y * (stride + 1) + 1;
    const row = y * stride;
    for (let x = 0; x < stride; x++) {
      const a = x >= bpp ? out[row + x - bpp] : 0;
      const b = y > 0 ? out[row - stride + x] : 0;
      const c = x >= bpp && y > 0 ? out[row - stride + x - bpp] : 0;
      const pred = [0, a, b, (a + b) >> 1, paeth(a, b, c)][type];
      if (pred === undefined) throw new Error(`PNG: filter type ${type} on row ${y}`);
      out[row + x] = (raw[src + x] + pred) & 0xff;
    }
  }
  return out;
}

export function decodePng(png: Buffer): Image {
  if (png.readUInt32BE(0) !== 0x89504e47) throw new Error('not a PNG');
  let off = 8;
  let width = 0, height = 0, colorType = 0;
  const idat: Buffer[] = [];
  while (off < png.length) {
    const len = png.readUInt32BE(off);
    const type = png.toString('latin1', off + 4, off + 8);
    const data = png.subarray(off + 8, off + 8 + len);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0); height = data.readUInt32BE(4); colorType = data[9];
      if (data[8] !== 8 || data[12] !== 0 || (colorType !== 2 && colorType !== 6)) throw new Error(`PNG: unsupported depth ${data[8]}/type ${colorType}/interlace ${data[12]}`);
    } else if (type === 'IDAT') idat.push(data);
    off += 12 + len;
  }
  const bpp = colorType === 6 ? 4 : 3;
  const px = unfilter(zlib.inflateSync(Buffer.concat(idat)), width, height, bpp);
  if (bpp === 4) return { width, height, rgba: px };
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0, j = 0; i < px.length; i += 3, j += 4) { rgba[j] = px[i]; rgba[j + 1] = px[i + 1]; rgba[j + 2] = px[i + 2]; rgba[j + 3] = 255; }
  return { width, height, rgba };
}

/** Pixels in the rectangle within `tol` (per channel) of the colour "#rrggbb". */
export function countColor(img: Image, rect: { x: number; y: number; w: number; h: number }, hex: string, tol = 40): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  let n = 0;
  for (let y = rect.y; y < Math.min(img.height, rect.y + rect.h); y++) {
    for (let x = rect.x; x < Math.min(img.width, rect.x + rect.w); x++) {
      const i = (y * img.width + x) * 4;
      if (Math.abs(img.rgba[i] - r) <= tol && Math.abs(img.rgba[i + 1] - g) <= tol && Math.abs(img.rgba[i + 2] - b) <= tol) n++;
    }
  }
  return n;
}

/** Pixels in the rectangle that are not (near) white. */
export function countInk(img: Image, rect: { x: number; y: number; w: number; h: number }): number {
  let n = 0;
  for (let y = rect.y; y < Math.min(img.height, rect.y + rect.h); y++) {
    for (let x = rect.x; x < Math.min(img.width, rect.x + rect.w); x++) {
      const i = (y * img.width + x) * 4;
      if (img.rgba[i] < 230 || img.rgba[i + 1] < 230 || img.rgba[i + 2] < 230) n++;
    }
  }
  return n;
}
