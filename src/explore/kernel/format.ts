// The kernel check's report: each observed outcome with its frequency and whether claim
// predicted it, the predicted outcomes never observed, and, for an outcome claim did not
// predict, the run's step timings to reproduce it.
import type { KernelCheck, RunRecord } from './check';

const indent = (t: string): string => t.split('\n').map((l) => `  ${l}`).join('\n');

function timingLines(r: RunRecord, seed: number): string[] {
  const out = [`  run ${r.run} of seed ${seed}; start offsets (µs): ` +
    r.orders.map((o) => (o.startNs / 1000).toFixed(1)).join(', ') + '; step timings (µs from the start barrier):'];
  const us = (x: number): string => x.toFixed(1).padStart(9);
  for (const s of r.steps) out.push(`    ${us(s.startUs)} .. ${us(s.endUs)}  ${s.step} → ${s.result}`);
  return out;
}

export function formatKernelCheck(ck: KernelCheck): string {
  const out = [`kernel check: ${ck.scenario} on zram${ck.device}, ${ck.runs} run(s), seed ${ck.seed}; ` +
    `claim predicts ${ck.predicted} outcome(s)`, ''];
  const observed = [...ck.observed].sort((a, b) => b.count - a.count);
  out.push(`${observed.length} observed outcome(s)`);
  observed.forEach((o, i) => {
    const verdict = o.predicted ? 'predicted' : 'NOT PREDICTED by claim';
    out.push('', `#${i + 1}: ${o.count} run(s), ${verdict}`, indent(o.text));
    if (!o.predicted) out.push(...timingLines(o.example, ck.seed));
  });
  const n = ck.unobserved.length;
  out.push('', n ? `predicted, never observed (${n}):` : 'every predicted outcome was observed');
  for (const u of ck.unobserved) {
    out.push('', indent(u.text), u.needsSplitSyscall
      ? '  (needs another thread\'s call to land inside one system call, between the two parts of a reset or ' +
        'a bio: timing this check cannot force)'
      : `  (reachable with whole system calls; not hit in ${ck.runs} runs)`);
  }
  if (ck.stopped) out.push('', `stopped: ${ck.stopped}`);
  if (ck.stuckRun) out.push(...timingLines(ck.stuckRun, ck.seed));
  if (ck.cleanup) out.push('', `cleanup: ${ck.cleanup}`);
  const bad = ck.observed.filter((o) => !o.predicted).length;
  out.push('', bad ? `result: ${bad} observed outcome(s) not predicted by claim` : ck.stopped ? 'result: incomplete'
    : 'result: every observed outcome was predicted by claim');
  return out.join('\n') + '\n';
}

export function kernelCheckJson(ck: KernelCheck): unknown {
  return {
    scenario: ck.scenario, device: ck.device, seed: ck.seed, runs: ck.runs, predicted: ck.predicted,
    observed: ck.observed.map((o) => ({ count: o.count, predicted: o.predicted, outcome: o.text.split('\n'),
      ...(o.predicted ? {} : { run: o.example }) })),
    unobserved: ck.unobserved.map((u) => ({ outcome: u.text.split('\n'), needsSplitSyscall: u.needsSplitSyscall })),
    stopped: ck.stopped, stuckRun: ck.stuckRun, cleanup: ck.cleanup,
  };
}
