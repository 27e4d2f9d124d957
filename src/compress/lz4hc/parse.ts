// LZ4HC_compress_generic of the kernel's lib/lz4 (LZ4 1.7.3): per position the best match,
// then up to two overlapping wider matches to choose how much of each to keep. zram's 8 KiB
// buffer always holds LZ4_compressBound(4096), so the noLimit path is the only one taken.
import { LASTLITERALS, MFLIMIT, MINMATCH, ML_MASK } from '../lz4/constants';
import { findBestMatch, getWiderMatch, newHcState, type Found } from './chain';
import { SequenceWriter } from './write';

export const LZ4HC_DEFAULT_CLEVEL = 9;
export const LZ4HC_MAX_CLEVEL = 16;
const OPTIMAL_ML = ML_MASK - 1 + MINMATCH;

/** The level LZ4HC_compress_generic works with: above 16 → 16, below 1 → 9. */
export const effectiveLevel = (level: number | undefined): number =>
  level === undefined || level < 1 ? LZ4HC_DEFAULT_CLEVEL : Math.min(level, LZ4HC_MAX_CLEVEL);

interface Match { ip: number; ref: number; ml: number }

/** Compresses `src` into `w` (which may only count); returns the block length. */
export function compressHc(src: Uint8Array, level: number | undefined, w: SequenceWriter): number {
  const attempts = 1 << (effectiveLevel(level) - 1);
  const h = newHcState(src);
  const iend = src.length, mflimit = iend - MFLIMIT, matchlimit = iend - LASTLITERALS;
  const f: Found = { len: 0, ref: 0, start: 0 };
  let ip = 1;
  while (ip < mflimit) {
    const ml = findBestMatch(h, ip, matchlimit, attempts, f);
    if (!ml) { ip++; continue; }
    ip = matchRun(h, { ip, ref: f.ref, ml }, { mflimit, matchlimit, attempts }, w, f);
  }
  return w.finish(src, iend);
}

interface Limits { mflimit: number; matchlimit: number; attempts: number }

/** The _Search2/_Search3 state machine from one first match; returns the next position. */
function matchRun(h: ReturnType<typeof newHcState>, first: Match, L: Limits, w: SequenceWriter, f: Found): number {
  let cur = { ...first };
  let m0 = { ...first };
  let m2: Match = { ip: 0, ref: 0, ml: 0 };
  let m3: Match = { ip: 0, ref: 0, ml: 0 };
  let stage: 2 | 3 = 2;
  for (;;) {
    if (stage === 2) {
      m2.ml = cur.ip + cur.ml < L.mflimit
        ? getWiderMatch(h, cur.ip + cur.ml - 2, cur.ip, L.matchlimit, cur.ml, L.attempts, f) : cur.ml;
      if (m2.ml === cur.ml) { w.sequence(cur.ip, cur.ref, cur.ml); return cur.ip + cur.ml; }
      m2 = { ip: f.start, ref: f.ref, ml: m2.ml };
      if (m0.ip < cur.ip && m2.ip < cur.ip + m0.ml) cur = { ...m0 }; // "empirical"
      if (m2.ip - cur.ip < 3) { cur = { ...m2 }; continue; } // first match too small: dropped
      stage = 3;
    }
    if (m2.ip - cur.ip < OPTIMAL_ML) {
      let newMl = Math.min(cur.ml, OPTIMAL_ML);
      if (cur.ip + newMl > m2.ip + m2.ml - MINMATCH) newMl = m2.ip - cur.ip + m2.ml - MINMATCH;
      const correction = newMl - (m2.ip - cur.ip);
      if (correction > 0) m2 = { ip: m2.ip + correction, ref: m2.ref + correction, ml: m2.ml - correction };
    }
    m3.ml = m2.ip + m2.ml < L.mflimit
      ? getWiderMatch(h, m2.ip + m2.ml - 3, m2.ip, L.matchlimit, m2.ml, L.attempts, f) : m2.ml;
    if (m3.ml === m2.ml) { // no better match: two sequences
      w.sequence(cur.ip, cur.ref, m2.ip < cur.ip + cur.ml ? m2.ip - cur.ip : cur.ml);
      w.sequence(m2.ip, m2.ref, m2.ml);
      return m2.ip + m2.ml;
    }
    m3 = { ip: f.start, ref: f.ref, ml: m3.ml };
    if (m3.ip < cur.ip + cur.ml + 3) { // no room for match 2
      if (m3.ip >= cur.ip + cur.ml) { // write match 1 now; match 3 becomes match 1
        if (m2.ip < cur.ip + cur.ml) {
          const c = cur.ip + cur.ml - m2.ip;
          m2 = { ip: m2.ip + c, ref: m2.ref + c, ml: m2.ml - c };
          if (m2.ml < MINMATCH) m2 = { ...m3 };
        }
        w.sequence(cur.ip, cur.ref, cur.ml);
        cur = { ...m3 };
        m0 = { ...m2 };
        stage = 2;
        continue;
      }
      m2 = { ...m3 };
      continue;
    }
    // three ascending matches: write at least the first
    if (m2.ip < cur.ip + cur.ml) {
      if (m2.ip - cur.ip < ML_MASK) {
        let ml = Math.min(cur.ml, OPTIMAL_ML);
        if (cur.ip + ml > m2.ip + m2.ml - MINMATCH) ml = m2.ip - cur.ip + m2.ml - MINMATCH;
        const c = ml - (m2.ip - cur.ip);
        if (c > 0) m2 = { ip: m2.ip + c, ref: m2.ref + c, ml: m2.ml - c };
        cur.ml = ml;
      } else cur.ml = m2.ip - cur.ip;
    }
    w.sequence(cur.ip, cur.ref, cur.ml);
    cur = { ...m2 };
    m2 = { ...m3 };
  }
}
