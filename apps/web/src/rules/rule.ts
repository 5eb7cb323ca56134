/**
 * The poll rule builder's form and the rule it makes (SPEC.md, "Tally rules"):
 * plain data, checked here so that whoever puts the poll (the console's
 * moderator, a working group's coordinator) sees a field's problem before
 * the server refuses it (the server checks again).
 */

export const METHODS = ['majority', 'qualified', 'unanimity', 'consensus', 'consent'] as const;
export type Method = (typeof METHODS)[number];
export const BASES = ['cast', 'cast_with_abstentions', 'present', 'eligible'] as const;
export type Base = (typeof BASES)[number];
export const COMPARATORS = ['at_least', 'more_than'] as const;
export type Comparator = (typeof COMPARATORS)[number];
export const QUORUM_KINDS = ['none', 'count', 'fraction'] as const;
export type QuorumKind = (typeof QUORUM_KINDS)[number];
export const TIES = ['fails', 'chair_decides'] as const;
export type Tie = (typeof TIES)[number];

export interface RuleForm {
  method: Method;
  base: Base;
  /** Typed text: validated into whole numbers. */
  thresholdNumerator: string;
  thresholdDenominator: string;
  comparator: Comparator;
  quorum: QuorumKind;
  quorumCount: string;
  quorumNumerator: string;
  quorumDenominator: string;
  tie: Tie;
  allowChange: boolean;
  secret: boolean;
}

export const DEFAULT_RULE_FORM: RuleForm = {
  method: 'majority',
  base: 'cast',
  thresholdNumerator: '2',
  thresholdDenominator: '3',
  comparator: 'at_least',
  quorum: 'none',
  quorumCount: '',
  quorumNumerator: '1',
  quorumDenominator: '2',
  tie: 'fails',
  allowChange: true,
  secret: false,
};

export interface Rule {
  method: Method;
  base: Base;
  threshold?: { numerator: number; denominator: number };
  comparator?: Comparator;
  quorum?: { count: number } | { numerator: number; denominator: number };
  tie?: Tie;
  allowChange: boolean;
}

/** What is wrong with a field: `rules.problem.<code>` in the rule builder's catalog. */
export type RuleProblemCode = 'wholeNumber' | 'fraction' | 'positive';
export interface RuleProblem {
  field: keyof RuleForm;
  code: RuleProblemCode;
}

/** A whole number written in digits (no sign, no fraction, no exponent), else null. */
export function wholeNumber(text: string): number | null {
  const t = text.trim();
  if (!/^\d{1,9}$/.test(t)) return null;
  return Number(t);
}

function fraction(form: RuleForm, n: 'thresholdNumerator' | 'quorumNumerator', d: 'thresholdDenominator' | 'quorumDenominator', problems: RuleProblem[]) {
  const num = wholeNumber(form[n]);
  const den = wholeNumber(form[d]);
  if (num === null) problems.push({ field: n, code: 'wholeNumber' });
  if (den === null) problems.push({ field: d, code: 'wholeNumber' });
  if (num === null || den === null) return null;
  // 0 < n/d <= 1
  if (num < 1 || den < 1 || num > den) {
    problems.push({ field: n, code: 'fraction' });
    return null;
  }
  return { numerator: num, denominator: den };
}

/**
 * The rule of a form, or the problems that keep it from being one. Fields
 * that the method does not use are left out (threshold and comparator:
 * qualified only; tie: majority only); a secret poll never allows a change.
 */
export function buildRule(form: RuleForm): { rule: Rule | null; problems: RuleProblem[] } {
  const problems: RuleProblem[] = [];
  const rule: Rule = { method: form.method, base: form.base, allowChange: form.secret ? false : form.allowChange };
  if (form.method === 'qualified') {
    const t = fraction(form, 'thresholdNumerator', 'thresholdDenominator', problems);
    if (t) rule.threshold = t;
    rule.comparator = form.comparator;
  }
  if (form.method === 'majority') rule.tie = form.tie;
  if (form.quorum === 'count') {
    const c = wholeNumber(form.quorumCount);
    if (c === null) problems.push({ field: 'quorumCount', code: 'wholeNumber' });
    else if (c < 1) problems.push({ field: 'quorumCount', code: 'positive' });
    else rule.quorum = { count: c };
  } else if (form.quorum === 'fraction') {
    const q = fraction(form, 'quorumNumerator', 'quorumDenominator', problems);
    if (q) rule.quorum = q;
  }
  return problems.length ? { rule: null, problems } : { rule, problems };
}

/** The choices a method takes (SPEC.md). */
export function choicesOf(method: Method): readonly ('for' | 'against' | 'abstain' | 'block' | 'stand_aside')[] {
  return method === 'consensus' ? ['for', 'stand_aside', 'block'] : ['for', 'against', 'abstain'];
}
