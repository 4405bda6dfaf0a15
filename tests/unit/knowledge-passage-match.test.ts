import { describe, expect, it } from 'vitest';
import { matchPassage, passageWords } from '@/lib/knowledge/passage-match';

// Text items as pdf.js gives them for one page: a running header, the passage, other text.
const PAGE = [
  'AeroTech AC-400 Service Manual',
  '4.2 Error E07: discharge temperature high',
  'The compressor stops when the discharge tempera-',
  'ture exceeds 110 °C. Check the condenser fan and',
  'clean the con',
  'denser fins before restarting the unit.',
  '12',
  '4.3 Error E08: low suction pressure',
  'Check the unit for refrigerant leaks.',
];

const PASSAGE =
  '4.2 Error E07: discharge temperature high\nThe compressor stops when the discharge temperature exceeds 110 °C. Check the condenser fan and clean the condenser fins before restarting the unit.';

describe('passageWords', () => {
  it('keeps letters and digits in lower case and unfolds ligatures and full-width forms', () => {
    expect(passageWords('Re-check the ﬁlter (１２V)!')).toEqual(['re', 'check', 'the', 'filter', '12v']);
    expect(passageWords('Prüfen Sie die Düse')).toEqual(['prüfen', 'sie', 'die', 'düse']);
    expect(passageWords(' — ')).toEqual([]);
  });
});

describe('matchPassage', () => {
  it('finds the passage items, across hyphenated line breaks and words split between items', () => {
    expect(matchPassage(PAGE, PASSAGE)).toEqual([1, 2, 3, 4, 5]);
  });

  it('leaves out headers, footers and the next section, even where they share a few words', () => {
    const hits = matchPassage(PAGE, PASSAGE);
    expect(hits).not.toContain(0);
    expect(hits).not.toContain(6);
    expect(hits).not.toContain(8);
  });

  it('highlights a phrase that the page repeats only where the passage has it', () => {
    const page = [
      'Table 7-5 Overheating',
      'Possible cause How to check Remedy',
      'Fan reversed Check the rotation Swap two wires',
      'Table 7-6 Safety valve',
      'Possible cause How to check Remedy',
      'Valve stuck Test it Replace the valve',
    ];
    const passage = 'Table 7-5 Overheating. Possible cause How to check Remedy. Fan reversed Check the rotation Swap two wires';
    expect(matchPassage(page, passage)).toEqual([0, 1, 2]);
    // Both tables in the passage: both headings belong.
    expect(matchPassage(page, `${passage} Table 7-6 Safety valve Possible cause How to check Remedy`)).toEqual([0, 1, 2, 3, 4]);
  });

  it('finds a passage that begins on the page and goes on to the next one', () => {
    const passage = 'Check the unit for refrigerant leaks. Use an electronic leak detector at every brazed joint.';
    expect(matchPassage(PAGE, passage)).toEqual([8]);
  });

  it('highlights an item only when most of its words belong to the passage', () => {
    // The passage starts at "clean": the item before it is mostly other text.
    const passage = 'clean the condenser fins before restarting the unit.';
    expect(matchPassage(PAGE, passage)).toEqual([4, 5]);
  });

  it('matches whitespace and case differences, and a short passage only as a whole', () => {
    expect(matchPassage(['CHECK   THE', 'FUSE F2'], 'check the fuse f2')).toEqual([0, 1]);
    expect(matchPassage(['Fuse F2', 'Fuse F3'], 'Fuse F3')).toEqual([1]);
  });

  it('finds nothing when the passage is not on the page, or is empty', () => {
    expect(matchPassage(PAGE, 'Replace the expansion valve and evacuate the system for thirty minutes.')).toEqual([]);
    expect(matchPassage(PAGE, '')).toEqual([]);
    expect(matchPassage([], PASSAGE)).toEqual([]);
  });
});
