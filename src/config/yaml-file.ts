import { isAlias, isCollection, isPair, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml';
import { ConfigError } from '../domain/index.ts';

/** One YAML file of the config, parsed, with what is needed to name the line of any of its nodes. */
export interface YamlFile {
  file: string;
  doc: Document;
  lineCounter: LineCounter;
  raw: unknown;
}

// yaml's default budget (100 aliases expanded) refuses a file of 10,000 sources sharing one anchor.
// A budget growing with the file's size admits shared defaults at any size, while an alias bomb (a
// few lines expanding to millions of nodes) is still refused.
const MIN_ALIAS_BUDGET = 100;

/** The alias budget of a file: how many nodes its aliases may expand to, in all. */
export function aliasBudget(text: string): number {
  return Math.max(MIN_ALIAS_BUDGET, text.length);
}

/**
 * Parses one config file, merge keys (`<<: *defaults`) included. Throws ConfigError naming file:line
 * for a syntax error, or for aliases expanding beyond the file's budget.
 */
export function readYaml(text: string, file: string): YamlFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, merge: true });
  if (doc.errors.length > 0) {
    const lines = doc.errors.map((error) => {
      const line = error.linePos?.[0].line ?? lineCounter.linePos(error.pos[0]).line;
      return `config: ${file}:${line}: YAML syntax: ${error.message.split('\n')[0]}`;
    });
    throw new ConfigError(lines.join('\n'), { cause: doc.errors[0] });
  }
  const budget = aliasBudget(text);
  const over = inlineAliases(doc, budget);
  if (over !== undefined) {
    const line = lineCounter.linePos(over).line;
    throw new ConfigError(
      `config: ${file}:${line}: YAML aliases: they expand to more than ${budget} nodes, the limit for a file of this size (an alias bomb? an alias of an alias multiplies: nest anchors less)`,
    );
  }
  return { file, doc, lineCounter, raw: doc.toJS() };
}

// Replaces each alias by the node it refers to, in document order, until the nodes they expand to
// pass the budget: returns the offset of that alias, or undefined. yaml resolves each alias by
// scanning the document up to it (quadratic: minutes for 10,000 aliased sources); this is one walk,
// and sizes are memoized, so a bomb is measured without being expanded.
function inlineAliases(doc: Document, budget: number): number | undefined {
  const sizes = new Map<unknown, number>();
  const sizeOf = (node: unknown): number => {
    if (isPair(node)) return sizeOf(node.key) + sizeOf(node.value);
    if (!isCollection(node)) return 1;
    const known = sizes.get(node);
    if (known !== undefined) return known;
    const size = node.items.reduce<number>((sum, item) => sum + sizeOf(item), 1);
    sizes.set(node, size);
    return size;
  };
  // An alias refers to the last anchor of its name before it (YAML allows redefining one).
  const anchors = new Map<string, Node>();
  let expanded = 0;
  let over: number | undefined;
  visit(doc, {
    Node(key, node, path) {
      if (!isAlias(node)) {
        if (node.anchor) anchors.set(node.anchor, node);
        return undefined;
      }
      const target = anchors.get(node.source);
      if (!target) return undefined; // the parse has reported it
      expanded += sizeOf(target);
      if (expanded > budget) {
        over = node.range?.[0] ?? 0;
        return visit.BREAK;
      }
      replaceChild(path.at(-1), key, target);
      // The target was walked where it stands; walking it again here would re-set its anchors.
      return visit.SKIP;
    },
  });
  return over;
}

function replaceChild(parent: unknown, key: number | 'key' | 'value' | null, node: Node): void {
  if (isCollection(parent) && typeof key === 'number') parent.items[key] = node;
  else if (isPair(parent) && key === 'key') parent.key = node;
  else if (isPair(parent)) parent.value = node;
}
