import type { Viewer } from '@brobygge/core';
import { OutreachPolicy } from './outreach.policy';

const viewer = (over: Partial<Viewer> = {}): Viewer => ({
  id: 'u',
  email: 'u@example.org',
  name: 'U',
  locale: 'en',
  isAdmin: false,
  coordinatorRegions: [],
  memberships: new Map(),
  ...over,
});

describe('OutreachPolicy', () => {
  const school = { id: 's', kind: 'SCHOOL', regionCode: 'se-malmo' };
  const cases: Array<[string, Viewer | null, string]> = [
    ['anonymous', null, 'UNAUTHENTICATED'],
    ['a member of the school', viewer({ memberships: new Map([['s', 'OWNER' as never]]) }), 'FORBIDDEN'],
    ['a coordinator of another region', viewer({ coordinatorRegions: ['no-troms'] }), 'FORBIDDEN'],
    ['a coordinator of the region', viewer({ coordinatorRegions: ['se-malmo'] }), 'OK'],
    ['an admin', viewer({ isAdmin: true }), 'OK'],
  ];

  it.each(cases)('reachOut and Organization.outreach: %s → %s', (_who, actor, expected) => {
    const code = (f: () => unknown) => {
      try {
        f();
        return 'OK';
      } catch (e) {
        return (e as { code: string }).code;
      }
    };
    expect(code(() => OutreachPolicy.assertMayReachOut(actor, school))).toBe(expected);
    expect(code(() => OutreachPolicy.assertMayRead(actor, school))).toBe(expected);
  });

  it('reaches only schools', () => {
    expect(() => OutreachPolicy.assertMayReachOut(viewer({ isAdmin: true }), { kind: 'COMPANY', regionCode: 'se-malmo' })).toThrow(
      expect.objectContaining({ code: 'CONFLICT' }),
    );
  });
});
