import { parse } from 'csv-parse/sync';
import { SchoolLevel } from './enums';

/**
 * Reading a school-unit register file (docs/school-register.md): UTF-8 (with or without
 * BOM), `;` or `,` separated, headers in Swedish or English matched case- and
 * accent-insensitively, one school per line. Pure: the database part is school-register.ts.
 * Every problem becomes a {line, field, message} (the header is line 1); nothing throws.
 */

/** What a file may hold (REST: larger bodies are refused with 413 before they are read). */
export const SCHOOL_REGISTER_LIMITS = { maxBytes: 10 * 1024 * 1024, maxSchools: 20_000, maxErrors: 1_000 } as const;

export type SchoolField =
  'schoolUnitCode' | 'name' | 'municipality' | 'district' | 'address' | 'latitude' | 'longitude' | 'coordinates' | 'schoolLevels' | 'programmes' | 'pupilCount';

/** One problem of a file: `field` is null when it is the line (or file) as a whole. */
export interface SchoolImportError {
  line: number;
  field: SchoolField | null;
  message: string;
}

/** One valid line. A field whose column the file does not have is undefined (left as it is on update). */
export interface RegisterSchool {
  line: number;
  code: string;
  name: string;
  municipality: string;
  district?: string | null;
  latitude?: number | null;
  longitude?: number | null;
  schoolLevels?: SchoolLevel[];
  programmes?: string[];
  pupilCount?: number | null;
}

export interface ParsedRegister {
  schools: RegisterSchool[];
  errors: SchoolImportError[];
}

/** Accepted headers per field, normalised (lower case, no accents, letters and digits only). */
export const SCHOOL_REGISTER_HEADERS: Record<SchoolField, string[]> = {
  schoolUnitCode: ['skolenhetskod', 'skolenhetkod', 'schoolunitcode', 'registrycode', 'schoolcode', 'code'],
  name: ['skolenhetsnamn', 'skolnamn', 'namn', 'name', 'schoolname', 'schoolunitname'],
  municipality: ['kommun', 'kommunnamn', 'municipality'],
  district: ['kommundel', 'stadsdel', 'stadsomrade', 'omrade', 'district', 'area'],
  address: ['besoksadress', 'adress', 'address', 'visitingaddress', 'streetaddress'],
  latitude: ['latitud', 'lat', 'latitude', 'wgs84lat', 'koordinatwgs84lat'],
  longitude: ['longitud', 'lon', 'lng', 'long', 'longitude', 'wgs84lng', 'koordinatwgs84lng'],
  coordinates: ['koordinater', 'koordinat', 'coordinates', 'wgs84'],
  schoolLevels: ['skolform', 'skolformer', 'schoolform', 'schoolforms', 'schoollevel', 'schoollevels', 'levels'],
  programmes: ['program', 'programmes', 'programs', 'gymnasieprogram', 'nationellaprogram'],
  pupilCount: ['antalelever', 'elevantal', 'elever', 'pupils', 'pupilcount', 'numberofpupils', 'students'],
};

const REQUIRED: SchoolField[] = ['schoolUnitCode', 'name', 'municipality'];
const LABEL: Record<SchoolField, string> = {
  schoolUnitCode: 'Skolenhetskod / school unit code',
  name: 'Skolenhetsnamn / name',
  municipality: 'Kommun / municipality',
  district: 'Kommundel / district',
  address: 'Besöksadress / address',
  latitude: 'Latitud / latitude',
  longitude: 'Longitud / longitude',
  coordinates: 'Koordinater / coordinates',
  schoolLevels: 'Skolformer / school levels',
  programmes: 'Program / programmes',
  pupilCount: 'Antal elever / pupils',
};

const normaliseHeader = (h: string) =>
  h
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
const BY_HEADER = new Map(Object.entries(SCHOOL_REGISTER_HEADERS).flatMap(([field, names]) => names.map((n) => [n, field as SchoolField])));

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const CODE = /^[A-Za-z0-9][A-Za-z0-9-]{0,31}$/;
const MAX_PROGRAMMES = 20;

/** The national upper-secondary programmes (and IB, introduction programmes) by name → code. */
const PROGRAMMES: Record<string, string> = {
  barnochfritidsprogrammet: 'BF',
  byggochanlaggningsprogrammet: 'BA',
  elochenergiprogrammet: 'EE',
  fordonsochtransportprogrammet: 'FT',
  handelsochadministrationsprogrammet: 'HA',
  hantverksprogrammet: 'HV',
  hotellochturismprogrammet: 'HT',
  industritekniskaprogrammet: 'IN',
  naturbruksprogrammet: 'NB',
  restaurangochlivsmedelsprogrammet: 'RL',
  vvsochfastighetsprogrammet: 'VF',
  vardochomsorgsprogrammet: 'VO',
  ekonomiprogrammet: 'EK',
  estetiskaprogrammet: 'ES',
  humanistiskaprogrammet: 'HU',
  naturvetenskapsprogrammet: 'NA',
  samhallsvetenskapsprogrammet: 'SA',
  teknikprogrammet: 'TE',
  introduktionsprogram: 'IM',
  introduktionsprogrammen: 'IM',
  internationalbaccalaureate: 'IB',
};

/** School forms (Skolverket's "skolform") and English names → levels; `[]` = recognised, no level (fritidshem). */
const LEVELS: Record<string, SchoolLevel[]> = {
  forskoleklass: [SchoolLevel.PRIMARY],
  grundskola: [SchoolLevel.PRIMARY, SchoolLevel.LOWER_SECONDARY],
  sameskola: [SchoolLevel.PRIMARY],
  gymnasieskola: [SchoolLevel.UPPER_SECONDARY],
  gymnasium: [SchoolLevel.UPPER_SECONDARY],
  specialskola: [SchoolLevel.SPECIAL],
  grundsarskola: [SchoolLevel.SPECIAL],
  gymnasiesarskola: [SchoolLevel.SPECIAL],
  anpassadgrundskola: [SchoolLevel.SPECIAL],
  anpassadgymnasieskola: [SchoolLevel.SPECIAL],
  sarskola: [SchoolLevel.SPECIAL],
  traningsskola: [SchoolLevel.SPECIAL],
  kommunalvuxenutbildning: [SchoolLevel.ADULT_EDUCATION],
  komvux: [SchoolLevel.ADULT_EDUCATION],
  vuxenutbildning: [SchoolLevel.ADULT_EDUCATION],
  sfi: [SchoolLevel.ADULT_EDUCATION],
  svenskaforinvandrare: [SchoolLevel.ADULT_EDUCATION],
  sarskildutbildningforvuxna: [SchoolLevel.ADULT_EDUCATION],
  anpassadutbildningforvuxna: [SchoolLevel.ADULT_EDUCATION],
  fritidshem: [],
  primary: [SchoolLevel.PRIMARY],
  primaryschool: [SchoolLevel.PRIMARY],
  lowersecondary: [SchoolLevel.LOWER_SECONDARY],
  uppersecondary: [SchoolLevel.UPPER_SECONDARY],
  adulteducation: [SchoolLevel.ADULT_EDUCATION],
  special: [SchoolLevel.SPECIAL],
  specialneeds: [SchoolLevel.SPECIAL],
  other: [SchoolLevel.OTHER],
};
const LEVEL_ORDER = Object.values(SchoolLevel);

/** "Grundskola åk 1-6", "Grundskola årskurs 7–9", "Grundskola F-3": the grades decide the levels. */
const GRADES = /^grundskola\s*(?:åk|årskurs|arskurs|ak|grade|grades)?\s*([f0-9])\s*[-–]\s*([0-9])$/;

export function schoolLevelsOf(cell: string): SchoolLevel[] {
  const levels = new Set<SchoolLevel>();
  for (const token of splitList(cell)) {
    const grades = GRADES.exec(token.toLowerCase().replace(/\s+/g, ' '));
    if (grades) {
      const from = grades[1] === 'f' ? 0 : Number(grades[1]);
      const to = Number(grades[2]);
      if (from <= 6) levels.add(SchoolLevel.PRIMARY);
      if (to >= 7) levels.add(SchoolLevel.LOWER_SECONDARY);
      continue;
    }
    for (const l of LEVELS[normaliseHeader(token)] ?? [SchoolLevel.OTHER]) levels.add(l);
  }
  return LEVEL_ORDER.filter((l) => levels.has(l));
}

/** Programme codes (NA, TE...: 2-5 letters, as updateOrganization takes them) or national programme names. */
function programmesOf(cell: string): { codes: string[] } | { bad: string } {
  const codes: string[] = [];
  for (const token of splitList(cell)) {
    const code = PROGRAMMES[normaliseHeader(token)] ?? (/^[A-Za-z]{2,5}$/.test(token) ? token.toUpperCase() : null);
    if (code === null) return { bad: `"${token}" is neither a programme code (2 to 5 letters, like NA, TE, EE) nor the name of a national programme.` };
    if (!codes.includes(code)) codes.push(code);
  }
  return codes.length > MAX_PROGRAMMES ? { bad: `at most ${MAX_PROGRAMMES} programmes per school.` } : { codes };
}

const splitList = (cell: string) =>
  cell
    .split(/[|,;]/)
    .map((t) => t.trim())
    .filter(Boolean);

/** A decimal number with `.` or `,` as the decimal mark. */
function decimal(cell: string): number | null {
  const s = cell.trim().replace(',', '.');
  return /^[-+]?\d+(\.\d+)?$/.test(s) ? Number(s) : null;
}

/** "55.5886, 13.0446", "55.5886 13.0446", "55,5886 13,0446", "55.5886;13.0446" → [lat, lon]. */
function coordinatePair(cell: string): [number, number] | null {
  let parts = cell
    .trim()
    .split(/\s*;\s*|,\s+|\s+/)
    .filter(Boolean);
  if (parts.length === 1 && cell.includes('.')) parts = cell.split(',');
  if (parts.length !== 2) return null;
  const [lat, lon] = parts.map(decimal);
  return lat === null || lon === null ? null : [lat, lon];
}

/** The separator of the header line: the one of `;` and `,` that occurs more often outside quotes. */
function separatorOf(headerLine: string): ';' | ',' {
  const unquoted = headerLine.replace(/"[^"]*"/g, '');
  const count = (c: string) => unquoted.split(c).length - 1;
  return count(';') >= count(',') && count(';') > 0 ? ';' : ',';
}

/** The 1-based line where the first byte that is not UTF-8 sits, or null when it all decodes. */
function firstNonUtf8Line(bytes: Uint8Array): number | null {
  const strict = new TextDecoder('utf-8', { fatal: true });
  let start = 0;
  let line = 1;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      try {
        strict.decode(bytes.subarray(start, i));
      } catch {
        return line;
      }
      start = i + 1;
      line++;
    }
  }
  return null;
}

/** Reads a register file; `schools` holds the valid lines, `errors` every problem found. */
/**
 * At most `maxErrors` errors, the last one saying how many more there were: a file of
 * 20,000 bad lines answers with a readable list, not megabytes of it.
 */
export function capErrors(errors: SchoolImportError[]): SchoolImportError[] {
  const max = SCHOOL_REGISTER_LIMITS.maxErrors;
  if (errors.length <= max) return errors;
  const shown = errors.slice(0, max);
  const rest = errors.length - max;
  return [
    ...shown,
    { line: errors[max].line, field: null, message: `… and ${rest.toLocaleString('en-US')} more errors from this line on; correct the ones above and import again.` },
  ];
}

export function parseSchoolRegister(input: Uint8Array | string): ParsedRegister {
  const errors: SchoolImportError[] = [];
  const fail = (line: number, field: SchoolField | null, message: string): ParsedRegister => ({ schools: [], errors: [{ line, field, message }] });
  let text: string;
  if (typeof input === 'string') text = input;
  else {
    const bad = firstNonUtf8Line(input);
    if (bad !== null) {
      return fail(bad, null, `The file is not UTF-8 (line ${bad} has bytes that are not). Save it as "CSV UTF-8" (in Excel: Save as → CSV UTF-8) and import it again.`);
    }
    text = new TextDecoder('utf-8').decode(input);
  }
  // One line ending (a multi-line quoted value keeps its line breaks as \n), no BOM. Lines of
  // only separators (spreadsheets write them after the last row) are skipped like empty ones.
  text = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const headerLine = text.slice(0, text.indexOf('\n') < 0 ? undefined : text.indexOf('\n'));
  if (!headerLine.trim()) return fail(1, null, 'The file is empty: the first line must name the columns (see docs/school-register.md).');

  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(text, {
      delimiter: separatorOf(headerLine),
      // Stop at the header plus one school too many: a 10 MB file of tiny lines is refused
      // without parsing millions of records (and holding them all) first.
      to: SCHOOL_REGISTER_LIMITS.maxSchools + 2,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      trim: true,
    }) as unknown as typeof records;
  } catch (e) {
    const err = e as Error & { lines?: number };
    return fail(err.lines ?? 1, null, `The file is not valid CSV: ${err.message}.`);
  }
  // csv-parse reports the line a record ends on; a quoted value may span lines.
  const startLine = (r: { record: string[]; info: { lines: number } }) => r.info.lines - r.record.reduce((n, v) => n + (v.split('\n').length - 1), 0);

  const [header, ...rows] = records;
  if (!header || startLine(header) !== 1) return fail(1, null, 'The first line must name the columns (see docs/school-register.md); it has none.');
  const columns = new Map<SchoolField, number>();
  header.record.forEach((h, i) => {
    const field = BY_HEADER.get(normaliseHeader(h));
    if (!field) return; // unknown columns are ignored
    if (columns.has(field)) errors.push({ line: 1, field, message: `Two columns are ${LABEL[field]}: "${header.record[columns.get(field)!]}" and "${h}". Keep one.` });
    else columns.set(field, i);
  });
  const missing = REQUIRED.filter((f) => !columns.has(f));
  if (missing.length) {
    errors.push({
      line: 1,
      field: null,
      message: `Missing column${missing.length > 1 ? 's' : ''}: ${missing.map((f) => LABEL[f]).join(', ')}. The first line must name the columns; see docs/school-register.md for the accepted headers.`,
    });
  }
  if (columns.has('latitude') !== columns.has('longitude')) {
    const f = columns.has('latitude') ? 'longitude' : 'latitude';
    errors.push({ line: 1, field: f, message: `There is a ${columns.has('latitude') ? 'latitude' : 'longitude'} column but no ${LABEL[f]} column: give both.` });
  }
  if (columns.has('coordinates') && columns.has('latitude')) {
    errors.push({ line: 1, field: 'coordinates', message: 'Give either a Koordinater / coordinates column or Latitud and Longitud columns, not both.' });
  }
  if (errors.length) return { schools: [], errors };
  if (rows.length > SCHOOL_REGISTER_LIMITS.maxSchools) {
    const over = rows[SCHOOL_REGISTER_LIMITS.maxSchools];
    return fail(startLine(over), null, `A file may hold at most ${SCHOOL_REGISTER_LIMITS.maxSchools.toLocaleString('en-US')} schools; split it into several files.`);
  }

  const schools: RegisterSchool[] = [];
  const seen = new Map<string, number>();
  for (const row of rows) {
    const line = startLine(row);
    if (row.record.length !== header.record.length) {
      errors.push({ line, field: null, message: `This line has ${row.record.length} values but the header has ${header.record.length} columns.` });
      continue;
    }
    const before = errors.length;
    const err = (field: SchoolField, message: string) => errors.push({ line, field, message: `${LABEL[field]}: ${message}` });
    /** The cell's text; undefined: no such column; null: refused (already reported). */
    const cell = (field: SchoolField): string | null | undefined => {
      const i = columns.get(field);
      if (i === undefined) return undefined;
      const v = row.record[i];
      if (CONTROL.test(v) || (field !== 'address' && v.includes('\n'))) {
        err(field, 'contains a control character or a line break.');
        return null;
      }
      return v;
    };
    const textCell = (field: SchoolField, required: boolean): string | null | undefined => {
      const v = cell(field);
      if (v === undefined || v === null) return v;
      if (!v) {
        if (required) err(field, 'is empty.');
        return null;
      }
      if (v.length > 200) err(field, 'is longer than 200 characters.');
      return v;
    };

    const code = textCell('schoolUnitCode', true);
    if (code && !CODE.test(code)) err('schoolUnitCode', `"${code}" is not a school unit code (letters, digits and -, at most 32; Skolverket's are 8 digits).`);
    if (code && seen.has(code)) err('schoolUnitCode', `${code} is also on line ${seen.get(code)}.`);
    else if (code) seen.set(code, line);
    const name = textCell('name', true);
    const municipality = textCell('municipality', true);
    const district = textCell('district', false);

    let latitude: number | null | undefined;
    let longitude: number | null | undefined;
    const lat = cell('latitude');
    const lon = cell('longitude');
    const pair = cell('coordinates');
    if (lat !== undefined && lon !== undefined) {
      latitude = lat ? decimal(lat) : null;
      longitude = lon ? decimal(lon) : null;
      if (lat && latitude === null) err('latitude', `"${lat}" is not a number like 55.6050.`);
      if (lon && longitude === null) err('longitude', `"${lon}" is not a number like 13.0038.`);
      if (!lat !== !lon) err(lat ? 'longitude' : 'latitude', 'is empty but the other coordinate is given: give both or neither.');
    } else if (pair !== undefined) {
      const p = pair ? coordinatePair(pair) : null;
      if (pair && !p) err('coordinates', `"${pair}" is not "latitude, longitude" like "55.6050, 13.0038".`);
      [latitude, longitude] = p ?? [null, null];
    }
    const rangeField = columns.has('coordinates') ? 'coordinates' : null;
    if (latitude != null && (latitude < -90 || latitude > 90)) err(rangeField ?? 'latitude', `the latitude ${latitude} is not between -90 and 90 (WGS 84 degrees).`);
    if (longitude != null && (longitude < -180 || longitude > 180))
      err(rangeField ?? 'longitude', `the longitude ${longitude} is not between -180 and 180 (WGS 84 degrees).`);

    const levelsCell = cell('schoolLevels');
    const programmesCell = cell('programmes');
    const programmes = programmesCell === undefined ? undefined : programmesOf(programmesCell ?? '');
    if (programmes && 'bad' in programmes) err('programmes', programmes.bad);
    const pupilsCell = cell('pupilCount');
    let pupilCount: number | null | undefined = pupilsCell === undefined ? undefined : null;
    if (pupilsCell) {
      const digits = pupilsCell.replace(/[\s\u00a0\u202f]/g, '');
      pupilCount = /^\d{1,6}$/.test(digits) && Number(digits) <= 100_000 ? Number(digits) : null;
      if (pupilCount === null) err('pupilCount', `"${pupilsCell}" is not a whole number of pupils from 0 to 100000.`);
    }
    cell('address'); // read for the line-break check; not stored (docs/school-register.md)

    if (errors.length > before) continue;
    schools.push({
      line,
      code: code!,
      name: name!,
      municipality: municipality!,
      district,
      latitude,
      longitude,
      schoolLevels: levelsCell === undefined ? undefined : schoolLevelsOf(levelsCell ?? ''),
      programmes: programmes && 'codes' in programmes ? programmes.codes : undefined,
      pupilCount,
    });
  }
  return { schools, errors };
}
