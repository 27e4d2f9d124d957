// Applies one op to one device and turns whatever happens into comparable data.
import { ZramLike } from '../../src/device/block-device';
import { ZramError } from '../../src/errors';
import { Op, writeData } from './ops';

export type OpResult =
  | { readonly ok: true; readonly value?: number | string; readonly data?: Uint8Array }
  | { readonly ok: false; readonly errno: string; readonly message: string };

/** Per-device state the harness keeps: the fds it opened, in open order. */
export interface DeviceHandle {
  readonly dev: ZramLike;
  readonly fds: number[];
}

async function run(h: DeviceHandle, op: Op, seed: number, data?: Uint8Array): Promise<OpResult> {
  switch (op.kind) {
    case 'store': await h.dev.store(op.attr, op.value); return { ok: true };
    case 'show': return { ok: true, value: await h.dev.show(op.attr) };
    case 'open': h.fds.push(await h.dev.open()); return { ok: true };
    case 'close': {
      const fd = h.fds[op.slot];
      if (fd === undefined) throw new Error(`close: no fd #${op.slot}`);
      h.fds.splice(op.slot, 1);
      await h.dev.close(fd);
      return { ok: true };
    }
    case 'write': return { ok: true, value: await h.dev.write(op.offset, data ?? writeData(op, seed)) };
    case 'read': return { ok: true, data: await h.dev.read(op.offset, op.length) };
    case 'discard': await h.dev.discard(op.offset, op.length); return { ok: true };
    case 'writeZeroes': await h.dev.writeZeroes(op.offset, op.length); return { ok: true };
  }
}

/** Kernel-visible failures become {errno}; anything else is reported as a THROW (a bug). */
export async function applyOp(h: DeviceHandle, op: Op, seed: number, data?: Uint8Array): Promise<OpResult> {
  try {
    return await run(h, op, seed, data);
  } catch (e) {
    if (e instanceof ZramError) return { ok: false, errno: e.errno, message: e.message };
    return { ok: false, errno: 'THROW', message: (e as Error).stack ?? String(e) };
  }
}

/** null when equal, else a one-line reason. */
export function compareResults(a: OpResult, b: OpResult): string | null {
  if (a.ok !== b.ok) return `outcome: ${resultText(a)} vs ${resultText(b)}`;
  if (!a.ok || !b.ok) return a.ok || b.ok || a.errno === b.errno ? null : `errno: ${a.errno} vs ${b.errno}`;
  if (a.value !== b.value) return `value: ${String(a.value)} vs ${String(b.value)}`;
  if (a.data || b.data) {
    const x = a.data ?? new Uint8Array(0);
    const y = b.data ?? new Uint8Array(0);
    if (x.length !== y.length) return `read length: ${x.length} vs ${y.length}`;
    if (Buffer.from(x.buffer, x.byteOffset, x.length).equals(Buffer.from(y.buffer, y.byteOffset, y.length))) return null;
    const i = x.findIndex((v, k) => v !== y[k]);
    if (i >= 0) return `read data differs first at byte ${i} (page ${Math.floor(i / 4096)}): ${x[i]} vs ${y[i]}`;
  }
  return null;
}

export function resultText(r: OpResult): string {
  if (!r.ok) return r.errno === 'THROW' ? `THROW ${r.message}` : r.errno;
  if (r.data) return `ok (${r.data.length} bytes)`;
  return r.value === undefined ? 'ok' : `ok ${JSON.stringify(r.value)}`;
}
