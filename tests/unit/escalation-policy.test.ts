import { describe, expect, it } from 'vitest';
import {
  handoffMessage,
  immediateEscalation,
  mayOffer,
  offerAfterAnswer,
  offerAfterFeedback,
  saysNotCovered,
} from '@/lib/escalation/policy';

type Expected = 'safety' | 'asked_for_human' | null;

// message → what happens at once
const MESSAGES: [string, Expected][] = [
  // English: safety
  ['The motor is on fire!', 'safety'],
  ['There is smoke coming out of the control cabinet', 'safety'],
  ['I can smell burning near the compressor', 'safety'],
  ['burning smell from the drive', 'safety'],
  ['My colleague is injured', 'safety'],
  ['He is bleeding from his hand', 'safety'],
  ['I got an electric shock from the housing', 'safety'],
  ['Someone was electrocuted', 'safety'],
  ['There is a gas leak at the burner', 'safety'],
  ['It smells like gas in the room', 'safety'],
  ['The receiver tank exploded', 'safety'],
  ['Explosion in the boiler room', 'safety'],
  ['He passed out next to the press', 'safety'],
  ['SPARKS FLYING from the terminal block', 'safety'],
  ['Fire!!!', 'safety'],
  ['No, there is smoke now', 'safety'],
  ['It will not stop smoking', 'safety'],
  // English: shop-floor words that are not emergencies
  ['How do I fire up the compressor after maintenance?', null],
  ['Where is the fire extinguisher bracket mounted?', null],
  ['The smoke detector relay keeps clicking', null],
  ['How do I bleed the brakes on the AC-400?', null],
  ['Show me the exploded view of the pump', null],
  ['Is the motor explosion-proof?', null],
  ['Shock absorber part number for the base frame', null],
  ['There is no smoke and no smell, it just stops', null],
  ['Nobody was hurt, but the guard is bent', null],
  ["I don't smell gas but the flame goes out", null],
  ['The HMI shows a human-machine interface error', null],
  ['Compressor shows E07 after 10 minutes', null],
  ['What torque for the cylinder head bolts?', null],
  // English: asking for a person
  ['Can I talk to a human?', 'asked_for_human'],
  ['I want to speak with a real person', 'asked_for_human'],
  ['Please connect me to an agent', 'asked_for_human'],
  ['call me on my mobile please', 'asked_for_human'],
  ['Let me talk to support', 'asked_for_human'],
  ['Please escalate this', 'asked_for_human'],
  ['Which cleaning agent should I use on the filter?', null],
  ['This could be a human error during setup', null],
  // German
  ['Der Motor brennt!', 'safety'],
  ['Aus dem Schaltschrank kommt Rauch', 'safety'],
  ['Es riecht verbrannt an der Pumpe', 'safety'],
  ['Mein Kollege ist verletzt und blutet', 'safety'],
  ['Ich habe einen Stromschlag bekommen', 'safety'],
  ['Es gibt ein Gasleck am Brenner', 'safety'],
  ['Kein Rauch, aber der Lüfter läuft nicht', null],
  ['Wo ist der Feuerlöscher?', null],
  ['Ich möchte mit einem Menschen sprechen', 'asked_for_human'],
  ['Bitte rufen Sie mich an', 'asked_for_human'],
  ['Wie entlüfte ich die Hydraulik?', null],
  // French
  ['La machine a pris feu', 'safety'],
  ['Il y a de la fumée qui sort du moteur', 'safety'],
  ['Ça sent le brûlé', 'safety'],
  ['Un collègue est blessé', 'safety'],
  ["J'ai reçu un choc électrique", 'safety'],
  ['Il y a une fuite de gaz', 'safety'],
  ["Il n'y a pas de fumée mais le moteur chauffe", null],
  ['Je veux parler à un humain', 'asked_for_human'],
  ['Rappelez-moi svp', 'asked_for_human'],
  ['Le voyant clignote en rouge', null],
  // Spanish
  ['La máquina está en llamas', 'safety'],
  ['Sale humo del compresor', 'safety'],
  ['Huele a quemado', 'safety'],
  ['Hay un herido', 'safety'],
  ['Mi compañero está sangrando', 'safety'],
  ['Recibí una descarga eléctrica', 'safety'],
  ['Hay una fuga de gas', 'safety'],
  ['No hay humo, pero no arranca', null],
  ['Quiero hablar con una persona', 'asked_for_human'],
  ['Llámame por favor', 'asked_for_human'],
  ['¿Cómo purgo el sistema de frenos?', null],
  // Italian
  ['Il motore ha preso fuoco', 'safety'],
  ['Esce fumo dal quadro', 'safety'],
  ['Sento odore di bruciato', 'safety'],
  ['Un operaio è ferito', 'safety'],
  ['Ho preso la scossa elettrica', 'safety'],
  ['C’è una fuga di gas', 'safety'],
  ['Nessun ferito, ma la protezione è rotta', null],
  ['Vorrei parlare con un operatore', 'asked_for_human'],
  ['Chiamami appena puoi', 'asked_for_human'],
  ['Come si regola la messa a fuoco della telecamera?', null],
  // Dutch
  ['De machine staat in brand', 'safety'],
  ['Er komt rook uit de kast', 'safety'],
  ['Het ruikt verbrand', 'safety'],
  ['Mijn collega is gewond', 'safety'],
  ['Ik kreeg een elektrische schok', 'safety'],
  ['Er is een gaslek', 'safety'],
  ['Geen rook, maar hij slaat af', null],
  ['Ik wil met een mens praten', 'asked_for_human'],
  ['Bel me terug alstublieft', 'asked_for_human'],
  ['The unit is in brand new condition', null],
  // Portuguese
  ['A máquina está em chamas', 'safety'],
  ['Está saindo fumaça do motor', 'safety'],
  ['Cheiro de queimado no painel', 'safety'],
  ['Meu colega está ferido', 'safety'],
  ['Levei um choque elétrico', 'safety'],
  ['Há um vazamento de gás', 'safety'],
  ['Não há fumaça, mas desliga sozinho', null],
  ['Quero falar com um atendente', 'asked_for_human'],
  ['Me ligue por favor', 'asked_for_human'],
  ['Qual é o torque do parafuso?', null],
  // Both: safety wins
  ['Call me, the motor is on fire', 'safety'],
];

describe('immediate escalation from the technician’s message', () => {
  it.each(MESSAGES)('%s → %s', (message, expected) => {
    const decision = immediateEscalation(message);
    expect(decision?.reason ?? null).toBe(expected);
    if (expected === 'safety') expect(decision?.urgency).toBe('high');
    if (expected === 'asked_for_human') expect(decision?.urgency).toBe('normal');
  });
});

const cited = [{ n: 1 }];
const ANSWERS: [string, Parameters<typeof offerAfterAnswer>[0], string, string | null][] = [
  [
    'a cited answer',
    { mode: 'ai', text: 'Check the inlet valve [1].', citations: cited, retrievedCount: 4, modelFailed: false },
    'E07 on the AC-400?',
    null,
  ],
  [
    'an answer without citations',
    { mode: 'ai', text: 'Try restarting it.', citations: [], retrievedCount: 3, modelFailed: false },
    'Why does it stop?',
    'no_answer',
  ],
  [
    'nothing retrieved',
    {
      mode: 'manuals_only',
      text: "I couldn't find anything about this in the manuals.",
      citations: [],
      retrievedCount: 0,
      modelFailed: false,
    },
    'Flux capacitor?',
    'no_answer',
  ],
  [
    'an answer saying the manuals do not cover it',
    { mode: 'ai', text: 'The manuals do not cover this fault [1].', citations: cited, retrievedCount: 2, modelFailed: false },
    'Error E99?',
    'no_answer',
  ],
  [
    'a German answer saying so',
    { mode: 'ai', text: 'Die Handbücher enthalten dazu keine Angaben [1].', citations: cited, retrievedCount: 2, modelFailed: false },
    'Fehler E99?',
    'no_answer',
  ],
  [
    'a French answer saying so',
    { mode: 'ai', text: 'Les manuels ne couvrent pas ce cas [1].', citations: cited, retrievedCount: 2, modelFailed: false },
    'Erreur E99 ?',
    'no_answer',
  ],
  [
    'a Spanish answer saying so',
    { mode: 'ai', text: 'No he encontrado información sobre esto [1].', citations: cited, retrievedCount: 2, modelFailed: false },
    '¿Error E99?',
    'no_answer',
  ],
  [
    'a model failure',
    {
      mode: 'manuals_only',
      text: 'The AI assistant is unavailable right now… [1]',
      citations: cited,
      retrievedCount: 2,
      modelFailed: true,
    },
    'E07?',
    'model_failure',
  ],
  [
    'manuals-only by configuration, cited',
    { mode: 'manuals_only', text: 'Here are the most relevant passages [1]', citations: cited, retrievedCount: 3, modelFailed: false },
    'E07?',
    null,
  ],
  [
    'thanks, answered without citations',
    { mode: 'ai', text: 'You are welcome!', citations: [], retrievedCount: 0, modelFailed: false },
    'Thanks!',
    null,
  ],
  [
    'a greeting in German',
    { mode: 'ai', text: 'Hallo! Wie kann ich helfen?', citations: [], retrievedCount: 0, modelFailed: false },
    'Hallo',
    null,
  ],
];

describe('offer after an answer', () => {
  it.each(ANSWERS)('%s → %s', (_what, answer, question, expected) => {
    expect(offerAfterAnswer(answer, question)).toBe(expected);
  });

  it('does not read "not covered" into an ordinary answer', () => {
    expect(saysNotCovered('Close the valve before you open the cover [2].')).toBe(false);
    expect(saysNotCovered('Laut Handbuch darf der Druck 8 bar nicht überschreiten [1].')).toBe(false);
  });
});

describe('offer after feedback', () => {
  const cases: [string, { helpful: boolean | null }[], string | null][] = [
    ['two not helpful in a row', [{ helpful: false }, { helpful: false }], 'not_helpful'],
    ['only one answer', [{ helpful: false }], null],
    ['helpful in between', [{ helpful: false }, { helpful: true }, { helpful: false }], null],
    ['latest not rated yet', [{ helpful: null }, { helpful: false }, { helpful: false }], null],
    ['three not helpful', [{ helpful: false }, { helpful: false }, { helpful: false }], 'not_helpful'],
  ];
  it.each(cases)('%s → %s', (_what, recent, expected) => {
    expect(offerAfterFeedback(recent)).toBe(expected);
  });
});

describe('offer at most once per problem', () => {
  const t = (minutes: number) => new Date(Date.UTC(2025, 0, 1, 12, minutes));
  const cases: [string, Parameters<typeof mayOffer>[0], boolean][] = [
    ['never offered', { mode: 'assistant', offeredAt: null, lastResolvedAt: null, hasActiveEscalation: false }, true],
    ['already offered', { mode: 'assistant', offeredAt: t(5), lastResolvedAt: null, hasActiveEscalation: false }, false],
    [
      'offered, then an escalation was resolved',
      { mode: 'assistant', offeredAt: t(5), lastResolvedAt: t(30), hasActiveEscalation: false },
      true,
    ],
    ['resolved before the offer', { mode: 'assistant', offeredAt: t(40), lastResolvedAt: t(30), hasActiveEscalation: false }, false],
    ['an escalation is open', { mode: 'assistant', offeredAt: null, lastResolvedAt: null, hasActiveEscalation: true }, false],
    ['support is engaged', { mode: 'support', offeredAt: null, lastResolvedAt: null, hasActiveEscalation: false }, false],
  ];
  it.each(cases)('%s → %s', (_what, state, expected) => {
    expect(mayOffer(state)).toBe(expected);
  });
});

describe('handoff message', () => {
  it('names the reference and, for safety, what to do now', () => {
    expect(handoffMessage({ reference: 12, reason: 'manual', urgency: 'normal' })).toMatch(/^Support has been notified — reference #12\./);
    expect(handoffMessage({ reference: 7, reason: 'safety', urgency: 'high' })).toMatch(/urgent.*emergency number/);
  });
});
