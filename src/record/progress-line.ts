// One self-overwriting progress line on a terminal: elapsed time, bios captured, events lost.
export function progressLine(stream: NodeJS.WriteStream): { update(p: { elapsedMs: number; bios: number; lost: number }): void; end(): void } {
  let shown = false;
  return {
    update(p) {
      shown = true;
      stream.write(`\rrecording ${(p.elapsedMs / 1000).toFixed(1)}s  bios ${p.bios}  lost ${p.lost}   `);
    },
    end() { if (shown) stream.write('\n'); },
  };
}
