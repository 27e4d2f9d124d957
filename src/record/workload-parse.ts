// Parses a workload file (format: traces/README.md "Workload files"): one step per line,
// `verb key=value ...`, `#` comments. Errors are WorkloadError naming the line and the field.
import * as path from 'node:path';
import { LineFields, PAGE } from './workload-fields';
import { checkSwapSteps, parseSwapStep } from './workload-swap-parse';
import { StepSpec, Workload, WorkloadError, WorkloadStep } from './workload-types';

type StepBody = StepSpec;

function seq(f: LineFields, verb: 'write' | 'read', baseDir: string): StepBody {
  const start = f.size('start', '0');
  const size = f.size('size');
  const bs = f.bs('128K');
  if (size === 0) f.fail('size', 'must not be 0');
  const content = verb === 'write' ? f.content(baseDir) : null;
  const seed = verb === 'write' ? f.int('seed', '1', 0, 2 ** 32 - 1) : 0;
  return { verb, start, size, bs, content, seed, onError: f.onError() };
}

function rand(f: LineFields, verb: 'randwrite' | 'randrw', baseDir: string): StepBody {
  const start = f.size('start', '0');
  const size = f.size('size');
  const bs = f.bs('4K');
  const threads = f.int('threads', '1', 1, 16);
  if (size < bs * threads) f.fail('size', `range of ${size} bytes is too small for bs=${bs} on ${threads} threads`);
  if (size % bs !== 0) f.fail('size', `must be a multiple of bs (${bs})`);
  return { verb, start, size, bs, threads, count: f.int('count', undefined, 1, 10_000_000),
    readFraction: verb === 'randrw' ? f.fraction('read', '0.3') : 0,
    content: f.content(baseDir), seed: f.int('seed', '1', 0, 2 ** 32 - 1), onError: f.onError() };
}

function range(f: LineFields, verb: 'discard' | 'zeroout'): StepBody {
  const off = f.size('off', '0');
  const len = f.size('len');
  if (len === 0) f.fail('len', 'must not be 0');
  const bs = f.has('bs') ? f.size('bs') : len;
  if (bs === 0) f.fail('bs', 'must not be 0');
  const stride = f.has('stride') ? f.size('stride') : bs;
  if (stride < bs) f.fail('stride', `must be at least bs (${bs})`);
  return { verb, off, len, bs, stride, onError: f.onError() };
}

function parseLine(f: LineFields, positional: string[], baseDir: string): StepBody {
  if (positional.length > (f.verb === 'mem_limit' || f.verb === 'drop_caches' ? 1 : 0)) f.fail(null, `unexpected '${positional.at(-1)}' (fields are key=value)`);
  switch (f.verb) {
    case 'write': case 'seqwrite': case 'overwrite': return seq(f, 'write', baseDir);
    case 'read': case 'seqread': return seq(f, 'read', baseDir);
    case 'randwrite': case 'randrw': return rand(f, f.verb, baseDir);
    case 'discard': case 'zeroout': return range(f, f.verb);
    case 'compact': case 'mem_used_max': case 'sample': return { verb: f.verb };
    case 'mem_limit': {
      const value = positional[0] ?? f.raw('value');
      if (!/^\d+[kKmMgG]?$/.test(value)) f.fail('value', `'${value}' is not a size (0 removes the limit)`);
      return { verb: 'mem_limit', value };
    }
    case 'drop_caches': {
      const value = positional[0] ?? f.raw('value', '2');
      if (value !== '1' && value !== '2' && value !== '3') f.fail('value', `'${value}' is not 1, 2 or 3 (2 runs the shrinkers)`);
      return { verb: 'drop_caches', value: value as '1' | '2' | '3' };
    }
    default:
      return parseSwapStep(f, baseDir) ?? f.fail('verb', `unknown step '${f.verb}' (write, overwrite, read, randwrite, ` +
        'randrw, discard, zeroout, compact, mem_limit, mem_used_max, drop_caches, sample; swap, alloc, touch, free, exit, swapoff)');
  }
}

export function parseWorkload(text: string, file = '<workload>'): Workload {
  const steps: WorkloadStep[] = [];
  const baseDir = path.dirname(file);
  text.split('\n').forEach((rawLine, i) => {
    const line = i + 1;
    const body = rawLine.replace(/#.*/, '').trim();
    if (body === '') return;
    const [verb, ...tokens] = body.split(/\s+/);
    const kv = new Map<string, string>();
    const positional: string[] = [];
    for (const t of tokens) {
      const eq = t.indexOf('=');
      if (eq <= 0) { positional.push(t); continue; }
      const key = t.slice(0, eq);
      if (kv.has(key)) throw new WorkloadError(file, line, key, 'given twice');
      kv.set(key, t.slice(eq + 1));
    }
    const f = new LineFields(file, line, verb, kv);
    const step = parseLine(f, positional, baseDir);
    f.checkAllUsed();
    steps.push({ ...step, line } as WorkloadStep);
  });
  if (!steps.some((s) => s.verb !== 'sample')) throw new WorkloadError(file, 1, null, 'the workload has no steps');
  checkSwapSteps(file, steps);
  return { file, text, steps };
}

/** The furthest byte a step touches, to check against the disksize before recording. */
export function stepEnd(s: WorkloadStep): number {
  if ('start' in s) return s.start + s.size;
  if ('off' in s) return s.off + s.len;
  return 0;
}

export { PAGE };
