import { Counter, type Registry } from 'prom-client';
import type { Classifier } from '../classify/index.ts';

/** The label value of a story the text placed in no country, and of one in no region. */
export const NO_COUNTRY = '(no country)';
export const NO_REGION = '(no region)';

/** Wraps classifiers so that each outcome is counted by region. */
export type ClassifierObserver = (classifier: Classifier) => Classifier;

/**
 * New stories classified, by region (a config id): a story counts once in each of its regions; one
 * with no country counts under `(no country)`, one with countries but no region under `(no region)`.
 */
export function classifyMetrics(registry: Registry): ClassifierObserver {
  const outcomes = new Counter({
    name: 'wirefeed_classified_stories_total',
    help: 'New stories classified, by region; (no country) and (no region) for the stories placed nowhere.',
    labelNames: ['region'] as const,
    registers: [registry],
  });
  return (classifier) => ({
    classify(input) {
      const classification = classifier.classify(input);
      if (classification.countries.length === 0) outcomes.inc({ region: NO_COUNTRY });
      else if (classification.regions.length === 0) outcomes.inc({ region: NO_REGION });
      for (const region of classification.regions) outcomes.inc({ region });
      return classification;
    },
  });
}
