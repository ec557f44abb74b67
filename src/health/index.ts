/** How the service is doing: readiness, the worker's poll monitor (summaries, first-run guidance, poll mark). */
export { createReadiness, pollWindowMs, type Readiness, type ReadinessDeps } from './readiness.ts';
export { createPollMonitor, type MonitorDeps, type RunningMonitor } from './poll-monitor.ts';
export { createPollSummary, summarise, summaryLine, type CycleSummary, type PollSummary, type SummaryTiming } from './poll-summary.ts';
