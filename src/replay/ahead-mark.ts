// Which pages the compress-ahead worker leaves to the fold. The two meet in lock-step when they
// run at about the same speed: each page then got compressed twice, once on each thread (12-17%
// of a replay's pages, measured). Instead, a worker that finds the fold right behind the page it
// is about to compress jumps ahead, and the fold compresses the pages in between itself.

/** How close the fold may be (in page keys) before the worker leaves it the page. */
export const AHEAD_NEAR = 2;
/** How many pages past the fold the worker then resumes. */
export const AHEAD_GAP = 32;

/** The worker's new mark for the page `key` it meets, the key the fold last asked for (`want`,
 * -1 before the fold asks) and its mark so far: it leaves every page up to the mark to the fold. */
export const aheadMark = (key: number, want: number, mark: number): number =>
  want >= 0 && key <= want + AHEAD_NEAR ? want + AHEAD_GAP : mark;
