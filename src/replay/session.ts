// One replay from an input file to outputs files and a report: input → contents → what-if knobs
// → checks → implementation → outputs (+ timing) and the report, all as one stream. Outputs are
// written to temporary files and renamed at the end, so a failed replay leaves nothing behind.
import { KERNEL_CONFIGS, builtInBackends, isKernelConfig, type KernelConfig } from '../compress/profile';
import { loadBackends } from '../compress/registry';
import { ALL_COMP_ALGORITHMS } from '../compress/types';
import type { Recorded, ZramEvent } from '../events/types';
import { ReportBuilder, type Report } from '../report';
import { BadInputError } from './bad-input';
import { VERSION } from '../version';
import { fillContent, parseContentMode } from './content-fill';
import type { Implementation } from './implementation';
import { checkInput } from './input-check';
import { openInput } from './input';
import { applyKnobs, type Knobs } from './knobs';
import { LineFile } from './line-file';
import { OUTPUTS_FORMAT, OUTPUTS_VERSION, formatRecord, type OutputEnd, type ReplayOptionsRecord } from './outputs';
import { runReplay } from './run';
import { timingPathFor } from './timing';

export interface SessionOptions {
  readonly input: string;
  readonly out?: string;                // outputs file; its timing goes to OUT.timing.jsonl
  readonly knobs: Knobs;
  /** The kernel build profile the model runs as (--kernel-config); default 'default'. */
  readonly kernelConfig?: string;
  readonly variant: string;
  readonly content: string;             // exact | synthetic:SPEC | image:FILE
  readonly every: number;
  readonly pace?: boolean;
  /** Creates the implementation once the input is known to open. */
  readonly target: () => Promise<Implementation>;
  readonly onProgress?: (done: number, total: number) => void;
  readonly onWarning?: (message: string) => void;
}

export function optionsRecord(o: SessionOptions): ReplayOptionsRecord {
  const k = o.knobs;
  return { algorithm: k.algorithm ?? '', params: k.params ?? '', disksize: k.disksize ?? '', memLimit: k.memLimit ?? '',
    variant: o.variant, content: o.content, every: o.every, kernelConfig: o.kernelConfig ?? 'default' };
}

/** The profile must exist, and a what-if algorithm must be built into it. */
export function checkKernelConfig(name: string | undefined, k: Knobs): KernelConfig {
  const cfg = name ?? 'default';
  if (!isKernelConfig(cfg)) {
    throw new BadInputError(`--kernel-config '${cfg}': expected one of ${Object.keys(KERNEL_CONFIGS).join(', ')}`);
  }
  const built = builtInBackends(cfg);
  if (k.algorithm !== undefined && !(built as readonly string[]).includes(k.algorithm)) {
    const hint = (ALL_COMP_ALGORITHMS as readonly string[]).includes(k.algorithm)
      ? ` (${k.algorithm} is not built into this kernel: add --kernel-config all-backends for a what-if)` : '';
    throw new BadInputError(`--algorithm '${k.algorithm}': expected one of ${built.join(', ')}${hint}`);
  }
  if (k.params !== undefined && /(^|\s)dict=/.test(k.params)) {
    throw new BadInputError(`--param '${k.params}': dict= is not modelled (the kernel loads the file into a zstd/lz4 `
      + 'dictionary the model does not have); drop it');
  }
  return cfg;
}

export async function replaySession(o: SessionOptions): Promise<{ report: Report; end: OutputEnd }> {
  const cfg = checkKernelConfig(o.kernelConfig, o.knobs);
  if (cfg !== 'default') await loadBackends();
  const mode = parseContentMode(o.content);
  const input = openInput(o.input, o.content);
  for (const w of input.warnings ?? []) o.onWarning?.(w);
  const files = o.out ? { out: new LineFile(o.out), timing: new LineFile(timingPathFor(o.out)) } : null;
  const builder = new ReportBuilder();
  let impl: Implementation | null = null;
  try {
    impl = await o.target();
    const seen: string[] = [];
    const events = noteAlgorithms(checkInput(applyKnobs(fillContent(input.events, mode), o.knobs)), seen);
    const end = await runReplay(impl, events, {
      output: (r) => { builder.add(r); files?.out.write(formatRecord(r)); },
      timing: (t) => { builder.addTiming(t); files?.timing.write(JSON.stringify(t) + '\n'); },
    }, {
      header: { format: OUTPUTS_FORMAT, version: OUTPUTS_VERSION, toolVersion: VERSION, inputDigest: input.digest,
        inputName: input.name, options: optionsRecord(o) },
      every: o.every, pace: o.pace,
      onEvent: o.onProgress ? () => { const p = input.progress(); o.onProgress!(p.done, p.total); } : undefined,
    });
    files?.out.commit();
    files?.timing.commit();
    builder.setAlgorithmsSeen(seen.filter((a) => (builtInBackends(cfg) as readonly string[]).includes(a)));
    return { report: builder.build(), end };
  } finally {
    files?.out.abort();
    files?.timing.abort();
    input.close();
    await impl?.close();
  }
}

/** Passes events through, noting each comp_algorithm the replay stores (for the report's tier). */
async function* noteAlgorithms(events: AsyncIterable<Recorded<ZramEvent>>, seen: string[]): AsyncGenerator<Recorded<ZramEvent>> {
  for await (const r of events) {
    if (r.event.type === 'AttrStored' && r.event.attr === 'comp_algorithm') {
      const alg = r.event.value.trim();
      if (!seen.includes(alg)) seen.push(alg);
    }
    yield r;
  }
}
