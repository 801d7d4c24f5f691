import { describe, expect, it } from 'vitest';
import { sharedPassages } from './shared-passages';

const shared = (segs: { text: string; shared: boolean }[]) => segs.filter((s) => s.shared).map((s) => s.text);

describe('shared passages (8-character runs found in both essays)', () => {
  it('highlights a copied sentence in both essays, and nothing else', () => {
    const copied = '作为一名党员，我要时刻绷紧廉洁自律这根弦。';
    const a = `观看警示教育片后我深受触动。${copied}今后我将以案为鉴。`;
    const b = `这部片子让我警醒！${copied}我会把学习成果落到实处。`;
    const r = sharedPassages(a, b);
    expect(shared(r.a)).toEqual([copied]);
    expect(shared(r.b)).toEqual([copied]);
    expect(r.a.map((s) => s.text).join('')).toBe(a);
    expect(r.b.map((s) => s.text).join('')).toBe(b);
    expect(r.sharedChars).toEqual({ a: Array.from(copied).length, b: Array.from(copied).length });
  });

  it('marks an identical essay entirely, and unrelated ones not at all', () => {
    const a = '学习新修订的纪律处分条例，筑牢拒腐防变的思想防线。';
    expect(sharedPassages(a, a).a).toEqual([{ text: a, shared: true }]);
    const r = sharedPassages(a, '今天天气很好，我们去公园散步，看到了很多花。');
    expect(shared(r.a)).toEqual([]);
    expect(shared(r.b)).toEqual([]);
  });

  it('ignores whitespace and line breaks inside a copied passage; runs shorter than 8 are not marked', () => {
    const a = '我们要坚持\n以人民为中心的发展思想。';
    const b = '我们要坚持 以人民为中心 的发展思想';
    expect(shared(sharedPassages(a, b).a)).toEqual(['我们要坚持\n以人民为中心的发展思想']);
    expect(shared(sharedPassages(a, b).b)).toEqual(['我们要坚持 以人民为中心 的发展思想']);
    expect(shared(sharedPassages('廉洁自律七个字', '廉洁自律七个字').a)).toEqual([]);
  });

  it('counts code points, not UTF-16 units (characters outside the BMP stay whole)', () => {
    const a = '𠮷野家的牛肉饭非常好吃啊';
    const r = sharedPassages(a, `前言${a}`);
    expect(shared(r.a)).toEqual([a]);
    expect(shared(r.b)).toEqual([a]);
  });
});
