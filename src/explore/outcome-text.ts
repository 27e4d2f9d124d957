// What one finished (or stuck) run of a design shows: every step's result, in scenario order,
// and the final statistics. Equal texts are one outcome.
import type { DeviceState } from '../device/state';
import { showAttr } from '../device/sysfs/show';
import type { Scenario } from './scenario';
import type { Machine, Side, Status } from './side';

const attr = (s: DeviceState, name: string): string => {
  const r = showAttr(s, name);
  return 'text' in r ? r.text.trim().replace(/\s+/g, ' ') : r.errno;
};

export function outcomeText(m: Machine, side: Side, dev: DeviceState, statuses: readonly Status[]): string {
  const sc: Scenario = m.sc;
  const lines = sc.threads.map((th, t) => {
    const srcs = [...new Set(th.steps.map((st) => st.src))];
    const parts = srcs.map((src) => {
      const st = th.steps.find((x) => x.src === src)!;
      const blocked = statuses[t].kind === 'blocked' && th.steps[side.pcs[t]]?.src === src;
      const r = side.results[src];
      const shown = blocked ? `blocked for ever (${(statuses[t] as { reason: string }).reason})` : r ?? 'not run';
      return `${sc.sources[st.src].text} → ${shown}`;
    });
    return `${th.name}: ${parts.join('; ')}`;
  });
  lines.push(`mm_stat: ${attr(dev, 'mm_stat')}`, `io_stat: ${attr(dev, 'io_stat')}`);
  return lines.join('\n');
}
