// The event each step stands for, the pages its writes carry, and what a read returned, named
// after the write that stored it.
import { generatePage } from '../content';
import type { PagePayload, ZramEvent } from '../events/types';
import { PAGE_SIZE, bytes, sector } from '../units';
import type { Scenario, Step } from './scenario';

/** The fd a thread opens the device with (init steps use FD_BASE - 1). */
const FD_BASE = 100;
export const threadFd = (thread: number): number => FD_BASE + thread;

/** Pages already generated, by key: replays ask for the same few pages again and again. */
const pages = new Map<number, PagePayload>();

/** Page `p` of bio `bioId`: English-like text, distinct per bio and page, compressible. */
export function bioPage(bioId: number, p: number): PagePayload {
  const key = bioId * 1024 + p + 1;
  let page = pages.get(key);
  if (!page) {
    if (pages.size >= 4096) pages.clear();
    page = { key, data: generatePage('text', bioId, p) };
    pages.set(key, page);
  }
  return page;
}

export function stepEvent(sc: Scenario, st: Step): ZramEvent {
  const context = st.thread < 0 ? 'process' : sc.threads[st.thread].context;
  const op = st.op;
  switch (op.kind) {
    case 'open': return { type: 'DeviceOpened', fd: threadFd(st.thread) };
    case 'close': return { type: 'DeviceClosed', fd: threadFd(st.thread) };
    case 'queue': {
      const bioId = sc.bioIds.get(op.bio)!;
      const pages = op.op === 'write' ? Array.from({ length: op.pages }, (_, p) => bioPage(bioId, p)) : [];
      return { type: 'BioQueued', bioId, op: op.op, sector: sector(op.page * (PAGE_SIZE / 512)),
        bytes: bytes(op.pages * PAGE_SIZE), context, pages };
    }
    case 'complete': return { type: 'BioCompleted', bioId: sc.bioIds.get(op.bio)! };
    case 'resetRequest': return { type: 'ResetRequested', value: op.value + '\n', context };
    case 'resetComplete': return { type: 'ResetCompleted' };
    case 'store': return { type: 'AttrStored', attr: op.attr, value: op.value + '\n' };
  }
}

/** What a read returned, page by page: 0 (zeros), the write step that stored it, or '?'. */
export function dataTag(sc: Scenario, data: Uint8Array): string {
  const tags: string[] = [];
  for (let off = 0; off < data.length; off += PAGE_SIZE) {
    const page = data.subarray(off, off + PAGE_SIZE);
    tags.push(page.every((b) => b === 0) ? '0' : writerOf(sc, page));
  }
  return tags.join(',');
}

function writerOf(sc: Scenario, page: Uint8Array): string {
  for (const st of sc.steps) {
    if (st.op.kind !== 'queue' || st.op.op !== 'write') continue;
    const bioId = sc.bioIds.get(st.op.bio)!;
    for (let p = 0; p < st.op.pages; p++) {
      const d = bioPage(bioId, p).data;
      if (d.every((b, i) => b === page[i])) {
        const who = st.thread < 0 ? 'init' : sc.threads[st.thread].name;
        return `${who}.${sc.sources[st.src].text}${st.op.pages > 1 ? `[${p}]` : ''}`;
      }
    }
  }
  return '?';
}
