// CI's log reader does not parse vitest's summary, so after it this prints one line it does parse:
// `Tests: N passed, N failed, N skipped`, counting test cases as vitest's summary does; todo counts as skipped.
import type { TestModule } from 'vitest/node';
import type { Reporter } from 'vitest/reporters';

export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const counts = { passed: 0, failed: 0, skipped: 0 };
    for (const testModule of testModules) {
      const failedBefore = counts.failed;
      for (const test of testModule.children.allTests()) {
        const { state } = test.result();
        // Still pending at the end means the run was interrupted: the test did not pass.
        if (state === 'pending') counts.failed++;
        else counts[state]++;
      }
      // A file that failed outside its tests (an import error, a failing hook) may hide tests that never ran:
      // one failure, so that the line never reads as a clean run when vitest failed the file.
      if (testModule.state() === 'failed' && counts.failed === failedBefore) counts.failed++;
    }
    process.stdout.write(`Tests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped\n`);
  }
}
