import { asksMinorsQuestions, RISK_CHECKLIST_VERSION, RISK_QUESTIONS, riskQuestion } from './placement-checklist';
import { placementGaps } from './placements';

describe('the risk checklist (issue 16)', () => {
  it('has 10 to 14 questions with unique keys, each written out in every language, some for minors only', () => {
    expect(RISK_QUESTIONS.length).toBeGreaterThanOrEqual(10);
    expect(RISK_QUESTIONS.length).toBeLessThanOrEqual(14);
    expect(new Set(RISK_QUESTIONS.map((q) => q.key)).size).toBe(RISK_QUESTIONS.length);
    for (const locale of ['sv', 'da', 'nb', 'en'] as const) {
      const texts = RISK_QUESTIONS.map((q) => q.text[locale]);
      expect(texts.every((t) => t.trim() === t && t.length > 10 && t.includes('?'))).toBe(true);
      expect(new Set(texts).size).toBe(texts.length);
    }
    expect(RISK_QUESTIONS.filter((q) => q.minorsOnly).map((q) => q.key)).toEqual(['forbidden_work', 'working_hours', 'night_work', 'guardians_informed']);
    expect(riskQuestion('lone_work')?.hazard).toBe(true);
    expect(riskQuestion('nope')).toBeUndefined();
  });

  it('asks the minors-only questions under 18 and when the age is unknown', () => {
    expect([null, undefined, 15, 17, 18, 19].map(asksMinorsQuestions)).toEqual([true, true, true, true, false, false]);
  });

  it('counts what is missing: the supervisor, an assessment of the current version answering what applies', () => {
    const supervisor = { name: 'A', email: 'a@b.example', phone: null };
    const all = RISK_QUESTIONS.map((q) => ({ key: q.key, answer: false, note: null }));
    const adultsOnly = all.filter((a) => !riskQuestion(a.key)!.minorsOnly);
    const assessment = (answers: typeof all, version = RISK_CHECKLIST_VERSION) => ({ version, answers, summary: null });
    expect(placementGaps(null, 16)).toEqual(['SUPERVISOR', 'RISK_ASSESSMENT']);
    expect(placementGaps({ supervisor, riskAssessment: null }, 16)).toEqual(['RISK_ASSESSMENT']);
    expect(placementGaps({ supervisor: null, riskAssessment: assessment(all) }, 16)).toEqual(['SUPERVISOR']);
    expect(placementGaps({ supervisor, riskAssessment: assessment(all) }, 16)).toEqual([]);
    expect(placementGaps({ supervisor, riskAssessment: assessment(adultsOnly) }, 16)).toEqual(['RISK_ASSESSMENT']);
    expect(placementGaps({ supervisor, riskAssessment: assessment(adultsOnly) }, null)).toEqual(['RISK_ASSESSMENT']);
    expect(placementGaps({ supervisor, riskAssessment: assessment(adultsOnly) }, 18)).toEqual([]);
    expect(placementGaps({ supervisor, riskAssessment: assessment(all, '2025-1') }, 16)).toEqual(['RISK_ASSESSMENT']);
  });
});
