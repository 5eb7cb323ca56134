import { auditSummarySql, insertAuditEntriesFrom } from '@kenes/audit';

/**
 * The statements of the cast path (BallotsRepository), each prepared once per
 * connection: a hall voting at once runs them hundreds of times a second.
 */

/**
 * Named ballots and their audit entries in one statement. Proxy voting is
 * decided in the statement from the proxies fixed when the poll opened
 * (never changed since): a ballot cast by proxy needs the caster to be the
 * delegate in force; a member's own one, when their proxy holds and the
 * statute says so (may_vote false), is not written. The foreign key to
 * poll_proxies repeats the first.
 */
export function namedCastStatement(replace: boolean): string {
  // A replay of the key the ballot was last cast with changes nothing (the caller answers it from the stored row):
  // concurrent replays of one key must all answer the first receipt, not overwrite it with theirs.
  // A ballot cast by proxy never replaces the member's own ballot (with delegatorMayVote, the member's voice prevails).
  const conflict = replace
    ? `ON CONFLICT (poll_id, membership_id) DO UPDATE SET choice = EXCLUDED.choice, reason = EXCLUDED.reason, receipt = EXCLUDED.receipt, receipt_hash = EXCLUDED.receipt_hash,
         idempotency_key = EXCLUDED.idempotency_key, request_hash = EXCLUDED.request_hash, cast_by_membership_id = EXCLUDED.cast_by_membership_id, updated_at = now()
       WHERE (EXCLUDED.idempotency_key IS NULL OR ballots.idempotency_key IS DISTINCT FROM EXCLUDED.idempotency_key)
         AND NOT (EXCLUDED.cast_by_membership_id IS NOT NULL AND ballots.cast_by_membership_id IS NULL)`
    : 'ON CONFLICT (poll_id, membership_id) DO NOTHING';
  return `WITH input AS (
          SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::uuid[], $9::uuid[], $10::text[], $11::uuid[], $12::boolean[])
            WITH ORDINALITY AS i(poll_id, membership_id, choice, reason, receipt, idempotency_key, request_hash, council_id, actor_user_id, receipt_hash, cast_by, may_vote, ord)),
        open_poll AS (SELECT id FROM polls WHERE id IN (SELECT poll_id FROM input) AND status = 'open' ORDER BY id FOR SHARE),
        b AS (
          INSERT INTO ballots (poll_id, membership_id, choice, reason, receipt, receipt_hash, idempotency_key, request_hash, cast_by_membership_id)
          SELECT i.poll_id, i.membership_id, i.choice, i.reason, i.receipt, i.receipt_hash, i.idempotency_key, i.request_hash, i.cast_by
            FROM input i JOIN open_poll o ON o.id = i.poll_id
           WHERE CASE WHEN i.cast_by IS NOT NULL
                   THEN EXISTS (SELECT 1 FROM poll_proxies pp WHERE pp.poll_id = i.poll_id AND pp.delegator_membership_id = i.membership_id
                                   AND pp.delegate_membership_id = i.cast_by AND pp.status = 'in_force')
                   WHEN i.may_vote THEN true
                   ELSE NOT EXISTS (SELECT 1 FROM poll_proxies pp WHERE pp.poll_id = i.poll_id AND pp.delegator_membership_id = i.membership_id AND pp.status = 'in_force') END
           ORDER BY i.poll_id, i.membership_id
          ${conflict}
          RETURNING poll_id, membership_id, receipt, (xmax = 0) AS inserted),
        done AS (SELECT i.*, b.receipt AS stored_receipt, b.inserted FROM b JOIN input i USING (poll_id, membership_id)),
        k AS (
          INSERT INTO ballot_keys (poll_id, membership_id, idempotency_key, request_hash, receipt)
          SELECT d.poll_id, d.membership_id, d.idempotency_key, d.request_hash, d.stored_receipt FROM done d WHERE d.idempotency_key IS NOT NULL
          ON CONFLICT DO NOTHING),
        a AS (
          ${insertAuditEntriesFrom(
            `SELECT d.ord, 0 AS k, d.council_id, d.actor_user_id, CASE WHEN d.inserted THEN 'ballot.cast' ELSE 'ballot.changed' END AS action, 'poll' AS object_type,
                    d.poll_id::text AS object_id,
                    ${auditSummarySql(
                      'NULL',
                      `jsonb_build_object('membershipId', d.membership_id::text, 'choice', d.choice)
                       || CASE WHEN d.cast_by IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('castByMembershipId', d.cast_by::text) END`,
                    )} AS summary
               FROM done d
             UNION ALL
             SELECT d.ord, 1, d.council_id, d.actor_user_id, 'proxy.used', 'proxy', pp.proxy_id::text,
                    ${auditSummarySql('NULL', `jsonb_build_object('pollId', d.poll_id::text, 'delegatorMembershipId', d.membership_id::text, 'delegateMembershipId', d.cast_by::text)`)}
               FROM done d JOIN poll_proxies pp ON pp.poll_id = d.poll_id AND pp.delegator_membership_id = d.membership_id
              WHERE d.cast_by IS NOT NULL`,
            'x.ord, x.k',
          )})
   SELECT ord, stored_receipt AS receipt, inserted FROM done`;
}

/**
 * A secret ballot in one statement. $9 is the delegate casting by proxy
 * (null: the voter), $10 whether the voter may cast while their own proxy
 * holds. The participation names who cast it; the choice's slot still names
 * nobody.
 */
export const SECRET_CAST_STATEMENT = `WITH open_poll AS (SELECT id FROM polls WHERE id = $1::uuid AND status = 'open' FOR SHARE),
        allowed AS (
          SELECT id FROM open_poll
           WHERE CASE WHEN $9::uuid IS NOT NULL
                   THEN EXISTS (SELECT 1 FROM poll_proxies pp WHERE pp.poll_id = $1::uuid AND pp.delegator_membership_id = $2::uuid
                                   AND pp.delegate_membership_id = $9::uuid AND pp.status = 'in_force')
                   WHEN $10::boolean THEN true
                   ELSE NOT EXISTS (SELECT 1 FROM poll_proxies pp WHERE pp.poll_id = $1::uuid AND pp.delegator_membership_id = $2::uuid AND pp.status = 'in_force') END),
        p AS (
          INSERT INTO secret_participations (poll_id, membership_id, idempotency_hash, cast_by_membership_id)
          SELECT id, $2::uuid, $3::text, $9::uuid FROM allowed
          ON CONFLICT DO NOTHING
          RETURNING poll_id),
        s AS (INSERT INTO secret_slots (id, poll_id, choice, receipt_hash) SELECT $8::uuid, poll_id, $4::text, $5::text FROM p RETURNING 1),
        a AS (
          ${insertAuditEntriesFrom(
            `SELECT $6::uuid AS council_id, $7::uuid AS actor_user_id, 'ballot.cast' AS action, 'poll' AS object_type, $1::uuid::text AS object_id,
                    ${auditSummarySql(
                      'NULL',
                      `jsonb_build_object('membershipId', $2::uuid::text, 'secret', true)
                       || CASE WHEN $9::uuid IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('castByMembershipId', $9::uuid::text) END`,
                    )} AS summary
               FROM p
             UNION ALL
             SELECT $6::uuid, $7::uuid, 'proxy.used', 'proxy', pp.proxy_id::text,
                    ${auditSummarySql('NULL', `jsonb_build_object('pollId', $1::uuid::text, 'delegatorMembershipId', $2::uuid::text, 'delegateMembershipId', $9::uuid::text)`)}
               FROM p JOIN poll_proxies pp ON pp.poll_id = p.poll_id AND pp.delegator_membership_id = $2::uuid
              WHERE $9::uuid IS NOT NULL`,
          )})
   SELECT EXISTS (SELECT 1 FROM open_poll) AS open, EXISTS (SELECT 1 FROM p) AS participated, (SELECT count(*) FROM s) AS slots`;

/**
 * Everything a cast decides on, for a batch of askers. OFFSET 0 keeps the
 * lateral subquery apart: one primary-key probe of polls per asker,
 * whatever the statistics say.
 */
export const CAST_CONTEXT_STATEMENT = `SELECT q.ord, p.id, p.council_id AS "councilId", p.status, p.secret, p.rule, p.session_id AS "sessionId", p.legacy_ballot_cipher AS "legacyBallotCipher",
          p.working_group_id AS "workingGroupId",
          COALESCE((SELECT array_agg(DISTINCT r) FROM memberships m, unnest(m.roles) r
                     WHERE m.council_id = p.council_id AND m.user_id = q.user_id
                       AND m.starts_on <= q.today AND (m.ends_on IS NULL OR m.ends_on >= q.today)), '{}') AS roles,
          EXISTS (SELECT 1 FROM memberships m WHERE m.council_id = p.council_id AND m.user_id = q.user_id
                     AND m.starts_on <= q.today AND (m.ends_on IS NULL OR m.ends_on >= q.today)) AS "inCouncil",
          -- The user's memberships first, each looked up in the voter roll by its whole primary key
          -- (a scalar subquery is never turned into a join): never a scan of the poll's voters.
          (SELECT m.id FROM memberships m
            WHERE m.council_id = p.council_id AND m.user_id = q.user_id
              AND (SELECT true FROM poll_voters v WHERE v.poll_id = p.id AND v.membership_id = m.id)
            LIMIT 1) AS "voterMembershipId",
          -- Proxy voting, only where the poll fixed proxies when it opened (else nothing more is read):
          -- the delegate in force for onBehalfOf, and whether a proxy of the caller's own holds.
          p.proxy_settings AS "proxySettings",
          CASE WHEN p.proxy_settings IS NULL OR q.on_behalf_of IS NULL THEN NULL ELSE
            (SELECT pp.delegate_membership_id FROM poll_proxies pp
              WHERE pp.poll_id = p.id AND pp.delegator_membership_id = q.on_behalf_of AND pp.status = 'in_force') END AS "delegateInForce",
          CASE WHEN p.proxy_settings IS NULL THEN false ELSE EXISTS (
            SELECT 1 FROM memberships m JOIN poll_proxies pp ON pp.poll_id = p.id AND pp.delegator_membership_id = m.id AND pp.status = 'in_force'
             WHERE m.council_id = p.council_id AND m.user_id = q.user_id) END AS "ownProxyInForce"
     FROM unnest($1::uuid[], $2::uuid[], $3::date[], $4::uuid[]) WITH ORDINALITY AS q(poll_id, user_id, today, on_behalf_of, ord)
     CROSS JOIN LATERAL (SELECT * FROM polls WHERE polls.id = q.poll_id OFFSET 0) p`;
