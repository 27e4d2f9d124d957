// Seeded, pure page-content generators (see mix.ts for the mix spec syntax).
export { Prng, prngFor, splitmix32, hashString } from './prng';
export { isSameFilled } from './page';
export type { PageGenerator } from './page';
export { CATEGORIES, CATEGORY_NAMES, CONTENT_GENERATOR_VERSION, generatePage, isKind, kindNames } from './categories';
export type { Category } from './categories';
export { DEFAULT_MIX, formatMix, mixKind, mixedPage, parseMix } from './mix';
export type { Mix, MixEntry } from './mix';
export { filePageAt, filePages } from './file-pages';
