/**
 * A text equal for equal configs (or parts of one), to tell whether a reload changed anything.
 * Regions hold their countries as Sets, which JSON.stringify would write as {}.
 */
export function configKey(value: unknown): string {
  return JSON.stringify(value, (_key, part: unknown) => (part instanceof Set ? [...(part as Set<unknown>)].sort() : part));
}
