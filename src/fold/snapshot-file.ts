// Fold snapshots on disk, beside the log they were folded from: LOG.snap/KEY-AT.snap, where KEY
// names the log (its digest) and everything else that shapes the fold's state (variant, what-if
// knobs, content model, checkpoint interval, tool and snapshot versions), and AT is the number
// of events folded. A file is one JSON line (what it is, and the sha256 of the body) then the
// body (snapshot.ts); it is written whole (temp + rename) and checked when read, and one that
// does not check is not used. Snapshots are derived data: deleting them only costs time.
import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SNAPSHOT_VERSION } from './snapshot';

const FORMAT = 'zram-ref-fold-snapshot';

interface SnapshotHead { format: string; version: number; logDigest: string; key: string; at: number; body: string }

export const snapshotDir = (logPath: string): string => `${logPath}.snap`;

export function foldKey(logDigest: string, shape: unknown, toolVersion: string): string {
  const h = createHash('sha256').update(JSON.stringify([logDigest, shape, toolVersion, SNAPSHOT_VERSION]));
  return h.digest('hex').slice(0, 20);
}

const sha = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');
const fileName = (key: string, at: number): string => `${key}-${String(at).padStart(12, '0')}.snap`;

export class SnapshotFiles {
  constructor(readonly dir: string, readonly logDigest: string, readonly key: string) {}

  save(at: number, body: Uint8Array): void {
    fs.mkdirSync(this.dir, { recursive: true });
    const head: SnapshotHead = { format: FORMAT, version: SNAPSHOT_VERSION, logDigest: this.logDigest, key: this.key, at,
      body: sha(body) };
    const out = path.join(this.dir, fileName(this.key, at));
    const tmp = `${out}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      fs.writeFileSync(tmp, Buffer.concat([Buffer.from(JSON.stringify(head) + '\n'), body]));
      fs.renameSync(tmp, out);
    } finally {
      fs.rmSync(tmp, { force: true });
    }
  }

  /** Event counts of this key's snapshots, ascending. */
  list(): number[] {
    if (!fs.existsSync(this.dir)) return [];
    const re = new RegExp(`^${this.key}-(\\d{12})\\.snap$`);
    const ats = fs.readdirSync(this.dir).flatMap((f) => { const m = re.exec(f); return m ? [Number(m[1])] : []; });
    return ats.sort((a, b) => a - b);
  }

  /** The latest valid snapshot folded to at most `at` events, or null. */
  latest(at: number): { at: number; body: Uint8Array } | null {
    for (const n of this.list().reverse()) {
      if (n > at) continue;
      const body = this.load(n);
      if (body) return { at: n, body };
    }
    return null;
  }

  private load(at: number): Uint8Array | null {
    const bytes = fs.readFileSync(path.join(this.dir, fileName(this.key, at)));
    const nl = bytes.indexOf(0x0a);
    if (nl < 0) return null;
    let head: SnapshotHead;
    try { head = JSON.parse(bytes.subarray(0, nl).toString('utf8')) as SnapshotHead; } catch { return null; }
    const body = bytes.subarray(nl + 1);
    const ok = head.format === FORMAT && head.version === SNAPSHOT_VERSION && head.logDigest === this.logDigest &&
      head.key === this.key && head.at === at && head.body === sha(body);
    return ok ? body : null;
  }
}
