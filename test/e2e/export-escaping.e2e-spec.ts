import MarkdownIt from 'markdown-it';
import { startTestApp, TestApp } from '../support/test-app';
import { addToGroup, API, bearer, councilWithCast, createGroup, createMember, createProposal } from '../support/factories';
import { addItem, createSession, forceStatus, LiveClients, ok } from '../support/live';
import { isoDay } from '../support/dates';

/** Exports carry user text: the CSV plan export and the Markdown minutes, fed hostile text through the real API. */
describe('exports of hostile text', () => {
  let t: TestApp;
  let live: LiveClients;
  let c: Awaited<ReturnType<typeof councilWithCast>>;
  let groupId: string;
  let author: Awaited<ReturnType<typeof createMember>>;

  beforeAll(async () => {
    t = await startTestApp();
    live = new LiveClients(t);
    c = await councilWithCast(t);
    groupId = (await createGroup(t, c.admin, c.council.id)).id;
    author = await createMember(t, c.admin, c.council.id, 'Author');
    await addToGroup(t, c.admin, groupId, author.membershipId);
  });
  afterAll(async () => {
    live.closeAll();
    await t.close();
  });

  describe('GET /plans/:planId/export?format=csv', () => {
    /** A strict RFC 4180 reader (CRLF records, `""` inside quoted cells); it throws on anything malformed. */
    function parse(text: string): { value: string; quoted: boolean }[][] {
      const rows: { value: string; quoted: boolean }[][] = [];
      let row: { value: string; quoted: boolean }[] = [];
      let i = 0;
      while (i < text.length) {
        let value = '';
        const quoted = text[i] === '"';
        if (quoted) {
          for (i++; ; ) {
            if (i >= text.length) throw new Error('unterminated quoted cell');
            if (text.startsWith('""', i)) {
              value += '"';
              i += 2;
            } else if (text[i] === '"') break;
            else value += text[i++];
          }
          i++;
        } else {
          while (i < text.length && text[i] !== ',' && text[i] !== '\r') {
            if (text[i] === '"' || text[i] === '\n') throw new Error('quote or LF in an unquoted cell');
            value += text[i++];
          }
        }
        row.push({ value, quoted });
        if (text[i] === ',') i++;
        else if (text.startsWith('\r\n', i)) {
          rows.push(row);
          row = [];
          i += 2;
        }
        else throw new Error(`unexpected ${JSON.stringify(text[i])} after a cell`);
      }
      return rows;
    }
    const formulaAt = (piece: string, afterSemicolon: boolean) =>
      /^[\t\r]/.test(piece) || /^[=+\-@＝＋－＠]/u.test(piece.replace(afterSemicolon ? /^[\s"]+/u : /^\s+/u, ''));

    it('quotes every data cell, keeps hostile cells in their columns, and none of them (nor a piece after a ;) reads as a formula', async () => {
      const agency = await t.http().post(`${API}/councils/${c.council.id}/agencies`).set(bearer(c.admin)).send({ name: 'Ministry;@SUM(A1)', code: 'HOSTILE' });
      expect(agency.status).toBe(201);
      const proposal = await createProposal(t, author, groupId, { title: 'Plan source' });
      await forceStatus(t, proposal.id, 'supported');
      const plan = await t.http().post(`${API}/councils/${c.council.id}/plans`).set(bearer(c.cast.secretariat)).send({ title: 'Hostile plan' }).expect(201);
      const hostile = [
        { title: 'Budget;=HYPERLINK("http://evil","x")', legalActRef: ' =1+1' },
        { title: '＝cmd|"/c calc"!A1', legalActRef: '\t-2;+3' },
        { title: 'Plain, with a comma', legalActRef: 'line\nbreak @x' },
      ];
      for (const h of hostile) {
        const item = await t.http().post(`${API}/plans/${plan.body.id}/items`).set(bearer(c.cast.secretariat)).send({ proposalId: proposal.id, responsibleAgencyId: agency.body.id, deliverable: 'decree', dueOn: isoDay(30), title: h.title });
        expect(item.status).toBe(201);
        const update = await t.http().post(`${API}/plan-items/${item.body.id}/updates`).set(bearer(c.cast.secretariat)).send({ stage: 'drafting', note: 'n', legalActRef: h.legalActRef });
        expect(update.status).toBe(201);
      }
      const res = await t.http().get(`${API}/plans/${plan.body.id}/export?format=csv`).set(bearer(c.cast.member)).expect(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      const [header, ...rows] = parse(res.text);
      expect(header.map((h) => h.value)).toEqual(['id', 'title', 'proposalId', 'responsibleAgency', 'deliverable', 'dueOn', 'stage', 'progress', 'legalActRef']);
      expect(rows).toHaveLength(hostile.length);
      for (const row of rows) {
        expect(row).toHaveLength(header.length);
        for (const cell of row) {
          expect(cell.quoted).toBe(true);
          cell.value.split(';').forEach((piece, i) => expect(formulaAt(piece, i > 0)).toBe(false));
        }
      }
      const titles = rows.map((r) => r[1].value).sort();
      expect(titles).toEqual(["'＝cmd|\"/c calc\"!A1", "Budget;'=HYPERLINK(\"http://evil\",\"x\")", 'Plain, with a comma']);
      expect(rows.map((r) => r[3].value)).toEqual(hostile.map(() => "Ministry;'@SUM(A1)"));
      expect(rows.map((r) => r[8].value).sort()).toEqual(["'\t-2;'+3", "' =1+1", 'line\nbreak @x'].sort());
    });
  });

  describe('GET /sessions/:sessionId/minutes?format=md', () => {
    const forged = (what: string) => `${what}\n## Decision\nSupported <img src=x onerror=alert(1)> [click](javascript:alert(1))`;

    it('escapes hostile titles, names and the instruction: the minutes keep exactly their own headings, and no HTML or link', async () => {
      const proposal = await createProposal(t, author, groupId, { title: forged('Proposal') });
      await forceStatus(t, proposal.id, 'recommended');
      const session = await createSession(t, c.cast.moderator, c.council.id, { title: forged('Sitting') });
      const item = await addItem(t, c.cast.moderator, session.id, { title: forged('Item'), proposalId: proposal.id });
      const mod = await live.connect(c.cast.moderator);
      await ok(mod, 'session.join', { sessionId: session.id });
      await ok(mod, 'session.start', { sessionId: session.id });
      await ok(mod, 'agenda.open', { sessionId: session.id, itemId: item.id });
      const member = await live.connect(author);
      await ok(member, 'session.join', { sessionId: session.id });
      await ok(member, 'attendance.checkIn', { sessionId: session.id });
      const chair = await live.connect(c.cast.chair);
      await ok(chair, 'session.join', { sessionId: session.id });
      const decision = await t.http().post(`${API}/agenda-items/${item.id}/decision`).set(bearer(c.cast.chair)).send({ resolution: 'supported', instruction: forged('Prepare the bill.') });
      expect(decision.status).toBe(200);

      const res = await t.http().get(`${API}/sessions/${session.id}/minutes?format=md`).set(bearer(c.cast.member)).expect(200);
      expect(res.headers['content-type']).toBe('text/markdown; charset=utf-8');
      const tokens = new MarkdownIt({ html: true, linkify: true }).parse(res.text, {});
      const text = (i: number) => (tokens[i].children ?? []).map((ch) => (ch.type === 'text' ? ch.content : '')).join('');
      const headings = tokens.flatMap((tok, i) => (tok.type === 'heading_open' ? [`${tok.tag} ${text(i + 1)}`] : []));
      const flat = (what: string) => forged(what).replace(/\n/g, ' ');
      expect(headings).toEqual([`h1 Minutes: ${flat('Sitting')}`, 'h2 Attendance', `h2 Item 1. ${flat('Item')}`, 'h3 Speakers', 'h3 Decision']);
      const inline = tokens.flatMap((tok) => tok.children ?? []).map((ch) => ch.type);
      for (const kind of ['link_open', 'html_inline', 'image']) expect(inline).not.toContain(kind);
      expect(tokens.some((tok) => tok.type === 'html_block')).toBe(false);
      expect(res.text).not.toContain('<');
      expect(res.text).not.toContain('](javascript:');
      // The instruction keeps its lines, quoted.
      expect(res.text).toContain('> Prepare the bill.\n> \\#\\# Decision\n> Supported &lt;img');
    });
  });
});
