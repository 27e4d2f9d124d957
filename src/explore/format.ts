// The explorer's report as text (for people and the README) and as JSON (for tools). A diff
// lists the outcomes that differ where both designs can run the order, then counts the orders
// only one of them allows (the other blocks a step there).
import type { Exploration, OutcomeGroup } from './explore';

const indent = (text: string, pad: string): string => text.split('\n').map((l) => pad + l).join('\n');
const example = (picks: readonly string[]): string => (picks.length ? picks.join(', ') : '(init only)');
const IMPOSSIBLE = /^order impossible in /;
const byCount = (a: OutcomeGroup, b: OutcomeGroup): number => (a.count === b.count ? 0 : a.count > b.count ? -1 : 1);

interface OnlyIn { readonly variant: string; count: bigint; readonly example: readonly string[]; readonly blockedBy: string }

function split(ex: Exploration): { differ: OutcomeGroup[]; only: OnlyIn[]; groups: OutcomeGroup[] } {
  if (ex.variants.length === 1) return { differ: [], only: [], groups: [...ex.outcomes].sort(byCount) };
  const differ = ex.outcomes.filter((g) => g.texts[0] !== g.texts[1] && !g.texts.some((t) => IMPOSSIBLE.test(t))).sort(byCount);
  const only: OnlyIn[] = [];
  for (const g of ex.outcomes) {
    const dead = g.texts.findIndex((t) => IMPOSSIBLE.test(t));
    if (dead < 0 || g.texts.every((t) => IMPOSSIBLE.test(t))) continue;
    const variant = ex.variants[1 - dead];
    const had = only.find((o) => o.variant === variant);
    if (had) had.count += g.count;
    else only.push({ variant, count: g.count, example: g.example, blockedBy: g.texts[dead].replace(IMPOSSIBLE, '') });
  }
  return { differ, only, groups: [] };
}

export function formatExploration(ex: Exploration): string {
  const diff = ex.variants.length > 1;
  const { differ, only, groups } = split(ex);
  const out: string[] = [`scenario ${ex.scenario}: ${diff ? `diff ${ex.variants.join(' vs ')}` : `variant ${ex.variants[0]}`}`];
  if (ex.init.length) out.push(`init: ${ex.init.join('; ')}`);
  out.push(`${ex.interleavings} interleavings, ${ex.nodes} distinct states`);
  const shown = diff ? differ : groups;
  out.push('', diff ? `${shown.length} outcome pair(s) differ` : `${shown.length} distinct outcome(s)`);
  shown.forEach((g, i) => {
    out.push('', `#${i + 1}: ${g.count} interleaving(s), e.g. ${example(g.example)}`);
    g.texts.forEach((t, v) => out.push(diff ? `  ${ex.variants[v]}:\n${indent(t, '    ')}` : indent(t, '  ')));
  });
  for (const o of only) {
    out.push('', `${o.count} interleaving(s) only ${o.variant} allows, e.g. ${example(o.example)}`,
      `  (${o.blockedBy.replace(/^[\w-]+: /, '')})`);
  }
  out.push('', ex.findings.length ? 'findings:' : 'findings: none');
  for (const f of ex.findings) {
    out.push(`  [${diff ? `${f.variant} ` : ''}${f.kind}] ${f.detail}`, `    reached by: ${example(f.example)}`);
  }
  return out.join('\n') + '\n';
}

const lines = (t: string): string[] => t.split('\n');

export function explorationJson(ex: Exploration): unknown {
  const diff = ex.variants.length > 1;
  const { differ, only, groups } = split(ex);
  return {
    scenario: ex.scenario, variants: ex.variants, init: ex.init,
    interleavings: Number(ex.interleavings), states: ex.nodes,
    outcomes: (diff ? differ : groups).map((g) => ({ count: Number(g.count), outcome: diff ? g.texts.map(lines) : lines(g.texts[0]),
      example: g.example })),
    ...(diff ? { onlyIn: only.map((o) => ({ ...o, count: Number(o.count) })) } : {}),
    findings: ex.findings.map((f) => ({ ...f })),
  };
}
