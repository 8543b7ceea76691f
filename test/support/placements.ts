import { Placement, RISK_CHECKLIST_VERSION, RISK_QUESTIONS } from '@brobygge/collaboration';
import type { TestStack } from './stack';

/** Answers to every question of the current checklist: "no" everywhere, unless `yes` names keys (with a note). */
export function riskAnswers(yes: Record<string, string> = {}): Array<{ key: string; answer: boolean; note: string | null }> {
  return RISK_QUESTIONS.map((q) => (q.key in yes ? { key: q.key, answer: true, note: yes[q.key] } : { key: q.key, answer: false, note: null }));
}

/**
 * Gives a WORKPLACE_PLACEMENT match its supervisor and a complete risk assessment straight
 * in the database, for tests whose subject is not the placement but that approve one
 * (approval needs both, issue 16).
 */
export async function readyPlacement(stack: TestStack, matchId: string): Promise<void> {
  await stack.dataSource.getRepository(Placement).save({
    matchId,
    supervisor: { name: 'Hanna Handledare', email: 'hanna@example.org', phone: null },
    riskAssessment: { version: RISK_CHECKLIST_VERSION, answers: riskAnswers(), summary: null },
    submittedAt: new Date(),
    submittedById: null,
  });
}
