// Scenario text → Scenario. Errors name the line: unknown steps, impossible orders (a completion
// before its queue, or in another thread), and scenarios too large to explore (limits.ts).
import type { IoContext, StoreAttr } from '../events/types';
import { ScenarioError } from './errors';
import { checkLimits } from './limits';
import type { BioOpName, Scenario, SourceStep, Step, StepOp, Thread } from './scenario';

export { ScenarioError };

const STEP_NAMES = 'open, close, read, write, discard, queue, complete, reset, disksize, store';
const STORE_ATTRS: readonly string[] = ['disksize', 'comp_algorithm', 'algorithm_params', 'mem_limit',
  'mem_used_max', 'compact', 'idle'];
const BIO_OPS: readonly string[] = ['read', 'write', 'discard'];

class Builder {
  readonly steps: Step[] = [];
  readonly sources: SourceStep[] = [];
  readonly bioIds = new Map<string, number>();
  private readonly queuedIn = new Map<string, number>();
  private readonly completed = new Set<string>();

  private line = 0;
  private thread = -1;
  private out: Step[] = [];

  fail(msg: string): never { throw new ScenarioError(this.line, msg); }
  at(line: number, thread: number, out: Step[]): void {
    this.line = line;
    this.thread = thread;
    this.out = out;
  }

  source(text: string, parts: [StepOp, string][]): void {
    const src = this.sources.length;
    this.sources.push({ text, line: this.line, thread: this.thread });
    for (const [op, part] of parts) {
      const st: Step = { id: this.steps.length, thread: this.thread, src, op, part };
      this.steps.push(st);
      this.out.push(st);
    }
  }

  queue(name: string, op: BioOpName, page: number, pages: number): StepOp {
    if (this.bioIds.has(name)) this.fail(`bio '${name}' is queued twice`);
    this.bioIds.set(name, this.bioIds.size + 1);
    this.queuedIn.set(name, this.thread);
    return { kind: 'queue', bio: name, op, page, pages };
  }

  complete(name: string): StepOp {
    const t = this.queuedIn.get(name);
    if (t === undefined) this.fail(`complete ${name} comes before its queue (impossible order)`);
    if (t !== this.thread) this.fail(`complete ${name}: the bio was queued in another thread; a bio completes where it was queued`);
    if (this.completed.has(name)) this.fail(`bio '${name}' completes twice`);
    this.completed.add(name);
    return { kind: 'complete', bio: name };
  }
}

function num(b: Builder, word: string | undefined, what: string, min: number, max: number): number {
  if (word === undefined || !/^\d+$/.test(word) || Number(word) < min || Number(word) > max) {
    b.fail(`${what} must be an integer from ${min} to ${max}, got '${word ?? ''}'`);
  }
  return Number(word);
}

function bioArgs(b: Builder, w: string[], at: number): [number, number] {
  if (w.length > at + 2) b.fail(`too many words in '${w.join(' ')}'`);
  return [num(b, w[at], 'page', 0, 1 << 20), w[at + 1] === undefined ? 1 : num(b, w[at + 1], 'page count', 1, 256)];
}

function parseStep(b: Builder, text: string): void {
  const w = text.split(/\s+/);
  const auto = `#${b.steps.length}`;
  switch (w[0]) {
    case 'open': case 'close':
      if (w.length > 1) b.fail(`'${w[0]}' takes no arguments`);
      return b.source(text, [[{ kind: w[0] }, '']]);
    case 'read': case 'write': case 'discard': {
      const [page, pages] = bioArgs(b, w, 1);
      return b.source(text, [[b.queue(auto, w[0], page, pages), 'Q'], [b.complete(auto), 'C']]);
    }
    case 'queue': {
      if (!w[1] || !BIO_OPS.includes(w[2])) b.fail(`expected 'queue NAME read|write|discard PAGE [COUNT]'`);
      const [page, pages] = bioArgs(b, w, 3);
      return b.source(text, [[b.queue(w[1], w[2] as BioOpName, page, pages), '']]);
    }
    case 'complete':
      if (w.length !== 2) b.fail(`expected 'complete NAME'`);
      return b.source(text, [[b.complete(w[1]), '']]);
    case 'reset':
      return b.source(text, [[{ kind: 'resetRequest', value: w.slice(1).join(' ') || '1' }, 'request'],
        [{ kind: 'resetComplete' }, 'done']]);
    case 'disksize':
      if (w.length !== 2) b.fail(`expected 'disksize SIZE'`);
      return b.source(text, [[{ kind: 'store', attr: 'disksize', value: w[1] }, '']]);
    case 'store':
      if (!STORE_ATTRS.includes(w[1]) || w.length < 3) b.fail(`expected 'store ATTR VALUE' with ATTR one of ${STORE_ATTRS.join(', ')}`);
      return b.source(text, [[{ kind: 'store', attr: w[1] as Exclude<StoreAttr, 'reset'>, value: w.slice(2).join(' ') }, '']]);
    default:
      b.fail(`unknown step '${w[0]}' (known: ${STEP_NAMES})`);
  }
}

const HEADER = /^(?:init|thread\s+([A-Za-z]\w*)\s+(process|reclaim))\s*:(.*)$/;

export function parseScenario(text: string, name = 'scenario'): Scenario {
  const init: Step[] = [];
  const threads: Thread[] = [];
  const b = new Builder();
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/#.*$/, '').trim();
    if (line === '') return;
    const m = HEADER.exec(line);
    if (!m) throw new ScenarioError(i + 1, `expected 'init: STEPS' or 'thread NAME process|reclaim: STEPS', got '${line}'`);
    const steps: Step[] = m[1] ? [] : init;
    if (m[1] && threads.some((t) => t.name === m[1])) throw new ScenarioError(i + 1, `thread ${m[1]} is defined twice`);
    b.at(i + 1, m[1] ? threads.length : -1, steps);
    const texts = m[3].split(';').map((s) => s.trim()).filter((s) => s !== '');
    if (texts.length === 0) b.fail('no steps');
    for (const t of texts) parseStep(b, t);
    if (m[1]) {
      threads.push({ name: m[1], context: m[2] as IoContext, line: i + 1, steps,
        usesFd: steps.some((s) => s.op.kind === 'open') });
      checkLimits(threads, i + 1);
    }
  });
  if (threads.length === 0) throw new ScenarioError(1, 'no threads: add a line `thread NAME process|reclaim: STEPS`');
  return { name, init, threads, steps: b.steps, sources: b.sources, bioIds: b.bioIds };
}
