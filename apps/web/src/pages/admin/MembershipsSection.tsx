import { useEffect, useMemo, useRef, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { FormattedDate } from 'react-intl';
import { api, ApiProblem, unwrap } from '../../api/client';
import type { Council, Membership, Role } from './data';
import { keys, ROLES, useAgencies, useCandidates, useComposition, useMe, useMemberships } from './data';
import { AdminForm, CheckGroup, Section, TextField, useForm } from './forms';
import type { AdminMessageId } from './i18n';
import { useAT } from './i18n';
import { addDays, isoDate } from './logic';
import { MembershipFields, TERM_FIELDS, termBody, TermDraft, termProblems } from './MembershipFields';

const date = (d: string) => <FormattedDate value={`${d}T12:00:00`} dateStyle="medium" />;
const nameOf = (m: Membership) => m.user?.fullName ?? m.userId;

/** The people a term may be given to: the council's candidates, its members at the dates shown, and (for the admin) every account. */
function usePeople(councilId: string, lists: (Membership[] | undefined)[]) {
  const t = useAT();
  const candidates = useCandidates(councilId);
  const me = useMe();
  const users = useQuery({
    queryKey: ['admin', 'users'],
    enabled: !!me.data?.isAdmin,
    queryFn: async () => unwrap(await api.GET('/api/v1/users', { params: { query: { limit: 200 } } as never })).items,
  });
  return useMemo(() => {
    const seen = new Map<string, string>();
    for (const c of candidates.data ?? []) if (c.status === 'available') seen.set(c.userId, t('admin.person.candidate', { name: c.fullName ?? c.userId }));
    for (const list of lists) for (const m of list ?? []) if (!seen.has(m.userId)) seen.set(m.userId, m.user?.email ? `${nameOf(m)} (${m.user.email})` : nameOf(m));
    for (const u of users.data ?? []) if (!seen.has(u.id)) seen.set(u.id, `${u.fullName} (${u.email})`);
    const options = [...seen].map(([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label));
    // A candidate's attributes fill the term's when they are picked.
    const attributes: Record<string, Record<string, string>> = Object.fromEntries((candidates.data ?? []).filter((c) => c.status === 'available').map((c) => [c.userId, c.attributes]));
    return { options, attributes };
  }, [candidates.data, users.data, lists, t]);
}

/** Memberships with their terms at a date, the composition then, a new term, and rotation (end one term, start another). */
export function MembershipsSection({ council }: { council: Council }) {
  const t = useAT();
  const today = isoDate(new Date());
  const [at, setAt] = useState(today);
  const validAt = /^\d{4}-\d{2}-\d{2}$/.test(at) ? at : today;
  const list = useMemberships(council.id, validAt);
  const current = useMemberships(council.id, today);
  const composition = useComposition(council.id, validAt);
  const agencies = useAgencies(council.id);
  const people = usePeople(council.id, useMemo(() => [current.data, list.data], [current.data, list.data]));
  const [rotating, setRotating] = useState<string | null>(null);
  const [changing, setChanging] = useState<string | null>(null);
  // A rotation's outcome is said here: its form goes with the outgoing term's card.
  const [rotated, setRotated] = useState<{ text: string; n: number } | null>(null);
  const announce = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (rotated) announce.current?.focus();
  }, [rotated]);
  const agencyOptions = (agencies.data ?? []).map((a) => ({ value: a.id, label: `${a.name} (${a.code})` }));
  const agencyName = (id: string | null) => agencies.data?.find((a) => a.id === id)?.name ?? '';
  const dimensionValues = useMemo(() => {
    const values: Record<string, string[]> = {};
    for (const [dim, counts] of Object.entries(composition.data?.dimensions ?? {})) values[dim] = Object.keys(counts);
    return values;
  }, [composition.data]);
  const shared = { council, people: people.options, known: people.attributes, agencies: agencyOptions, dimensionValues };
  return (
    <Section id="memberships" title={t('admin.memberships.title')}>
      <div className="a-row">
        <TextField label={t('admin.memberships.at')} type="date" value={at} onChange={setAt} />
      </div>
      <p className="a-muted">{t('admin.memberships.atHint')}</p>
      <p role="status" className="a-announce" ref={announce} tabIndex={-1}>
        {rotated && <span key={rotated.n}>{rotated.text}</span>}
      </p>
      <h3>{t('admin.memberships.listTitle', { count: list.data?.length ?? 0 })}</h3>
      {list.isPending && <p role="status">{t('admin.loading')}</p>}
      {list.error && <p role="alert">{list.error.message}</p>}
      {list.data?.length === 0 && <p>{t('admin.memberships.none')}</p>}
      <ul className="a-list" aria-label={t('admin.memberships.listName')}>
        {list.data?.map((m) => (
          <li key={m.id} className="a-card">
            <div className="a-card-head">
              <strong>{nameOf(m)}</strong>
              {m.user?.email && <span className="a-muted">{m.user.email}</span>}
            </div>
            <div>{m.roles.map((r) => t(`admin.role.${r}` as AdminMessageId)).join(', ')}{m.agencyId ? ` · ${agencyName(m.agencyId)}` : ''}</div>
            {Object.keys(m.attributes).length > 0 && (
              <div className="a-muted">
                {Object.entries(m.attributes)
                  .map(([k, v]) => `${k}: ${v}`)
                  .join(' · ')}
              </div>
            )}
            <div>
              {m.endsOn ? (
                <>
                  {t('admin.term.from')} {date(m.startsOn)} {t('admin.term.to')} {date(m.endsOn)}
                </>
              ) : (
                <>
                  {t('admin.term.since')} {date(m.startsOn)} ({t('admin.term.ongoing')})
                </>
              )}
            </div>
            {(m.endsOn === null || m.endsOn >= today) && (
              <div className="a-actions">
                <button
                  type="button"
                  className="a-btn"
                  aria-expanded={changing === m.id}
                  onClick={() => {
                    setChanging(changing === m.id ? null : m.id);
                    setRotating(null);
                  }}
                >
                  {t('admin.change.open', { name: nameOf(m) })}
                </button>
                <button
                  type="button"
                  className="a-btn"
                  aria-expanded={rotating === m.id}
                  onClick={() => {
                    setRotating(rotating === m.id ? null : m.id);
                    setChanging(null);
                  }}
                >
                  {t('admin.rotate.open', { name: nameOf(m) })}
                </button>
              </div>
            )}
            {changing === m.id && (
              <ChangeForm
                // As the term stands today, whatever date the list shows.
                term={current.data?.find((x) => x.id === m.id) ?? m}
                council={council}
                dimensionValues={dimensionValues}
                onDone={(text) => {
                  setChanging(null);
                  setRotated({ text, n: (rotated?.n ?? 0) + 1 });
                }}
              />
            )}
            {rotating === m.id && (
              <RotationForm
                outgoing={m}
                {...shared}
                onDone={(text) => {
                  setRotating(null);
                  setRotated({ text, n: (rotated?.n ?? 0) + 1 });
                }}
              />
            )}
          </li>
        ))}
      </ul>
      <h3>{t('admin.composition.title')}</h3>
      {composition.data && (
        <div className="a-composition">
          <p>{t('admin.composition.total', { count: composition.data.total })}</p>
          {Object.entries(composition.data.dimensions).map(([dim, counts]) => (
            <dl key={dim} aria-label={dim}>
              <dt>{dim}</dt>
              {Object.entries(counts).map(([value, n]) => (
                <dd key={value}>
                  {value}: {n}
                </dd>
              ))}
            </dl>
          ))}
        </div>
      )}
      <AddMembershipForm {...shared} />
    </Section>
  );
}

function AddMembershipForm({ council, people, known, agencies, dimensionValues }: { council: Council; known: Record<string, Record<string, string>>; people: { value: string; label: string }[]; agencies: { value: string; label: string }[]; dimensionValues: Record<string, string[]> }) {
  const t = useAT();
  const qc = useQueryClient();
  const form = useForm(TERM_FIELDS);
  const empty: TermDraft = { userId: '', roles: ['member'], agencyId: '', attributes: {}, startsOn: isoDate(new Date()), endsOn: '' };
  const [draft, setDraft] = useState<TermDraft>(empty);
  return (
    <AdminForm
      form={form}
      title={t('admin.memberships.add')}
      submitLabel={t('admin.memberships.addSubmit')}
      onSubmit={() =>
        void form.submit(termProblems(draft, t), async () => {
          const m = unwrap(await api.POST('/api/v1/councils/{councilId}/memberships', { params: { path: { councilId: council.id } }, body: termBody(draft) }));
          await qc.invalidateQueries({ queryKey: keys.allMemberships(council.id) });
          await qc.invalidateQueries({ queryKey: ['admin', council.id, 'composition'] });
          await qc.invalidateQueries({ queryKey: keys.candidates(council.id) });
          setDraft(empty);
          return t('admin.memberships.added', { name: nameOf(m) });
        })
      }
    >
      <MembershipFields council={council} draft={draft} set={setDraft} errors={form.errors} people={people} known={known} agencies={agencies} dimensionValues={dimensionValues} />
    </AdminForm>
  );
}

/**
 * A change of an ongoing term's roles or balance attributes, from a date on
 * (PATCH /memberships/:id with effectiveOn): the term goes on, the change is
 * kept as a revision and audited, and the composition before that date stays
 * what it was (SPEC, Balance and rotation). Rotation is for a different person.
 */
function ChangeForm({ term, council, dimensionValues, onDone }: { term: Membership; council: Council; dimensionValues: Record<string, string[]>; onDone: (text: string) => void }) {
  const t = useAT();
  const qc = useQueryClient();
  const form = useForm(['roles', 'attributes', 'effectiveOn']);
  const today = isoDate(new Date());
  const [roles, setRoles] = useState<Role[]>(term.roles);
  const [attributes, setAttributes] = useState<Record<string, string>>({ ...term.attributes });
  const [effectiveOn, setEffectiveOn] = useState(term.startsOn > today ? term.startsOn : today);
  const name = nameOf(term);
  return (
    <AdminForm
      form={form}
      title={t('admin.change.title', { name })}
      submitLabel={t('admin.change.submit')}
      onSubmit={() =>
        void form.submit(
          {
            roles: roles.length ? null : t('admin.error.roles'),
            effectiveOn: !/^\d{4}-\d{2}-\d{2}$/.test(effectiveOn) ? t('admin.error.date') : effectiveOn < term.startsOn ? t('admin.error.beforeStart') : term.endsOn && effectiveOn > term.endsOn ? t('admin.error.afterEnd') : null,
          },
          async () => {
            const changed = Object.fromEntries(
              Object.entries(attributes)
                .map(([k, v]) => [k, v.trim()] as const)
                .filter(([k, v]) => v !== '' && v !== (term.attributes[k] ?? '')),
            );
            const sameRoles = roles.length === term.roles.length && roles.every((r) => term.roles.includes(r));
            if (sameRoles && !Object.keys(changed).length) return t('admin.change.nothing');
            unwrap(
              await api.PATCH('/api/v1/memberships/{membershipId}', {
                params: { path: { membershipId: term.id } },
                body: { ...(sameRoles ? {} : { roles }), ...(Object.keys(changed).length ? { attributes: changed } : {}), effectiveOn },
              }),
            );
            await qc.invalidateQueries({ queryKey: keys.allMemberships(council.id) });
            await qc.invalidateQueries({ queryKey: ['admin', council.id, 'composition'] });
            const text = t('admin.change.done', { name, date: effectiveOn });
            onDone(text);
            return text;
          },
        )
      }
    >
      <p className="a-muted">{t('admin.change.hint')}</p>
      <CheckGroup
        legend={t('admin.term.roles')}
        options={ROLES.filter((r) => r !== 'agency_rep' || term.agencyId).map((r) => ({ value: r, label: t(`admin.role.${r}` as AdminMessageId) }))}
        values={roles}
        onChange={(v) => setRoles(v as Role[])}
        error={form.errors.roles}
      />
      {council.balanceDimensions.length > 0 && (
        <fieldset className="a-group">
          <legend>{t('admin.term.attributes')}</legend>
          {council.balanceDimensions.map((dim) => (
            <div key={dim}>
              <TextField label={dim} value={attributes[dim] ?? ''} onChange={(v) => setAttributes({ ...attributes, [dim]: v })} list={`a-change-${term.id}-${dim}`} maxLength={200} error={form.errors.attributes && form.errors.attributes.includes(dim) ? form.errors.attributes : undefined} />
              <datalist id={`a-change-${term.id}-${dim}`}>
                {(dimensionValues[dim] ?? []).map((v) => (
                  <option key={v} value={v} />
                ))}
              </datalist>
            </div>
          ))}
          {form.errors.attributes && !council.balanceDimensions.some((d) => form.errors.attributes.includes(d)) && <span className="a-error">{form.errors.attributes}</span>}
        </fieldset>
      )}
      <TextField label={t('admin.change.effectiveOn')} hint={t('admin.change.effectiveOnHint')} type="date" required value={effectiveOn} onChange={setEffectiveOn} error={form.errors.effectiveOn} />
    </AdminForm>
  );
}

/** Renames a problem's fields (the outgoing term's errors sit on their own fields). */
function prefixed(e: unknown, prefix: string): unknown {
  if (!(e instanceof ApiProblem)) return e;
  return new ApiProblem({ ...e.problem, errors: (e.problem.errors ?? []).map((x) => ({ ...x, field: `${prefix}${x.field}` })) });
}

/**
 * Rotation in one flow: the outgoing term ends (PATCH endsOn), then the new
 * term starts (POST). If the new term is refused, the outgoing term's end is
 * put back as it was, so nothing is half done.
 */
function RotationForm({
  outgoing,
  council,
  people,
  known,
  agencies,
  dimensionValues,
  onDone,
}: {
  outgoing: Membership;
  council: Council;
  known: Record<string, Record<string, string>>;
  people: { value: string; label: string }[];
  agencies: { value: string; label: string }[];
  dimensionValues: Record<string, string[]>;
  onDone: (text: string) => void;
}) {
  const t = useAT();
  const qc = useQueryClient();
  const form = useForm(['outgoing.endsOn', ...TERM_FIELDS]);
  const yesterday = addDays(isoDate(new Date()), -1);
  const lastDay = outgoing.startsOn > yesterday ? outgoing.startsOn : yesterday;
  const [endsOn, setEndsOn] = useState(lastDay);
  const [draft, setDraft] = useState<TermDraft>({ userId: '', roles: outgoing.roles, agencyId: outgoing.agencyId ?? '', attributes: { ...outgoing.attributes }, startsOn: addDays(lastDay, 1), endsOn: '' });
  return (
    <AdminForm
      form={form}
      title={t('admin.rotate.title', { name: nameOf(outgoing) })}
      submitLabel={t('admin.rotate.submit')}
      onSubmit={() =>
        void form.submit(
          {
            ...termProblems(draft, t),
            'outgoing.endsOn': !/^\d{4}-\d{2}-\d{2}$/.test(endsOn) ? t('admin.error.date') : endsOn < outgoing.startsOn ? t('admin.error.endBeforeStart') : draft.startsOn <= endsOn && draft.userId === outgoing.userId ? t('admin.error.overlap') : null,
          },
          async () => {
            await api.PATCH('/api/v1/memberships/{membershipId}', { params: { path: { membershipId: outgoing.id } }, body: { endsOn } }).then(unwrap).catch((e: unknown) => {
              throw prefixed(e, 'outgoing.');
            });
            try {
              const m = unwrap(await api.POST('/api/v1/councils/{councilId}/memberships', { params: { path: { councilId: council.id } }, body: termBody(draft) }));
              await qc.invalidateQueries({ queryKey: keys.allMemberships(council.id) });
              await qc.invalidateQueries({ queryKey: ['admin', council.id, 'composition'] });
              await qc.invalidateQueries({ queryKey: keys.candidates(council.id) });
              const text = t('admin.rotate.done', { outgoing: nameOf(outgoing), endsOn, incoming: nameOf(m), startsOn: draft.startsOn });
              onDone(text);
              return text;
            } catch (e) {
              await api.PATCH('/api/v1/memberships/{membershipId}', { params: { path: { membershipId: outgoing.id } }, body: { endsOn: outgoing.endsOn } });
              throw e;
            }
          },
        )
      }
    >
      <TextField label={t('admin.rotate.lastDay', { name: nameOf(outgoing) })} type="date" required value={endsOn} onChange={setEndsOn} error={form.errors['outgoing.endsOn']} />
      <MembershipFields council={council} draft={draft} set={setDraft} errors={form.errors} people={people} known={known} agencies={agencies} dimensionValues={dimensionValues} />
    </AdminForm>
  );
}
