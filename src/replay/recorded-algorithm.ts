// The compressor a log's device uses for its first pages, read from the log's first events: a
// replay without --algorithm can then compress ahead too (fold-pages.ts). Only a guess for
// speed: a worker's result is used only where the fold's algorithm and params match it
// (compressPage), so a wrong or missed guess costs time, never an output.
import { DEFAULT_COMP_ALGORITHM } from '../compress/types';
import { LogReader } from '../log/reader';

/** Events looked at, at most: the stores before disksize come first in any recording. */
const PEEK_EVENTS = 256;

/**
 * The comp_algorithm in effect when the log's device first gets a disksize (stores of it after
 * that fail until a reset): the last one stored before, else the kernel's default. null where
 * algorithm_params was stored first (not the default params the worker uses), where no disksize
 * comes within the first events, or where the log cannot be read (the replay says why).
 */
export function recordedAlgorithm(logPath: string): string | null {
  let reader: LogReader | null = null;
  try {
    reader = LogReader.open(logPath);
    let alg: string = DEFAULT_COMP_ALGORITHM;
    for (let i = 0; i < PEEK_EVENTS; i++) {
      const r = reader.next();
      if (r === null) return null;
      const e = r.event;
      if (e.type === 'ResetCompleted') alg = DEFAULT_COMP_ALGORITHM;
      if (e.type !== 'AttrStored') continue;
      if (e.attr === 'disksize') return alg;
      if (e.attr === 'algorithm_params') return null;
      if (e.attr === 'comp_algorithm') alg = e.value.trim();
    }
    return null;
  } catch {
    return null;
  } finally {
    reader?.close();
  }
}
