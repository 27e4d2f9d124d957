// glibc strverscmp(3) ordering (blkparse -s sorts programs with it): digit runs compare as
// numbers, and a run with leading zeros is a fraction that sorts before a plain integer.
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

export function strverscmp(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (i === a.length && i === b.length) return 0;
  let s = i;
  while (s > 0 && isDigit(a[s - 1])) s--;
  if (!isDigit(a[i]) && !isDigit(b[i]) || !(isDigit(a[s]) && isDigit(b[s]))) return byteCmp(a[i], b[i]);
  const runA = digitRun(a, s);
  const runB = digitRun(b, s);
  const fracA = runA.length > 1 && runA[0] === '0' || (runA[0] === '0' && s === i);
  const fracB = runB.length > 1 && runB[0] === '0' || (runB[0] === '0' && s === i);
  if (fracA || fracB) {
    if (fracA !== fracB) return fracA ? -1 : 1;
    return byteCmp(a[i], b[i]);
  }
  if (runA.length !== runB.length) return runA.length - runB.length;
  return byteCmp(a[i], b[i]);
}

function digitRun(s: string, from: number): string {
  let e = from;
  while (isDigit(s[e])) e++;
  return s.slice(from, e);
}

function byteCmp(x: string | undefined, y: string | undefined): number {
  return (x === undefined ? 0 : x.charCodeAt(0)) - (y === undefined ? 0 : y.charCodeAt(0));
}
