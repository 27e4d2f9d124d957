// SPDX-License-Identifier: GPL-2.0-only
// Evidence for the zstd backend's tier: compresses 4 KiB pages the way the kernel's zram zstd
// backend calls lib/zstd (zstd_get_params(level, PAGE_SIZE) = ZSTD_getParams(level, 4096, 0), then
// zstd_cctx_init: reset, every cParam and fParam set one by one, the pledged size, ZSTD_compress2),
// against a libzstd source tree given at build time. Reads pages from stdin, levels from argv;
// prints one line per page and level: "<level> <length> <hex bytes>".
#define ZSTD_STATIC_LINKING_ONLY
#include <stdio.h>
#include <stdlib.h>
#include <zstd.h>

#define PAGE 4096

static size_t set(ZSTD_CCtx *c, ZSTD_cParameter p, int v)
{
	size_t r = ZSTD_CCtx_setParameter(c, p, v);
	if (ZSTD_isError(r)) { fprintf(stderr, "setParameter %d: %s\n", p, ZSTD_getErrorName(r)); exit(1); }
	return r;
}

static size_t kernel_compress(ZSTD_CCtx *c, void *dst, size_t cap, const void *src, int level)
{
	ZSTD_parameters p = ZSTD_getParams(level, PAGE, 0);

	ZSTD_CCtx_reset(c, ZSTD_reset_session_and_parameters);
	set(c, ZSTD_c_windowLog, p.cParams.windowLog);
	set(c, ZSTD_c_chainLog, p.cParams.chainLog);
	set(c, ZSTD_c_hashLog, p.cParams.hashLog);
	set(c, ZSTD_c_searchLog, p.cParams.searchLog);
	set(c, ZSTD_c_minMatch, p.cParams.minMatch);
	set(c, ZSTD_c_targetLength, p.cParams.targetLength);
	set(c, ZSTD_c_strategy, p.cParams.strategy);
	set(c, ZSTD_c_contentSizeFlag, p.fParams.contentSizeFlag);
	set(c, ZSTD_c_checksumFlag, p.fParams.checksumFlag);
	set(c, ZSTD_c_dictIDFlag, !p.fParams.noDictIDFlag);
	ZSTD_CCtx_setPledgedSrcSize(c, PAGE);
	return ZSTD_compress2(c, dst, cap, src, PAGE);
}

int main(int argc, char **argv)
{
	static unsigned char page[PAGE], out[2 * PAGE];
	ZSTD_CCtx *c = ZSTD_createCCtx();

	if (ZSTD_versionNumber() != 10507) { fprintf(stderr, "libzstd %s, not 1.5.7\n", ZSTD_versionString()); return 1; }
	while (fread(page, 1, PAGE, stdin) == PAGE) {
		for (int a = 1; a < argc; a++) {
			int level = atoi(argv[a]);
			size_t n = kernel_compress(c, out, sizeof(out), page, level);

			if (ZSTD_isError(n)) { fprintf(stderr, "%s\n", ZSTD_getErrorName(n)); return 1; }
			printf("%d %zu ", level, n);
			for (size_t i = 0; i < n; i++) printf("%02x", out[i]);
			printf("\n");
		}
	}
	ZSTD_freeCCtx(c);
	return 0;
}
