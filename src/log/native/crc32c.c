// SPDX-License-Identifier: GPL-2.0-only
// CRC32C (Castagnoli) of a Uint8Array with the SSE4.2 crc32 instruction, for the log's frames
// (src/log/crc32c.ts), and a whole chunk's frames checked in one call. A long input is cut into
// three streams run side by side (the instruction's latency, not its rate, bounds one stream),
// then joined: the raw CRC register is linear, so the register after n zero bytes is an XOR of
// four per-byte table entries, and the tables come from the instruction itself. Where the
// instruction is missing the module exports nothing and the caller keeps its portable CRC.
#include <node_api.h>
#include <pthread.h>
#include <stdint.h>
#include <string.h>

#if defined(__x86_64__)
#include <nmmintrin.h>
#define SSE42 __attribute__((target("sse4.2")))

#define STREAM 1344 /* bytes per stream: one chunk of three covers most of a page record */
static uint32_t after1[4][256], after2[4][256]; /* register after STREAM, 2 * STREAM zero bytes */
static pthread_once_t tables_once = PTHREAD_ONCE_INIT;

SSE42 static uint32_t crc_zeros(uint32_t r, size_t n) {
  for (; n >= 8; n -= 8) r = (uint32_t)_mm_crc32_u64(r, 0);
  while (n--) r = _mm_crc32_u8(r, 0);
  return r;
}

static void make_tables(void) {
  for (uint32_t k = 0; k < 4; k++) {
    for (uint32_t v = 0; v < 256; v++) {
      after1[k][v] = crc_zeros(v << (8 * k), STREAM);
      after2[k][v] = crc_zeros(v << (8 * k), 2 * STREAM);
    }
  }
}

static uint32_t shifted(uint32_t t[4][256], uint32_t r) {
  return t[0][r & 255] ^ t[1][(r >> 8) & 255] ^ t[2][(r >> 16) & 255] ^ t[3][r >> 24];
}

SSE42 static uint32_t crc32c(const uint8_t *p, size_t n) {
  uint32_t r = 0xffffffffu;
  for (; n >= 3 * STREAM; n -= 3 * STREAM, p += 3 * STREAM) {
    uint32_t a = r, b = 0, c = 0;
    for (size_t i = 0; i < STREAM; i += 8) {
      uint64_t x, y, z;
      memcpy(&x, p + i, 8);
      memcpy(&y, p + STREAM + i, 8);
      memcpy(&z, p + 2 * STREAM + i, 8);
      a = (uint32_t)_mm_crc32_u64(a, x);
      b = (uint32_t)_mm_crc32_u64(b, y);
      c = (uint32_t)_mm_crc32_u64(c, z);
    }
    r = shifted(after2, a) ^ shifted(after1, b) ^ c;
  }
  for (; n >= 8; n -= 8, p += 8) {
    uint64_t w;
    memcpy(&w, p, 8);
    r = (uint32_t)_mm_crc32_u64(r, w);
  }
  while (n--) r = _mm_crc32_u8(r, *p++);
  return r ^ 0xffffffffu;
}

static uint32_t le32(const uint8_t *p) {
  return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* verifyFrames(buf, from, to, maxRecord): the log's frames ([u32 LE length][u32 LE CRC32C][payload])
 * from buf[from] on, checked one after another while whole within buf[.. to), of a length up to
 * maxRecord and with the CRC they carry; returns where the first one not so begins. One call per
 * chunk the reader fills, instead of one per frame. */
static napi_value js_verify_frames(napi_env env, napi_callback_info info) {
  size_t argc = 4;
  napi_value argv[4], ret;
  napi_typedarray_type type;
  size_t length;
  void *data;
  int64_t from, to, max;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc != 4 ||
      napi_get_typedarray_info(env, argv[0], &type, &length, &data, NULL, NULL) != napi_ok ||
      type != napi_uint8_array || napi_get_value_int64(env, argv[1], &from) != napi_ok ||
      napi_get_value_int64(env, argv[2], &to) != napi_ok || napi_get_value_int64(env, argv[3], &max) != napi_ok ||
      from < 0 || to < from || max < 0) {
    napi_throw_type_error(env, NULL, "verifyFrames(Uint8Array, from, to, maxRecord)");
    return NULL;
  }
  const uint8_t *p = (const uint8_t *)data;
  size_t at = (size_t)from, end = (size_t)to < length ? (size_t)to : length;
  while (at + 8 <= end) {
    uint32_t n = le32(p + at);
    if ((int64_t)n > max || n > end - at - 8 || crc32c(p + at + 8, n) != le32(p + at + 4)) break;
    at += 8 + (size_t)n;
  }
  napi_create_int64(env, (int64_t)at, &ret);
  return ret;
}

static napi_value js_crc32c(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value arg, ret;
  napi_typedarray_type type;
  size_t length;
  void *data;
  if (napi_get_cb_info(env, info, &argc, &arg, NULL, NULL) != napi_ok || argc != 1 ||
      napi_get_typedarray_info(env, arg, &type, &length, &data, NULL, NULL) != napi_ok || type != napi_uint8_array) {
    napi_throw_type_error(env, NULL, "crc32c(Uint8Array)");
    return NULL;
  }
  napi_create_uint32(env, crc32c((const uint8_t *)data, length), &ret);
  return ret;
}
#endif

NAPI_MODULE_INIT() {
#if defined(__x86_64__)
  if (__builtin_cpu_supports("sse4.2")) {
    pthread_once(&tables_once, make_tables); /* a worker thread may load the module too */
    napi_value fn;
    napi_create_function(env, "crc32c", NAPI_AUTO_LENGTH, js_crc32c, NULL, &fn);
    napi_set_named_property(env, exports, "crc32c", fn);
    napi_create_function(env, "verifyFrames", NAPI_AUTO_LENGTH, js_verify_frames, NULL, &fn);
    napi_set_named_property(env, exports, "verifyFrames", fn);
  }
#endif
  return exports;
}
