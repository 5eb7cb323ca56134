import { MailMessage } from './mail/mailer';
import { Lang, MAIL } from './petition-i18n';

/** The message with the confirmation link: the page it opens asks for a click before anything is counted. */
export function confirmationMail(to: string, p: { title: string }, name: string, link: string, lang: Lang = 'en'): MailMessage {
  const m = MAIL[lang];
  return { to, link, subject: m.confirmSubject(p.title), text: [m.hello(name), '', m.asked(p.title), m.open, '', link, '', m.ignore].join('\n') };
}

/** Sent instead when the address has already signed: the person who asked learns nothing from the answer on screen. */
export function alreadySignedMail(to: string, p: { title: string }, name: string, lang: Lang = 'en'): MailMessage {
  const m = MAIL[lang];
  return { to, subject: m.alreadySubject(p.title), text: [m.hello(name), '', m.asked(p.title), m.already].join('\n') };
}
