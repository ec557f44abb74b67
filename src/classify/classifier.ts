import type { Classification, Evidence, Region } from '../domain/index.ts';
import { buildGazetteer } from './gazetteer.ts';
import { compileRegions, regionsFor, type RegionRule } from './regions.ts';
import { focusCountries, resolveSignals, weighEvidence, withClaimants } from './score.ts';
import { collectSignals } from './signals.ts';
import { normalizePhrase } from './tokenize.ts';
import type { Classifier, ClassifyInput, Gazetteer } from './types.ts';
import { DEFAULT_WEIGHTS, type Weights } from './weights.ts';

// Datelines name towns far smaller than the cities worth noticing in running text.
const MIN_DATELINE_CITY = 15_000;

function storyWords(input: ClassifyInput, rules: RegionRule[]): string {
  const needed = rules.some((r) => r.include.length > 0 || r.exclude.length > 0);
  return needed ? ` ${normalizePhrase(`${input.title}\n${input.text}`)} ` : '';
}

function classifyWith(input: ClassifyInput, gazetteer: Gazetteer, rules: RegionRule[], weights: Weights): Classification {
  const signals = collectSignals(input, gazetteer, weights);
  const resolved = resolveSignals(signals, weights);
  const evidence = weighEvidence(resolved, weights);
  const countries = withClaimants(focusCountries(evidence, weights), resolved);
  const words = storyWords(input, rules);
  if (countries.length > 0) return { countries, regions: regionsFor(countries, words, rules), evidence };
  // No geographic signal: the source's own place is the best guess there is.
  const fallback: Evidence[] = input.defaultCountries.map((country) => ({
    country,
    kind: 'source-default',
    match: 'source default',
    weight: 0,
  }));
  return {
    countries: [...input.defaultCountries],
    regions: regionsFor(input.defaultCountries, words, rules, input.defaultRegions),
    evidence: fallback,
  };
}

/** Builds a classifier for these regions; loads the gazetteer once (about a quarter of a second). */
export function createClassifier(regions: Region[], weights: Weights = DEFAULT_WEIGHTS): Classifier {
  const gazetteer = buildGazetteer({ minCityPopulation: MIN_DATELINE_CITY });
  const rules = compileRegions(regions);
  return { classify: (input) => classifyWith(input, gazetteer, rules, weights) };
}
