// SPDX-License-Identifier: GPL-2.0-only
// CRC32C (Castagnoli) of a Uint8Array with the SSE4.2 crc32 instruction, for the log's frames
// (src/log/crc32c.ts). A chunk is cut into three streams run side by side (the instruction's
// latency, not its rate, bounds one stream), then joined: the raw CRC register is linear, so
// the register after n zero bytes is an XOR of four per-byte table entries, and the tables
// come from the instruction itself. Where the instruction is missing the module exports
// nothing and the caller keeps its portable CRC.
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
  }
#endif
  return exports;
}
