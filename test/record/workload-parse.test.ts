// Workload files: what parses into which steps, and errors that name the line and the field.
import { parseWorkload } from '../../src/record/workload-parse';
import { planStep } from '../../src/record/workload-plan';
import { WorkloadError } from '../../src/record/workload-types';

const GOOD = `# a comment
write start=0 size=1M bs=128K content=mix:text:0.5,zeros:0.5 seed=7
randrw start=4M size=8M count=100 bs=4K read=0.25 threads=2 content=same:0xdeadbeef
   # indented comment

discard off=0 len=64K bs=4K stride=8K on_error=continue
zeroout off=1M len=256K
read start=0 size=64K
compact
mem_limit 64K
mem_used_max
sample
`;

describe('workload files', () => {
  test('every verb parses with its fields and defaults, lines are numbered from 1', () => {
    const w = parseWorkload(GOOD, 'good.wl');
    expect(w.steps.map((s) => [s.line, s.verb])).toEqual([[2, 'write'], [3, 'randrw'], [6, 'discard'], [7, 'zeroout'],
      [8, 'read'], [9, 'compact'], [10, 'mem_limit'], [11, 'mem_used_max'], [12, 'sample']]);
    expect(w.steps[0]).toMatchObject({ start: 0, size: 1 << 20, bs: 128 << 10, seed: 7, onError: 'fail', content: { kind: 'mix' } });
    expect(w.steps[1]).toMatchObject({ start: 4 << 20, count: 100, threads: 2, readFraction: 0.25 });
    expect(Array.from((w.steps[1] as { content: { pattern: Uint8Array } }).content.pattern)).toEqual([0xde, 0xad, 0xbe, 0xef]);
    expect(w.steps[2]).toMatchObject({ bs: 4096, stride: 8192, onError: 'continue' });
    expect(w.steps[3]).toMatchObject({ off: 1 << 20, len: 256 << 10, bs: 256 << 10 });
    expect(w.steps[6]).toMatchObject({ value: '64K' });
  });

  test('plans: sequential requests cover the range; threads own disjoint blocks', () => {
    const w = parseWorkload(GOOD, 'good.wl');
    const seq = planStep(w.steps[0] as never);
    expect(seq).toHaveLength(1);
    expect(seq[0].map((r) => r.off)).toEqual([0, 1, 2, 3, 4, 5, 6, 7].map((i) => i * 128 * 1024));
    expect(seq[0][3].data!().length).toBe(32);
    const rand = planStep(w.steps[1] as never);
    expect(rand.map((t) => t.length)).toEqual([50, 50]);
    rand.forEach((reqs, t) => reqs.forEach((r) => expect(((r.off - (4 << 20)) / 4096) % 2).toBe(t)));
    expect(rand.flat().some((r) => r.op === 'read')).toBe(true);
    const strided = planStep(w.steps[2] as never)[0];
    expect(strided.map((r) => r.off)).toEqual(Array.from({ length: 8 }, (_, i) => i * 8192));
  });

  const bad: [string, string, number, string | null, RegExp][] = [
    ['unknown verb', 'write size=4K\nfrobnicate x=1', 2, 'verb', /unknown step 'frobnicate'/],
    ['not a size', 'write size=4Q', 1, 'size', /not a size/],
    ['unaligned start', '\n\nwrite start=512 size=4K', 3, 'start', /multiple of 4096/],
    ['bs too large', 'write size=4M bs=2M', 1, 'bs', /4K to 1M/],
    ['unknown field', 'read size=4K colour=blue', 1, 'colour', /unknown field/],
    ['missing field', 'randwrite size=1M', 1, 'count', /needs count=/],
    ['duplicate field', 'write size=4K size=8K', 1, 'size', /given twice/],
    ['bad content', 'write size=4K content=mix:foo:1', 1, 'content', /unknown page kind/],
    ['bad same pattern', 'write size=4K content=same:0xabc', 1, 'content', /1 to 8 bytes/],
    ['threads out of range', 'randwrite size=1M count=5 threads=99', 1, 'threads', /1 to 16/],
    ['stride below bs', 'discard len=64K bs=8K stride=4K', 1, 'stride', /at least bs/],
    ['bad on_error', 'write size=4K on_error=maybe', 1, 'on_error', /fail, stop or continue/],
    ['bad mem_limit', 'mem_limit lots', 1, 'value', /not a size/],
    ['empty', '# nothing\n', 1, null, /no steps/],
  ];
  test.each(bad)('%s: the error names line and field', (_name, text, line, field, msg) => {
    let err: unknown;
    try { parseWorkload(text, 'w.wl'); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(WorkloadError);
    const we = err as WorkloadError;
    expect([we.line, we.field]).toEqual([line, field]);
    expect(we.message).toMatch(msg);
    expect(we.message.startsWith(`w.wl:${line}`)).toBe(true);
  });
});
