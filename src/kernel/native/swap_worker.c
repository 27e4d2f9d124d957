// SPDX-License-Identifier: GPL-2.0-only
// A swap workload process (zram-ref record, swap workloads). The recorder starts it, puts it
// into its memory cgroup, and drives it over stdin/stdout, one command at a time:
//   M PAGES            map a private anonymous region       -> "ok ADDR" (hex)
//   F ADDR PAGES       read PAGES*4096 bytes from stdin straight into the pages at ADDR -> "ok"
//   T COUNT            read COUNT u64 addresses (little endian) from stdin, read one byte at
//                      each (a swapped-out page is swapped in)  -> "ok SUM"
//   D COUNT            read COUNT (u64 addr, u64 len) pairs, MADV_DONTNEED each, in order -> "ok"
//   Q                  exit(0): the kernel's exit unmaps everything
// Errors answer "err TEXT". Transparent huge pages are off (prctl and madvise) so that every
// swap-out is one 4 KiB page. EOF on stdin or the recorder's death ends the process.
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <unistd.h>

#define PAGE 4096
#define CHUNK 512

static uint64_t args[CHUNK * 2];

static void reply(const char *fmt, unsigned long long v) {
  char buf[64];
  int n = snprintf(buf, sizeof buf, fmt, v);
  if (write(1, buf, (size_t)n) != n) _exit(3);
}

static void fail(const char *what) {
  char buf[128];
  int n = snprintf(buf, sizeof buf, "err %s: %s\n", what, strerror(errno));
  if (write(1, buf, (size_t)n) != n) _exit(3);
}

// Reads exactly len bytes from stdin; EOF ends the process (the recorder is gone).
static void read_full(void *dst, size_t len) {
  char *p = dst;
  while (len > 0) {
    ssize_t n = read(0, p, len);
    if (n == 0) _exit(0);
    if (n < 0) {
      if (errno == EINTR) continue;
      _exit(4);
    }
    p += n;
    len -= (size_t)n;
  }
}

static int read_line(char *line, size_t size) {
  size_t i = 0;
  for (;;) {
    read_full(line + i, 1);
    if (line[i] == '\n') break;
    if (++i == size - 1) return -1;
  }
  line[i] = 0;
  return 0;
}

static void do_map(unsigned long long pages) {
  void *p = mmap(NULL, pages * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (p == MAP_FAILED) {
    fail("mmap");
    return;
  }
  if (madvise(p, pages * PAGE, MADV_NOHUGEPAGE) != 0) {
    fail("madvise(MADV_NOHUGEPAGE)");
    return;
  }
  reply("ok %llx\n", (unsigned long long)(uintptr_t)p);
}

static void do_touch(unsigned long long count) {
  volatile unsigned char *q;
  unsigned long long sum = 0;
  while (count > 0) {
    unsigned long long n = count < CHUNK ? count : CHUNK;
    read_full(args, n * 8);
    for (unsigned long long i = 0; i < n; i++) {
      q = (volatile unsigned char *)(uintptr_t)args[i];
      sum += *q;
    }
    count -= n;
  }
  reply("ok %llu\n", sum);
}

static void do_dontneed(unsigned long long count) {
  int err = 0;
  while (count > 0) {
    unsigned long long n = count < CHUNK ? count : CHUNK;
    read_full(args, n * 16);
    for (unsigned long long i = 0; i < n && !err; i++) {
      if (madvise((void *)(uintptr_t)args[2 * i], args[2 * i + 1], MADV_DONTNEED) != 0) err = errno;
    }
    count -= n;
  }
  errno = err;
  if (err) fail("madvise(MADV_DONTNEED)");
  else reply("ok\n", 0);
}

int main(void) {
  char line[128];
  unsigned long long a, b;
  if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || prctl(PR_SET_THP_DISABLE, 1, 0, 0, 0) != 0) {
    fail("prctl");
    return 1;
  }
  reply("ready %llu\n", (unsigned long long)getpid());
  for (;;) {
    if (read_line(line, sizeof line) != 0) {
      errno = EINVAL;
      fail("command line too long");
      return 2;
    }
    if (line[0] == 'Q') return 0;
    if (sscanf(line, "M %llu", &a) == 1) do_map(a);
    else if (sscanf(line, "F %llx %llu", &a, &b) == 2) {
      read_full((void *)(uintptr_t)a, b * PAGE);
      reply("ok\n", 0);
    } else if (sscanf(line, "T %llu", &a) == 1) do_touch(a);
    else if (sscanf(line, "D %llu", &a) == 1) do_dontneed(a);
    else {
      errno = EINVAL;
      fail(line);
    }
  }
}
