// CI's audit of the production dependencies (`npm audit --omit=dev --audit-level=high`), run by .ci/run.
// Exit 1 when the registry reports a high or critical advisory against one of them, naming each.
// Exit 0 with a warning when the registry could not be asked or gave no report (offline, or a mirror
// that does not serve the audit endpoint: some answer 405): the audit did not run, and CI says so
// plainly, but an outage of the registry is not a fault of this change, and failing every run on it
// would teach people to skip the step. A real advisory still fails.
// Usage: node --import tsx scripts/audit.ts
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const FAILING = new Set(['high', 'critical']);

interface Vulnerability {
  name: string;
  severity: string;
  via: (string | { title?: string; url?: string; range?: string })[];
}

interface AuditReport {
  auditReportVersion: number;
  vulnerabilities: Record<string, Vulnerability>;
  metadata: { vulnerabilities: Record<string, number> };
}

/** What npm audit printed as JSON, and its exit status. */
function runAudit(): Promise<{ status: number; output: string }> {
  return new Promise((resolve) => {
    const args = ['audit', '--omit=dev', '--audit-level=high', '--json'];
    execFile('npm', args, { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 }, (error, stdout) => {
      const status = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ status, output: stdout });
    });
  });
}

function parsed(output: string): unknown {
  try {
    return JSON.parse(output);
  } catch {
    return undefined;
  }
}

function isReport(value: unknown): value is AuditReport {
  return typeof value === 'object' && value !== null && 'auditReportVersion' in value && 'vulnerabilities' in value;
}

function line(vulnerability: Vulnerability): string {
  const advisories = vulnerability.via.map((via) =>
    typeof via === 'string' ? `through ${via}` : [via.title ?? 'advisory', via.range && `(versions ${via.range})`, via.url].filter(Boolean).join(' '),
  );
  return `  ${vulnerability.name} (${vulnerability.severity}): ${advisories.join('; ')}`;
}

const { status, output } = await runAudit();
const result = parsed(output);
if (isReport(result)) {
  const failing = Object.values(result.vulnerabilities).filter((vulnerability) => FAILING.has(vulnerability.severity));
  const counts = Object.entries(result.metadata.vulnerabilities)
    .filter(([severity, count]) => severity !== 'total' && count > 0)
    .map(([severity, count]) => `${count} ${severity}`);
  if (failing.length > 0 || status !== 0) {
    console.error(`npm audit: high or critical advisories in the production dependencies:\n${failing.map(line).join('\n')}`);
    console.error('Update them (npm audit fix --omit=dev, or a newer version in package.json), then run CI again.');
    process.exit(1);
  }
  console.log(`npm audit: no high or critical advisory in the production dependencies${counts.length ? ` (${counts.join(', ')})` : ''}`);
} else {
  const reason = typeof result === 'object' && result !== null && 'message' in result ? String(result.message) : `npm audit exited ${status} without a report`;
  console.error(`warning: npm audit did not run, the registry gave no audit report (${reason}); the production dependencies were NOT audited`);
}
