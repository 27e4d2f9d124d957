// SPDX-License-Identifier: GPL-2.0-only
// The two block ioctls Node cannot issue: BLKDISCARD and BLKZEROOUT over a byte range of an
// fd the caller opened. Nothing else: no open, no checks beyond argument types, so the kernel
// sees exactly the request a C program would make (and answers with its own errno).
#include <errno.h>
#include <linux/fs.h>
#include <node_api.h>
#include <stdint.h>
#include <sys/ioctl.h>

// rangeIoctl(fd, which, offset, length): which 0 = BLKDISCARD, 1 = BLKZEROOUT; returns 0 or errno.
static napi_value range_ioctl(napi_env env, napi_callback_info info) {
  size_t argc = 4;
  napi_value argv[4];
  int32_t fd, which;
  int64_t off, len;
  napi_value ret;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc != 4 ||
      napi_get_value_int32(env, argv[0], &fd) != napi_ok || napi_get_value_int32(env, argv[1], &which) != napi_ok ||
      napi_get_value_int64(env, argv[2], &off) != napi_ok || napi_get_value_int64(env, argv[3], &len) != napi_ok ||
      (which != 0 && which != 1) || off < 0 || len < 0) {
    napi_throw_type_error(env, NULL, "rangeIoctl(fd, 0 | 1, offset, length)");
    return NULL;
  }
  uint64_t range[2] = { (uint64_t)off, (uint64_t)len };
  int rc = ioctl(fd, which ? BLKZEROOUT : BLKDISCARD, range);
  napi_create_int32(env, rc == 0 ? 0 : errno, &ret);
  return ret;
}

NAPI_MODULE_INIT() {
  napi_value fn;
  napi_create_function(env, "rangeIoctl", NAPI_AUTO_LENGTH, range_ioctl, NULL, &fn);
  napi_set_named_property(env, exports, "rangeIoctl", fn);
  return exports;
}
