import { errorClass, errorLabel, type ErrorClass } from './error-class.ts';
import type { Source, SourceState } from './source.ts';

/** A source that has never answered, and why its last poll failed. */
export interface SilentSource {
  sourceId: string;
  title: string;
  errorClass: ErrorClass;
  /** `DNS`, `HTTP 503`… */
  label: string;
  error: string;
}

/** What a newcomer is told when no source has ever answered: which, why, and what to check. */
export interface FirstRunGuidance {
  sources: SilentSource[];
  /** One line per kind of failure seen, in the order first met. */
  advice: string[];
}

/**
 * The guidance, when every configured source has been polled and none has ever answered (no
 * success recorded in the store, this run or an earlier one); otherwise undefined.
 */
export function firstRunGuidance(sources: readonly Pick<Source, 'id' | 'title'>[], states: ReadonlyMap<string, SourceState>): FirstRunGuidance | undefined {
  if (sources.length === 0) return undefined;
  const silent: SilentSource[] = [];
  for (const source of sources) {
    const state = states.get(source.id);
    if (!state?.lastFetchedAt || state.lastSuccessAt) return undefined;
    const error = state.lastError ?? 'no answer';
    const kind = errorClass(error);
    silent.push({ sourceId: source.id, title: source.title, errorClass: kind, label: errorLabel(kind), error });
  }
  return { sources: silent, advice: [...new Set(silent.map((source) => adviceFor(source.errorClass)))] };
}

/** The guidance as one plain line for the log (at most `named` sources named). */
export function firstRunMessage(guidance: FirstRunGuidance, named = 10): string {
  const { sources } = guidance;
  const listed = sources.slice(0, named).map((source) => `${source.sourceId} (${source.label})`);
  const more = sources.length > named ? `, and ${sources.length - named} more` : '';
  const count = sources.length === 1 ? 'the only source' : `all ${sources.length} sources`;
  return `no source has answered yet: ${count} failed: ${listed.join(', ')}${more}. Check: ${guidance.advice.join('; ')}`;
}

function adviceFor(kind: ErrorClass): string {
  if (kind.startsWith('http-')) return "the servers answered with HTTP errors: check each source's url in the config";
  switch (kind) {
    case 'dns':
    case 'unreachable':
      return "this machine cannot resolve or reach the feeds' hosts: check its network and DNS; wirefeed connects directly and does not use HTTP_PROXY or HTTPS_PROXY";
    case 'refused':
    case 'timeout':
    case 'reset':
      return 'the hosts did not accept or answer the connections: check the network, a firewall or proxy in the way, and the ports in the URLs';
    case 'tls':
      return 'TLS failed: check the system clock and CA certificates, or a proxy that intercepts TLS';
    case 'private-address':
      return 'the feeds are on private or local addresses: to poll feeds on your own network, set fetch.allowPrivateNetworks: true in the config';
    case 'not-a-feed':
    case 'empty':
    case 'invalid-xml':
    case 'unsupported':
      return "the URLs do not serve feeds: open them in a browser and check each source's url in the config";
    case 'store':
      return 'the store failed: see the errors logged before this line';
    default:
      return "check each source's url in the config and its error in `wirefeed sources`";
  }
}
