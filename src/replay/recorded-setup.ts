// The compressor setup a log's device starts with, read from the log's first events: a replay
// without --algorithm or --params can then compress ahead too (fold-pages.ts). Only a guess
// for speed: a worker's result is used only where the fold's algorithm and params match it
// (compressPage), so a wrong or missed guess costs time, never an output.
import { DEFAULT_COMP_ALGORITHM } from '../compress/types';
import { LogReader } from '../log/reader';

/** Events looked at, at most: the stores before disksize come first in any recording. */
const PEEK_EVENTS = 256;

/** comp_algorithm's value, and algorithm_params' text (null: none stored since the last reset). */
export interface RecordedSetup { readonly algorithm: string; readonly params: string | null }

/**
 * The comp_algorithm and algorithm_params in effect when the log's device first gets a disksize
 * (zcomp is created then): the last ones stored before it (an algorithm among `backends`, the
 * kernel's built-in ones), else the kernel's defaults, as a reset brings them back. null where
 * no disksize comes within the first events, or where the log cannot be read (the replay says why).
 */
export function recordedSetup(logPath: string, backends: readonly string[]): RecordedSetup | null {
  let reader: LogReader | null = null;
  try {
    reader = LogReader.open(logPath);
    let algorithm: string = DEFAULT_COMP_ALGORITHM;
    let params: string | null = null;
    for (let i = 0; i < PEEK_EVENTS; i++) {
      const r = reader.next();
      if (r === null) return null;
      const e = r.event;
      if (e.type === 'ResetCompleted') { algorithm = DEFAULT_COMP_ALGORITHM; params = null; }
      if (e.type !== 'AttrStored') continue;
      if (e.attr === 'disksize') return { algorithm, params };
      if (e.attr === 'algorithm_params') params = e.value;
      if (e.attr !== 'comp_algorithm') continue;
      const name = e.value.endsWith('\n') ? e.value.slice(0, -1) : e.value;
      if (backends.includes(name)) algorithm = name; // the kernel refuses any other (EINVAL)
    }
    return null;
  } catch {
    return null;
  } finally {
    reader?.close();
  }
}
