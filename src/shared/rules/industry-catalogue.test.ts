import {
  INDUSTRY_DIVISIONS,
  INDUSTRY_SECTIONS,
  STRATEGIC_EMERGING_FIELDS,
  lookupIndustry,
} from './industry-catalogue';

describe('GB/T 4754-2017 catalogue', () => {
  it('has 20 sections A–T and 97 divisions covering 01–97 without gaps', () => {
    expect(INDUSTRY_SECTIONS.map((s) => s.letter).join('')).toBe('ABCDEFGHIJKLMNOPQRST');
    const codes = Object.keys(INDUSTRY_DIVISIONS).sort();
    expect(codes).toHaveLength(97);
    expect(codes[0]).toBe('01');
    expect(codes[96]).toBe('97');
    let next = 1;
    for (const s of INDUSTRY_SECTIONS) {
      expect(s.from).toBe(next);
      next = s.to + 1;
    }
    expect(next).toBe(98);
  });

  it('looks up codes with 2 to 4 digits', () => {
    const r = lookupIndustry('C3911');
    expect(r.ok && r.value).toMatchObject({
      code: 'C3911',
      letter: 'C',
      division: '39',
      divisionName: '计算机、通信和其他电子设备制造业',
      level: '小类',
    });
    expect(lookupIndustry('f51').ok && lookupIndustry('f51')).toMatchObject({
      value: { code: 'F51', level: '大类' },
    });
    expect(lookupIndustry('Ｋ７０２')).toMatchObject({ ok: true, value: { code: 'K702', level: '中类' } });
    expect(lookupIndustry('6511')).toMatchObject({ ok: true, value: { code: 'I6511' } });
  });

  it('rejects a letter that does not match the division, with the right letter in the message', () => {
    const r = lookupIndustry('C51');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain('F51');
  });

  it.each([['C3'], ['C39111'], ['Z39'], [''], ['98']])('rejects %j', (code) => {
    expect(lookupIndustry(code).ok).toBe(false);
  });

  it('lists the 9 strategic emerging fields in order', () => {
    expect(STRATEGIC_EMERGING_FIELDS).toHaveLength(9);
    expect(STRATEGIC_EMERGING_FIELDS[0]).toEqual({ code: '1', name: '新一代信息技术产业' });
    expect(STRATEGIC_EMERGING_FIELDS[8]!.name).toBe('相关服务业');
  });
});
