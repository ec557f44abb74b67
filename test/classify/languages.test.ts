import { beforeAll, describe, expect, it } from 'vitest';
import { createClassifier, type Classifier } from '../../src/classify/index.ts';

let classifier: Classifier;
beforeAll(() => {
  classifier = createClassifier([]);
});

const countriesOf = (title: string, language?: string) =>
  classifier.classify({ title, text: '', defaultCountries: [], defaultRegions: [], ...(language ? { language } : {}) }).countries;

describe('country names in other languages', () => {
  it.each([
    ['Япония заявила протест', ['JP']],
    ['Переговоры России и Японии', ['RU', 'JP']],
    ['Встреча с Китаем', ['CN']],
    ['Санкции против Ирана', ['IR']],
    ['日本政府は発表した', ['JP']],
    ['ロシアと日本の首脳会談', ['RU', 'JP']],
    ['中国与美国举行会谈', ['CN', 'US']],
    ['مصر', ['EG']],
    ['وزير خارجية العراق', ['IQ']],
    ['والعراق بالسعودية', ['IQ', 'SA']],
  ])('%s → %j', (title, expected) => {
    expect(countriesOf(title)).toEqual(expected);
  });

  it.each([
    ["L'Allemagne et le Japon", 'fr', ['DE', 'JP']],
    ['Wahlen in Spanien', 'de', ['ES']],
    ['Elecciones en Alemania', 'es', ['DE']],
  ])('reads Latin-script names in their own language: %s (%s)', (title, language, expected) => {
    expect(countriesOf(title, language)).toEqual(expected);
  });

  // Each of these keys is also a French or German name of the same country ("Irak", "Japon", "Kenia").
  it.each([
    ['Irak', ['IQ']],
    ['Kenia', ['KE']],
    ['Singapur', ['SG']],
    ['Japón', ['JP']],
    ['Ruanda', ['RW']],
    ['Surinam', ['SR']],
    ['Bahrein', ['BH']],
    ['Sahara Occidental', ['EH']],
  ])('keeps Spanish names that another language spells the same: %s', (title, expected) => {
    expect(countriesOf(`Noticias de ${title}`, 'es')).toEqual(expected);
  });

  it('ignores Latin-script foreign names in English text', () => {
    expect(countriesOf('Allemagne et Japon')).toEqual([]);
    expect(countriesOf('Ferry service to Long Island resumes')).toEqual([]);
  });
});

describe('curated names', () => {
  it.each([
    ["Quai d'Orsay summons envoy", ['FR']],
    ['Zhongnanhai reshuffle', ['CN']],
    ['Bank of Japan holds rates', ['JP']],
    ['Crimea tensions rise', ['UA', 'RU']],
    ['Fighting near the Golan', ['SY', 'IL']],
    ['Talks on Western Sahara', ['EH', 'MA']],
    ['Taiwan holds elections', ['TW']],
    ['Bundesbank warns on inflation', ['DE']],
    ['OPEC ministers meet', []],
    ['UAE raises oil output', ['AE']],
    ['U.K. inflation rises', ['GB']],
    ['Pentagon orders new jets', ['US']],
    ['White House rejects the bill', ['US']],
    ['Downing Street denies report', ['GB']],
    ['Burma frees prisoners', ['MM']],
    ['West Germany cuts interest rates', ['DE']],
  ])('%s → %j', (title, expected) => {
    expect(countriesOf(title)).toEqual(expected);
  });
});
