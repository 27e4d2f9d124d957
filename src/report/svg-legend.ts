// Chart legends that never clip: entries flow left to right and wrap onto as many rows as they
// need (the chart grows to hold them); a name too long for a whole row is shortened with its
// full text in a <title> tooltip. Text widths are estimated for 11px sans-serif, generously.
import { escapeXml } from './svg-text';

export type SeriesStyle = 'line' | 'markers' | 'diverged' | 'bars';
export interface LegendEntry { name: string; color: string; style?: SeriesStyle }

const CHAR_W = 6.8;     // wider than any 11px sans-serif average, so an estimate never undershoots
const SWATCH = 22;      // swatch and its gap before the text
const GAP = 14;         // between entries
export const LEGEND_ROW = 16;

const textWidth = (s: string): number => s.length * CHAR_W;

function swatch(e: LegendEntry, x: number, y: number): string {
  if (e.style === 'markers') return `<circle cx="${x + 7}" cy="${y - 4}" r="3.5" fill="${e.color}"/>`;
  if (e.style === 'diverged') {
    return `<circle cx="${x + 7}" cy="${y - 4}" r="5" fill="none" stroke="${e.color}" stroke-width="2"/>`;
  }
  return `<rect x="${x}" y="${y - 8}" width="14" height="8" fill="${e.color}"/>`;
}

/** The legend laid out within [x0, x0 + width): its SVG and the number of rows used. */
export function legend(entries: readonly LegendEntry[], x0: number, y0: number, width: number):
  { svg: string; rows: number } {
  const maxChars = Math.floor((width - SWATCH) / CHAR_W);
  let x = x0;
  let row = 0;
  const parts: string[] = [];
  for (const e of entries) {
    const short = e.name.length > maxChars ? `${e.name.slice(0, maxChars - 1)}…` : e.name;
    const w = SWATCH + textWidth(short);
    if (x > x0 && x + w > x0 + width) { x = x0; row++; }
    const y = y0 + row * LEGEND_ROW;
    const tip = short === e.name ? '' : `<title>${escapeXml(e.name)}</title>`;
    const label = `<text x="${x + SWATCH - 4}" y="${y}">${escapeXml(short)}</text>`;
    parts.push(`<g class="legend-entry">${tip}${swatch(e, x, y)}${label}</g>`);
    x += w + GAP;
  }
  return { svg: `<g class="legend">${parts.join('')}</g>`, rows: entries.length ? row + 1 : 0 };
}
