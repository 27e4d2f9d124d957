// Text-like pages: word salad, English-like prose, JSON-like records, C-source-like code.
import { C_FUNCS, C_NAMES, C_TYPES, JSON_KEYS, WORDS } from './words';
import { fillAscii, newPage, PageGenerator } from './page';
import { Prng } from './prng';

function words(rng: Prng, n: number): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(rng.pick(WORDS));
  return out.join(' ');
}

/** Seeded word salad: random words, occasional punctuation and line breaks. */
export const wordSalad: PageGenerator = (rng) => {
  const page = newPage();
  fillAscii(page, () => rng.pick(WORDS) + rng.pick([' ', ' ', ' ', ' ', ', ', '. ', '\n']));
  return page;
};

function sentence(rng: Prng): string {
  const s = words(rng, rng.range(4, 16));
  return s.charAt(0).toUpperCase() + s.slice(1) + rng.pick(['.', '.', '.', '?', '!']);
}

/** English-like prose: capitalised sentences grouped into paragraphs. */
export const english: PageGenerator = (rng) => {
  const page = newPage();
  let inParagraph = 0;
  fillAscii(page, () => {
    inParagraph++;
    if (inParagraph > rng.range(3, 7)) {
      inParagraph = 0;
      return sentence(rng) + '\n\n';
    }
    return sentence(rng) + ' ';
  });
  return page;
};

function jsonValue(rng: Prng, key: string): string {
  switch (rng.below(5)) {
    case 0: return String(rng.below(100000));
    case 1: return `"${words(rng, rng.range(1, 3))}"`;
    case 2: return rng.chance(0.5) ? 'true' : 'false';
    case 3: return `${rng.below(1000)}.${rng.below(100)}`;
    default: return `["${rng.pick(WORDS)}", "${key}-${rng.below(50)}"]`;
  }
}

/** JSON-like records, one object per line, keys from a fixed vocabulary. */
export const jsonRecords: PageGenerator = (rng) => {
  const page = newPage();
  let id = rng.below(1000000);
  fillAscii(page, () => {
    const fields = [`"id": ${id++}`];
    for (let i = rng.range(2, 6); i > 0; i--) {
      const key = rng.pick(JSON_KEYS);
      fields.push(`"${key}": ${jsonValue(rng, key)}`);
    }
    return `{${fields.join(', ')}},\n`;
  });
  return page;
};

function cLine(rng: Prng, indent: string): string {
  const a = rng.pick(C_NAMES);
  const b = rng.pick(C_NAMES);
  switch (rng.below(7)) {
    case 0: return `${indent}${rng.pick(C_TYPES)} ${a} = ${rng.pick(C_FUNCS)}(${b}, ${rng.below(4096)});\n`;
    case 1: return `${indent}if (${a} ${rng.pick(['>', '<', '==', '!=', '>='])} ${b}) {\n${indent}\t${rng.pick(C_FUNCS)}(${a});\n${indent}}\n`;
    case 2: return `${indent}/* ${words(rng, rng.range(3, 9))} */\n`;
    case 3: return `${indent}return ${a} ${rng.pick(['+', '-', '&', '|'])} ${b};\n`;
    case 4: return `${indent}${a}->${b} = ${rng.below(2) ? 'NULL' : `${b} + ${rng.below(64)}`};\n`;
    case 5: return `\nstatic ${rng.pick(C_TYPES)} ${rng.pick(C_FUNCS)}_${a}(${rng.pick(C_TYPES)} ${b})\n{\n`;
    default: return `${indent}${rng.pick(C_FUNCS)}(&${a}->${b});\n`;
  }
}

/** C-source-like code: declarations, conditionals, comments, tab indentation. */
export const cSource: PageGenerator = (rng) => {
  const page = newPage();
  fillAscii(page, () => cLine(rng, rng.pick(['\t', '\t', '\t\t', '\t\t\t'])));
  return page;
};
