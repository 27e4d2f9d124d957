// Checks every event before an implementation sees it, so bad input stops the replay with a
// clear message instead of becoming a confusing result: a write without its contents, and a
// bio that falls outside the disksize in force (a trace of another device, or a --disksize
// what-if that is too small). The disksize is followed as disksize_store/reset change it.
import { memparse } from '../device/sysfs/parse';
import type { Recorded, ZramEvent } from '../events/types';
import { PAGE_SIZE, SECTOR_SIZE } from '../units';
import { BadInputError } from './bad-input';

/** The disksize in force (a fold snapshot carries it). */
export interface CheckState { disksize: number }

/** The check of one event, called by the driver as each event comes (a function, not a stream
 * stage: a generator layer resumed per event cost more than the check itself). */
export function inputChecker(state: CheckState = { disksize: 0 }): (r: Recorded<ZramEvent>) => void {
  return (r) => {
    const e = r.event;
    if (e.type === 'AttrStored' && e.attr === 'disksize' && state.disksize === 0) {
      state.disksize = Math.ceil(Number(memparse(e.value).value) / PAGE_SIZE) * PAGE_SIZE;
    } else if (e.type === 'ResetCompleted') {
      state.disksize = 0;
    } else if (e.type === 'BioQueued') {
      checkBio(r.seq, e, state.disksize);
    }
  };
}

function checkBio(seq: number, e: Extract<ZramEvent, { type: 'BioQueued' }>, disksize: number): void {
  const pagesOk = e.op !== 'write' || e.pages.length * PAGE_SIZE === e.bytes;
  const end = e.sector * SECTOR_SIZE + e.bytes;
  if (pagesOk && (e.op === 'flush' || (disksize !== 0 && end <= disksize))) return; // the common case: no message built
  const what = `bio ${e.bioId} (event ${seq}, ${e.op} of ${e.bytes} bytes at sector ${e.sector})`;
  if (!pagesOk) {
    throw new BadInputError(e.pages.length === 0
      ? `${what} is a write with no content: give --content synthetic:SPEC or --content image:FILE`
      : `${what} carries ${e.pages.length} pages for ${e.bytes} bytes`);
  }
  if (disksize === 0) throw new BadInputError(`${what} comes before the device has a disksize`);
  throw new BadInputError(`${what} ends at byte ${end}, outside the disksize ${disksize}`);
}
