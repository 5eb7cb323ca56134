import { useEffect, useId, useState } from 'react';
import { RulesIntl, useRT } from './i18n';
import { baseDecides, RuleLike, ruleInWords } from './words';
import './rules.css';

interface Props {
  /** The rule, or null while the builder's fields do not make one. */
  rule: RuleLike | null;
  secret: boolean;
  /** The eligible voters when known (fixed when the poll opens; a group's members before). */
  eligible: number | null;
  /** The base size the example starts from (the eligible, as if everyone took part). */
  exampleSize: number | null;
  heading?: 'h2' | 'h3' | 'h4';
}

/** A whole number typed in a field, else null. */
const whole = (s: string) => (/^\d{1,7}$/.test(s.trim()) ? Number(s.trim()) : null);

/**
 * The rule in plain words, with the votes for that a base of a given size
 * needs, and a field to try another size and a number of votes for: the
 * reader sees before voting that 36 of 60 present is a majority while 36 of
 * 100 members is not.
 */
export function RuleWords(props: Props) {
  return (
    <RulesIntl>
      <Words {...props} />
    </RulesIntl>
  );
}

function Words({ rule, secret, eligible, exampleSize, heading = 'h2' }: Props) {
  const t = useRT();
  const id = useId();
  const [size, setSize] = useState(exampleSize === null ? '' : String(exampleSize));
  const [forCount, setForCount] = useState('');
  useEffect(() => setSize(exampleSize === null ? '' : String(exampleSize)), [exampleSize]);
  const H = heading;
  const decides = rule ? baseDecides(rule.method) : false;
  const sentences = rule ? ruleInWords(rule, { secret, eligible, baseSize: whole(size), forCount: whole(forCount) }) : [];
  return (
    <section className="r-words" aria-labelledby={`${id}-h`} data-testid="rule-words">
      <H id={`${id}-h`}>{t('rules.inWords')}</H>
      {!rule && <p>{t('rules.incomplete')}</p>}
      {rule && (
        <ul>
          {sentences
            .filter((s) => s.topic !== 'example')
            .map((s) => (
              <li key={s.id} data-topic={s.topic} className={s.topic === 'needed' ? 'r-needed' : undefined}>
                {t(s.id, s.values)}
              </li>
            ))}
        </ul>
      )}
      {rule && decides && (
        <fieldset className="r-example">
          <legend>{t('rules.example')}</legend>
          <p className="muted" id={`${id}-hint`}>
            {t('rules.example.hint')}
          </p>
          <label className="r-field r-inline">
            <span>{t('rules.example.size')}</span>
            <input inputMode="numeric" value={size} aria-describedby={`${id}-hint`} onChange={(e) => setSize(e.target.value)} />
          </label>
          <label className="r-field r-inline">
            <span>{t('rules.example.for')}</span>
            <input inputMode="numeric" value={forCount} onChange={(e) => setForCount(e.target.value)} />
          </label>
          <p role="status" data-topic="example">
            {sentences
              .filter((s) => s.topic === 'example')
              .map((s) => t(s.id, s.values))
              .join(' ')}
          </p>
        </fieldset>
      )}
    </section>
  );
}
