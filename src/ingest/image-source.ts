// (c) Contents read from an image file at the bio's offset (sector * 512 + page * 4096), e.g. a
// copy of the device taken after the run or the file a workload wrote. Bytes past the end of
// the file read as zeros.
import * as fs from 'node:fs';
import { openRegular } from '../input/read-bounded';
import { PAGE_SIZE, SECTOR_SIZE } from '../units';
import { ContentSource } from './content-source';

export function imageContent(file: string): ContentSource & { close(): void } {
  const fd = openRegular(file); // a FIFO or a missing file: a one-line bad-input error, no hang
  let open = true;
  return {
    description: `image:${file}`,
    page(bio, i) {
      const buf = new Uint8Array(PAGE_SIZE);
      fs.readSync(fd, buf, 0, PAGE_SIZE, bio.sector * SECTOR_SIZE + i * PAGE_SIZE);
      return buf;
    },
    close: () => { if (open) { open = false; fs.closeSync(fd); } }, // the input and its stream both close it
  };
}
