// What one finished (or stuck) run of a design shows: every step's result, in scenario order,
// and the final statistics. Equal texts are one outcome.
import type { DeviceState } from '../device/state';
import { showAttr } from '../device/sysfs/show';
import type { Scenario } from './scenario';
import type { Machine, Side, Status } from './side';

/** A stat attribute's text on one line, as outcomes show it (the kernel pads with spaces). */
export const statLine = (text: string): string => text.trim().replace(/\s+/g, ' ');

const attr = (s: DeviceState, name: string): string => {
  const r = showAttr(s, name);
  return 'text' in r ? statLine(r.text) : r.errno;
};

/** The outcome form, from each source step's shown result and the final stat lines (the
 * kernel check builds the same text from system calls: src/explore/kernel/). */
export function formatOutcome(sc: Scenario, shown: (src: number, thread: number) => string, mmStat: string,
  ioStat: string): string {
  const lines = sc.threads.map((th, t) => {
    const srcs = [...new Set(th.steps.map((st) => st.src))];
    return `${th.name}: ${srcs.map((src) => `${sc.sources[src].text} → ${shown(src, t)}`).join('; ')}`;
  });
  lines.push(`mm_stat: ${mmStat}`, `io_stat: ${ioStat}`);
  return lines.join('\n');
}

export function outcomeText(m: Machine, side: Side, dev: DeviceState, statuses: readonly Status[]): string {
  return formatOutcome(m.sc, (src, t) => {
    const th = m.sc.threads[t];
    const blocked = statuses[t].kind === 'blocked' && th.steps[side.pcs[t]]?.src === src;
    return blocked ? `blocked for ever (${(statuses[t] as { reason: string }).reason})` : side.results[src] ?? 'not run';
  }, attr(dev, 'mm_stat'), attr(dev, 'io_stat'));
}
