import { beforeAll, describe, expect, it } from 'vitest';
import { createClassifier, type Classifier, type ClassifyInput } from '../../src/classify/index.ts';
import { loadConfig } from '../../src/config/index.ts';
import type { Region } from '../../src/domain/index.ts';

let classifier: Classifier;
beforeAll(async () => {
  const config = await loadConfig('config/feeds.yaml');
  classifier = createClassifier(config.regions);
});

function story(title: string, text: string, extra: Partial<ClassifyInput> = {}): ClassifyInput {
  return { title, text, defaultCountries: [], defaultRegions: [], ...extra };
}

describe('createClassifier', () => {
  it('places a Moscow-datelined story on the Kuril Islands dispute in Russia and Japan', () => {
    const result = classifier.classify(
      story(
        'Russia and Japan hold new round of talks on Kuril Islands',
        'MOSCOW, February 7 (RIA Novosti) - Russian and Japanese diplomats met on Friday to discuss the ' +
          'Kuril Islands, which Japan calls its Northern Territories. Tokyo wants the four islands back.',
      ),
    );
    expect(result.countries).toEqual(['RU', 'JP']);
    expect(result.regions).toEqual(expect.arrayContaining(['russia', 'asia-pacific']));
    expect(result.evidence).toContainEqual(expect.objectContaining({ country: 'RU', kind: 'dateline', match: 'MOSCOW' }));
  });

  it('counts every claimant of a disputed territory named in the lead, however strong the dateline', () => {
    const result = classifier.classify(
      story(
        'New round of island talks set',
        'MOSCOW, February 7 (RIA Novosti) - Russia and Japan will hold new talks on the Kuril Islands dispute next month.',
      ),
    );
    expect(result.countries).toEqual(['RU', 'JP']);
  });

  it('leaves a disputed territory of a passing mention to the scores', () => {
    const lead = 'MOSCOW, February 7 (RIA Novosti) - Grain traders said Russia would buy more wheat this year. '.padEnd(320, '.');
    const result = classifier.classify(story('Wheat purchases', `${lead} Fishing near the Kuril Islands was also discussed.`));
    expect(result.countries).toEqual(['RU']);
  });

  it.each([
    ['Violence in Kashmir', 'Troops and militants clashed in the valley.', ['IN', 'PK']],
    ['Army reinforces posts', 'NEW DELHI - Indian troops killed three militants in Kashmir on Monday.', ['IN', 'PK']],
  ])('places Kashmir in both India and Pakistan: %j', (title, text, expected) => {
    expect(classifier.classify(story(title, text)).countries).toEqual(expected);
  });

  it.each([
    ['TROY, Mich. (Reuters) - The carmaker said on Tuesday it would close a plant.', 'TROY, Mich.'],
    ['WASHINGTON, Feb 7 (AP) — Lawmakers passed the bill late on Thursday.', 'WASHINGTON'],
    ['LONDON, Ontario, March 3 - The city council approved a new budget.', 'LONDON, Ontario'],
    ['TOKYO (Reuters) - The central bank left rates unchanged.', 'TOKYO'],
  ])('reads the dateline of %j', (text, match) => {
    const result = classifier.classify(story('Company news', text));
    expect(result.evidence[0]).toMatchObject({ kind: 'dateline', match });
    expect(result.countries).toHaveLength(1);
  });

  it('tells Georgia the US state from Georgia the country', () => {
    const state = classifier.classify(story('Storms hit the South', 'ATLANTA, Ga. (Reuters) - Storms hit Georgia and Alabama.'));
    const country = classifier.classify(story('Vote in Tbilisi', "TBILISI (Reuters) - Georgia's parliament voted on Monday."));
    const plain = classifier.classify(story('Peach harvest', 'Farmers in Georgia and Florida expect a large peach crop.'));
    expect(state.countries).toEqual(['US']);
    expect(country.countries).toEqual(['GE']);
    expect(plain.countries).toEqual(['US']);
  });

  it.each([
    ['TBILISI, Georgia, Feb 7 - The government said it would hold talks.', ['GE']],
    ['ATLANTA, Georgia, Feb 7 - Storms hit the city.', ['US']],
    ['SAVANNAH, Ga., Feb 7 - The port expanded.', ['US']],
  ])('reads a dateline qualifier that is a state and a country by its city: %j', (text, expected) => {
    expect(classifier.classify(story('Weekly review', text)).countries).toEqual(expected);
  });

  it('reads a dateline in the story\'s language: "Salvador" is French for El Salvador, in English the city in Brazil', () => {
    const result = classifier.classify(story('BAHIA COCOA REVIEW', 'SALVADOR, Feb 26 - Showers continued throughout the week.'));
    expect(result.countries).toEqual(['BR']);
  });

  it('moves a city to the state named after its comma', () => {
    expect(classifier.classify(story('Tornado', 'A tornado hit Paris, Texas on Tuesday night.')).countries).toEqual(['US']);
    expect(classifier.classify(story('Fashion', 'Designers gathered in Paris on Tuesday night.')).countries).toEqual(['FR']);
  });

  it('skips countries that are people and places inside larger names', () => {
    const result = classifier.classify(story('Basketball', 'Michael Jordan scored 40 points. Latin American fans cheered. Give us a chance, he said.'));
    expect(result.countries).toEqual([]);
  });

  it.each([
    ['Chad accuses Libya', "N'DJAMENA - Chad said Libyan troops had crossed the border.", ['TD', 'LY']],
    ['Band on tour', 'Chad Smith said the band would tour in the spring.', []],
    ['Niger and Nigeria sign border pact', 'The two governments agreed on the line.', ['NE', 'NG']],
    ['Floods', 'Floods along the River Niger in Mali and Guinea killed dozens.', ['ML', 'GN']],
    ['Floods', 'Floods along the Niger River in Mali killed dozens.', ['ML']],
    ['Pipeline attack', 'Militants attacked pipelines in the Niger Delta.', ['NG']],
    ['Equatorial Guinea and Guinea-Bissau sign accord', '', ['GQ', 'GW']],
    ['Papua New Guinea votes', '', ['PG']],
    ['Pet trade', 'Breeders said Guinea pig prices rose.', []],
  ])('tells Chad, Niger and Guinea from their namesakes: %j', (title, text, expected) => {
    expect(classifier.classify(story(title, text)).countries).toEqual(expected);
  });

  it('reads a country name used as a surname as the person everywhere in the story', () => {
    const body = 'CHICAGO, Feb 7 - Michael Jordan scored 40 points as the Bulls won. Jordan also had eight assists.';
    expect(classifier.classify(story('Jordan leads Bulls past Knicks', body)).countries).toEqual(['US']);
    const aide = 'Mr. Jordan told the committee he would resign. Jordan said the bank was sound.';
    expect(classifier.classify(story('Jordan quits', aide)).countries).toEqual([]);
  });

  it("reads Israel as a person's name", () => {
    const body = 'Rep. Steve Israel said on Monday he had won. Israel, a New York Democrat, thanked voters.';
    expect(classifier.classify(story('Steve Israel re-elected', body)).countries).toEqual(['US']);
  });

  it.each([
    ['Floods hit Southern Jordan', 'Southern Jordan saw heavy rain on Monday.'],
    ['Treaty signed', 'The Hashemite Kingdom of Jordan signed the treaty.'],
    ['Royal visit', 'King Abdullah of Jordan arrived on Monday.'],
    ['Talks', 'Delegates met in Amman, Jordan, on Monday.'],
    ['Aid plan', 'In Jordan, officials welcomed the plan. Neighbouring Jordan has taken in refugees.'],
  ])('keeps Jordan the country in place phrases: %j', (title, text) => {
    expect(classifier.classify(story(title, text)).countries).toEqual(['JO']);
  });

  it('takes no date in a dateline for a given name', () => {
    const body = 'KANSAS CITY, March 4 - Israel will tender overnight for 30,000 tonnes of sorghum.';
    const result = classifier.classify(story('Israel tenders for sorghum', body));
    expect(result.countries).toEqual(['US', 'IL']);
    expect(result.evidence).toContainEqual({ country: 'IL', kind: 'lead', match: 'Israel', weight: 1.5 });
  });

  it('reads all-capital headlines, abbreviations and historical names', () => {
    expect(classifier.classify(story('U.S. TRADE DEFICIT WIDENS', '')).countries).toEqual(['US']);
    expect(classifier.classify(story('Soviet grain purchases', 'The USSR bought wheat.')).countries).toEqual(['RU']);
    expect(classifier.classify(story('Kremlin says no', 'The Kremlin rejected the plan.')).countries).toEqual(['RU']);
  });

  it('reads Russian country names', () => {
    expect(classifier.classify(story('Россия и Япония', '')).countries).toEqual(['RU', 'JP']);
  });

  it('falls back to the source defaults when the text names no place', () => {
    const input = story('Markets steady', 'Shares were little changed in quiet trading.', {
      defaultCountries: ['FR'],
      defaultRegions: ['world'],
    });
    const result = classifier.classify(input);
    expect(result.countries).toEqual(['FR']);
    expect(result.regions).toEqual(['world', 'europe']);
    expect(result.evidence).toEqual([{ country: 'FR', kind: 'source-default', match: 'source default', weight: 0 }]);
  });

  it('uses a GeoRSS point when the text names no place', () => {
    const result = classifier.classify(story('Quake', 'A strong earthquake struck.', { geo: { lat: 35.68, lon: 139.76 } }));
    expect(result.countries).toEqual(['JP']);
    expect(result.evidence[0]).toMatchObject({ kind: 'geo' });
  });
});

describe('region rules', () => {
  const region = (id: string, extra: Partial<Region>): Region => ({
    id,
    title: id,
    description: id,
    countries: new Set(),
    everything: false,
    includeKeywords: [],
    excludeKeywords: [],
    ...extra,
  });
  const regions = [
    region('world', { everything: true, excludeKeywords: ['horoscope'] }),
    region('nordics', { countries: new Set(['NO', 'SE']) }),
    region('energy', { includeKeywords: ['crude oil'] }),
  ];
  const own = createClassifier(regions);

  it.each([
    ['Norway raises output', 'Norway will pump more crude oil.', ['world', 'nordics', 'energy']],
    ['Norway weekly horoscope', 'The stars over Norway.', ['nordics']],
    ['Oil markets', 'Crude  Oil prices rose in Sweden.', ['world', 'nordics', 'energy']],
  ])('%j → %j', (title, text, expected) => {
    expect(own.classify(story(title, text)).regions).toEqual(expected);
  });
});
