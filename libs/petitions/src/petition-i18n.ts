/** The languages of the app (SPEC.md): Kazakh, Russian, English. */
export const LANGS = ['en', 'ru', 'kk'] as const;
export type Lang = (typeof LANGS)[number];

/** `?lang=` when it names one, else the first supported language of an Accept-Language header, else English. */
export function langOf(query: unknown, acceptLanguage: string | undefined): Lang {
  if (typeof query === 'string' && (LANGS as readonly string[]).includes(query)) return query as Lang;
  for (const part of (acceptLanguage ?? '').split(',')) {
    const tag = part.trim().split(';')[0].toLowerCase().split('-')[0];
    if ((LANGS as readonly string[]).includes(tag)) return tag as Lang;
  }
  return 'en';
}

export const PAGE = {
  en: {
    title: 'Confirm your signature',
    signing: 'You are signing the petition',
    press: 'Press the button to confirm. Nothing is counted until you do; the link works once, for 48 hours.',
    button: 'Confirm my signature',
    sending: 'Sending…',
    done: 'Thank you: your signature is confirmed and counted.',
    used: 'This link has been used already: your signature counts.',
    expired: 'This link has expired. Sign the petition again to get a new one.',
    incomplete: 'This link is incomplete: open the whole link from the message.',
    failed: 'The confirmation did not go through.',
    offline: 'No connection; try again.',
    noscript: 'This page needs JavaScript to send your confirmation.',
    notFoundTitle: 'Petition not found',
    notFound: 'This petition does not exist or is not published.',
  },
  ru: {
    title: 'Подтвердите свою подпись',
    signing: 'Вы подписываете петицию',
    press: 'Нажмите кнопку, чтобы подтвердить. Пока вы этого не сделаете, подпись не учитывается; ссылка действует один раз, 48 часов.',
    button: 'Подтвердить подпись',
    sending: 'Отправка…',
    done: 'Спасибо: ваша подпись подтверждена и учтена.',
    used: 'Эта ссылка уже использована: ваша подпись учтена.',
    expired: 'Срок действия ссылки истёк. Подпишите петицию ещё раз, чтобы получить новую.',
    incomplete: 'Ссылка неполная: откройте ссылку из письма целиком.',
    failed: 'Подтверждение не прошло.',
    offline: 'Нет соединения; попробуйте ещё раз.',
    noscript: 'Чтобы отправить подтверждение, этой странице нужен JavaScript.',
    notFoundTitle: 'Петиция не найдена',
    notFound: 'Такой петиции нет или она не опубликована.',
  },
  kk: {
    title: 'Қолыңызды растаңыз',
    signing: 'Сіз петицияға қол қойып жатырсыз',
    press: 'Растау үшін батырманы басыңыз. Оны баспайынша қолыңыз есептелмейді; сілтеме бір рет, 48 сағат ішінде жарамды.',
    button: 'Қолымды растау',
    sending: 'Жіберілуде…',
    done: 'Рахмет: қолыңыз расталды және есептелді.',
    used: 'Бұл сілтеме бұрын пайдаланылған: қолыңыз есептелген.',
    expired: 'Сілтеменің мерзімі өтті. Жаңа сілтеме алу үшін петицияға қайта қол қойыңыз.',
    incomplete: 'Сілтеме толық емес: хаттағы сілтемені толығымен ашыңыз.',
    failed: 'Растау орындалмады.',
    offline: 'Байланыс жоқ; қайталап көріңіз.',
    noscript: 'Растауды жіберу үшін бұл бетке JavaScript қажет.',
    notFoundTitle: 'Петиция табылмады',
    notFound: 'Мұндай петиция жоқ немесе ол жарияланбаған.',
  },
} as const satisfies Record<Lang, Record<string, string>>;

export const MAIL = {
  en: {
    confirmSubject: (t: string) => `Confirm your signature: ${t}`,
    alreadySubject: (t: string) => `You have already signed: ${t}`,
    hello: (n: string) => `Hello ${n},`,
    asked: (t: string) => `Someone, probably you, asked to sign the petition "${t}" with this address.`,
    open: 'To confirm the signature, open this page and press its button within 48 hours:',
    ignore: 'Opening the page alone confirms nothing. If you did not ask for this, ignore this message: without the button, no signature is counted, and this address is not kept.',
    already: 'This address has already signed it, and one person counts once, so nothing changed. If you did not ask for this, you can ignore this message.',
  },
  ru: {
    confirmSubject: (t: string) => `Подтвердите подпись: ${t}`,
    alreadySubject: (t: string) => `Вы уже подписали: ${t}`,
    hello: (n: string) => `Здравствуйте, ${n}!`,
    asked: (t: string) => `Кто-то, вероятно вы, попросил подписать петицию «${t}» с этим адресом.`,
    open: 'Чтобы подтвердить подпись, откройте эту страницу и нажмите на ней кнопку в течение 48 часов:',
    ignore: 'Само открытие страницы ничего не подтверждает. Если вы этого не просили, не обращайте внимания на письмо: без нажатия кнопки подпись не учитывается, а адрес не сохраняется.',
    already: 'С этого адреса петиция уже подписана, а каждый человек учитывается один раз, поэтому ничего не изменилось. Если вы этого не просили, не обращайте внимания на письмо.',
  },
  kk: {
    confirmSubject: (t: string) => `Қолыңызды растаңыз: ${t}`,
    alreadySubject: (t: string) => `Сіз бұрын қол қойғансыз: ${t}`,
    hello: (n: string) => `Сәлеметсіз бе, ${n}!`,
    asked: (t: string) => `Біреу, бәлкім сіз, осы мекенжаймен «${t}» петициясына қол қоюды сұрады.`,
    open: 'Қолды растау үшін осы бетті ашып, 48 сағат ішінде ондағы батырманы басыңыз:',
    ignore: 'Бетті ашудың өзі ештеңені растамайды. Егер сіз мұны сұрамасаңыз, хатқа мән бермеңіз: батырманы баспаса, қол есептелмейді және мекенжай сақталмайды.',
    already: 'Бұл мекенжаймен петицияға бұрын қол қойылған, әр адам бір рет есептеледі, сондықтан ештеңе өзгерген жоқ. Егер сіз мұны сұрамасаңыз, хатқа мән бермеңіз.',
  },
} as const;
