// The explorer's report as text (for people and the README) and as JSON (for tools). A diff
// lists only the outcome pairs that differ.
import type { Exploration, OutcomeGroup } from './explore';

const indent = (text: string, pad: string): string => text.split('\n').map((l) => pad + l).join('\n');
const example = (picks: readonly string[]): string => (picks.length ? picks.join(', ') : '(init only)');
const byCount = (a: OutcomeGroup, b: OutcomeGroup): number => (a.count === b.count ? 0 : a.count > b.count ? -1 : 1);
const shown = (ex: Exploration): OutcomeGroup[] =>
  ex.outcomes.filter((g) => ex.variants.length === 1 || g.texts[0] !== g.texts[1]).sort(byCount);

export function formatExploration(ex: Exploration): string {
  const diff = ex.variants.length > 1;
  const groups = shown(ex);
  const out: string[] = [`scenario ${ex.scenario}: ${diff ? `diff ${ex.variants.join(' vs ')}` : `variant ${ex.variants[0]}`}`];
  if (ex.init.length) out.push(`init: ${ex.init.join('; ')}`);
  const orders = ex.reduced ? 'representative interleavings (partial-order reduction)' : 'interleavings';
  out.push(`${ex.interleavings} ${orders}, ${ex.nodes} distinct states`);
  out.push('', diff ? `${groups.length} outcome pair(s) differ` : `${groups.length} distinct outcome(s)`);
  groups.forEach((g, i) => {
    out.push('', `#${i + 1}: ${g.count} interleaving(s), e.g. ${example(g.example)}`);
    g.texts.forEach((t, v) => out.push(diff ? `  ${ex.variants[v]}:\n${indent(t, '    ')}` : indent(t, '  ')));
  });
  out.push('', ex.findings.length ? 'findings:' : 'findings: none');
  for (const f of ex.findings) {
    out.push(`  [${diff ? `${f.variant} ` : ''}${f.kind}] ${f.detail}`, `    reached by: ${example(f.example)}`);
  }
  return out.join('\n') + '\n';
}

const lines = (t: string): string[] => t.split('\n');

export function explorationJson(ex: Exploration): unknown {
  const diff = ex.variants.length > 1;
  return {
    scenario: ex.scenario, variants: ex.variants, init: ex.init,
    interleavings: Number(ex.interleavings), states: ex.nodes, reduced: ex.reduced,
    outcomes: shown(ex).map((g) => ({ count: Number(g.count), outcome: diff ? g.texts.map(lines) : lines(g.texts[0]),
      example: g.example })),
    findings: ex.findings.map((f) => ({ ...f })),
  };
}
