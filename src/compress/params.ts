// What each backend's setup_params / create_ctx makes of algorithm_params when zcomp is created
// at disksize (Linux 6.18, drivers/block/zram/backend_*.c), and which params a backend reads on
// every page (lz4, lz4hc: params->level) versus fixed at creation (zstd: cprm; deflate: the
// z_stream). Pure facts, no state.
import { DEFLATE_DEF_WINBITS, Z_DEFAULT_COMPRESSION, deflateParamsOk } from './deflate';
import { LZ4HC_DEFAULT_CLEVEL } from './lz4hc/parse';
import type { CompAlgorithm, CompParams } from './types';
import { ZSTD_CLEVEL_DEFAULT } from './zstd';

export interface RawParams { readonly level: number | null; readonly winbits: number | null }

/** setup_params + create_ctx: the params the backend keeps, or EINVAL (zcomp_create fails and
 * disksize_store returns its error). */
export function setupParams(alg: CompAlgorithm, p: RawParams): CompParams | 'EINVAL' {
  const level = p.level ?? undefined;
  switch (alg) {
    case 'lz4hc': return { level: level ?? LZ4HC_DEFAULT_CLEVEL };
    case 'zstd': return { level: level ?? ZSTD_CLEVEL_DEFAULT };
    case 'deflate': {
      const d = { level: level ?? Z_DEFAULT_COMPRESSION, winbits: p.winbits ?? DEFLATE_DEF_WINBITS };
      return deflateParamsOk(d.level, d.winbits) ? d : 'EINVAL'; // zlib_deflateInit2 != Z_OK
    }
    case '842': return {}; // setup_params_842 accepts any level and nothing reads it
    default: return { level };
  }
}

/** The params a page is compressed with: backends that read params->level per call see a
 * later algorithm_params write; zstd and deflate keep what they were created with. */
export function pageParams(alg: CompAlgorithm, init: CompParams, live: RawParams): CompParams {
  if (alg === 'lz4' || alg === 'lz4hc') return { level: live.level ?? init.level };
  return init;
}

/** No algorithm_params stored: the backends' defaults. */
export const NO_PARAMS: RawParams = { level: null, winbits: null };

/** The params the pages of a device created with `raw` (and not changed since) are compressed
 * with: setupParams at disksize, then pageParams; or EINVAL. */
export function createdParams(alg: CompAlgorithm, raw: RawParams = NO_PARAMS): CompParams | 'EINVAL' {
  const init = setupParams(alg, raw);
  return init === 'EINVAL' ? init : pageParams(alg, init, raw);
}
