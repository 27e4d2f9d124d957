// blkparse's pid -> command table: filled by PROCESS notes, and by -t / -s with "unknown" for a
// pid they meet without a name. The first name a pid gets stays (a later note does not rename it).
export class ProcessNames {
  private readonly names = new Map<number, string>();

  note(pid: number, comm: string): void {
    if (!this.names.has(pid)) this.names.set(pid, comm);
  }

  get(pid: number): string | null {
    return this.names.get(pid) ?? null;
  }

  getOrUnknown(pid: number): string {
    let n = this.names.get(pid);
    if (n === undefined) { n = 'unknown'; this.names.set(pid, n); }
    return n;
  }
}
