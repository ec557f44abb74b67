import type { PlaceType } from './types.ts';

/** A group of hand-added names, all added for the same reason. */
export interface CuratedGroup {
  reason: string;
  type: PlaceType;
  upperOnly?: boolean;
  personName?: boolean;
  shared?: boolean;
  /** Inhabitants to assume, so a well-known city counts in running text like a large one. */
  population?: number;
  /** [phrase, space-separated ISO codes] — several codes for a place more than one country claims. */
  names: readonly (readonly [string, string])[];
}

/** What the maintained packages lack; every group says why it is here. */
export const CURATED: readonly CuratedGroup[] = [
  {
    reason: 'Abbreviations world-countries lists only as two-letter codes or not at all; capitals only, "us" is a pronoun',
    type: 'country',
    upperOnly: true,
    names: [['US', 'US'], ['U.S.', 'US'], ['U.S.A.', 'US'], ['UK', 'GB'], ['U.K.', 'GB'], ['U.A.E.', 'AE']],
  },
  {
    reason: 'Everyday English names of countries that world-countries does not list',
    type: 'country',
    names: [
      ['America', 'US'], ['Britain', 'GB'], ['Briton', 'GB'], ['Britons', 'GB'], ['Scottish', 'GB'],
      ['Welsh', 'GB'], ['Korea', 'KR'], ['Saudis', 'SA'], ['Filipino', 'PH'], ['Filipinos', 'PH'],
      ['Kiwi', 'NZ'], ['Argentine', 'AR'], ['Argentines', 'AR'], ['Swiss', 'CH'],
    ],
  },
  {
    reason: 'Capitals as datelines write them; the packages spell this one "Washington, D.C."',
    type: 'capital',
    names: [['Washington', 'US']],
  },
  {
    reason: 'English and wire names of cities GeoNames lists under their local name ("Genève", "Köln")',
    type: 'city',
    population: 1_000_000,
    names: [
      ['Geneva', 'CH'], ['Cologne', 'DE'], ['Frankfurt', 'DE'], ['Hanover', 'DE'], ['Nuremberg', 'DE'],
      ['Duesseldorf', 'DE'], ['Antwerp', 'BE'], ['Ghent', 'BE'], ['Bruges', 'BE'], ['The Hague', 'NL'],
      ['Gothenburg', 'SE'], ['Basle', 'CH'], ['Seville', 'ES'], ['Kiev', 'UA'], ['Marseilles', 'FR'],
      ['Oporto', 'PT'], ['Teheran', 'IR'], ['Dacca', 'BD'], ['Sao Paulo', 'BR'], ['Rio de Janeiro', 'BR'],
    ],
  },
  {
    reason: 'Metonyms: a building or institution standing for its government',
    type: 'landmark',
    names: [
      ['Kremlin', 'RU'], ['White House', 'US'], ['Pentagon', 'US'], ['Capitol Hill', 'US'], ['Wall Street', 'US'],
      ['Downing Street', 'GB'], ['Whitehall', 'GB'], ['Elysee', 'FR'], ['Quai d\'Orsay', 'FR'], ['Bundesbank', 'DE'],
      ['Bundestag', 'DE'], ['Knesset', 'IL'], ['Federal Reserve', 'US'], ['Zhongnanhai', 'CN'], ['MITI', 'JP'],
      ['Bank of Japan', 'JP'],
    ],
  },
  {
    reason: 'Historical names, mapped to the successor state',
    type: 'country',
    names: [
      ['Soviet', 'RU'], ['Soviets', 'RU'], ['Soviet Union', 'RU'], ['USSR', 'RU'], ['U.S.S.R.', 'RU'],
      ['West Germany', 'DE'], ['West German', 'DE'], ['East Germany', 'DE'], ['East German', 'DE'],
      ['Burma', 'MM'], ['Burmese', 'MM'], ['Peking', 'CN'], ['Zaire', 'CD'], ['Zairean', 'CD'], ['Kampuchea', 'KH'],
      ['Czechoslovakia', 'CZ'], ['Czechoslovak', 'CZ'], ['Yugoslavia', 'RS'], ['Yugoslav', 'RS'], ['Ceylon', 'LK'],
      ['Rhodesia', 'ZW'], ['Siam', 'TH'], ['Persia', 'IR'], ['Bombay', 'IN'], ['Calcutta', 'IN'], ['Madras', 'IN'],
      ['Rangoon', 'MM'], ['Saigon', 'VN'], ['Leningrad', 'RU'], ['Formosa', 'TW'], ['Dahomey', 'BJ'],
      ['Upper Volta', 'BF'], ['North Yemen', 'YE'], ['South Yemen', 'YE'], ['Canton', 'CN'], ['Nationalist China', 'TW'],
    ],
  },
  {
    reason: 'Disputed territories: each claimant is a country the story is about',
    type: 'country',
    shared: true,
    names: [
      ['Kuril Islands', 'RU JP'], ['Kurile Islands', 'RU JP'], ['Kurils', 'RU JP'], ['Kuriles', 'RU JP'],
      ['Northern Territories', 'JP RU'], ['Kashmir', 'IN PK'], ['Golan Heights', 'SY IL'], ['West Bank', 'PS IL'],
      ['Gaza Strip', 'PS IL'], ['Crimea', 'UA RU'], ['Abkhazia', 'GE RU'], ['South Ossetia', 'GE RU'],
      ['Malvinas', 'FK AR'], ['Golan', 'SY IL'], ['Western Sahara', 'EH MA'], ['Spratly Islands', 'CN VN PH'], ['Senkaku Islands', 'JP CN'], ['Nagorno-Karabakh', 'AZ AM'],
    ],
  },
  {
    reason: 'Also given names or surnames ("Michael Jordan", "Chad Smith"); "Congo" alone now mostly means DR Congo',
    type: 'country',
    personName: true,
    names: [['Congo', 'CD'], ['Jordan', 'JO'], ['Chad', 'TD'], ['Niger', 'NE'], ['Israel', 'IL'], ['Georgia', 'GE']],
  },
  {
    reason: 'The Niger river flows through five countries, so "River Niger" names none of them, Niger the country least',
    type: 'none',
    names: [['River Niger', ''], ['Niger River', '']],
  },
  {
    reason: 'The Niger Delta, where the river meets the sea, is in Nigeria, not Niger',
    type: 'subdivision',
    names: [['Niger Delta', 'NG']],
  },
  {
    reason: 'Organisations seated in a country they are not about: OPEC sits in Vienna but speaks for its members',
    type: 'none',
    names: [['OPEC', ''], ['Organization of Petroleum Exporting Countries', ''], ['IAEA', ''], ['United Nations', '']],
  },
  {
    reason: 'Larger names containing a place that is not what they are about; they stop the shorter match',
    type: 'none',
    names: [
      ['Latin America', ''], ['Latin American', ''], ['South America', ''], ['South American', ''],
      ['Central America', ''], ['Central American', ''], ['North America', ''], ['North American', ''],
      ['Persian Gulf', ''], ['Arabian Gulf', ''], ['Indian Ocean', ''], ['American Indian', ''],
      ['New England', 'US'], ['Guinea pig', ''], ['Turkey Point', 'US'], ['Panama Canal', 'PA'],
      ['Middle East', ''], ['Far East', ''],
    ],
  },
  {
    reason: 'City and capital names that are ordinary English words too ("stock split", "Most analysts")',
    type: 'none',
    names: [
      ['Split', ''], ['Sale', ''], ['Most', ''], ['Of', ''], ['Nice', ''], ['Reading', ''], ['Mobile', ''],
      ['March', ''], ['Bath', ''], ['Police', ''], ['Best', ''], ['Deal', ''], ['Victoria', ''], ['Mandate', ''],
      ['Georgetown', ''], ['Hamilton', ''], ['Kingston', ''], ['Union', ''], ['Gold', ''], ['Island', ''],
    ],
  },
];
