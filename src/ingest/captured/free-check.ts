// The inferred frees checked against the kernel: io_stat notify_free counts +1 per swap slot free
// notification (busy or not) and +1 per whole page of every discard and write-zeroes bio
// (zram-6.18.md §4.5, §4.7), so at every sample the kernel's count must equal the start value plus
// what the bundle's events add before it.
import { intervalOf, type SampleCounters } from './sample-counters';

export interface TimedFrees { readonly at: bigint; readonly pages: number }

export interface FreeCheck {
  samples: number;
  agree: number;
  first?: { sample: number; label: string; inferred: number; kernel: number };
}

/** `base`: notify_free before anything in the bundle (0 on a device the recorder created); null
 * takes it from the first sample (then that sample agrees by construction). */
export function checkNotifyFree(samples: readonly SampleCounters[], frees: readonly TimedFrees[],
  base: number | null): FreeCheck {
  const per = new Array<number>(samples.length + 1).fill(0);
  for (const f of frees) per[intervalOf(samples, f.at)] += f.pages;
  const out: FreeCheck = { samples: samples.length, agree: 0 };
  let expected = base ?? (samples.length ? samples[0].notifyFree - per[0] : 0);
  let last = -1;
  samples.forEach((s, i) => {
    if (s.notifyFree < last) expected = s.notifyFree - per[i]; // a reset zeroed io_stat: count from here
    last = s.notifyFree;
    expected += per[i];
    if (expected === s.notifyFree) out.agree++;
    else if (!out.first) out.first = { sample: i, label: s.label, inferred: expected, kernel: s.notifyFree };
  });
  return out;
}
