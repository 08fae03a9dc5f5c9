// iCalendar duty feeds (issue 14 §7: "duties per doctor and per group as iCalendar (RFC 5545,
// libical, Asia/Tokyo VTIMEZONE), subscribable by URL with a secret token that can be revoked,
// checked in a test with Debian's python3-icalendar"). The feed is fetched and parsed by
// tests/api/fixtures/check_ical.py (run asynchronously while the server is live).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { serverFixture, authHeaders, api, ROOT } from './lib.mjs';

const execFileP = promisify(execFile);
// Debian's interpreter: python3-icalendar is a Debian package (scripts/install-deps.sh).
const PYTHON = '/usr/bin/python3';

let fx, hanako, team, group, night, holiday, covered, sub, absence;

before(async () => {
  // 10:00 JST on Tuesday 15 December 2026; a feed carries 62 days back and 400 ahead.
  fx = await serverFixture({ demo: true, role: 'coordinator', env: { ZAITAKU_NOW: '2026-12-15T01:00:00Z' } });
  const list = await fx.api('GET', '/api/v1/patients');
  hanako = list.json.items.find((p) => p.name.startsWith('鹿嶋 花子'));
  team = (await fx.api('GET', `/api/v1/patients/${hanako.id}`)).json.team;
  group = team.group_id;
  // The group's own hours: the day 08:30–17:30 (a night runs 17:30 to 08:30 the next day).
  let r = await fx.api('PUT', `/api/v1/groups/${group}/duty-settings`, { day_start: '08:30', day_end: '17:30' });
  assert.equal(r.status, 200, r.text);
  const duty = async (date, type, practitioner_id) => {
    const d = await fx.api('POST', `/api/v1/groups/${group}/duties`, { date, type, practitioner_id });
    assert.equal(d.status, 201, d.text);
    return d.json;
  };
  night = await duty('2027-01-13', 'weekday_night', team.primary.id);   // Wednesday
  holiday = await duty('2027-01-11', 'holiday_day', team.primary.id);   // 成人の日 (Monday)
  covered = await duty('2027-02-02', 'weekday_night', team.primary.id); // covered by a 代診
  // The 主治医 is away 1–3 February 2027; a substitute accepts the night of the 2nd.
  r = await fx.api('POST', '/api/v1/absences', { practitioner_id: team.primary.id, starts_on: '2027-02-01', ends_on: '2027-02-03', reason: '学会' });
  assert.equal(r.status, 201, r.text);
  absence = r.json;
  const plan = (await fx.api('GET', `/api/v1/absences/${absence.id}/substitutes`)).json;
  const item = plan.items.find((x) => x.kind === 'duty' && x.duty.id === covered.id);
  assert.ok(item && item.substitutes.length, JSON.stringify(item));
  sub = item.substitutes[0];
  r = await fx.api('POST', `/api/v1/absences/${absence.id}/substitutions`, { duty_id: covered.id, practitioner_id: sub.practitioner_id });
  assert.equal(r.status, 201, r.text);
});
after(() => fx?.close());

/** Duties of the group in the feed's window (two reads: the listing takes ≤ 400 days). */
async function groupDuties() {
  const a = await fx.api('GET', `/api/v1/groups/${group}/duties?from=2026-10-14&to=2027-06-30`);
  const b = await fx.api('GET', `/api/v1/groups/${group}/duties?from=2027-07-01&to=2028-01-19`);
  assert.equal(a.status, 200, a.text);
  return [...a.json.items, ...b.json.items];
}

async function check(spec) {
  try {
    const { stdout } = await execFileP(PYTHON, [join(ROOT, 'tests/api/fixtures/check_ical.py'), JSON.stringify(spec)]);
    assert.equal(stdout.trim(), 'ok');
  } catch (e) {
    assert.fail(`python3-icalendar check failed: ${e.stdout || ''}${e.stderr || e.message}`);
  }
}

test('a group feed: created once with its URL, parsed by python3-icalendar (VTIMEZONE, count, exact times), revoked → 404', async () => {
  let r = await fx.api('POST', '/api/v1/feeds', { kind: 'group', group_id: group });
  assert.equal(r.status, 201, r.text);
  const feed = r.json;
  assert.match(feed.token, /^[0-9a-f]{64}$/);
  assert.equal(feed.path, `/ical/${feed.token}.ics`);
  assert.equal(feed.kind, 'group');
  // The token is shown once: the listing never holds it.
  const listed = (await fx.api('GET', '/api/v1/feeds')).json.items.find((f) => f.id === feed.id);
  assert.equal(listed.state, 'active');
  assert.equal(listed.token, undefined);
  assert.ok(!JSON.stringify(listed).includes(feed.token));
  // A second feed, revoked at once: its URL answers 404 like an unknown one.
  const gone = (await fx.api('POST', '/api/v1/feeds', { kind: 'group', group_id: group })).json;
  r = await fx.api('DELETE', `/api/v1/feeds/${gone.id}`);
  assert.equal(r.status, 204, r.text);
  assert.equal((await fx.api('DELETE', `/api/v1/feeds/${gone.id}`)).status, 404);

  const duties = await groupDuties();
  assert.ok(duties.length >= 3);
  await check({
    url: fx.srv.base + feed.path,
    revoked_url: fx.srv.base + gone.path,
    count: duties.length,
    events: [
      { uid: `duty-${night.id}@zaitaku`, start: '2027-01-13T17:30:00+09:00', end: '2027-01-14T08:30:00+09:00', summary_contains: `平日夜間当番 ${team.primary.name}` },
      { uid: `duty-${holiday.id}@zaitaku`, start: '2027-01-11T08:30:00+09:00', end: '2027-01-11T17:30:00+09:00', summary_contains: `休日日中当番 ${team.primary.name}` },
      // the covered night names the substitute, and whom he covers
      { uid: `duty-${covered.id}@zaitaku`, start: '2027-02-02T17:30:00+09:00', end: '2027-02-03T08:30:00+09:00', summary_contains: `代診・${team.primary.name}` },
    ],
  });
  // The fetch is recorded (at most once a minute), with no session.
  const after = (await fx.api('GET', '/api/v1/feeds')).json.items.find((f) => f.id === feed.id);
  assert.ok(after.last_fetched_at, 'last_fetched_at set');
  const raw = await fetch(fx.srv.base + feed.path);
  assert.equal(raw.headers.get('content-type'), 'text/calendar; charset=utf-8');
  const text = await raw.text();
  // No patient data in a feed.
  assert.ok(!text.includes(hanako.name.split('（')[0]), 'no patient name');
  assert.ok(!text.includes('カシマ'), 'no patient kana');
});

test('a doctor feed: the absent doctor no longer carries the covered duty; the substitute does, marked 代診', async () => {
  const duties = await groupDuties();
  const mine = duties.filter((d) => (d.practitioner_id ?? d.practitioner?.id) === team.primary.id);
  assert.ok(mine.length >= 3, JSON.stringify(duties[0]));
  const own = (await fx.api('POST', '/api/v1/feeds', { kind: 'doctor', practitioner_id: team.primary.id })).json;
  await check({
    url: fx.srv.base + own.path,
    count: mine.length - 1,
    events: [
      { uid: `duty-${night.id}@zaitaku`, start: '2027-01-13T17:30:00+09:00', end: '2027-01-14T08:30:00+09:00', summary_contains: '平日夜間当番（' },
      { uid: `duty-${holiday.id}@zaitaku`, start: '2027-01-11T08:30:00+09:00', end: '2027-01-11T17:30:00+09:00', summary_contains: '休日日中当番（' },
    ],
    absent_uids: [`duty-${covered.id}@zaitaku`],
  });
  const theirs = duties.filter((d) => (d.practitioner_id ?? d.practitioner?.id) === sub.practitioner_id);
  const subFeed = (await fx.api('POST', '/api/v1/feeds', { kind: 'doctor', practitioner_id: sub.practitioner_id })).json;
  await check({
    url: fx.srv.base + subFeed.path,
    count: theirs.length + 1,
    events: [
      { uid: `duty-${covered.id}@zaitaku`, start: '2027-02-02T17:30:00+09:00', end: '2027-02-03T08:30:00+09:00', summary_contains: `代診: ${team.primary.name} 医師の代わり` },
    ],
  });
});

test('who may create feeds: a doctor for his institution\'s doctors, the group\'s coordinator; bad input names the field', async () => {
  const doc = await authHeaders(fx.srv, 'doctor', { institution: team.primary_institution.id });
  let r = await api(fx.srv.base, 'POST', '/api/v1/feeds', { kind: 'doctor', practitioner_id: team.primary.id }, doc);
  assert.equal(r.status, 201, r.text);
  const docFeed = r.json;
  // his own feeds only in his listing
  const mine = (await api(fx.srv.base, 'GET', '/api/v1/feeds', undefined, doc)).json.items;
  assert.deepEqual(mine.map((f) => f.id), [docFeed.id]);
  // another institution's doctor: 403; a group feed needs the group's coordinator: 403
  r = await api(fx.srv.base, 'POST', '/api/v1/feeds', { kind: 'doctor', practitioner_id: team.secondary.id }, doc);
  assert.equal(r.status, 403, r.text);
  r = await api(fx.srv.base, 'POST', '/api/v1/feeds', { kind: 'group', group_id: group }, doc);
  assert.equal(r.status, 403, r.text);
  // a nurse has no feeds (the role gate)
  const nurse = await authHeaders(fx.srv, 'nurse', { institution: team.nurse_station.id });
  assert.equal((await api(fx.srv.base, 'GET', '/api/v1/feeds', undefined, nurse)).status, 403);
  // someone else's feed cannot be revoked by a doctor who may not manage its target
  const other = await authHeaders(fx.srv, 'doctor', { institution: team.secondary_institution.id });
  assert.equal((await api(fx.srv.base, 'DELETE', `/api/v1/feeds/${docFeed.id}`, undefined, other)).status, 404);
  // the district's coordinator may (the doctor lies in the district)
  assert.equal((await fx.api('DELETE', `/api/v1/feeds/${docFeed.id}`)).status, 204);
  assert.equal((await fetch(fx.srv.base + docFeed.path)).status, 404);
  // bad input
  for (const [body, field] of [
    [{ kind: 'room', group_id: group }, 'kind'],
    [{ group_id: group }, 'kind'],
    [{ kind: 'group' }, 'group_id'],
    [{ kind: 'doctor', group_id: group }, 'practitioner_id'],
    [{ kind: 'group', group_id: 99999999 }, 'group_id'],
    [{ kind: 'doctor', practitioner_id: 99999999 }, 'practitioner_id'],
    [{ kind: 'group', group_id: group, colour: 'red' }, 'colour'],
  ]) {
    r = await fx.api('POST', '/api/v1/feeds', body);
    assert.equal(r.status, 400, JSON.stringify(body) + r.text);
    assert.equal(r.json.error.field, field, JSON.stringify(body));
  }
  // unknown, malformed and guessed tokens: one answer
  for (const p of ['/ical/' + '0'.repeat(64) + '.ics', '/ical/abc.ics', '/ical/' + 'A'.repeat(64) + '.ics', '/ical/' + docFeed.token]) {
    assert.equal((await fetch(fx.srv.base + p)).status, 404, p);
  }
  // creating and revoking feeds is in the audit trail
  const audit = await fx.api('GET', `/api/v1/audit?object_type=ical_feed&limit=100`);
  assert.equal(audit.status, 200, audit.text);
  assert.ok(audit.json.items.some((x) => x.action === 'revoke' && x.object_id === docFeed.id));
  assert.ok(audit.json.items.some((x) => x.action === 'create' && x.object_id === docFeed.id));
});
