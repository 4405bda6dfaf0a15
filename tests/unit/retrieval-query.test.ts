import { describe, expect, it } from 'vitest';
import { codeTerms, passageCodes } from '@/lib/retrieval/codes';
import { detectQueryConfig } from '@/lib/retrieval/language';
import { chooseCorrections, slips } from '@/lib/retrieval/spelling';
import { anyWordQuery } from '@/lib/retrieval/tsquery';

describe('misspelt question words', () => {
  it('count typing slips: letters added, dropped, changed or swapped', () => {
    expect(slips('moter', 'motor')).toBe(1);
    expect(slips('defualt', 'default')).toBe(1);
    expect(slips('safty', 'safety')).toBe(1);
    expect(slips('temprature', 'temperature')).toBe(1);
    expect(slips('squeels', 'squeal')).toBe(2);
  });

  it('take the candidate with the fewest slips, within one for a short word and two for a longer one', () => {
    const c = (word: string, term: string, similarity: number) => ({ item: 0, word, term, similarity, lexemes: [term] });
    expect(chooseCorrections([c('covr', 'cove', 0.5), c('covr', 'cover', 0.4)]).map((x) => x.term)).toEqual(['cove']);
    expect(chooseCorrections([c('dischage', 'discharge', 0.6), c('dischage', 'dishes', 0.3)]).map((x) => x.term)).toEqual(['discharge']);
    expect(chooseCorrections([c('iphone', 'phone', 0.44)]).map((x) => x.term)).toEqual(['phone']);
    expect(chooseCorrections([c('tite', 'tight', 0.3)])).toEqual([]);
    expect(chooseCorrections([c('klipper', 'clipper', 0.5), c('klipper', 'slipper', 0.5)])).toHaveLength(1);
  });
});

describe('question language', () => {
  it('goes by stopwords, and takes English when there are none', () => {
    expect(detectQueryConfig('How do I change the oil filter?')).toBe('english');
    expect(detectQueryConfig('Wie wechsle ich den Ölfilter bei der Maschine?')).toBe('german');
    expect(detectQueryConfig('Comment changer le filtre à huile pour le compresseur ?')).toBe('french');
    expect(detectQueryConfig('Il compressore non parte e la spia è rossa')).toBe('italian');
    expect(detectQueryConfig('compressor overheating')).toBe('english');
  });

  it('does not read letters of codes and part numbers as words', () => {
    // "E07" is not the Italian "e", "A-12" not the Portuguese "a", "O-ring" not "o".
    expect(detectQueryConfig('compressor shows E07')).toBe('english');
    expect(detectQueryConfig('AC-400 alarm E-07, part A-12, O-ring leaking')).toBe('english');
    expect(detectQueryConfig('E07 auf der AC-400: was ist das?')).toBe('german');
  });
});

describe('any-word tsquery', () => {
  it('quotes each lexeme once, escaping quotes and backslashes', () => {
    expect(anyWordQuery(['oil', "o'ring", 'oil', 'a\\b'])).toBe("'oil' | 'o''ring' | 'a\\\\b'");
    expect(anyWordQuery([])).toBe('');
  });
});

describe('codes', () => {
  it('searches codes without their separators, and keeps display messages as written', () => {
    expect(codeTerms('Compressor shows E-07 and AT-400-1021, display says Waiting V+ Power')).toEqual([
      'E07',
      'AT4001021',
      'Waiting V+ Power',
    ]);
    expect(codeTerms('E-07 on the SERVO42C', { compact: false })).toEqual(['E-07', 'SERVO42C']);
    expect(codeTerms('how do I change the oil?')).toEqual([]);
  });

  it('stores a passage code as written and, when it has separators, without them', () => {
    expect(passageCodes('Error E-07: discharge temperature high. Part AT-400-1021, fuse F3. Display shows Temp High!').split(' ')).toEqual([
      'Temp',
      'High',
      'E-07',
      'E07',
      'AT-400-1021',
      'AT4001021',
      'F3',
    ]);
  });
});
