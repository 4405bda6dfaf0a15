// Phrases that trigger escalation, in English, German, French, Spanish, Italian, Dutch and
// Portuguese. Text is matched lower-cased and without accents ("fumée" → "fumee"), so patterns
// are written without them. Ambiguous shop-floor words (fire up, smoke test, bleed the brakes,
// exploded view, explosion-proof, flame sensor, shock absorber) are excluded on purpose.

/** Lower case, accents removed, typographic apostrophes made plain, spaces collapsed. */
export function normalise(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`´]/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

// Our own word boundaries: \b only knows ASCII.
const B = '(?<![\\p{L}\\p{N}])';
const E = '(?![\\p{L}\\p{N}])';
const words = (...alternatives: string[]) => new RegExp(`${B}(?:${alternatives.join('|')})${E}`, 'gu');

/** Not "explosion-proof", "a prueba de explosión", "protection against explosion". */
const EXPLOSION =
  "(?<!(?:prueba|protection|protection contre l'|schutz gegen|prova) (?:de |d'|di )?)explosion(?![- ]?(?:proof|protect\\w*|hazard area|zone|risk))";

const PEOPLE_EN =
  'human|person|real person|someone|somebody|agent|support|technician|engineer|expert|representative|rep|operator|helpdesk|help desk|service desk|specialist|people';

export const HUMAN_PATTERNS: RegExp[] = [
  // English
  words(`(?:talk|speak|chat|get through) (?:to|with) (?:a |an |the |some |your |one of your )?(?:real |live |actual )?(?:${PEOPLE_EN})`),
  words(
    '(?:real|live|actual) (?:person|human|agent|people)',
    'human (?:being|agent|support|help|please)',
    '(?:a|an) human(?![- ]?(?:machine|error|factor|interface|body|resources))',
  ),
  words('(?:call|phone|ring) me(?: back)?', '(?:call|phone|ring) us back', 'give me a call'),
  words('(?:connect|transfer|put) me (?:through )?(?:to|with) (?:a |an |the )?(?:human|person|agent|support|technician|someone|somebody)'),
  words(
    'contact (?:the )?(?:support|service) (?:team|desk|department)',
    'escalate (?:this|it|to|please|my)',
    'please escalate',
    'i (?:want|need) (?:to talk to )?(?:a )?(?:human|person)',
  ),
  // German
  words(
    '(?:sprechen|reden|verbinden|telefonieren) (?:mit|sie mich mit) (?:einem|einer|dem|der|ihrem|ihrer)? ?(?:echten |richtigen )?(?:menschen|mensch|mitarbeiter(?:in)?|person|support|techniker(?:in)?|ansprechpartner(?:in)?)',
  ),
  words(
    'mit (?:einem|einer|dem|der) (?:echten |richtigen )?(?:menschen|mitarbeiter(?:in)?|person|techniker(?:in)?|ansprechpartner(?:in)?) (?:sprechen|reden)',
  ),
  words(
    'echte[nr]? (?:person|menschen?)',
    'richtige[nr]? (?:person|menschen?)',
    'menschliche[nr]? (?:hilfe|ansprechpartner|unterstutzung|support)',
  ),
  words(
    '(?:ruf|rufen sie|ruft) mich (?:bitte )?(?:an|zuruck)',
    'mich (?:bitte )?(?:an)?rufen',
    'ruckruf',
    'support kontaktieren',
    'eskalier(?:en|e|t)',
  ),
  // French
  words(
    "parler (?:a|avec) (?:un |une |le |la |l'|quelqu'un|un vrai |une vraie )?(?:humain|personne|agent|technicien(?:ne)?|conseiller(?:e)?|operateur|operatrice|support|service client|quelqu'un)",
  ),
  words('(?:vraie?|reelle?) personne', 'personne reelle', 'etre humain', 'un humain'),
  words(
    '(?:appelez|rappelez|appelle|rappelle)[- ]moi',
    "m'appeler",
    'me rappeler',
    'me telephoner',
    'contacter (?:le |un )(?:support|service|technicien|agent)',
  ),
  // Spanish
  words('hablar con (?:un |una |el |la |algun |alguna )?(?:humano|persona|agente|tecnico|operador(?:a)?|soporte|asesor(?:a)?|alguien)'),
  words(
    'persona real',
    'ser humano',
    'un humano',
    'llam(?:ame|enme|eme)',
    'me (?:pueden |puede |podrian )?(?:llamen|llame|llamar)',
    'llamarme',
    'contactar (?:con )?(?:el |un )?(?:soporte|tecnico|agente)',
  ),
  // Italian
  words(
    "parlare con (?:un |una |un'|il |la |l'|qualcuno)?(?:umano|persona|operatore|operatrice|agente|tecnico|assistenza|supporto|qualcuno)",
  ),
  words(
    'persona (?:vera|reale)',
    'essere umano',
    'un umano',
    'chiamami',
    'richiamami',
    'mi (?:chiami|chiamate|richiami|richiamate)',
    'chiamarmi',
    'richiamarmi',
    "contattare (?:l'|il )?(?:assistenza|supporto)",
  ),
  // Dutch
  words(
    '(?:praten|spreken|bellen) (?:met|tegen) (?:een |de |iemand)?(?:echte )?(?:mens|persoon|medewerker|monteur|technicus|support|iemand|helpdesk)',
  ),
  words(
    '(?:met|tegen) (?:een |de )?(?:echte )?(?:mens|medewerker|persoon|iemand) (?:praten|spreken)',
    'echte? (?:persoon|mens)',
    'bel (?:me|mij)(?: terug| op)?',
    '(?:me|mij) (?:terug)?bellen',
    'contact (?:opnemen )?met (?:de )?(?:support|helpdesk|klantenservice)',
  ),
  // Portuguese
  words('falar com (?:um |uma |o |a |algum |alguma )?(?:humano|pessoa|atendente|agente|tecnico|suporte|operador(?:a)?|alguem)'),
  words(
    'pessoa real',
    'ser humano',
    'um humano',
    'atendente humano',
    'me (?:ligue|liga|ligar|liguem)',
    'lig(?:ue|a)-me',
    'ligar para mim',
    'conta(?:c)?tar (?:o )?suporte',
  ),
];

export const SAFETY_PATTERNS: RegExp[] = [
  // English: fire and smoke
  words(
    'on fire',
    '(?:caught|catch|catches|catching) fire',
    'fire(?![- ]?(?:up|ups|d up|extinguishers?|alarms?|doors?|exits?|suppression|rated|rating|safety|proof|resistant|retardant|protection|panel|hydrant|wall|sprinklers?|code|drill|brigade))',
    'flames(?! ?retardant)',
    '(?:open|visible) flame',
    'smok(?:e|ing|y)(?![- ]?(?:detectors?|alarms?|tests?|testing|sensors?))',
    'is burning',
    'burning smell',
    'burnt smell',
    'smell(?:s|ing)? (?:of |like )?(?:burning|burnt|burned|something burning)',
    'sparks? (?:fly|flying|coming|everywhere)',
    'sparking',
    'arcing',
  ),
  // English: people hurt
  words(
    'injur(?:y|ies|ed)',
    '(?:is|got|was|been|are|were|badly|seriously) hurt',
    'hurt (?:himself|herself|myself|themselves|badly|his|her|my)',
    "(?:is|am|are|he's|she's|i'm|im|someone|somebody|he|she|badly|heavily|still) bleeding",
    'bleeding (?:badly|heavily|a lot|from)',
    'blood',
    'unconscious',
    'passed out',
    '(?:crushed|trapped) (?:his|her|my|a|their) (?:hand|finger|fingers|arm|foot|leg)',
    'burn(?:ed|t|s)? (?:his|her|my|their) (?:hand|arm|face|skin|fingers?)',
  ),
  // English: electricity, gas, explosion
  words(
    'electric(?:al)? shock',
    'got (?:a |an )?(?:electric )?shock(?:ed)?',
    'shocked (?:me|him|her|them)',
    'electrocut(?:ed|ion)',
    '(?:live|exposed) wires?',
    'gas leak',
    'leak(?:s|ing)? gas',
    'smell(?:s|ing)? (?:of |like )?gas',
    'gas smell',
    EXPLOSION,
    'exploded(?! (?:view|diagram|drawing|parts))',
    'exploding',
    'blew up',
  ),
  // German
  words(
    'feuer',
    'brennt',
    'in brand(?! new)',
    'brand (?:ausgebrochen|entstanden)',
    'flammen',
    'rauch(?!melder)',
    'raucht',
    'qualmt?',
    'brandgeruch',
    'riecht (?:verbrannt|angebrannt|brenzlig|nach (?:verbranntem|rauch))',
    'brenzlig',
    'verletzt',
    'verletzung(?:en)?',
    'blutet',
    'blutung',
    'blut',
    'bewusstlos',
    'eingeklemmt',
    'stromschlag',
    'elektrischer schlag',
    'einen schlag bekommen',
    'gasleck',
    'gas (?:tritt|stromt) aus',
    'gasgeruch',
    'riecht nach gas',
    EXPLOSION,
    'explodiert',
    'verpuffung',
  ),
  // French
  words(
    '(?:a pris|prend|pris|prendre|a pris) feu',
    'en feu',
    'au feu',
    'incendie',
    'flammes',
    'fumee(?! d.echappement)',
    'ca fume',
    'fume (?:beaucoup|enormement)',
    'odeur de (?:brule|fumee|brulure)',
    'sent le brule',
    'blesse(?:e|s|es)?',
    'blessure',
    'saigne',
    'saignement',
    '(?:du|de|le) sang',
    'sang partout',
    'inconscient(?:e)?',
    'evanoui(?:e)?',
    'choc electrique',
    'electrocut(?:e|ee|ion)',
    'electrise(?:e)?',
    'fuite de gaz',
    'odeur de gaz',
    'sent le gaz',
    EXPLOSION,
    'explose',
  ),
  // Spanish
  words(
    'fuego',
    'incendio',
    'en llamas',
    'llamaradas?',
    'humo',
    'olor a quemado',
    'huele a quemado',
    'se (?:esta )?quem(?:a|ando)',
    'herid(?:o|a|os|as)',
    'lesionad(?:o|a)',
    'lastimad(?:o|a)',
    '(?:esta|estoy|estan|sigue) sangrando',
    'sangra mucho',
    'sangre',
    'inconsciente',
    'desmay(?:o|ado|ada)',
    'descarga electrica',
    'electrocut(?:ado|ada|o)',
    'electrocucion',
    'fuga de gas',
    'escape de gas',
    'olor a gas',
    'huele a gas',
    EXPLOSION,
    'exploto',
    'estallo',
  ),
  // Italian
  words(
    '(?:prende|preso|prendendo|ha preso) fuoco',
    'in fiamme',
    'fiamme',
    'fumo',
    'fuma',
    'fumando',
    '(?:odore|puzza) di bruciato',
    'sa di bruciato',
    'ferit(?:o|a|i|e)',
    'infortuni(?:o|ato|ata)',
    'sanguina',
    'sanguinamento',
    'sangue',
    'svenut(?:o|a)',
    'incosciente',
    'privo di sensi',
    'scossa elettrica',
    'pres(?:o|a) la scossa',
    'folgorat(?:o|a)',
    'fulminat(?:o|a)',
    '(?:fuga|perdita) di gas',
    '(?:odore|puzza) di gas',
    "(?<!prova d[i'] ?)esplosione",
    'esplos(?:o|a)',
    'scoppiat(?:o|a)',
  ),
  // Dutch
  words(
    'in (?:de )?brand(?! new)',
    'er is brand',
    'brand (?:uitgebroken|ontstaan)',
    'staat in de fik',
    'vlammen',
    'rook(?!melder)',
    'rookt',
    'brandlucht',
    'schroeilucht',
    'ruikt (?:verbrand|brandend|naar brand|schroeierig)',
    'gewond',
    'verwond',
    'letsel',
    'bloedt',
    'bloeding',
    'bloed',
    'bewusteloos',
    'flauwgevallen',
    'elektrische schok',
    'stroomschok',
    'geelektrocuteerd',
    'onder stroom gestaan',
    'schok gekregen',
    'gaslek',
    'gaslucht',
    'ruikt naar gas',
    'gas lekt',
    'explosie',
    'ontploft',
    'ontploffing',
  ),
  // Portuguese
  words(
    'fogo',
    'incendio',
    'em chamas',
    'chamas',
    'fumaca',
    'cheiro de queimado',
    'cheira a queimado',
    'queimando',
    'ferid(?:o|a|os|as)',
    'ferimento',
    'lesao',
    'machucad(?:o|a)',
    '(?:esta|estou|ele esta|ela esta) sangrando',
    'sangrando muito',
    'sangramento',
    'sangue',
    'desmai(?:ou|ado|ada)',
    'choque eletrico',
    '(?:levou|tomou|levei|tomei) (?:um )?choque',
    'eletrocutad(?:o|a)',
    'eletrocussao',
    '(?:vazamento|fuga) de gas',
    'cheiro de gas',
    'cheira a gas',
    '(?<!prova de )explosao',
    'explodiu',
    'estourou',
  ),
];

// Words that negate what follows them in the same clause: "no smoke", "nobody was hurt", "pas de fumée".
const NEGATIONS = new Set([
  'no',
  'without',
  'nobody',
  'none',
  'never',
  'nothing',
  'kein',
  'keine',
  'keinen',
  'keiner',
  'keinem',
  'ohne',
  'niemand',
  'nie',
  'nichts',
  'pas',
  'sans',
  'aucun',
  'aucune',
  'jamais',
  'rien',
  'sin',
  'ningun',
  'ninguna',
  'ninguno',
  'nadie',
  'nunca',
  'non',
  'senza',
  'nessun',
  'nessuno',
  'nessuna',
  'mai',
  'niente',
  'geen',
  'zonder',
  'nooit',
  'niets',
  'nao',
  'sem',
  'nenhum',
  'nenhuma',
  'ninguem',
]);
// Only when they come right before the phrase: "don't smell gas" (but "won't stop smoking" is not negated).
const NEGATIONS_RIGHT_BEFORE = new Set([
  'not',
  "don't",
  'dont',
  "doesn't",
  'doesnt',
  "didn't",
  'didnt',
  "isn't",
  'isnt',
  "wasn't",
  'wasnt',
  "aren't",
  'arent',
  'nicht',
  'niet',
]);
const CLAUSE_BREAK = /[.;!?,:()\n]| (?:and|but|or|und|aber|oder|et|mais|ou|y|pero|e|ma|en|maar|mas) /g;

function negated(text: string, index: number): boolean {
  const before = text.slice(Math.max(0, index - 60), index);
  const parts = before.split(CLAUSE_BREAK);
  const clause = parts[parts.length - 1] ?? '';
  const tokens = clause.match(/[\p{L}']+/gu) ?? [];
  const last = tokens.slice(-3);
  if (last.some((t) => NEGATIONS.has(t) || /^n'/.test(t))) return true;
  return NEGATIONS_RIGHT_BEFORE.has(last[last.length - 1] ?? '');
}

/** The first phrase of `patterns` in the (normalised) text that is not negated, or null. */
export function findPhrase(normalised: string, patterns: RegExp[]): string | null {
  for (const pattern of patterns) {
    pattern.lastIndex = 0;
    for (const match of normalised.matchAll(pattern)) {
      if (!negated(normalised, match.index ?? 0)) return match[0];
    }
  }
  return null;
}

/** Answers that say the manuals do not cover the question. */
export const NOT_COVERED_PATTERNS: RegExp[] = [
  words(
    "(?:manuals?|documentation|sources?|passages?|documents?)(?: provided| available| loaded| given)? (?:do(?:es)? not|don't|doesn't|did not|didn't) (?:seem to )?(?:cover|contain|mention|describe|include|address|explain|say|have|provide)",
    'not (?:covered|mentioned|described|included|found|addressed|documented) in (?:the |any of the )?(?:provided |available |loaded )?(?:manuals?|documentation|sources?|passages?)',
    "(?:couldn't|could not|can't|cannot|was unable to|am unable to|unable to) find (?:anything|any information|information|this|that|details)",
    '(?:manuals?|sources?|passages?) (?:have|has|contain|contains|provide|provides|give|gives) no (?:information|mention|details|guidance)',
    'no (?:information|mention|details?|guidance) (?:about|on|regarding|for|of)(?: [^.]{0,80})? in the (?:provided |available )?(?:manuals?|sources?|documentation|passages)',
    'outside (?:the scope of )?the (?:manuals|documentation)',
  ),
  words(
    '(?:enthalt|enthalten|behandelt|behandeln|beschreibt|beschreiben|erwahnt|erwahnen|deckt|decken) (?:das |dies |diese[nrs]? |hierzu |dazu )?(?:thema )?(?:nicht|keine)',
    '(?:nicht|keine\\w*) (?:in den|im|in der) (?:handbuch|handbuchern|anleitung|anleitungen|unterlagen|quellen|dokumentation)',
    '(?:dazu|hierzu|daruber) (?:finde ich|habe ich|gibt es) (?:keine|nichts)',
    'keine (?:informationen|angaben|hinweise) (?:dazu|hierzu|daruber|zu)',
  ),
  words(
    '(?:manuels?|documentation|sources?) ne (?:couvrent|couvre|contiennent|contient|mentionnent|mentionne|traitent|traite|decrivent|decrit) pas',
    "(?:je )?n'ai (?:pas|rien) trouve",
    'aucune (?:information|mention|indication)',
    'ne (?:figure|se trouve|figurent) pas dans',
  ),
  words(
    '(?:manuales?|documentacion|fuentes?) no (?:cubren|cubre|contienen|contiene|mencionan|menciona|tratan|trata|describen|describe|incluyen|incluye)',
    'no (?:he encontrado|encontre|encuentro|pude encontrar|hay informacion)',
    'no (?:se menciona|aparece|figura) en',
    'ninguna informacion',
  ),
  words(
    '(?:manuali|manuale|documentazione|fonti) non (?:coprono|copre|contengono|contiene|menzionano|menziona|trattano|tratta|descrivono|descrive)',
    'non (?:ho trovato|trovo|sono riuscit[oa] a trovare|ci sono informazioni)',
    'nessuna informazione',
  ),
  words(
    '(?:handleidingen?|documentatie|bronnen) (?:behandelen|behandelt|bevatten|bevat|vermelden|vermeldt|beschrijven|beschrijft) (?:dit |dat |het |hier )?(?:onderwerp )?niet',
    '(?:staat|vind ik|kan ik) (?:dit |dat |het |hier )?(?:niets |niet )(?:in|vinden)',
    'geen informatie',
  ),
  words(
    '(?:manuais|manual|documentacao|fontes?) nao (?:cobrem|cobre|contem|mencionam|menciona|tratam|trata|descrevem|descreve|incluem|inclui)',
    'nao (?:encontrei|consegui encontrar|ha informac(?:ao|oes))',
    'nenhuma informacao',
  ),
];

/** Greetings and thanks: no reason to offer escalation when they get no cited answer. */
const SMALL_TALK = new Set([
  'hi',
  'hello',
  'hey',
  'thanks',
  'thank',
  'thx',
  'ok',
  'okay',
  'great',
  'perfect',
  'cool',
  'bye',
  'good',
  'cheers',
  'yes',
  'no',
  'hallo',
  'danke',
  'super',
  'prima',
  'tschuss',
  'moin',
  'servus',
  'ja',
  'nein',
  'merci',
  'bonjour',
  'salut',
  'oui',
  'non',
  'parfait',
  'gracias',
  'hola',
  'vale',
  'perfecto',
  'si',
  'adios',
  'grazie',
  'ciao',
  'buongiorno',
  'perfetto',
  'dank',
  'dankjewel',
  'bedankt',
  'hoi',
  'prima',
  'obrigado',
  'obrigada',
  'ola',
  'oi',
  'tchau',
  'valeu',
]);

export function isSmallTalk(normalised: string): boolean {
  const tokens = normalised.match(/[\p{L}']+/gu) ?? [];
  return tokens.length > 0 && tokens.length <= 4 && SMALL_TALK.has(tokens[0] ?? '');
}
