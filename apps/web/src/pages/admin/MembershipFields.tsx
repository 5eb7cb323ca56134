import { useId } from 'react';
import type { Council, Role } from './data';
import { ROLES } from './data';
import { CheckGroup, SelectField, TextField } from './forms';
import { useAT } from './i18n';
import type { AdminMessageId } from './i18n';

export interface TermDraft {
  userId: string;
  roles: Role[];
  agencyId: string;
  attributes: Record<string, string>;
  startsOn: string;
  endsOn: string;
}

export const TERM_FIELDS = ['userId', 'roles', 'agencyId', 'attributes', 'startsOn', 'endsOn'] as const;

/** The body of POST /councils/:id/memberships for a draft. */
export function termBody(d: TermDraft) {
  const attributes = Object.fromEntries(Object.entries(d.attributes).filter(([, v]) => v.trim() !== '').map(([k, v]) => [k, v.trim()]));
  return {
    userId: d.userId,
    roles: d.roles,
    agencyId: d.roles.includes('agency_rep') ? d.agencyId || null : null,
    attributes,
    startsOn: d.startsOn,
    endsOn: d.endsOn || null,
  };
}

/** Checks before sending: the messages for the fields that are missing. */
export function termProblems(d: TermDraft, t: (id: AdminMessageId) => string): Record<string, string | null> {
  return {
    userId: d.userId ? null : t('admin.error.person'),
    roles: d.roles.length ? null : t('admin.error.roles'),
    agencyId: d.roles.includes('agency_rep') && !d.agencyId ? t('admin.error.agency') : null,
    startsOn: /^\d{4}-\d{2}-\d{2}$/.test(d.startsOn) ? null : t('admin.error.date'),
    endsOn: d.endsOn && d.endsOn < d.startsOn ? t('admin.error.endBeforeStart') : null,
  };
}

/**
 * The fields of a term: the person (picked among the people the council
 * knows: its candidates and members; accounts are created by the platform
 * admin), roles, the agency of a representative, one attribute per balance
 * dimension, and the term's dates.
 */
export function MembershipFields({
  council,
  draft,
  set,
  errors,
  people,
  known,
  agencies,
  dimensionValues,
}: {
  council: Council;
  draft: TermDraft;
  set: (d: TermDraft) => void;
  errors: Record<string, string>;
  people: { value: string; label: string }[];
  /** Attributes already known of a person (a candidate's): they fill the fields when the person is picked. */
  known: Record<string, Record<string, string>>;
  agencies: { value: string; label: string }[];
  dimensionValues: Record<string, string[]>;
}) {
  const t = useAT();
  const id = useId();
  return (
    <>
      <SelectField
        label={t('admin.term.person')}
        hint={t('admin.term.personHint')}
        required
        value={draft.userId}
        onChange={(userId) => set({ ...draft, userId, attributes: { ...draft.attributes, ...(known[userId] ?? {}) } })}
        options={people}
        placeholder={t('admin.term.choosePerson')}
        error={errors.userId}
      />
      <CheckGroup
        legend={t('admin.term.roles')}
        options={ROLES.map((r) => ({ value: r, label: t(`admin.role.${r}` as AdminMessageId) }))}
        values={draft.roles}
        onChange={(roles) => set({ ...draft, roles: roles as Role[] })}
        error={errors.roles}
      />
      {draft.roles.includes('agency_rep') && (
        <SelectField label={t('admin.term.agency')} required value={draft.agencyId} onChange={(agencyId) => set({ ...draft, agencyId })} options={agencies} placeholder={t('admin.term.chooseAgency')} error={errors.agencyId} />
      )}
      {council.balanceDimensions.length > 0 && (
        <fieldset className="a-group">
          <legend>{t('admin.term.attributes')}</legend>
          {council.balanceDimensions.map((dim) => (
            <div key={dim}>
              <TextField
                label={dim}
                value={draft.attributes[dim] ?? ''}
                onChange={(v) => set({ ...draft, attributes: { ...draft.attributes, [dim]: v } })}
                list={`${id}-${dim}`}
                maxLength={200}
                error={errors.attributes && errors.attributes.includes(dim) ? errors.attributes : undefined}
              />
              <datalist id={`${id}-${dim}`}>
                {(dimensionValues[dim] ?? []).map((v) => (
                  <option key={v} value={v} />
                ))}
              </datalist>
            </div>
          ))}
          {errors.attributes && !council.balanceDimensions.some((d) => errors.attributes.includes(d)) && <span className="a-error">{errors.attributes}</span>}
        </fieldset>
      )}
      <div className="a-row">
        <TextField label={t('admin.term.startsOn')} type="date" required value={draft.startsOn} onChange={(startsOn) => set({ ...draft, startsOn })} error={errors.startsOn} />
        <TextField label={t('admin.term.endsOn')} hint={t('admin.term.endsOnHint')} type="date" value={draft.endsOn} onChange={(endsOn) => set({ ...draft, endsOn })} error={errors.endsOn} />
      </div>
    </>
  );
}
