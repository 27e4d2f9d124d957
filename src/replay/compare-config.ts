// `compare --config 'alg=lz4,level=1'`: one configuration of the what-if knobs.
import { BadInputError } from './bad-input';
import type { Knobs } from './knobs';

export interface CompareConfig { readonly label: string; readonly knobs: Knobs }

const KEYS: Record<string, keyof Knobs | 'level'> = {
  alg: 'algorithm', algorithm: 'algorithm', comp_algorithm: 'algorithm', level: 'level', params: 'params',
  mem_limit: 'memLimit', 'mem-limit': 'memLimit', disksize: 'disksize',
};

export function parseCompareConfig(spec: string): CompareConfig {
  const knobs: { -readonly [K in keyof Knobs]: Knobs[K] } = {};
  const params: string[] = [];
  for (const part of spec.split(',').map((p) => p.trim()).filter((p) => p !== '')) {
    const eq = part.indexOf('=');
    const key = KEYS[eq < 0 ? part : part.slice(0, eq)];
    if (eq < 0 || key === undefined) {
      throw new BadInputError(`--config '${spec}': '${part}' is not KEY=VALUE with KEY one of ${Object.keys(KEYS).join(', ')}`);
    }
    const value = part.slice(eq + 1);
    if (key === 'level') params.push(`level=${value}`);
    else if (key === 'params') params.push(value);
    else knobs[key] = value;
  }
  if (params.length) knobs.params = params.join(' ');
  return { label: spec, knobs };
}
