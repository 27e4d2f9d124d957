// `compare --sequential`: each configuration replayed in this thread, one after another, each
// opening the input itself and keeping compressed payloads: the path compare had before the
// pool, kept as the reference the parallel path is checked against (and for --target new).
import { kernelDeps } from '../device/deps';
import { BadInputError } from '../replay/bad-input';
import type { CompareConfig } from '../replay/compare-config';
import { costMeter } from '../replay/compress-cost';
import { locateInput } from '../replay/input';
import { ModelImplementation } from '../replay/model-implementation';
import { checkKernelConfig, replaySession } from '../replay/session';
import { makeTarget } from '../replay/targets';
import type { FoldOutcome } from './job';

export interface SequentialCompare {
  readonly input: string;
  readonly configs: readonly CompareConfig[];
  readonly kernelConfig: string;
  readonly target: string;
  readonly variant: string;
  readonly content: string;
  readonly every: number;
  readonly onProgress?: (index: number, done: number, total: number) => void;
}

export async function compareSequential(o: SequentialCompare): Promise<FoldOutcome[]> {
  locateInput(o.input); // a missing or foreign input is one error, not one per configuration
  const outcomes: FoldOutcome[] = [];
  for (const [index, c] of o.configs.entries()) {
    const cfg = checkKernelConfig(o.kernelConfig, c.knobs);
    const meter = o.target === 'model' ? costMeter({ ...kernelDeps, kernelConfig: cfg }) : null;
    const target = makeTarget(o.target, o.variant, cfg); // also checks --target and --variant
    try {
      const { report } = await replaySession({ input: o.input, knobs: c.knobs, kernelConfig: cfg, variant: o.variant,
        content: o.content, every: o.every, onProgress: o.onProgress && ((d, t) => o.onProgress!(index, d, t)),
        target: meter ? async () => new ModelImplementation(o.variant, meter.deps) : target });
      outcomes.push({ ok: true, report, cost: { pages: meter?.pages() ?? 0, nsPerPage: meter?.nsPerPage() ?? null } });
    } catch (e) {
      if (!(e instanceof BadInputError)) throw e;
      outcomes.push({ ok: false, badInput: true, message: e.message });
    }
  }
  return outcomes;
}
