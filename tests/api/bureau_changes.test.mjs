// The monthly bureau list from the UI's API (issue 12 §4): a preview reports what changes against
// the registry (new institutions, changed fields, standards gained and lost, filings that end);
// the confirmation applies exactly the previewed change and is refused when the registry (or the
// file) changed in between; unchanged rows are not touched; each import is kept as a record with
// its file name, SHA-256, who and the list's own date, shown as 「令和○年○月○日現在」.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { withServer, ROOT } from './lib.mjs';

const data = (f) => join(ROOT, 'tests/data', f);

test('preview, confirm, next month: changes reported and applied exactly, records kept', async () => {
  await withServer({}, async ({ srv, auth, api }) => {
    const post = (file, q) => fetch(`${srv.base}/api/v1/imports/facility-standards?${q}`, {
      method: 'POST', headers: { ...auth, 'Content-Type': 'text/csv' }, body: readFileSync(data(file)),
    }).then(async (r) => ({ status: r.status, json: await r.json() }));
    const first = readFileSync(data('bureau_kanto_cp932.csv'));
    const sha = createHash('sha256').update(first).digest('hex');

    // 1. the preview: counts, the list's date, every institution new, the hashes to confirm with
    let p = await post('bureau_kanto_cp932.csv', 'dry_run=1');
    assert.equal(p.status, 200, JSON.stringify(p.json));
    assert.equal(p.json.as_of, '2024-11-01');
    assert.equal(p.json.as_of_wareki, '令和6年11月1日');
    assert.equal(p.json.changes.counts.new, 7);
    assert.equal(p.json.changes.file_sha256, sha);
    assert.ok(p.json.changes.new.some((n) => n.name === '神栖架空ファミリー診療所'
      && n.standards.some((s) => s.code === 'zaishin_conventional')));
    assert.equal((await api('GET', '/api/v1/facilities?limit=1')).json.total, 0, 'a preview stores nothing');

    // a confirmation with another file's hash, or after the registry changed, is refused (409)
    let c = await post('bureau_kanto_cp932.csv', `confirm=${p.json.changes.registry_hash}&sha256=${'0'.repeat(64)}`);
    assert.equal(c.status, 409);
    const other = await api('POST', '/api/v1/facilities', { kind: 'clinic', name: '割り込み診療所', municipality: '082228', medical_code: '0811234566' });
    assert.equal(other.status, 201, other.text);
    c = await post('bureau_kanto_cp932.csv', `confirm=${p.json.changes.registry_hash}&sha256=${sha}`);
    assert.equal(c.status, 409);
    assert.match(c.json.error.message, /もう一度/);
    assert.equal((await api('GET', '/api/v1/facilities?limit=1')).json.total, 1, 'nothing of the refused file stored');

    // a fresh preview, then the confirmation applies it
    p = await post('bureau_kanto_cp932.csv', 'dry_run=1');
    c = await post('bureau_kanto_cp932.csv',
      `confirm=${p.json.changes.registry_hash}&sha256=${sha}&file_name=${encodeURIComponent('茨城_医科_11月.csv')}`);
    assert.equal(c.status, 200, JSON.stringify(c.json));
    assert.equal(c.json.inserted, 7);
    assert.deepEqual(c.json.changes.counts, p.json.changes.counts);

    // 2. the same file again: nothing changes, nothing is written (updated_at stays)
    const before = (await api('GET', '/api/v1/facilities?limit=100')).json.items;
    p = await post('bureau_kanto_cp932.csv', 'dry_run=1');
    assert.equal(p.json.changes.counts.unchanged, 7);
    assert.equal(p.json.changes.counts.changed, 0);
    c = await post('bureau_kanto_cp932.csv', `confirm=${p.json.changes.registry_hash}`);
    assert.equal(c.status, 200);
    assert.equal(c.json.updated, 0);
    const after = (await api('GET', '/api/v1/facilities?limit=100')).json.items;
    assert.deepEqual(after.map((f) => [f.id, f.updated_at]), before.map((f) => [f.id, f.updated_at]));

    // 3. next month: a clinic is gone (its 在支診 ends with the list's date), a name and a phone change
    p = await post('bureau_next_month.csv', 'dry_run=1');
    assert.equal(p.status, 200, JSON.stringify(p.json));
    const ch = p.json.changes;
    assert.equal(ch.ended_on, '2024-12-01');
    assert.equal(ch.ended_on_wareki, '令和6年12月1日');
    assert.equal(ch.counts.new, 0);
    assert.equal(ch.counts.changed, 2);
    assert.equal(ch.counts.unchanged, 4);
    assert.equal(ch.counts.ended_institutions, 1);
    assert.equal(ch.counts.standards_lost, 1);
    const gone = ch.ended[0];
    assert.equal(gone.name, '神栖架空ファミリー診療所');
    assert.deepEqual(gone.lost.map((s) => s.code), ['zaishin_conventional']);
    assert.deepEqual(gone.filings_ended, ['支援診3']);
    const renamed = ch.changed.find((x) => x.name === '潮来みらい在宅クリニック本院');
    assert.deepEqual(renamed.fields.map((f) => [f.field, f.before, f.after]),
      [['name', '潮来みらい在宅クリニック', '潮来みらい在宅クリニック本院']]);
    const hosp = ch.changed.find((x) => x.name === '鹿嶋架空総合病院');
    assert.deepEqual(hosp.fields.map((f) => [f.field, f.before, f.after]), [['phone', '0299-00-0001', '0299-00-9999']]);
    c = await post('bureau_next_month.csv', `confirm=${ch.registry_hash}&file_name=next.csv`);
    assert.equal(c.status, 200, JSON.stringify(c.json));
    const clinic = (await api('GET', `/api/v1/facilities/${gone.id}`)).json;
    assert.deepEqual(clinic.standards, [], 'a clinic absent from the list no longer keeps its 在支診');
    assert.deepEqual(clinic.filings, []);
    assert.equal(clinic.filings_ended[0].symbol, '支援診3');
    assert.equal(clinic.filings_ended[0].ended_on, '2024-12-01');
    assert.equal(clinic.filings_ended[0].standard, 'zaishin_conventional');
    // the unchanged institutions kept their updated_at
    const now = (await api('GET', '/api/v1/facilities?limit=100')).json.items;
    const untouched = now.filter((f) => f.name === '行方架空内科医院' || f.name === '大洗架空薬局');
    for (const f of untouched) assert.equal(f.updated_at, before.find((b) => b.id === f.id).updated_at);

    // the audit trail names what changed per institution
    const audit = (await api('GET', `/api/v1/audit?object_type=facility&object_id=${hosp.id}&limit=5`)).json;
    const row = audit.items.find((a) => a.action === 'import_update');
    assert.ok(row, JSON.stringify(audit));
    assert.deepEqual(row.before, { phone: '0299-00-0001' });
    assert.deepEqual(row.after, { phone: '0299-00-9999' });

    // 4. the records: file, hash, who, the list's date; the latest as 和暦 for the registry page
    const recs = (await api('GET', '/api/v1/imports?kind=facility-standards')).json.items;
    assert.equal(recs.length, 3);
    assert.equal(recs[0].file_name, 'next.csv');
    assert.equal(recs[0].as_of, '2024-12-01');
    assert.equal(recs[0].ended, 1);
    assert.equal(recs[0].standards_lost, 1);
    assert.equal(recs[2].file_name, '茨城_医科_11月.csv');
    assert.equal(recs[2].sha256, sha);
    assert.match(recs[2].actor_name, /^t-admin-/);
    const latest = await fetch(srv.base + '/api/v1/imports/latest').then((r) => r.json());
    assert.equal(latest.facility_standards.as_of_wareki, '令和6年12月1日');
  });
});

test('the コード内容別医療機関一覧表: every insured institution, 施設基準 kept, the rest reported', async () => {
  await withServer({}, async ({ srv, auth, api }) => {
    const post = (kind, file, q, type = 'text/csv') => fetch(`${srv.base}/api/v1/imports/${kind}?${q}`, {
      method: 'POST', headers: { ...auth, 'Content-Type': type }, body: readFileSync(data(file)),
    }).then(async (r) => ({ status: r.status, json: await r.json() }));
    const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    assert.equal((await post('facility-standards', 'bureau_kanto_cp932.csv', '')).status, 200);
    const p = await post('code-list', 'code_list_kinki.xlsx', 'dry_run=1', XLSX);
    assert.equal(p.status, 200, JSON.stringify(p.json));
    assert.equal(p.json.as_of_wareki, '令和8年7月1日');
    const c = p.json.changes;
    assert.deepEqual([c.counts.new, c.counts.unchanged, c.counts.not_listed, c.counts.suspended], [3, 2, 2, 1]);
    assert.deepEqual(c.new.map((n) => n.name).sort(), ['潮来架空内科医院', '潮来架空整形外科', '鹿嶋架空眼科クリニック'].sort());
    assert.deepEqual(c.not_listed.map((n) => n.name).sort(), ['神栖架空ファミリー診療所', '行方架空内科医院'].sort());
    const ok = await post('code-list', 'code_list_kinki.xlsx', `confirm=${c.registry_hash}&sha256=${c.file_sha256}&file_name=kinki.xlsx`, XLSX);
    assert.equal(ok.status, 200, JSON.stringify(ok.json));
    // the clinics that do no home care yet are in the registry now; the 施設基準 of the others stay
    const eye = (await api('GET', '/api/v1/facilities?q=' + encodeURIComponent('鹿嶋架空眼科'))).json.items[0];
    assert.equal(eye.kind, 'clinic');
    assert.equal(eye.municipality, '082228');
    assert.deepEqual(eye.standards, []);
    const gone = (await api('GET', '/api/v1/facilities?q=' + encodeURIComponent('神栖架空ファミリー'))).json.items[0];
    assert.deepEqual(gone.standards, ['zaishin_conventional'], 'a code list never ends a 施設基準');
    const recs = (await api('GET', '/api/v1/imports?kind=code-list')).json.items;
    assert.equal(recs[0].file_name, 'kinki.xlsx');
    assert.equal(recs[0].inserted, 3);
    // the 北海道 layout names no prefecture in its title: asked for, then given
    let h = await post('code-list', 'code_list_hokkaido.csv', 'dry_run=1');
    assert.equal(h.status, 422);
    assert.match(h.json.errors[0].message, /都道府県が分かりません/);
    h = await post('code-list', 'code_list_hokkaido.csv', 'dry_run=1&prefecture=01');
    assert.equal(h.status, 200, JSON.stringify(h.json));
    assert.equal(h.json.changes.counts.new, 2);
    assert.equal((await post('code-list', 'code_list_hokkaido.csv', 'prefecture=99')).status, 400);
  });
});
