// The scenario's init steps, run in order before any thread starts (they must not block).
import { ScenarioError } from './errors';
import { stepLabel } from './scenario';
import { advance, initialSide, rebuild, type Machine, type Side } from './side';
import { stepEvent } from './steps';

export function runInit(m: Machine): { side: Side; texts: string[] } {
  let side = initialSide(m.sc);
  for (const st of m.sc.init) {
    const dev = rebuild(m, side);
    const waits = m.lt.waitsFor(dev, stepEvent(m.sc, st));
    if (waits !== null) throw new ScenarioError(m.sc.sources[st.src].line, `init step '${stepLabel(m.sc, st)}' blocks under ${m.lt.name}: ${waits}`);
    side = advance(m, side, dev, st);
  }
  const srcs = [...new Set(m.sc.init.map((st) => st.src))];
  return { side, texts: srcs.map((src) => `${m.sc.sources[src].text} → ${side.results[src]}`) };
}
