// Month names as feeds write them in RFC 822-like dates in the languages wire services publish in.
// No maintained package reads localized feed dates; a table is smaller than a date library.
const MONTHS: Record<string, string[]> = {
  en: ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'],
  fr: ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'],
  de: ['januar', 'februar', 'märz', 'april', 'mai', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'dezember'],
  es: ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre'],
  pt: ['janeiro', 'fevereiro', 'março', 'abril', 'maio', 'junho', 'julho', 'agosto', 'setembro', 'outubro', 'novembro', 'dezembro'],
  it: ['gennaio', 'febbraio', 'marzo', 'aprile', 'maggio', 'giugno', 'luglio', 'agosto', 'settembre', 'ottobre', 'novembre', 'dicembre'],
  // Nominative and the genitive used after a day number ("5 марта").
  ru: ['январь', 'февраль', 'март', 'апрель', 'май', 'июнь', 'июль', 'август', 'сентябрь', 'октябрь', 'ноябрь', 'декабрь'],
  ruGenitive: ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'],
  el: ['ιανουάριος', 'φεβρουάριος', 'μάρτιος', 'απρίλιος', 'μάιος', 'ιούνιος', 'ιούλιος', 'αύγουστος', 'σεπτέμβριος', 'οκτώβριος', 'νοέμβριος', 'δεκέμβριος'],
};

const MONTH_BY_NAME = buildIndex();

/** The 0-based month a (possibly abbreviated, accented or not) month name means, in any listed language. */
export function monthIndex(word: string): number | undefined {
  const key = word.toLowerCase().replace(/\.$/, '');
  return MONTH_BY_NAME.get(key) ?? MONTH_BY_NAME.get(stripAccents(key));
}

// Every full name and every prefix of three letters or more that means only one month
// ("juil" is July, "jui" could be June or July and is left out).
function buildIndex(): Map<string, number> {
  const candidates = new Map<string, Set<number>>();
  const add = (key: string, month: number) => candidates.set(key, (candidates.get(key) ?? new Set()).add(month));
  for (const names of Object.values(MONTHS)) {
    names.forEach((name, month) => {
      for (const form of new Set([name, stripAccents(name)])) {
        for (let length = 3; length <= form.length; length++) add(form.slice(0, length), month);
      }
    });
  }
  const index = new Map<string, number>();
  for (const [key, months] of candidates) if (months.size === 1) index.set(key, [...months][0]!);
  return index;
}

function stripAccents(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '');
}
