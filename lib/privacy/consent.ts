import 'server-only';

/**
 * The consent to AI processing a user gives before their first chat. A change to what it says
 * is a new version: everyone is asked again before their next question.
 */
export const CONSENT_VERSION = '2026-12-01';

export interface ConsentText {
  version: string;
  title: string;
  intro: string;
  points: { heading: string; text: string }[];
}

export const CONSENT_TEXT: ConsentText = {
  version: CONSENT_VERSION,
  title: 'Before your first question',
  intro:
    'Fixline answers from the service manuals with the help of an AI language model. To do that, what you type has to be processed as described here.',
  points: [
    {
      heading: 'What is processed',
      text: 'Your messages, the machine model and serial number you give, and the passages of the manuals found for them.',
    },
    {
      heading: 'Who processes it',
      text: 'Fixline sends them to the AI model provider this company has configured, to write the answer. Without a configured provider Fixline works in manuals-only mode and nothing leaves this server.',
    },
    {
      heading: 'How long it is kept',
      text: 'Conversations are kept for a limited time and then deleted automatically; a conversation handed to support is kept with the support case.',
    },
    {
      heading: 'Your choice',
      text: 'You can withdraw this consent at any time under Profile › Privacy & data; new questions stop until you give it again. There you can also download or delete your data.',
    },
  ],
};
