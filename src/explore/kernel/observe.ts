// What a system call returned, in the explorer's result form, and the init steps run in order
// on the device before each run.
import * as fs from 'node:fs';
import { dataTag } from '../steps';
import { alignedBuffer } from './aligned';
import type { Scenario } from '../scenario';
import { NOT_ISSUED_NO_FD, NOT_ISSUED_OPEN_FAILED } from '../side';
import type { DeviceLifecycle, PrivateDevice } from './device-lifecycle';
import type { PlannedCall, SysOp } from './plan';
import type { CallResult } from './worker-source';

/**
 * I/O past the capacity (a device without disksize has capacity 0) never becomes a bio: the
 * block layer ends it first, pread returning 0 bytes and pwrite ENOSPC. The model fails such a
 * bio at queue with EIO (bio_check_eod) and counts nothing, so both show as EIO.
 */
export function resultText(sc: Scenario, op: SysOp, r: CallResult): string {
  if (!r.ok) {
    if (r.skipped === 'no-fd') return NOT_ISSUED_NO_FD;
    if (r.skipped === 'open-failed') return NOT_ISSUED_OPEN_FAILED;
    return op.kind === 'write' && r.errno === 'ENOSPC' ? 'EIO' : r.errno ?? 'error';
  }
  if (op.kind === 'read' && r.n === 0) return 'EIO';
  if ((op.kind === 'read' || op.kind === 'write') && r.n !== op.length) return `short ${op.kind} of ${r.n} bytes`;
  return op.kind === 'read' ? `ok [${dataTag(sc, r.data!)}]` : 'ok';
}

/** Init steps, one after another from this thread; each bio through its own O_DIRECT fd. */
export function runInitCalls(sc: Scenario, lc: DeviceLifecycle, d: PrivateDevice,
  calls: readonly PlannedCall[]): string[] {
  const mem = alignedBuffer(Math.max(4096, ...calls.map(({ op }) => ('length' in op ? op.length : 0))));
  return calls.map(({ src, op }) => {
    let r: CallResult;
    if (op.kind === 'store') {
      const errno = lc.store(d, op.attr, op.value);
      r = errno === null ? { ok: true } : { ok: false, errno };
    } else if (op.kind === 'read' || op.kind === 'write') {
      r = directIo(d.node, op, mem);
    } else {
      r = { ok: false, errno: `'${op.kind}' is not run in init` };
    }
    return `${sc.sources[src].text} → ${resultText(sc, op, r)}`;
  });
}

function directIo(node: string, op: Extract<SysOp, { kind: 'read' } | { kind: 'write' }>, mem: Uint8Array): CallResult {
  let fd = -1;
  try {
    fd = fs.openSync(node, fs.constants.O_RDWR | fs.constants.O_DIRECT);
    if (op.kind === 'write') {
      mem.set(op.data, 0);
      return { ok: true, n: fs.writeSync(fd, mem, 0, op.length, op.offset) };
    }
    const n = fs.readSync(fd, mem, 0, op.length, op.offset);
    return { ok: true, n, data: mem.slice(0, n) };
  } catch (e) {
    return { ok: false, errno: (e as NodeJS.ErrnoException).code ?? String(e) };
  } finally {
    if (fd >= 0) fs.closeSync(fd);
  }
}
