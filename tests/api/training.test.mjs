// 訪問診療導入研修（同行訪問研修, seed 002 別紙1 ②, issue 18 §2) through the real binary: a programme of
// the demo district, advisors and trainees, the advisor matching (min-cost flow, a reason per pair),
// attendance and accompanied visits, the completion rule gating the 認定証 (seed 000 §3(3)), its PDF
// (Japanese text checked by pdftotext), its public verification, revocation when a part is unmarked,
// follow-up notes, bad input naming its field, the district scope and the audit rows. The clock is
// pinned to 2026-06-15 (令和8年度).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { serverFixture, api as rawApi, authHeaders, execAsync } from './lib.mjs';

const NOW = '2026-06-15T03:00:00Z';
let t, srv, api, close, coord, assoc, clinics, prog;

before(async () => {
  ({ t, srv, api, close } = await serverFixture({ demo: true, args: ['--public-url', 'https://zaitaku.example.jp'], env: { ZAITAKU_NOW: NOW } }));
  assoc = (await api('GET', '/api/v1/facilities?kind=medical_association&municipality=082228')).json.items[0];
  coord = await authHeaders(srv, 'coordinator', { associations: [assoc.id] });
  const list = (await api('GET', '/api/v1/facilities?kind=clinic&municipality=082228&limit=50')).json.items;
  clinics = list.filter((c) => c.lat != null && c.lon != null);
  assert.ok(clinics.length >= 5, `demo clinics with coordinates in 鹿嶋市 (${clinics.length})`);
  const iss = await api('PUT', '/api/v1/certificate-issuers/08', { name: '茨城県地域ケア推進センター（架空）', representative_title: 'センター長', representative_name: '鹿行 太郎' });
  assert.equal(iss.status, 200, iss.text);
});
after(() => close?.());

const as = (who) => (method, path, body) => rawApi(srv.base, method, path, body, who);

test('a coordinator creates the programme of the district with the five steps of seed 002 ②', async () => {
  const c = as(coord);
  const r = await c('POST', '/api/v1/trainings', { title: '令和8年度 訪問診療導入研修（テスト）' });
  assert.equal(r.status, 201, r.text);
  prog = r.json;
  assert.equal(prog.fiscal_year, 2026); // the current 年度 by default
  assert.equal(prog.association.id, assoc.id); // the coordinator's 郡市医師会
  assert.equal(prog.max_km, 30);
  assert.deepEqual(prog.sessions.map((s) => s.label), ['第1回座学研修', '同行訪問研修', '第2回座学研修', '受講後アンケート', 'フォローアップ']);
  assert.equal(r.headers.get('cache-control'), 'no-store');
  const s = await c('PUT', `/api/v1/trainings/${prog.id}/sessions/lecture1`, { held_on: '2026-07-04', place: '鹿嶋市医師会館（架空）' });
  assert.equal(s.status, 200, s.text);
  assert.equal(s.json.sessions[0].held_on, '2026-07-04');
  const bad = await c('PUT', `/api/v1/trainings/${prog.id}/sessions/lecture1`, { held_on: '2025-07-04' });
  assert.equal(bad.status, 400);
  assert.equal(bad.json.error.field, 'held_on');
  assert.match(bad.json.error.message, /2026年度/);
  assert.equal((await c('PUT', `/api/v1/trainings/${prog.id}/sessions/nope`, {})).status, 404);
  const l = await c('GET', '/api/v1/trainings?fiscal_year=2026');
  assert.equal(l.status, 200);
  assert.ok(l.json.items.some((x) => x.id === prog.id));
  // another district's coordinator neither sees nor changes it
  const other = (await api('POST', '/api/v1/facilities', { kind: 'medical_association', name: 'よその郡市医師会', municipality: '082147' })).json.id;
  const stranger = await authHeaders(srv, 'coordinator', { associations: [other] });
  assert.equal((await as(stranger)('GET', `/api/v1/trainings/${prog.id}`)).status, 403);
  assert.ok(!(await as(stranger)('GET', '/api/v1/trainings')).json.items.some((x) => x.id === prog.id));
  assert.equal((await as(stranger)('POST', `/api/v1/trainings/${prog.id}/advisors`, { institution_id: clinics[0].id, name: 'x' })).status, 403);
  // a doctor has no training pages at all
  const doc = await authHeaders(srv, 'doctor');
  assert.equal((await as(doc)('GET', '/api/v1/trainings')).status, 403);
});

test('invitations go to clinics of the district only', async () => {
  const c = as(coord);
  const r = await c('POST', `/api/v1/trainings/${prog.id}/invitations`, { institution_ids: [clinics[2].id, clinics[3].id, clinics[4].id] });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.invitations.length, 3);
  const again = await c('POST', `/api/v1/trainings/${prog.id}/invitations`, { institution_ids: [clinics[2].id] });
  assert.equal(again.json.invitations.length, 3); // already invited: skipped
  const outside = (await api('POST', '/api/v1/facilities', { kind: 'clinic', name: '県外テスト医院', municipality: '121002' })).json.id;
  const bad = await c('POST', `/api/v1/trainings/${prog.id}/invitations`, { institution_ids: [outside] });
  assert.equal(bad.status, 400);
  assert.equal(bad.json.error.field, 'institution_ids');
  assert.match(bad.json.error.message, /地区にありません/);
  const empty = await c('POST', `/api/v1/trainings/${prog.id}/invitations`, { institution_ids: [] });
  assert.equal(empty.status, 400);
  // where the list came from: by hand (default) or the district survey
  assert.ok(r.json.invitations.every((x) => x.source === 'manual'));
  const src = await c('POST', `/api/v1/trainings/${prog.id}/invitations`, { institution_ids: [clinics[5].id], source: 'rumour' });
  assert.equal(src.status, 400);
  assert.equal(src.json.error.field, 'source');
  const fromSurvey = await c('POST', `/api/v1/trainings/${prog.id}/invitations`, { institution_ids: [clinics[5].id], source: 'survey' });
  assert.equal(fromSurvey.status, 200, fromSurvey.text);
  assert.equal(fromSurvey.json.invitations.find((x) => x.institution_id === clinics[5].id).source, 'survey');
});

let adv, trainees;
test('advisors with capacity, trainees with wishes; bad input names its field', async () => {
  const c = as(coord);
  let r = await c('POST', `/api/v1/trainings/${prog.id}/advisors`, { institution_id: clinics[0].id, name: '指導 一郎', capacity: 1 });
  assert.equal(r.status, 201, r.text);
  r = await c('POST', `/api/v1/trainings/${prog.id}/advisors`, { institution_id: clinics[1].id, name: '指導 二郎', capacity: 2 });
  assert.equal(r.status, 201, r.text);
  adv = r.json.advisor_list;
  assert.equal(adv.length, 2);
  for (const [body, field] of [
    [{ institution_id: clinics[0].id, name: '', capacity: 1 }, 'name'],
    [{ institution_id: clinics[0].id, name: '定員超過', capacity: 11 }, 'capacity'],
    [{ institution_id: clinics[0].id, name: '未知', colour: 'red' }, 'colour'],
    [{ name: '機関なし' }, 'institution_id'],
  ]) {
    const b = await c('POST', `/api/v1/trainings/${prog.id}/advisors`, body);
    assert.equal(b.status, 400, JSON.stringify(body));
    assert.equal(b.json.error.field, field, b.text);
  }
  const nurse = (await api('GET', '/api/v1/facilities?kind=nurse_station&municipality=082228')).json.items[0];
  const b = await c('POST', `/api/v1/trainings/${prog.id}/advisors`, { institution_id: nurse.id, name: '看護 花子' });
  assert.equal(b.status, 400);
  assert.match(b.json.error.message, /診療所・病院ではありません/);
  // three trainees: two wish advisor 1 (room for one) first, one says nothing
  const names = ['受講 太郎', '受講 花子', '受講 次郎'];
  for (let i = 0; i < 3; i++) {
    const wishes = i < 2 ? [adv[0].id, adv[1].id] : [];
    r = await c('POST', `/api/v1/trainings/${prog.id}/trainees`, { institution_id: clinics[2 + i].id, name: names[i], wishes });
    assert.equal(r.status, 201, r.text);
  }
  trainees = r.json.trainee_list;
  assert.equal(trainees.length, 3);
  assert.deepEqual(trainees[0].wishes, [adv[0].id, adv[1].id]);
  assert.equal(trainees[0].complete, false);
  assert.match(trainees[0].missing, /第1回座学研修が未出席です/);
  const dup = await c('POST', `/api/v1/trainings/${prog.id}/trainees`, { institution_id: clinics[2].id, name: 'x', wishes: [adv[0].id, adv[0].id] });
  assert.equal(dup.status, 400);
  assert.equal(dup.json.error.field, 'wishes');
  const stranger = await c('POST', `/api/v1/trainings/${prog.id}/trainees`, { institution_id: clinics[2].id, name: 'x', wishes: [99999999] });
  assert.equal(stranger.status, 400);
  assert.match(stranger.json.error.message, /アドバイザー医師ではありません/);
});

test('the matching proposes pairs by wishes, capacity and distance, each with its reason, and stores them on confirmation', async () => {
  const c = as(coord);
  const p = await c('GET', `/api/v1/trainings/${prog.id}/matching`);
  assert.equal(p.status, 200, p.text);
  assert.equal(p.json.certified, true);
  assert.equal(p.json.applied, false);
  assert.equal(p.json.pairs.length, 3);
  const by = Object.fromEntries(p.json.pairs.map((x) => [x.trainee_id, x]));
  const [t1, t2, t3] = trainees.map((x) => by[x.id]);
  // advisor 1 has room for one: exactly one of the two who wished it first gets it
  assert.equal([t1, t2].filter((x) => x.advisor_id === adv[0].id).length, 1);
  const second = [t1, t2].find((x) => x.advisor_id !== adv[0].id);
  assert.equal(second.advisor_id, adv[1].id);
  assert.equal(second.wish_rank, 2);
  assert.match(second.reason, /第2希望の指導 二郎医師/);
  assert.match(second.reason, /第1希望の指導 一郎医師（.*）は受入人数（1人）に達しています/);
  assert.match(second.reason, /直線距離 \d+\.\d km/);
  // the third (no wishes) takes the last place: advisor 2's second seat
  assert.equal(t3.advisor_id, adv[1].id);
  assert.match(t3.reason, /希望の指定がないため/);
  // nothing stored by the proposal
  assert.ok((await c('GET', `/api/v1/trainings/${prog.id}`)).json.trainee_list.every((x) => x.advisor === null));
  const a = await c('POST', `/api/v1/trainings/${prog.id}/matching`);
  assert.equal(a.status, 200, a.text);
  assert.equal(a.json.applied, true);
  const v = (await c('GET', `/api/v1/trainings/${prog.id}`)).json;
  for (const tr of v.trainee_list) {
    assert.ok(tr.advisor, `${tr.name} paired`);
    assert.equal(tr.advisor.reason, by[tr.id].reason);
  }
  // every advisor full: a hand pairing is refused, the proposal for nobody is empty
  const full = await c('PUT', `/api/v1/trainings/${prog.id}/trainees/${second.trainee_id}`, { advisor_id: adv[0].id });
  assert.equal(full.status, 409);
  assert.equal(full.json.error.field, 'advisor_id');
  assert.match(full.json.error.message, /受入人数（1人）に達しています/);
  assert.equal((await c('GET', `/api/v1/trainings/${prog.id}/matching`)).json.pairs.length, 0);
});

let done, number;
test('attendance and accompanied visits; the 認定証 only when complete (seed 002 ②: 座学1・同行2〜3か所・座学2・アンケート)', async () => {
  const c = as(coord);
  done = trainees[2];
  const base = `/api/v1/trainings/${prog.id}/trainees/${done.id}`;
  let r = await c('PUT', `${base}/attendance/lecture1`, { attended: true });
  assert.equal(r.status, 200, r.text);
  r = await c('POST', `${base}/visits`, { visited_on: '2026-07-20', note: '在宅酸素の患者宅' });
  assert.equal(r.status, 201, r.text);
  r = await c('PUT', `${base}/attendance/lecture2`, { attended: true });
  assert.equal(r.status, 200);
  r = await c('POST', `${base}/certificate`);
  assert.equal(r.status, 409);
  assert.match(r.json.error.message, /同行訪問が1回です（2回以上必要）/);
  assert.match(r.json.error.message, /受講後アンケートが未回答です/);
  r = await c('POST', `${base}/visits`, { visited_on: '2026-08-03' });
  assert.equal(r.status, 201);
  r = await c('PUT', `${base}/attendance/survey`, { attended: true });
  const me = r.json.trainee_list.find((x) => x.id === done.id);
  assert.equal(me.visits, 2);
  assert.equal(me.complete, true, me.missing);
  assert.equal(r.json.visit_list.filter((v) => v.trainee_id === done.id).length, 2);
  assert.equal(r.json.visit_list[0].advisor_id, me.advisor.id); // the paired advisor by default
  // bad input
  for (const [path, body, status, field] of [
    [`${base}/attendance/accompany`, { attended: true }, 400, 'step'],
    [`${base}/attendance/lecture1`, { attended: 'yes' }, 400, 'attended'],
    [`${base}/attendance/lecture1`, {}, 400, 'attended'],
    [`${base}/visits`, { visited_on: '2026-13-01' }, 400, 'visited_on'],
    [`${base}/visits`, { visited_on: '2026-08-01', advisor_id: 99999999 }, 400, 'advisor_id'],
  ]) {
    const b = await c(path.includes('visits') ? 'POST' : 'PUT', path, body);
    assert.equal(b.status, status, `${path} ${JSON.stringify(body)} ${b.text}`);
    assert.equal(b.json.error.field, field, b.text);
  }
  assert.equal((await c('PUT', `/api/v1/trainings/${prog.id}/trainees/99999999/attendance/lecture1`, { attended: true })).status, 404);
  r = await c('POST', `${base}/certificate`);
  assert.equal(r.status, 201, r.text);
  number = r.json.number;
  assert.match(number, /^KS-2026-\d{6}$/);
  r = await c('POST', `${base}/certificate`);
  assert.equal(r.status, 409);
  assert.match(r.json.error.message, /交付済み/);
});

test('the 認定証 PDF in Japanese (pdftotext) with 和暦, the issuer and the verification URL', async () => {
  const r = await fetch(`${srv.base}/api/v1/trainings/${prog.id}/trainees/${done.id}/certificate.pdf`, { headers: coord });
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('content-type'), 'application/pdf');
  const file = join(t.dir, 'training-cert.pdf');
  writeFileSync(file, Buffer.from(await r.arrayBuffer()));
  const txt = await execAsync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  assert.equal(txt.status, 0, txt.stderr);
  const flat = txt.stdout.replace(/\s+/g, '');
  for (const s of ['認定証', '受講次郎', '殿', clinics[4].name.replace(/\s+/g, ''), '令和8年度訪問診療導入研修（テスト）', '全課程を修了したことを認定します',
    '同行訪問研修（2件）', '研修年度令和8年度', `証番号${number}`, '交付日令和8年6月15日', '茨城県地域ケア推進センター（架空）', 'センター長', '鹿行太郎', '公印',
    'アドバイザー医師指導二郎医師', `https://zaitaku.example.jp/verify?number=${number}`]) {
    assert.ok(flat.includes(s), `${s} in:\n${txt.stdout}`);
  }
  // another trainee has none yet; the prefecture reads, a doctor never
  assert.equal((await rawApi(srv.base, 'GET', `/api/v1/trainings/${prog.id}/trainees/${trainees[0].id}/certificate.pdf`, undefined, coord)).status, 404);
  const pref = await authHeaders(srv, 'prefecture');
  assert.equal((await rawApi(srv.base, 'GET', `/api/v1/trainings/${prog.id}/trainees/${done.id}/certificate.pdf`, undefined, pref)).status, 200);
});

test('anyone verifies the number at /api/v1/certificates/{number}; unmarking a part revokes it', async () => {
  let r = await rawApi(srv.base, 'GET', `/api/v1/certificates/${number}`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.kind, 'training');
  assert.equal(r.json.status, 'valid');
  assert.equal(r.json.trainee.name, '受講 次郎');
  assert.equal(r.json.programme.fiscal_year, 2026);
  assert.equal(r.json.programme.association_name, assoc.name);
  r = await rawApi(srv.base, 'GET', '/api/v1/certificates/KS-2026-999999');
  assert.equal(r.status, 404);
  assert.equal(r.json.status, 'unknown');
  // group certificates still answer as before
  assert.equal((await rawApi(srv.base, 'GET', '/api/v1/certificates/KG-2026-999999')).json.status, 'unknown');
  const c = as(coord);
  r = await c('PUT', `/api/v1/trainings/${prog.id}/trainees/${done.id}/attendance/survey`, { attended: false });
  assert.equal(r.status, 200);
  assert.equal(r.json.trainee_list.find((x) => x.id === done.id).certificate, null);
  r = await rawApi(srv.base, 'GET', `/api/v1/certificates/${number}`);
  assert.equal(r.json.status, 'revoked');
  assert.match(r.json.revoke_reason, /修了要件を満たさなくなりました（受講後アンケートが未回答です。）/);
  // answered again: a new number, the old one stays revoked
  await c('PUT', `/api/v1/trainings/${prog.id}/trainees/${done.id}/attendance/survey`, { attended: true });
  r = await c('POST', `/api/v1/trainings/${prog.id}/trainees/${done.id}/certificate`);
  assert.equal(r.status, 201);
  assert.notEqual(r.json.number, number);
  assert.equal((await rawApi(srv.base, 'GET', `/api/v1/certificates/${r.json.number}`)).json.status, 'valid');
});

test('follow-up notes (started visits? filed 在支診?) and every write in the audit trail', async () => {
  const c = as(coord);
  let r = await c('POST', `/api/v1/trainings/${prog.id}/trainees/${done.id}/followups`, { noted_on: '2027-01-15', started_visits: true, filed_zaishishin: null, note: '月2件の訪問診療を開始' });
  assert.equal(r.status, 201, r.text);
  const f = r.json.followups.find((x) => x.trainee_id === done.id);
  assert.equal(f.started_visits, 1);
  assert.equal(f.filed_zaishishin, null);
  r = await c('POST', `/api/v1/trainings/${prog.id}/trainees/${done.id}/followups`, { noted_on: '2027-01-15', started_visits: 'はい' });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'started_visits');
  r = await c('PUT', `/api/v1/trainings/${prog.id}`, { title: '令和8年度 訪問診療導入研修（テスト・改）', max_km: 25 });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.max_km, 25);
  r = await c('PUT', `/api/v1/trainings/${prog.id}`, { fiscal_year: 2027 });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'fiscal_year');
  const audit = await api('GET', `/api/v1/audit?object_type=training&object_id=${prog.id}&limit=200`);
  assert.equal(audit.status, 200);
  const actions = new Set(audit.json.items.map((x) => x.action));
  for (const a of ['create', 'session', 'invite', 'advisor_add', 'trainee_add', 'match', 'attendance', 'visit', 'certificate_issue', 'followup', 'update'])
    assert.ok(actions.has(a), `audited: ${a} (${[...actions].join(', ')})`);
  assert.ok(audit.json.items.every((x) => x.municipality === assoc.municipality));
});
