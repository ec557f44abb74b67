// prom-client has no parser of its own text format: these regexes read the subset it writes.

/** One sample of a Prometheus text exposition. */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

/** Every sample of the text, comments left out. */
export function parseMetrics(text: string): Sample[] {
  return text.split('\n').flatMap((line) => {
    const match = SAMPLE.exec(line);
    if (!match || line.startsWith('#')) return [];
    const labels = Object.fromEntries([...(match[2] ?? '').matchAll(LABEL)].map((label) => [label[1], JSON.parse(`"${label[2]}"`) as string]));
    return [{ name: match[1] as string, labels, value: Number(match[3]) }];
  });
}

/** The value of the sample named so whose labels include `labels`, summed over the matches (0 if none). */
export function valueOf(samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  return samples
    .filter((sample) => sample.name === name && Object.entries(labels).every(([key, value]) => sample.labels[key] === value))
    .reduce((total, sample) => total + sample.value, 0);
}

/** The values one label takes among the samples of a metric. */
export function labelValues(samples: Sample[], name: string, label: string): string[] {
  return [
    ...new Set(samples.filter((sample) => sample.name === name).flatMap((sample) => (label in sample.labels ? [sample.labels[label] as string] : []))),
  ].sort();
}

/** GETs a running process's /metrics and parses it. */
export async function scrape(baseUrl: string): Promise<Sample[]> {
  const response = await fetch(`${baseUrl}/metrics`);
  if (response.status !== 200) throw new Error(`/metrics answered ${response.status}`);
  return parseMetrics(await response.text());
}
