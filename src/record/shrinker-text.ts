// The vmscan tracepoints mm_shrink_slab_start/_end as ftrace prints them, reduced to the runs of
// zsmalloc pool shrinkers (callback zs_shrinker_scan). Pure: text in, runs out.
//   comm-pid [cpu] flags secs.usecs: mm_shrink_slab_start: zs_shrinker_scan+0x0/0x80 PTR: nid: N
//     objects to shrink N gfp_flags F cache items N delta N total_scan N priority N
//   ... mm_shrink_slab_end: zs_shrinker_scan+0x0/0x80 PTR: nid: N unused scan count N
//     new scan count N total_scan N last shrinker return val N
// A start and its end are paired by pid and shrinker pointer (the task may change CPU between).

export interface ShrinkerRun {
  readonly ts: bigint;        // the start's trace-clock time, ns (ftrace prints µs)
  readonly pid: number;
  readonly comm: string;
  readonly shrinker: string;  // hashed pointer: one per pool, so it names the device's pool
  readonly freeable: number;  // cache items (zs_shrinker_count)
  readonly totalScan: number; // the scan budget of this call
  readonly freed: number;     // last shrinker return val
}

export interface ShrinkerParse { readonly runs: ShrinkerRun[]; readonly unpaired: number; readonly otherShrinkers: number }

const LINE = /^\s*(.*)-(\d+)\s+\[\d+\]\s+\S+\s+(\d+)\.(\d{6}): mm_shrink_slab_(start|end): (\S+) ([0-9a-f]+): nid: -?\d+ (.*)$/;
const START = /cache items (\d+) delta -?\d+ total_scan (\d+) priority/;
const END = /last shrinker return val (-?\d+)$/;

export function parseShrinkerTrace(text: string): ShrinkerParse {
  const open = new Map<string, Omit<ShrinkerRun, 'freed'>>();
  const runs: ShrinkerRun[] = [];
  let unpaired = 0;
  let otherShrinkers = 0;
  for (const line of text.split('\n')) {
    const m = LINE.exec(line);
    if (!m) continue;
    const [, comm, pid, secs, usecs, kind, fn, shrinker, rest] = m;
    if (!fn.startsWith('zs_shrinker_scan+')) { if (kind === 'start') otherShrinkers++; continue; }
    const key = `${pid}/${shrinker}`;
    if (kind === 'start') {
      const s = START.exec(rest);
      if (!s) continue;
      if (open.has(key)) unpaired++;
      open.set(key, { ts: BigInt(secs) * 1_000_000_000n + BigInt(usecs) * 1000n, pid: Number(pid), comm: comm.trim(), shrinker,
        freeable: Number(s[1]), totalScan: Number(s[2]) });
      continue;
    }
    const start = open.get(key);
    const e = END.exec(rest);
    if (!start || !e) { unpaired++; continue; }
    open.delete(key);
    runs.push({ ...start, freed: Math.max(0, Number(e[1])) });
  }
  return { runs: runs.sort((a, b) => (a.ts < b.ts ? -1 : a.ts > b.ts ? 1 : 0)), unpaired: unpaired + open.size, otherShrinkers };
}
