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
  intro: 'Fixline answers from the service manuals with the help of an AI language model. For that, what you type is processed as follows.',
  points: [
    {
      heading: 'What is processed',
      text: 'Your messages, the machine model and serial number you enter, and the manual passages found for them.',
    },
    {
      heading: 'Who processes it',
      text: 'The AI model provider your company has configured, to write the answers. In manuals-only mode (no provider configured) nothing leaves this server.',
    },
    {
      heading: 'How long it is kept',
      text: 'Conversations are deleted automatically after a set period; one handed to support stays with the support case.',
    },
    {
      heading: 'Your choice',
      text: 'Withdraw at any time under Privacy & data: new questions pause until you consent again. There you can also download or delete your data.',
    },
  ],
};
