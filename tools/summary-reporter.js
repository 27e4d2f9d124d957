// Prints the plain closing line CI reads: "N passed, N failed, N skipped". Skips are jest skips
// (test/helpers/skip.ts puts "(skipped: REASON)" in their titles); each reason is listed once
// above the line with its count, so a skip is never mistaken for a pass.
const REASON = /\(skipped: (.*)\)$/;

class SummaryReporter {
  onRunComplete(_contexts, results) {
    const reasons = new Map();
    for (const file of results.testResults) {
      for (const t of file.testResults) {
        if (t.status !== 'pending' && t.status !== 'skipped') continue;
        const m = [...t.ancestorTitles, t.title].map((s) => REASON.exec(s)).find((x) => x);
        const why = m ? m[1] : 'no reason in the title (filtered out, e.g. by -t)';
        reasons.set(why, (reasons.get(why) ?? 0) + 1);
      }
    }
    const lines = [...reasons].map(([why, n]) => `  skipped ${n}: ${why}`);
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    const skipped = results.numPendingTests + results.numTodoTests;
    process.stdout.write(`\n${lines.length ? `${lines.join('\n')}\n` : ''}` +
      `${results.numPassedTests} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}
module.exports = SummaryReporter;
