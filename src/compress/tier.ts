// How exact each backend is, and why: shown beside the algorithm in every report, JSON and
// compare table. Each claim is backed by tests in test/compress/ (see the `evidence` lines).
import type { CompAlgorithm } from './types';

export type ExactnessTier = 'verified' | 'same-library' | 'approximate';

export interface Exactness {
  readonly tier: ExactnessTier;
  /** One line: what was checked, against what, and any known difference. */
  readonly note: string;
}

const LIVE = 'comp_len byte-identical to this machine\'s Linux 6.18 zram (kernel fixture tests, lock-step conformance)';

export const EXACTNESS: Record<CompAlgorithm, Exactness> = {
  'lzo-rle': { tier: 'verified', note: LIVE },
  lzo: { tier: 'verified', note: LIVE },
  lz4: { tier: 'verified', note: LIVE },
  zstd: {
    tier: 'same-library',
    note: 'kernel lib/zstd 1.5.7, used libzstd 1.5.7 (WebAssembly); bytes equal to the kernel\'s call sequence '
      + '(zstd_get_params(level, 4096), ZSTD_compress2) on native 1.5.7; no kernel here has CONFIG_ZRAM_BACKEND_ZSTD',
  },
  deflate: {
    tier: 'approximate',
    note: 'kernel lib/zlib_deflate derives from zlib 1.1.3; used pako (zlib 1.3.2 port, classic hash) with '
      + 'the kernel\'s parameters (winbits -11, memLevel 8, level 6); block choices may differ',
  },
  lz4hc: {
    tier: 'approximate',
    note: 'own port of the kernel\'s lib/lz4 LZ4HC (LZ4 1.7.3); round trip checked, bytes not checked against '
      + 'a reference of that version (none available here)',
  },
  '842': {
    tier: 'approximate',
    note: 'own port of the kernel\'s lib/842 sw842_compress (templates, hash tables, CRC as in the source); round '
      + 'trip through an independent decoder; bytes not checked against a reference (no sw842 build from npm or '
      + 'Debian, CONFIG_CRYPTO_842 off here)',
  },
};

export const exactnessOf = (alg: string): Exactness | null =>
  Object.hasOwn(EXACTNESS, alg) ? EXACTNESS[alg as CompAlgorithm] : null;
