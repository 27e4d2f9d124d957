// One replay from an input file to outputs files and a report: input → contents → what-if knobs
// → checks → implementation → outputs (+ timing) and the report, all as one stream. Outputs are
// written to temporary files and renamed at the end, so a failed replay leaves nothing behind.
import { COMP_ALGORITHMS } from '../compress/types';
import { ReportBuilder, type Report } from '../report';
import { BadInputError } from './bad-input';
import { VERSION } from '../version';
import { fillContent, parseContentMode } from './content-fill';
import type { Implementation } from './implementation';
import { checkInput } from './input-check';
import { openInput } from './input';
import { applyKnobs, type Knobs } from './knobs';
import { LineFile } from './line-file';
import { formatLosses, type InputLosses } from './losses';
import { OUTPUTS_FORMAT, OUTPUTS_VERSION, formatRecord, type OutputEnd, type ReplayOptionsRecord } from './outputs';
import { runReplay } from './run';
import { timingPathFor } from './timing';

export interface SessionOptions {
  readonly input: string;
  readonly out?: string;                // outputs file; its timing goes to OUT.timing.jsonl
  readonly knobs: Knobs;
  readonly variant: string;
  readonly content: string;             // exact | synthetic:SPEC | image:FILE
  readonly every: number;
  readonly pace?: boolean;
  /** Creates the implementation once the input is known to open. */
  readonly target: () => Promise<Implementation>;
  readonly onProgress?: (done: number, total: number) => void;
  readonly onWarning?: (message: string) => void;
  /** Replay a bundle whose trace is damaged (what was decoded) instead of refusing it. */
  readonly allowDamage?: boolean;
}

export function optionsRecord(o: SessionOptions): ReplayOptionsRecord {
  const k = o.knobs;
  return { algorithm: k.algorithm ?? '', params: k.params ?? '', disksize: k.disksize ?? '', memLimit: k.memLimit ?? '',
    variant: o.variant, content: o.content, every: o.every };
}

/** A what-if algorithm must be one the model and this kernel know. */
function checkKnobs(k: Knobs): void {
  if (k.algorithm !== undefined && !(COMP_ALGORITHMS as readonly string[]).includes(k.algorithm)) {
    throw new BadInputError(`--algorithm '${k.algorithm}': expected one of ${COMP_ALGORITHMS.join(', ')}`);
  }
}

export async function replaySession(o: SessionOptions): Promise<{ report: Report; end: OutputEnd; losses: InputLosses | null }> {
  checkKnobs(o.knobs);
  const mode = parseContentMode(o.content);
  const input = openInput(o.input, o.content, { allowDamage: o.allowDamage });
  for (const w of input.warnings ?? []) o.onWarning?.(w);
  const files = o.out ? { out: new LineFile(o.out), timing: new LineFile(timingPathFor(o.out)) } : null;
  const builder = new ReportBuilder();
  let impl: Implementation | null = null;
  try {
    impl = await o.target();
    const events = checkInput(applyKnobs(fillContent(input.events, mode), o.knobs));
    const end = await runReplay(impl, events, {
      output: (r) => { builder.add(r); files?.out.write(formatRecord(r)); },
      timing: (t) => { builder.addTiming(t); files?.timing.write(JSON.stringify(t) + '\n'); },
    }, {
      header: { format: OUTPUTS_FORMAT, version: OUTPUTS_VERSION, toolVersion: VERSION, inputDigest: input.digest,
        inputName: input.name, options: optionsRecord(o) },
      every: o.every, pace: o.pace,
      onEvent: o.onProgress ? () => { const p = input.progress(); o.onProgress!(p.done, p.total); } : undefined,
    });
    const losses = input.losses?.() ?? null;
    const lost = losses ? formatLosses(losses) : '';
    if (lost) o.onWarning?.(lost);
    files?.out.commit();
    files?.timing.commit();
    return { report: builder.build(), end, losses };
  } finally {
    files?.out.abort();
    files?.timing.abort();
    input.close();
    await impl?.close();
  }
}
