import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eligibility, HardRule } from './eligibility';
import { distanceKm, OfferFacts, RequestFacts } from './facts';
import { MESSAGES } from './messages';
import { rank } from './rank';
import fc from 'fast-check';
import { allocationScore, DEFAULT_WEIGHTS, equityValue, focusAreaAffinity, score, ScoreContext } from './score';

const ROSENGARD = { latitude: 55.5886, longitude: 13.0446 };
const MAU = { latitude: 55.611, longitude: 12.9945 }; // about 4 km away
const LUND = { latitude: 55.7113, longitude: 13.2032 }; // about 17 km away

const request = (over: Partial<RequestFacts> = {}): RequestFacts => ({
  id: 'r1',
  organizationId: 'school',
  activityType: 'WORKPLACE_PLACEMENT',
  status: 'OPEN',
  focusAreas: ['chemistry'],
  deliveryModes: ['AT_PARTNER'],
  languages: ['sv'],
  quantity: 2,
  quantityMatched: 0,
  groupSize: 20,
  studentAge: 17,
  earliestDate: '2027-02-01',
  latestDate: '2027-03-02',
  maxTravelKm: 10,
  place: ROSENGARD,
  priority: false,
  ...over,
});
const offer = (over: Partial<OfferFacts> = {}): OfferFacts => ({
  id: 'o1',
  organizationId: 'partner',
  activityType: 'WORKPLACE_PLACEMENT',
  status: 'PUBLISHED',
  focusAreas: ['chemistry'],
  deliveryModes: ['AT_PARTNER', 'REMOTE'],
  languages: ['sv', 'en'],
  capacity: 4,
  capacityHeld: 0,
  groupSizeMax: 30,
  minStudentAge: 16,
  availableFrom: '2027-01-15',
  availableUntil: '2027-06-30',
  travelRadiusKm: null,
  place: MAU,
  ...over,
});
const parents = new Map<string, string | null>([
  ['process-technology', null],
  ['chemistry', 'process-technology'],
  ['materials', 'process-technology'],
  ['life-science-health', null],
  ['biology', 'life-science-health'],
]);
const ctx = (over: Partial<ScoreContext> = {}): ScoreContext => ({
  locale: 'en',
  parents,
  schoolActivities: 0,
  partnerLoad: 0,
  partnerFeedback: null,
  ...over,
});
const broken = (r: RequestFacts, o: OfferFacts): HardRule[] => {
  const e = eligibility(r, o);
  return e.eligible ? [] : e.broken;
};

describe('eligibility: every hard rule of RULES.md', () => {
  it('accepts a pair that keeps them all, with the modes that work', () => {
    expect(eligibility(request(), offer())).toEqual({ eligible: true, modes: ['AT_PARTNER'] });
  });

  it.each<[string, Partial<RequestFacts>, Partial<OfferFacts>, HardRule]>([
    ['another activity type', { activityType: 'GUEST_LECTURE' }, {}, 'ACTIVITY_TYPE'],
    ['an offer that is not published', {}, { status: 'PAUSED' }, 'OFFER_NOT_PUBLISHED'],
    ['an offer without remaining capacity', {}, { capacity: 3, capacityHeld: 3 }, 'NO_CAPACITY'],
    ['a matched request', { status: 'MATCHED', quantityMatched: 2 }, {}, 'REQUEST_NOT_OPEN'],
    ['a cancelled request', { status: 'CANCELLED' }, {}, 'REQUEST_NOT_OPEN'],
    ['no shared delivery mode', { deliveryModes: ['AT_SCHOOL'] }, { deliveryModes: ['AT_PARTNER'] }, 'DELIVERY_MODE'],
    ['no shared language', { languages: ['da'] }, {}, 'LANGUAGE'],
    ['dates that do not overlap', { earliestDate: '2027-07-01', latestDate: '2027-07-31' }, {}, 'DATES'],
    ['pupils too young', { studentAge: 15 }, {}, 'AGE'],
    ['a group too large', { groupSize: 31 }, {}, 'GROUP_SIZE'],
    ['a class that would travel too far (AT_PARTNER, maxTravelKm)', { maxTravelKm: 10 }, { place: LUND, deliveryModes: ['AT_PARTNER'] }, 'DISTANCE'],
    [
      'a partner that would travel too far (AT_SCHOOL, travelRadiusKm)',
      { deliveryModes: ['AT_SCHOOL'] },
      { deliveryModes: ['AT_SCHOOL'], travelRadiusKm: 2 },
      'DISTANCE',
    ],
  ])('refuses %s', (_, r, o, rule) => {
    expect(broken(request(r), offer(o))).toEqual([rule]);
  });

  it('lists every rule a pair breaks', () => {
    expect(broken(request({ activityType: 'EVENT', languages: ['nb'], studentAge: 12 }), offer({ status: 'DRAFT' }))).toEqual([
      'ACTIVITY_TYPE',
      'OFFER_NOT_PUBLISHED',
      'LANGUAGE',
      'AGE',
    ]);
  });

  it('lets unknown places, limits, ages and group sizes pass, and REMOTE ignore distance', () => {
    expect(broken(request({ place: null }), offer({ place: LUND }))).toEqual([]);
    expect(broken(request({ maxTravelKm: null }), offer({ place: LUND }))).toEqual([]);
    expect(broken(request({ studentAge: null, groupSize: null }), offer({ minStudentAge: 18, groupSizeMax: 5 }))).toEqual([]);
    const remote = eligibility(request({ deliveryModes: ['AT_PARTNER', 'REMOTE'], maxTravelKm: 1 }), offer({ place: LUND }));
    expect(remote).toEqual({ eligible: true, modes: ['REMOTE'] });
  });

  it('matches an offer with requests of its own region and of the regions it also serves (issue 16), not others', () => {
    const malmo = { regionCode: 'se-malmo' };
    expect(broken(request(malmo), offer({ regionCode: 'se-malmo' }))).toEqual([]);
    expect(broken(request(malmo), offer({ regionCode: 'dk-hovedstaden' }))).toEqual(['REGION']);
    expect(broken(request(malmo), offer({ regionCode: 'dk-hovedstaden', alsoServesRegionCodes: ['se-skane'] }))).toEqual(['REGION']);
    expect(broken(request(malmo), offer({ regionCode: 'dk-hovedstaden', alsoServesRegionCodes: ['se-skane', 'se-malmo'] }))).toEqual([]);
    // An unknown region (an allocation file's facts) does not exclude.
    expect(broken(request({ regionCode: null }), offer({ regionCode: 'dk-hovedstaden' }))).toEqual([]);
    expect(broken(request(malmo), offer({ regionCode: undefined }))).toEqual([]);
  });

  it('treats dates as inclusive ranges: touching on one day is an overlap', () => {
    expect(broken(request({ earliestDate: '2027-06-30', latestDate: '2027-07-30' }), offer())).toEqual([]);
    expect(broken(request({ earliestDate: '2027-07-01', latestDate: '2027-07-30' }), offer())).toEqual(['DATES']);
  });
});

describe('score: every factor, explained', () => {
  const factor = (s: ReturnType<typeof score>, name: string) => s.factors.find((f) => f.factor === name)!;

  it('scores 0–100 as the weighted mean of the factor values, with the configured weights', () => {
    const s = score(request(), offer(), ctx());
    const expected = (100 * s.factors.reduce((t, f) => t + f.weight * f.value, 0)) / s.factors.reduce((t, f) => t + f.weight, 0);
    expect(s.score).toBeCloseTo(expected, 1);
    expect(s.score).toBeGreaterThan(0);
    expect(s.score).toBeLessThanOrEqual(100);
    expect(s.factors.map((f) => f.weight)).toEqual([35, 15, 15, 15, 10].map((x) => x));
    const heavy = score(request(), offer(), ctx({ weights: { ...DEFAULT_WEIGHTS, focusArea: 0, spread: 100 }, partnerLoad: 1 }));
    expect(heavy.score).toBeLessThan(s.score);
  });

  it('focus areas: exact 1, a subject and its direction 0.5, two subjects of one direction 0.25', () => {
    expect(focusAreaAffinity('chemistry', 'chemistry', parents)).toBe(1);
    expect(focusAreaAffinity('chemistry', 'process-technology', parents)).toBe(0.5);
    expect(focusAreaAffinity('process-technology', 'chemistry', parents)).toBe(0.5);
    expect(focusAreaAffinity('chemistry', 'materials', parents)).toBe(0.25);
    expect(focusAreaAffinity('chemistry', 'biology', parents)).toBe(0);
    const names = new Map([
      ['chemistry', 'Chemistry'],
      ['process-technology', 'Process technology'],
      ['biology', 'Biology'],
    ]);
    const partial = score(request({ focusAreas: ['chemistry', 'biology'] }), offer({ focusAreas: ['chemistry'] }), ctx({ names }));
    expect(factor(partial, 'focusArea')).toMatchObject({ value: 0.5, explanation: 'Matches 1 of the 2 focus areas asked for (Chemistry).' });
    const related = score(request(), offer({ focusAreas: ['process-technology'] }), ctx({ names }));
    expect(factor(related, 'focusArea')).toMatchObject({ value: 0.5, explanation: 'No exact focus area, but related ones: Process technology.' });
  });

  it('distance: nearer is better, within the limit that applies; online needs no travel; unknown is neutral', () => {
    const near = factor(score(request(), offer(), ctx()), 'distance');
    const km = distanceKm(ROSENGARD, MAU);
    expect(near.value).toBeCloseTo(1 - km / 10, 2);
    expect(near.explanation).toBe(`${Math.round(km)} km between the school and the partner.`);
    const far = factor(score(request({ maxTravelKm: 30 }), offer({ place: LUND }), ctx()), 'distance');
    expect(far.value).toBeLessThan(near.value);
    expect(factor(score(request({ deliveryModes: ['REMOTE'] }), offer(), ctx()), 'distance')).toMatchObject({
      value: 1,
      explanation: 'Takes place online, so nobody needs to travel.',
    });
    expect(factor(score(request({ place: null }), offer(), ctx()), 'distance')).toMatchObject({ value: 0.5 });
  });

  it("dates: the share of the school's window that the offer covers", () => {
    // The school wants 2027-02-01..03-02 (30 days); the offer starts 2027-02-16: 15 days.
    const d = factor(score(request(), offer({ availableFrom: '2027-02-16' }), ctx()), 'dates');
    expect(d).toMatchObject({ value: 0.5, explanation: 'Available on 15 of the 30 days you asked for.' });
    expect(factor(score(request(), offer(), ctx()), 'dates').value).toBe(1);
  });

  it('equity: priority schools and schools with little recent activity come first', () => {
    const quiet = factor(score(request({ priority: true }), offer(), ctx({ schoolActivities: 0 })), 'equity');
    expect(quiet).toMatchObject({ value: 1, explanation: 'A priority school; no activities in the last 12 months.' });
    const busy = factor(score(request(), offer(), ctx({ schoolActivities: 4 })), 'equity');
    expect(busy).toMatchObject({ value: 0.1, explanation: '4 activities in the last 12 months.' });
  });

  it('equity: a known need index lifts a school by need / 200 of what is left up to 1, beside priority', () => {
    const equity = (over: Partial<RequestFacts>, activities: number) => factor(score(request(over), offer(), ctx({ schoolActivities: activities })), 'equity');
    // Unknown need changes nothing: 0 + 0.5 / 5 = 0.1, as without a need index.
    expect(equity({ needIndex: null }, 4).value).toBe(0.1);
    expect(equity({ needIndex: 0 }, 4).value).toBe(0.1);
    // 0.1 + 0.9 × 50 / 200 = 0.325; 0.1 + 0.9 × 100 / 200 = 0.55.
    expect(equity({ needIndex: 50 }, 4)).toMatchObject({ value: 0.325, explanation: 'Need index 50 of 100; 4 activities in the last 12 months.' });
    expect(equity({ needIndex: 100 }, 4).value).toBe(0.55);
    // A need of 100 counts as much as priority for a school with many activities; together they count more.
    expect(equityValue(false, 100, 1e9)).toBeCloseTo(equityValue(true, null, 1e9), 6);
    expect(equity({ priority: true, needIndex: 100 }, 4).value).toBe(0.8); // 0.6 + 0.4 / 2
    expect(equity({ priority: true, needIndex: 80 }, 0)).toMatchObject({
      value: 1,
      explanation: 'A priority school; need index 80 of 100; no activities in the last 12 months.',
    });
    // The whole score moves with it.
    expect(score(request({ needIndex: 90 }), offer(), ctx()).score).toBeGreaterThan(score(request({ needIndex: 10 }), offer(), ctx()).score);
  });

  it('equity stays in 0..1 and rises with need and priority, falls with activities', () => {
    const need = fc.option(fc.double({ min: 0, max: 100, noNaN: true }), { nil: null });
    fc.assert(
      fc.property(fc.boolean(), need, need, fc.nat(1000), fc.nat(1000), (priority, a, b, x, y) => {
        const v = equityValue(priority, a, x);
        expect(v).toBeGreaterThanOrEqual(0);
        expect(v).toBeLessThanOrEqual(1);
        expect(equityValue(true, a, x)).toBeGreaterThanOrEqual(equityValue(false, a, x));
        const [lo, hi] = (a ?? 0) <= (b ?? 0) ? [a, b] : [b, a];
        expect(equityValue(priority, hi, x)).toBeGreaterThanOrEqual(equityValue(priority, lo, x));
        expect(equityValue(priority, a, Math.min(x, y))).toBeGreaterThanOrEqual(equityValue(priority, a, Math.max(x, y)));
      }),
    );
  });

  it("equity explains the need index in sv, da and nb too, with the locale's decimals", () => {
    const say = (locale: 'sv' | 'da' | 'nb') => factor(score(request({ needIndex: 72.5 }), offer(), ctx({ locale, schoolActivities: 1 })), 'equity').explanation;
    expect(say('sv')).toBe('Behovsindex 72,5 av 100; 1 aktivitet de senaste 12 månaderna.');
    expect(say('da')).toBe('Behovsindeks 72,5 ud af 100; 1 aktivitet de seneste 12 måneder.');
    expect(say('nb')).toBe('Behovsindeks 72,5 av 100; 1 aktivitet de siste 12 månedene.');
  });

  it('partner spread: a heavily booked partner scores lower', () => {
    expect(factor(score(request(), offer(), ctx({ partnerLoad: 0.8 })), 'spread')).toMatchObject({
      value: 0.2,
      explanation: 'The partner has already booked 80% of its places.',
    });
    expect(score(request(), offer(), ctx({ partnerLoad: 0.8 })).score).toBeLessThan(score(request(), offer(), ctx({ partnerLoad: 0 })).score);
  });

  it('past feedback counts only when there is some', () => {
    expect(score(request(), offer(), ctx()).factors.some((f) => f.factor === 'feedback')).toBe(false);
    const rated = factor(score(request(), offer(), ctx({ partnerFeedback: { average: 4.5, count: 12 } })), 'feedback');
    expect(rated).toMatchObject({ weight: 10, value: 0.875, explanation: 'Earlier feedback on the partner: 4.5 out of 5 (12 answers).' });
  });

  it("explains in the viewer's language: sv, da, nb and en", () => {
    const names = new Map([['chemistry', 'Kemi']]);
    const sv = score(request({ priority: true }), offer(), ctx({ locale: 'sv', names, partnerFeedback: { average: 4.5, count: 3 } }));
    expect(sv.factors.map((f) => f.explanation)).toEqual([
      'Matchar 1 av 1 önskade fokusområden (Kemi).',
      expect.stringMatching(/^\d+ km mellan skolan och partnern\.$/),
      'Tillgängligt 30 av de 30 dagar ni önskar.',
      'Prioriterad skola; ingen aktivitet de senaste 12 månaderna.',
      expect.stringMatching(/^Partnern har redan bokat 0\s?% av sina platser\.$/),
      'Tidigare omdömen om partnern: 4,5 av 5 (3 svar).',
    ]);
    for (const locale of ['da', 'nb'] as const) {
      const s = score(request(), offer(), ctx({ locale }));
      const english = score(request(), offer(), ctx());
      expect(s.factors.map((f) => f.explanation)).not.toEqual(english.factors.map((f) => f.explanation));
      expect(s.score).toBe(english.score); // the language changes the words, never the number
    }
    expect(Object.keys(MESSAGES).sort()).toEqual(['da', 'en', 'nb', 'sv']);
  });

  it("maps 0–100 to the allocator's 0–1000 integers", () => {
    expect(allocationScore(87.04)).toBe(870);
    expect(allocationScore(100)).toBe(1000);
    expect(allocationScore(0)).toBe(0);
  });
});

describe('rank', () => {
  it('keeps only eligible candidates, best first, ties by id, at most `first`', () => {
    const offers = [offer({ id: 'c', focusAreas: ['biology'] }), offer({ id: 'b' }), offer({ id: 'a' }), offer({ id: 'x', status: 'PAUSED' })];
    const ranked = rank(
      offers,
      (o) => [request(), o],
      () => ctx(),
      10,
    );
    expect(ranked.map((r) => r.candidate.id)).toEqual(['a', 'b', 'c']);
    expect(
      rank(
        offers,
        (o) => [request(), o],
        () => ctx(),
        2,
      ).map((r) => r.candidate.id),
    ).toEqual(['a', 'b']);
  });
});

describe('the library stands alone', () => {
  it('imports no Nest, TypeORM or I/O module', () => {
    const dir = __dirname;
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'))) {
      const imports = [...readFileSync(join(dir, file), 'utf8').matchAll(/from '([^']+)'/g)].map((m) => m[1]);
      for (const i of imports) expect(`${file}: ${i}`).toMatch(/: \.\/[a-z-]+$/);
    }
  });
});
