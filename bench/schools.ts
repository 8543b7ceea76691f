/**
 * Synthetic school-unit register files in Skolverket's export shape (BOM, `;`, Swedish
 * headers, decimal commas), as `POST /imports/schools` takes them (docs/school-register.md).
 * Deterministic: the same arguments give the same bytes, so a second import is all unchanged.
 */

/** Where each region's schools lie, and its districts. */
const PLACES: Record<string, { municipality: string; lat: number; lon: number; districts: string[] }> = {
  'se-malmo': {
    municipality: 'Malmö',
    lat: 55.59,
    lon: 13.0,
    districts: ['Rosengård', 'Hyllie', 'Fosie', 'Husie', 'Oxie', 'Centrum', 'Södra Innerstaden', 'Västra Innerstaden', 'Limhamn-Bunkeflo', 'Kirseberg'],
  },
  'se-skane': { municipality: 'Lund', lat: 55.7, lon: 13.19, districts: ['Centrum', 'Norr', 'Söder', 'Öster', 'Väster'] },
  'se-stockholm': { municipality: 'Stockholm', lat: 59.33, lon: 18.06, districts: ['Södermalm', 'Kungsholmen', 'Vasastan', 'Östermalm', 'Norrmalm', 'Rinkeby-Kista'] },
};

const FORMS = [
  ['Förskoleklass, Grundskola åk 1-6', ''],
  ['Förskoleklass, Grundskola åk 1-9', ''],
  ['Grundskola åk 7-9', ''],
  ['Gymnasieskola', 'NA, SA, EK'],
  ['Gymnasieskola', 'TE, EE, IN'],
  ['Gymnasieskola, Gymnasiesärskola', 'VO, BF'],
  ['Kommunal vuxenutbildning', ''],
  ['Anpassad grundskola', ''],
];

const decimal = (x: number) => x.toFixed(4).replace('.', ',');

/**
 * `n` schools of `regionCode` as one CSV file. School unit codes are 8 digits from
 * `firstCode` (unique per country: give regions of the same country different ranges).
 * `variant` changes every school's pupil count, for an import that updates them all.
 */
export function syntheticSchoolsCsv(n: number, regionCode: string, opts: { firstCode?: number; variant?: number } = {}): string {
  const place = PLACES[regionCode] ?? { municipality: regionCode, lat: 55.6, lon: 13.0, districts: ['Norr', 'Söder', 'Öster', 'Väster'] };
  const firstCode = opts.firstCode ?? 30_000_000;
  const lines = ['Skolenhetskod;Skolenhetsnamn;Kommunkod;Kommun;Stadsdel;Besöksadress;Latitud;Longitud;Skolformer;Program;Antal elever'];
  let seed = 42;
  const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  for (let i = 0; i < n; i++) {
    const [forms, programmes] = FORMS[i % FORMS.length];
    const district = place.districts[i % place.districts.length];
    const lat = place.lat + (random() - 0.5) * 0.08;
    const lon = place.lon + (random() - 0.5) * 0.14;
    const pupils = 50 + Math.floor(random() * 900) + (opts.variant ?? 0);
    lines.push(
      [
        firstCode + i,
        `${district}skolan ${i + 1}`,
        '1280',
        place.municipality,
        district,
        `Skolgatan ${1 + (i % 99)}`,
        decimal(lat),
        decimal(lon),
        `"${forms}"`,
        `"${programmes}"`,
        pupils,
      ].join(';'),
    );
  }
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}
