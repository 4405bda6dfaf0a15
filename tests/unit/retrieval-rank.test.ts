import { describe, expect, it } from 'vitest';
import type { SearchableManual } from '@/db/queries/retrieval';
import { manualNames, namedManuals } from '@/lib/retrieval/manuals';
import { answerability, idf, RANKING, selectManuals, weighTerms, type QuestionTerm } from '@/lib/retrieval/rank';
import { termsOf } from '@/lib/retrieval/vocabulary';

const manual = (id: string, title: string, machineModels: string[] = [], passages = 100): SearchableManual => ({
  id,
  title,
  machineModels,
  fileName: `${id}.pdf`,
  passages,
  words: passages * 80,
  version: '1',
});

const g3 = manual('g3', 'HP 250 G3 Notebook PC Maintenance and Service Guide', ['HP 250 G3', 'HP 256 G3']);
const g1 = manual('g1', 'HP 250 G1 Notebook PC Maintenance and Service Guide', ['HP 250 G1', 'HP 255 G1']);
const mks = manual('mks', 'MKS SERVO42C V1.1.2 User Manual', ['MKS SERVO42C']);
const ac = manual('ac', 'Aerotech AC-400 Service Manual', ['AC-400']);
const all = [g3, g1, mks, ac];
const words = (q: string) => q.toLowerCase().match(/[\p{L}\p{N}]+(?:[-./+][\p{L}\p{N}]+)*/gu) ?? [];

describe('the manuals a question names', () => {
  it('takes the names from the title, the machine models and the file name, written apart or together, without generic words', () => {
    const names = manualNames(ac);
    expect([...names]).toEqual(expect.arrayContaining(['aerotech', 'ac', '400', 'ac400', 'aerotechac400']));
    expect(names.has('service')).toBe(false);
    expect(names.has('manual')).toBe(false);
  });

  it('picks the sibling model the question names, however it is written', () => {
    expect(namedManuals(words('hp 250 g3 battery wont charge'), all).ids).toEqual(['g3']);
    expect(namedManuals(words('hp250 g1 keyboard part number'), all).ids).toEqual(['g1']);
    expect(namedManuals(words('my 255 g1 is overheating'), all).ids).toEqual(['g1']);
    expect(namedManuals(words('servo 42c shows magnet loss'), all).ids).toEqual(['mks']);
    expect(namedManuals(words('servo42 wont move'), all).ids).toEqual(['mks']);
    expect(namedManuals(words('the ac400 trips on E07'), all).ids).toEqual(['ac']);
    expect(namedManuals(words('e07 on the ac-400'), all).ids).toEqual(['ac']);
  });

  it('keeps both siblings when the question names what they share, and none when it names nothing', () => {
    expect(namedManuals(words('hp 250 battery removal'), all).ids.sort()).toEqual(['g1', 'g3']);
    const none = namedManuals(words('how do i change the oil'), all);
    expect(none.ids).toEqual([]);
    expect(none.naming.size).toBe(0);
  });

  it('says which words name a manual (they are not searched in the text), and does not read a code as a name', () => {
    expect([...namedManuals(words('hp 250 g3 fan noise'), all).naming].sort()).toEqual(['250', 'g3', 'hp']);
    const vx = [manual('vx1', 'Blower manual', ['VX-1']), manual('other', 'Dryer manual')];
    expect(namedManuals(words('what is vx-512'), vx).ids).toEqual([]);
  });

  it('names no manual when every manual has the name', () => {
    expect(namedManuals(words('hp 250 g3 battery'), [g3]).ids).toEqual([]);
    expect(namedManuals(words('hp 250 g3 battery'), [g3]).naming.has('g3')).toBe(true);
  });
});

describe("the conversation's machine model", () => {
  it("searches the model's manuals and those for no particular model, or all when no manual is of that model", () => {
    const generic = manual('generic', 'Workshop safety rules');
    expect(selectManuals([g3, g1, generic], 'HP 250 G3')).toEqual(['g3', 'generic']);
    expect(selectManuals([g3, g1, generic], 'hp 250 g3')).toEqual(['g3', 'generic']);
    expect(selectManuals([g3, g1, generic], 'NO-SUCH')).toEqual(['g3', 'g1', 'generic']);
    expect(selectManuals([g3, g1, generic], null)).toEqual(['g3', 'g1', 'generic']);
  });
});

describe('term weights', () => {
  it('weighs a rare word far above a word on every passage', () => {
    expect(idf(1, 1000)).toBeGreaterThan(6);
    expect(idf(1000, 1000)).toBeLessThan(0.001);
    expect(idf(2000, 1000)).toBeGreaterThanOrEqual(0); // stale statistics never give a negative weight
  });

  const relationWeight = { question: 1, translation: 1, equivalent: 0.6, symptom: 0.4 } as const;

  function weigh(question: string, passages: Record<string, number>, naming: string[] = []) {
    const terms: QuestionTerm[] = termsOf(words(question)).map((t) => ({ ...t, context: false }));
    const items = terms.flatMap((t, i) => [
      { term: i, text: t.text, relation: 'question' as const },
      ...t.alternatives.map((a) => ({ term: i, text: a.text, relation: a.relation })),
    ]);
    const lexemes = items.map((item) => item.text.split(' '));
    const stats = new Map(Object.entries(passages).map(([lexeme, n]) => [lexeme, new Map([['g3', n]])]));
    return {
      terms,
      ...weighTerms({ terms, items, analysis: { lexemes, passages: stats }, manuals: [g3], naming: new Set(naming), relationWeight }),
    };
  }

  it('gives each term the weight of its rarest word, leaves out the words that name the manual, and collects the rarest first', () => {
    const w = weigh('hp 250 g3 hinge screw', { hp: 100, '250': 100, g3: 100, hinge: 2, screw: 60 }, ['hp', '250', 'g3']);
    const byText = new Map(w.terms.map((t, i) => [t.text, w.importance[i]]));
    expect(byText.get('hp')).toBe(0);
    expect(byText.get('hinge')).toBeGreaterThan(byText.get('screw')!);
    expect(w.lexemes.map((l) => l.lexeme)).not.toContain('g3');
    expect(w.collect[0]).toBe('hinge');
  });

  it('gives a word that no manual searched contains most of the weight of the rarest word (what the manuals may not cover), and a common word none', () => {
    const w = weigh('bluetooth pairing screw', { screw: 60 });
    const byText = new Map(w.terms.map((t, i) => [t.text, w.importance[i]]));
    expect(byText.get('bluetooth')).toBeCloseTo(RANKING.unknownWeight * idf(0, 100));
    expect(w.unknown[w.terms.findIndex((t) => t.text === 'bluetooth')]).toBe(true);
    expect(w.lexemes.map((l) => l.lexeme)).toEqual(['screw']);
    const common = weigh('screw goes somewhere', { screw: 60 });
    expect(common.importance[common.terms.findIndex((t) => t.text === 'goes')]).toBe(0);
  });
});

describe('whether the passages answer the question', () => {
  it('answers when the best page matches most of the weight or a code, comes close with some of it, and declines otherwise', () => {
    const importance = [3, 3, 1, 0.5];
    expect(answerability([{ terms: [0, 1], code_similarity: null }], importance, false)).toMatchObject({ confidence: 'answers' });
    expect(answerability([{ terms: [0], code_similarity: null }], importance, false)).toMatchObject({ confidence: 'close' });
    expect(answerability([{ terms: [3], code_similarity: null }], importance, false)).toMatchObject({ confidence: 'none' });
    expect(answerability([{ terms: [3], code_similarity: 1 }], importance, true)).toMatchObject({ confidence: 'answers' });
    expect(answerability([], importance, false)).toEqual({ confidence: 'none', coverage: 0 });
  });
});
