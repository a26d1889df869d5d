import { sampleSections } from '../filing/fixtures';
import { buildLadder, type LadderFacts } from './build';

const base: LadderFacts = {
  asOf: '2026-06-10',
  titles: [],
  ladderFiling: null,
  techSmeFiling: null,
  qualityScores: [],
};

describe('buildLadder', () => {
  it('before 2026-04-01 points to the 2022 standards instead of judging by 2026 rules', () => {
    const l = buildLadder({
      ...base,
      asOf: '2026-03-31',
      ladderFiling: {
        campaignYear: 2026,
        kindLabel: '新增入库',
        statusLabel: '已通过',
        submitted: true,
        sections: sampleSections({ campaignYear: 2026 }),
        assessment: null,
      },
    });
    const spec = l.tiers[1]!;
    expect(spec.assessments).toEqual([]);
    expect(spec.status).toBe('pending');
    expect(spec.note).toContain('63号');
  });

  it('lists an unmet 创新型 result as what is missing for the first tier', () => {
    const l = buildLadder({
      ...base,
      ladderFiling: {
        campaignYear: 2026,
        kindLabel: '新增入库',
        statusLabel: '已通过',
        submitted: true,
        sections: sampleSections({ campaignYear: 2026 }),
        assessment: {
          innovative: { qualified: false, total: 45, explanation: { summary: '总分 45 分，未达到 60 分' } },
        },
      },
    });
    expect(l.tiers[0]!.status).toBe('unmet');
    expect(l.next!.key).toBe('tech-innovative');
    expect(l.next!.missing[0]).toMatchObject({ status: 'unmet', detail: '总分 45 分，未达到 60 分' });
    expect(l.next!.summary).toContain('1 项条件未达到');
  });

  it('counts a title held as the tier reached, whatever the data say', () => {
    const l = buildLadder({
      ...base,
      titles: [
        {
          kind: 'provincial_specialized',
          title: '江苏省专精特新中小企业',
          validFrom: '2025-01-01',
          validTo: '2027-12-31',
          registrationNo: null,
          documentNo: '苏工信中小〔2025〕1号',
        },
      ],
    });
    expect(l.tiers[1]).toMatchObject({ held: true, status: 'met', statusLabel: '已取得称号' });
    expect(l.next!.key).toBe('tech-innovative');
  });
});
