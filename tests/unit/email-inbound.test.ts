import { describe, expect, it } from 'vitest';
import { secretFrom, secretMatches, threadOf, threadOfReply, visibleReply } from '@/lib/email/inbound';
import { messageIdFor } from '@/lib/email/message';

const ID = '2b0c7f3e-8a57-4c1e-9d2a-5f6b7c8d9e0f';

describe('visibleReply: what the person wrote, without the quoted email', () => {
  const cases: [string, string][] = [
    [
      'Gmail',
      'Reset the breaker first.\n\nOn Tue, 1 Dec 2026 at 10:02, Fixline <fixline@mail.example.com> wrote:\n> Escalation #12\n> Compressor trips',
    ],
    ['Apple Mail', 'Reset the breaker first.\n\n> On 1 Dec 2026, at 10:02, Fixline <fixline@mail.example.com> wrote:\n>\n> Escalation #12'],
    [
      'Outlook',
      'Reset the breaker first.\n\nFrom: Fixline <fixline@mail.example.com>\nSent: Tuesday, December 1, 2026 10:02 AM\nTo: support@example.com\nSubject: [Fixline #12] HIGH\n\nEscalation #12',
    ],
    ['Outlook, original message', 'Reset the breaker first.\n\n-----Original Message-----\nFrom: Fixline\nSent: Tuesday\n\nEscalation #12'],
    ['German', 'Reset the breaker first.\n\nAm 01.12.2026 um 10:02 schrieb Fixline <fixline@mail.example.com>:\n> Escalation #12'],
    ['French', 'Reset the breaker first.\n\nLe mar. 1 déc. 2026 à 10:02, Fixline <fixline@mail.example.com> a écrit :\n> Escalation #12'],
    ['signature', 'Reset the breaker first.\n\n-- \nJane Support\nACME Service'],
    ['phone signature', 'Reset the breaker first.\n\nSent from my iPhone\n\n> On 1 Dec 2026 Fixline wrote:\n> Escalation #12'],
    [
      'CRLF line ends',
      'Reset the breaker first.\r\n\r\nOn Tue, 1 Dec 2026 at 10:02, Fixline <fixline@mail.example.com> wrote:\r\n> Escalation #12',
    ],
  ];
  it.each(cases)('%s', (_client, text) => {
    expect(visibleReply(text)).toBe('Reset the breaker first.');
  });

  it('keeps a reply of several paragraphs whole', () => {
    expect(visibleReply('Step one: switch off.\n\nStep two: wait 5 minutes.\n\nOn Tue, Fixline <f@x.com> wrote:\n> old')).toBe(
      'Step one: switch off.\n\nStep two: wait 5 minutes.',
    );
  });
});

describe('threading by Message-ID', () => {
  it('knows the ids the app issues, and nothing else', () => {
    expect(threadOf(messageIdFor(`escalation-${ID}`))).toEqual({ kind: 'escalation', escalationId: ID });
    expect(threadOf(messageIdFor(`escalation-${ID}-urgent-abc`))).toEqual({ kind: 'escalation', escalationId: ID });
    expect(threadOf(messageIdFor(`escalation-${ID}-confirmation`))).toEqual({ kind: 'escalation-conversation', escalationId: ID });
    expect(threadOf(messageIdFor(`reply-reminder-${ID}-7`))).toEqual({ kind: 'conversation', sessionId: ID });
    expect(threadOf(messageIdFor(`escalation-${ID}-resolved`))).toBeNull();
    expect(threadOf(`<escalation-${ID}@elsewhere.example>`)).toBeNull();
    expect(threadOf(`escalation-${ID}`)).toBeNull();
  });

  it('prefers In-Reply-To, then the newest reference', () => {
    const reminder = messageIdFor(`reply-reminder-${ID}-3`);
    const escalation = messageIdFor(`escalation-${ID}`);
    expect(threadOfReply(reminder, [escalation])).toEqual({ kind: 'conversation', sessionId: ID });
    expect(threadOfReply('<other@client.example>', [escalation, reminder])).toEqual({ kind: 'conversation', sessionId: ID });
    expect(threadOfReply(undefined, [escalation])).toEqual({ kind: 'escalation', escalationId: ID });
    expect(threadOfReply(undefined, [])).toBeNull();
  });
});

describe('the inbound secret', () => {
  it('comes from its header, a bearer token or a Basic password, and must match exactly', () => {
    expect(secretFrom(new Headers({ 'x-inbound-secret': 's1' }))).toBe('s1');
    expect(secretFrom(new Headers({ authorization: 'Bearer s2' }))).toBe('s2');
    expect(secretFrom(new Headers({ authorization: `Basic ${Buffer.from('mail:s3:x').toString('base64')}` }))).toBe('s3:x');
    expect(secretFrom(new Headers())).toBeNull();
    expect(secretMatches('a-long-secret', 'a-long-secret')).toBe(true);
    expect(secretMatches('a-long-secreT', 'a-long-secret')).toBe(false);
    expect(secretMatches('short', 'a-long-secret')).toBe(false);
    expect(secretMatches(null, 'a-long-secret')).toBe(false);
  });
});
