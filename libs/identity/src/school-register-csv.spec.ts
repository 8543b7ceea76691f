import { SchoolLevel } from './enums';
import { capErrors, parseSchoolRegister, schoolLevelsOf, SCHOOL_REGISTER_LIMITS } from './school-register-csv';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('parseSchoolRegister', () => {
  it('reads Skolverket-style files: BOM, `;`, Swedish headers in any case, decimal commas, quoted lists, CRLF', () => {
    const csv =
      '\uFEFFSKOLENHETSKOD;Skolenhetsnamn;Kommunkod;Kommun;Stadsdel;Besöksadress;Latitud;Longitud;Skolformer;Program;Antal elever\r\n' +
      '12345678;Sofielundsskolan;1280;Malmö;Södra innerstaden;"Sofielundsvägen 1, Malmö";55,5901;13,0179;"Förskoleklass, Grundskola åk 1-6";;412\r\n' +
      '23456789;Heleneholms gymnasium;1280;Malmö;Västra innerstaden;Ystadvägen 44;55.5873;13.0115;Gymnasieskola|Gymnasiesärskola;NA|Teknikprogrammet|ES;1 350\r\n';
    const { schools, errors } = parseSchoolRegister(bytes(csv));
    expect(errors).toEqual([]);
    expect(schools).toEqual([
      {
        line: 2,
        code: '12345678',
        name: 'Sofielundsskolan',
        municipality: 'Malmö',
        district: 'Södra innerstaden',
        latitude: 55.5901,
        longitude: 13.0179,
        schoolLevels: [SchoolLevel.PRIMARY],
        programmes: [],
        pupilCount: 412,
      },
      {
        line: 3,
        code: '23456789',
        name: 'Heleneholms gymnasium',
        municipality: 'Malmö',
        district: 'Västra innerstaden',
        latitude: 55.5873,
        longitude: 13.0115,
        schoolLevels: [SchoolLevel.UPPER_SECONDARY, SchoolLevel.SPECIAL],
        programmes: ['NA', 'TE', 'ES'],
        pupilCount: 1350,
      },
    ]);
  });

  it('reads English headers with `,`; a column the file lacks stays undefined', () => {
    const { schools, errors } = parseSchoolRegister(
      'School unit code,Name,Municipality,Coordinates,School levels\n87654321,Oxie skola,Malmö,"55.5390, 13.0960",PRIMARY|lower_secondary\n',
    );
    expect(errors).toEqual([]);
    expect(schools).toEqual([
      {
        line: 2,
        code: '87654321',
        name: 'Oxie skola',
        municipality: 'Malmö',
        district: undefined,
        latitude: 55.539,
        longitude: 13.096,
        schoolLevels: [SchoolLevel.PRIMARY, SchoolLevel.LOWER_SECONDARY],
        programmes: undefined,
        pupilCount: undefined,
      },
    ]);
  });

  it('maps school forms to levels by their grades', () => {
    expect(schoolLevelsOf('Grundskola åk 7-9')).toEqual([SchoolLevel.LOWER_SECONDARY]);
    expect(schoolLevelsOf('Grundskola F-9')).toEqual([SchoolLevel.PRIMARY, SchoolLevel.LOWER_SECONDARY]);
    expect(schoolLevelsOf('Grundskola')).toEqual([SchoolLevel.PRIMARY, SchoolLevel.LOWER_SECONDARY]);
    expect(schoolLevelsOf('Kommunal vuxenutbildning, SFI')).toEqual([SchoolLevel.ADULT_EDUCATION]);
    expect(schoolLevelsOf('Anpassad grundskola')).toEqual([SchoolLevel.SPECIAL]);
    expect(schoolLevelsOf('Fritidshem')).toEqual([]);
    expect(schoolLevelsOf('Musikskola')).toEqual([SchoolLevel.OTHER]);
  });

  it('reports every bad value with its line (a quoted line break counts) and field, and keeps the good lines', () => {
    const csv = [
      'Skolenhetskod;Skolenhetsnamn;Kommun;Latitud;Longitud;Program;Antal elever',
      '11111111;"Två\nrader";Malmö;55.6;13.0;;10',
      '22222222;;Malmö;95;13.0;;tolv',
      'abc def;Skola C;Malmö;55.6;;XX-1;',
      '11111111;Skola D;Malmö;;;;',
      '33333333;Skola E;Malmö',
      '44444444;Skola F;Malmö;55.6;13.0;NA;300',
      ';;;;;;', // what spreadsheets leave after the last row: skipped
    ].join('\n');
    const { schools, errors } = parseSchoolRegister(csv);
    expect(errors.map((e) => [e.line, e.field])).toEqual([
      [2, 'name'], // a line break inside a name
      [4, 'name'],
      [4, 'latitude'],
      [4, 'pupilCount'],
      [5, 'schoolUnitCode'],
      [5, 'longitude'],
      [5, 'programmes'],
      [6, 'schoolUnitCode'],
      [7, null],
    ]);
    expect(errors.find((e) => e.line === 6)!.message).toContain('also on line 2');
    expect(schools.map((s) => [s.line, s.code])).toEqual([[8, '44444444']]);
  });

  it('answers header problems on line 1 and reads no line', () => {
    expect(parseSchoolRegister('Namn;Kommun\nA;B\n').errors).toEqual([{ line: 1, field: null, message: expect.stringContaining('Skolenhetskod') }]);
    expect(parseSchoolRegister('Skolenhetskod;Namn;Kommun;Latitud\n1;A;B;55\n').errors).toEqual([{ line: 1, field: 'longitude', message: expect.any(String) }]);
    expect(parseSchoolRegister('').errors).toEqual([{ line: 1, field: null, message: expect.stringContaining('empty') }]);
    expect(parseSchoolRegister(';;;\n1;A;B\n').errors).toEqual([{ line: 1, field: null, message: expect.stringContaining('name the columns') }]);
  });

  it('refuses bytes that are not UTF-8, naming the line', () => {
    const latin1 = Buffer.concat([Buffer.from('Skolenhetskod;Namn;Kommun\n1;Skola;Malm'), Buffer.from([0xf6]), Buffer.from('\n')]);
    expect(parseSchoolRegister(latin1).errors).toEqual([{ line: 2, field: null, message: expect.stringContaining('not UTF-8') }]);
  });

  it(`refuses more than ${SCHOOL_REGISTER_LIMITS.maxSchools} schools in one file`, () => {
    const lines = Array.from({ length: SCHOOL_REGISTER_LIMITS.maxSchools + 1 }, (_, i) => `${10_000_000 + i},Skola ${i},Malmö`);
    const { schools, errors } = parseSchoolRegister(['code,name,municipality', ...lines].join('\n'));
    expect(schools).toEqual([]);
    expect(errors).toEqual([{ line: SCHOOL_REGISTER_LIMITS.maxSchools + 2, field: null, message: expect.stringContaining('at most 20,000') }]);
  });
});

describe('the limits hold before the work is done', () => {
  it('a file of millions of tiny lines is refused after the first school too many, without parsing the rest', () => {
    // The unclosed quote at the very end is never reached: a parse of the whole file would report it instead.
    const csv = 'Skolenhetskod;Skolenhetsnamn;Kommun\n' + 'a\n'.repeat(3_000_000) + '"unclosed\n';
    const { schools, errors } = parseSchoolRegister(bytes(csv));
    expect(schools).toEqual([]);
    expect(errors).toEqual([{ line: SCHOOL_REGISTER_LIMITS.maxSchools + 2, field: null, message: expect.stringMatching(/at most 20,000 schools/) }]);
  });

  it('a list of errors stops at maxErrors, the last entry saying how many more there were', () => {
    const many = Array.from({ length: 2_500 }, (_, i) => ({ line: i + 2, field: null, message: 'x' }));
    const capped = capErrors(many);
    expect(capped).toHaveLength(SCHOOL_REGISTER_LIMITS.maxErrors + 1);
    expect(capped.at(-1)).toEqual({ line: SCHOOL_REGISTER_LIMITS.maxErrors + 2, field: null, message: expect.stringMatching(/and 1,500 more errors/) });
    expect(capErrors(many.slice(0, 10))).toEqual(many.slice(0, 10));
  });
});
