import type { Reporter, TestModule } from 'vitest/node';

/**
 * Ends the run with the plain line "Tests: N passed, N failed[, N skipped]", which CI systems read
 * whatever the test runner. Tests of a file whose set-up failed count as failed, not skipped.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const counts = { passed: 0, failed: 0, skipped: 0 };
    for (const module of testModules) {
      // A test left unrun because its file's set-up failed (a browser that would not start) failed.
      const broken = module.state() === 'failed';
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') counts.passed += 1;
        else if (state === 'failed' || broken) counts.failed += 1;
        else counts.skipped += 1;
      }
    }
    const skipped = counts.skipped ? `, ${counts.skipped} skipped` : '';
    process.stdout.write(`\nTests: ${counts.passed} passed, ${counts.failed} failed${skipped}\n`);
  }
}
