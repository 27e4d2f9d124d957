// How big compare's shared memo is: a log stores each distinct page content once, so its size
// over the page size bounds the contents; each distinct (algorithm, params) of the
// configurations, plus the log's own, may hold a length for each.
import { memoSlots, newMemoBuffer } from '../compress/memo';
import type { CompareConfig } from '../replay/compare-config';
import { groupKey } from './assign';

export function memoBufferFor(logBytes: number, pageSize: number,
  configs: readonly CompareConfig[]): SharedArrayBuffer {
  const groups = new Set(configs.map(groupKey)).size + 1;
  return newMemoBuffer(memoSlots(Math.ceil(logBytes / pageSize), groups));
}
