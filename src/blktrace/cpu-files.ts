// blkparse's file-mode naming of a trace's per-CPU files (NAME.blktrace.N from 0 up to the first
// missing number, empty files allowed). Apart from read.ts so that finding a trace's files does
// not load the decoder (a replay of a log looks for them only to tell a trace from a log).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { kindOf } from '../input/read-bounded';
import { BadInputError } from '../replay/bad-input';

export interface CpuFile { readonly cpu: number; readonly path: string; readonly size: number }

export interface TraceFiles {
  readonly name: string;     // basename without .blktrace.N (blkparse prints it in the summary)
  readonly dir: string | null;
  readonly files: CpuFile[]; // every N from 0 to the first missing one, empty files included
}

/** blkparse -i NAME: strips a `.blktrace.N` suffix, splits off the directory, lists the files. */
export function findCpuFiles(input: string, inputDir: string | null = null): TraceFiles {
  const cut = input.indexOf('.blktrace.');
  const stem = cut >= 0 ? input.slice(0, cut) : input;
  // like blkparse: a name with a directory sets the input directory (for later names too), -D otherwise
  const dir = path.dirname(stem) === '.' ? inputDir : path.dirname(stem);
  const name = path.dirname(stem) === '.' ? stem : path.basename(stem);
  const files: CpuFile[] = [];
  for (let cpu = 0; ; cpu++) {
    const p = (dir === null ? '' : `${dir}/`) + `${name}.blktrace.${cpu}`;
    let st: fs.Stats;
    try { st = fs.statSync(p); } catch { break; }
    if (!st.isFile()) throw new BadInputError(`${p}: ${kindOf(st)}, expected a regular file`);
    files.push({ cpu, path: p, size: st.size });
  }
  return { name, dir, files };
}
