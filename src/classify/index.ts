/** Places a story in the countries it is about and the regions those belong to, with evidence. */
export { createClassifier } from './classifier.ts';
export type { Classifier, ClassifyInput } from './types.ts';
export { DEFAULT_WEIGHTS, type Weights } from './weights.ts';
