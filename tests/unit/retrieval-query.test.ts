import { describe, expect, it } from 'vitest';
import { codeTerms, passageCodes } from '@/lib/retrieval/codes';
import { detectQueryConfig } from '@/lib/retrieval/language';
import { correctionCandidates, correctWords } from '@/lib/retrieval/spelling';
import { anyWordQuery } from '@/lib/retrieval/tsquery';

describe('question words that may be corrected', () => {
  it('takes ordinary words of four letters or more, lower-cased, once, and leaves codes and display messages alone', () => {
    expect(correctionCandidates('Dischage temprature too hihg on the AC-400, temprature E07', ['AC-400', 'E07'])).toEqual(['dischage', 'temprature', 'hihg']);
    expect(correctionCandidates('Display shows Waiting V+ Power!', ['Waiting V+ Power'])).toEqual(['display', 'shows']);
  });

  it('replaces corrected words whatever their case and keeps the rest of the question', () => {
    const fixes = new Map([['dischage', 'discharge'], ['temprature', 'temperature']]);
    expect(correctWords('Dischage TEMPRATURE too hihg (E07)', fixes)).toBe('discharge temperature too hihg (E07)');
    expect(correctWords('unchanged question', new Map())).toBe('unchanged question');
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
    expect(codeTerms('Compressor shows E-07 and AT-400-1021, display says Waiting V+ Power')).toEqual(['E07', 'AT4001021', 'Waiting V+ Power']);
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
