// Axis scales and "nice" tick values for the SVG plots.
export interface Scale { (v: number): number; ticks: number[]; format(v: number): string }

function niceStep(span: number, count: number): number {
  const raw = span / Math.max(1, count);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const n = raw / mag;
  return (n <= 1 ? 1 : n <= 2 ? 2 : n <= 5 ? 5 : 10) * mag;
}

export const shortNumber = (v: number): string => {
  const a = Math.abs(v);
  if (a >= 1e9) return `${+(v / 1e9).toPrecision(3)}G`;
  if (a >= 1e6) return `${+(v / 1e6).toPrecision(3)}M`;
  if (a >= 1e3) return `${+(v / 1e3).toPrecision(3)}k`;
  return `${+v.toPrecision(3)}`;
};

/** Linear map of [lo, hi] (widened to nice ticks) onto [a, b]. */
export function linearScale(lo: number, hi: number, a: number, b: number, count = 5): Scale {
  if (hi <= lo) hi = lo + 1;
  const step = niceStep(hi - lo, count);
  const l = Math.floor(lo / step) * step;
  const h = Math.ceil(hi / step) * step;
  const s = ((v: number) => a + ((v - l) / (h - l)) * (b - a)) as Scale;
  s.ticks = [];
  for (let t = l; t <= h + step / 2; t += step) s.ticks.push(+t.toPrecision(12));
  s.format = shortNumber;
  return s;
}

/** Base-10 log map of [lo, hi] (whole decades) onto [a, b]; values <= 0 sit at the left edge. */
export function logScale(lo: number, hi: number, a: number, b: number): Scale {
  const l = Math.floor(Math.log10(Math.max(1, lo)));
  let h = Math.ceil(Math.log10(Math.max(1, hi)));
  if (h <= l) h = l + 1;
  const s = ((v: number) => a + ((Math.log10(Math.max(10 ** l, v)) - l) / (h - l)) * (b - a)) as Scale;
  s.ticks = [];
  for (let d = l; d <= h; d++) s.ticks.push(10 ** d);
  s.format = shortNumber;
  return s;
}
