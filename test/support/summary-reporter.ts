import type { Reporter, TestModule } from 'vitest/node';

/**
 * Ends the run with the plain line "Tests: N passed, N failed[, N skipped]", which CI systems read
 * whatever the test runner. Tests of a file whose set-up failed count as failed, not skipped, and a
 * file that failed to load counts as one failed test.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const counts = { passed: 0, failed: 0, skipped: 0 };
    for (const module of testModules) {
      // A test left unrun because its file's set-up failed (a browser that would not start) failed.
      const broken = module.state() === 'failed';
      const tests = [...module.children.allTests()];
      // A file that failed to load (a syntax error) has no tests to count: it counts as one failure.
      if (broken && tests.length === 0) counts.failed += 1;
      for (const test of tests) {
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
