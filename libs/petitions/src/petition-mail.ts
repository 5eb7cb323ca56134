import { MailMessage } from './mail/mailer';

/** The message with the confirmation link: the page it opens asks for a click before anything is counted. */
export function confirmationMail(to: string, p: { title: string }, name: string, link: string): MailMessage {
  return {
    to,
    link,
    subject: `Confirm your signature: ${p.title}`,
    text: [
      `Hello ${name},`,
      '',
      `Someone, probably you, asked to sign the petition "${p.title}" with this address.`,
      'To confirm the signature, open this page and press its "Confirm my signature" button within 48 hours:',
      '',
      link,
      '',
      'Opening the page alone confirms nothing. If you did not ask for this, ignore this message: without the',
      'button, no signature is counted, and this address is not kept.',
    ].join('\n'),
  };
}

/** Sent instead when the address has already signed: the person who asked learns nothing from the answer on screen. */
export function alreadySignedMail(to: string, p: { title: string }, name: string): MailMessage {
  return {
    to,
    subject: `You have already signed: ${p.title}`,
    text: [
      `Hello ${name},`,
      '',
      `Someone, probably you, asked to sign the petition "${p.title}" with this address.`,
      'This address has already signed it, and one person counts once, so nothing changed.',
      'If you did not ask for this, you can ignore this message.',
    ].join('\n'),
  };
}
