// Browser test of the patient forms (issue 14 §9): a coordinator searches the patient list, registers
// a patient with every field of the record (a bad kana named beside its field), lands on the
// patient's page, sets the care team, sees the validation problem of a 副主治医 of the same
// institution beside the field, fixes it and saves; the team's problems then stand beside their
// fields. Screenshots: $ZAITAKU_SHOTS/zaitaku-forms-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { browserFixture, newPage } from './lib.mjs';

let fx, p, group;

before(async () => {
  fx = await browserFixture({ demo: true, role: 'coordinator' });
  const list = await fx.api('GET', '/api/v1/patients');
  const hanako = list.json.items.find((x) => x.name.startsWith('鹿嶋 花子'));
  group = (await fx.api('GET', `/api/v1/patients/${hanako.id}`)).json.team.group_id;
  p = await newPage(fx.browser, fx.srv.base, { headers: fx.auth, shots: 'zaitaku-forms-' });
});
after(() => fx?.close());

test('the list searches by kana (hiragana finds katakana) and by municipality, and pages', async () => {
  await p.open('/patients');
  const all = await p.page.locator('#patients tbody tr').count();
  assert.ok(all >= 3);
  await p.page.fill('#s-q', 'かしま はなこ');
  await p.page.click('#s-go');
  await p.page.waitForFunction(() => document.querySelectorAll('#patients tbody tr').length === 1);
  assert.match(await p.page.textContent('#patients tbody'), /鹿嶋 花子/);
  assert.match(await p.page.textContent('#count'), /^1件/);
  await p.page.fill('#s-q', '');
  await p.page.selectOption('#s-muni', '082228');
  await p.page.click('#s-go');
  await p.page.waitForFunction(() => new URLSearchParams(location.search).get('municipality') === '082228');
  assert.ok(await p.page.locator('#patients tbody tr').count() >= 1);
  const r = await fx.api('GET', '/api/v1/patients?limit=1&offset=1');
  assert.equal(r.json.items.length, 1);
  assert.ok(r.json.total >= 3);
  p.noErrors();
});

test('a coordinator registers a patient and the team, sees a validation problem, fixes it and saves', async () => {
  await p.open('/patients');
  await p.page.click('#new-patient');
  await p.page.waitForSelector('#create-form #f-name');
  const f = (name, v) => p.page.fill(`#create-form [name="${name}"]`, v);
  await f('name', '架空 一郎（フォーム試験）');
  await f('kana', 'かくう');            // hiragana: refused, beside the field
  await f('birth_date', '1938-05-05');
  await p.page.selectOption('#create-form [name="sex"]', 'male');
  await f('postal_code', '314-0031');
  await f('address', '茨城県鹿嶋市宮中2-2（架空）');
  await p.page.selectOption('#create-form [name="municipality"]', '082228');
  await f('lat', '35.9660');
  await f('lon', '140.6440');
  await p.page.selectOption('#create-form [name="coord_source"]', 'manual');
  await f('coord_precision', '番地');
  await f('coord_date', '2026-11-01');
  await f('phone', '0299-00-1111');
  await f('family_name', '架空 花子');
  await f('family_relation', '妻');
  await f('family_phone', '090-0000-1111');
  await p.page.selectOption('#create-form [name="care_level"]', 'care3');
  await p.page.check('#create-form input[name="devices"][value="oxygen"]');
  await f('allergies', 'なし');
  await p.page.selectOption('#create-form [name="acp_home_death"]', 'wishes');
  await f('acp_recorded_on', '2026-11-02');
  await f('acp_recorded_by', '架空 看護師');
  await p.page.check('#f-fictional');
  await p.page.click('#p-save');
  await p.page.waitForSelector('.field[data-field="kana"] .field-error');
  assert.match(await p.page.textContent('.field[data-field="kana"] .field-error'), /全角カタカナ/);
  assert.equal(await p.page.getAttribute('#f-kana', 'aria-invalid'), 'true');
  await p.shot('create-error');
  await f('kana', 'カクウ イチロウ');
  await Promise.all([p.page.waitForURL(/\/patient\?id=\d+/), p.page.click('#p-save')]);
  await p.ready();
  const id = Number(new URL(p.page.url()).searchParams.get('id'));
  await p.page.waitForSelector('#team-editor:not([hidden]) #f-group_id');
  assert.match(await p.page.textContent('#page-alert'), /登録しました/);
  // The team: the group, 主治医 at clinic A, 副主治医 of the same clinic — refused beside the field.
  await p.page.selectOption('#f-group_id', String(group));
  await p.page.waitForFunction(() => document.querySelectorAll('#f-primary_institution_id optgroup').length >= 1);
  const members = (await fx.api('GET', `/api/v1/groups/${group}`)).json.members;
  const clinics = members.filter((m) => m.kind === 'clinic');
  await p.page.selectOption('#f-primary_institution_id', String(clinics[0].institution_id));
  await p.page.waitForFunction(() => document.querySelectorAll('#f-primary_practitioner_id option').length > 1);
  await p.page.selectOption('#f-primary_practitioner_id', { index: 1 });
  await p.page.selectOption('#f-secondary_institution_id', String(clinics[0].institution_id));
  await p.page.click('#team-save');
  const err = '.field[data-field="secondary_institution_id"] .field-error';
  await p.page.waitForSelector(err);
  assert.match(await p.page.textContent(err), /副主治医は主治医と別の医療機関/);
  assert.match(await p.page.textContent(err), /secondary_same_institution/);
  await p.shot('team-problem');
  p.noErrors();
  // Fixed: a 副主治医 of the other clinic of the group; a nurse station; saved.
  await p.page.selectOption('#f-secondary_institution_id', String(clinics[1].institution_id));
  const ns = members.find((m) => m.kind === 'nurse_station');
  if (ns) await p.page.selectOption('#f-nurse_station_id', String(ns.institution_id));
  await p.page.click('#team-save');
  await p.page.waitForSelector('#page-alert.alert-info');
  assert.match(await p.page.textContent('#page-alert'), /ケアチームを保存しました/);
  assert.equal(await p.page.locator(err).count(), 0);
  assert.match(await p.page.textContent('#team'), new RegExp(clinics[1].name));
  const v = (await fx.api('GET', `/api/v1/patients/${id}`)).json;
  assert.equal(v.team.secondary_institution.id, clinics[1].institution_id);
  assert.equal(v.kana, 'カクウ イチロウ');
  assert.deepEqual(v.devices.map((d) => d.code), ['oxygen']);
  assert.equal(v.acp.recorded_by, '架空 看護師');
  assert.equal(v.coord_source, 'manual');
  // Problems that remain are shown beside their fields too (e.g. no 在後病 registration is not a field problem).
  for (const x of v.team.problems.filter((x) => ['secondary_institution_id', 'nurse_station_id', 'primary_institution_id'].includes(x.field)))
    assert.ok(await p.page.locator(`.field[data-field="${x.field}"] .field-error[data-code="${x.code}"]`).count() === 1, x.code);
  await p.shot('team-saved');
  p.noErrors();
  // The call chain of the new patient follows the team.
  const c = await fx.api('GET', `/api/v1/patients/${id}/call-chain?at=2030-12-17T10:00:00%2B09:00`);
  assert.equal(c.json.steps[0].reason, 'primary_in_hours');
});

test('the 在後病 registration ends with a date and a reason (named beside the field when missing)', async () => {
  const list = await fx.api('GET', '/api/v1/patients');
  const hanako = list.json.items.find((x) => x.name.startsWith('鹿嶋 花子'));
  await p.open(`/patient?id=${hanako.id}`);
  await p.page.waitForSelector('#backup-end:not([hidden])');
  await p.page.click('#be-save');
  await p.page.waitForSelector('.field[data-field="reason"] .field-error');
  await p.page.fill('#be-reason', '入院のため');
  await p.page.click('#be-save');
  await p.page.waitForSelector('#page-alert.alert-info');
  assert.match(await p.page.textContent('#backup-list'), /終了: 入院のため/);
  assert.ok(await p.page.isHidden('#backup-end'));
  assert.match(await p.page.textContent('#team'), /在宅療養後方支援病院未登録/);
  p.noErrors();
  // Registered again for the rest of the file.
  const regs = (await fx.api('GET', `/api/v1/patients/${hanako.id}/backup-registrations`)).json.items;
  const r = await fx.api('POST', `/api/v1/patients/${hanako.id}/backup-registrations`, { hospital_id: regs[0].hospital_id, registered_on: regs[0].ended_on });
  assert.equal(r.status, 201, r.text);
});

test('an absence is ended early on the absence page; the duty substitution outside the period ends', async () => {
  const list = await fx.api('GET', '/api/v1/patients');
  const hanako = list.json.items.find((x) => x.name.startsWith('鹿嶋 花子'));
  const team = (await fx.api('GET', `/api/v1/patients/${hanako.id}`)).json.team;
  let r = await fx.api('POST', `/api/v1/groups/${group}/duties`, { date: '2032-06-10', type: 'weekday_night', practitioner_id: team.primary.id });
  assert.equal(r.status, 201, r.text);
  const duty = r.json.id;
  r = await fx.api('POST', '/api/v1/absences', { practitioner_id: team.primary.id, starts_on: '2032-06-07', ends_on: '2032-06-12', reason: '研修' });
  assert.equal(r.status, 201, r.text);
  const ab = r.json.id;
  const plan = (await fx.api('GET', `/api/v1/absences/${ab}/substitutes`)).json;
  const d = plan.items.find((x) => x.kind === 'duty' && x.duty.id === duty);
  r = await fx.api('POST', `/api/v1/absences/${ab}/substitutions`, { duty_id: duty, practitioner_id: d.substitutes[0].practitioner_id });
  assert.equal(r.status, 201, r.text);
  await p.open(`/absence?id=${ab}`);
  await p.page.waitForSelector(`.plan-item[data-key="duty:${duty}"]`);
  await p.page.click('#edit-panel summary');
  await p.page.fill('#ed-to', '2032-06-01'); // before the start: refused, the field named
  await p.page.click('#ed-save');
  await p.page.waitForSelector('#page-alert.alert-error');
  assert.ok(await p.page.locator('#edit-form .field.has-error[data-field="ends_on"] .field-error').count() === 1);
  assert.equal(await p.page.getAttribute('#ed-to', 'aria-invalid'), 'true');
  await p.page.fill('#ed-to', '2032-06-08');
  await p.page.click('#ed-save');
  await p.page.waitForSelector('#page-alert.alert-info');
  assert.match(await p.page.textContent('#page-alert'), /代診 1 件を終了/);
  assert.match(await p.page.textContent('#plan-head'), /2032-06-07〜2032-06-08/);
  assert.equal(await p.page.locator(`.plan-item[data-key="duty:${duty}"]`).count(), 0);
  await p.shot('absence-ended');
  p.noErrors();
});

test('a coordinator sets the district rules (青葉区) and a hospital night duty; the call chain follows', async () => {
  const list = await fx.api('GET', '/api/v1/patients');
  const hanako = list.json.items.find((x) => x.name.startsWith('鹿嶋 花子'));
  await p.open('/patients');
  await p.page.click('#rules-link');
  await p.ready();
  await p.open(`/network-rules?group=${group}`);
  assert.equal(await p.page.inputValue('#rg-group'), String(group));
  assert.ok(await p.page.isChecked('#r-discharge'), 'the 柏市 rule is the default');
  await p.page.check('#r-acute');
  await p.page.click('#rules-save');
  await p.page.waitForSelector('#page-alert.alert-info');
  const members = (await fx.api('GET', `/api/v1/groups/${group}`)).json.members;
  const hs = (await fx.api('GET', '/api/v1/facilities?kind=hospital&municipality=082228&limit=50')).json.items;
  const acute = hs.find((h) => !members.some((m) => m.institution_id === h.id));
  await p.page.fill('#hd-date', '2032-07-01');
  await p.page.selectOption('#hd-hospital', String(acute.id));
  await p.page.click('#hd-add');
  await p.page.waitForFunction(() => /当直を保存しました|病院の当直/.test(document.querySelector('#page-alert').textContent));
  await p.page.waitForSelector('#hduty-list button.hd-del');
  assert.match(await p.page.textContent('#hduty-list'), new RegExp(`2032-07-01　${acute.name.replace(/[()（）]/g, '.')}`));
  await p.shot('rules');
  p.noErrors();
  const rules = (await fx.api('GET', `/api/v1/groups/${group}/network-rules`)).json;
  assert.equal(rules.night_acute_first, true);
  const c = (await fx.api('GET', `/api/v1/patients/${hanako.id}/call-chain?at=2032-07-02T01:00:00%2B09:00`)).json;
  const first = c.steps.find((s) => /hospital/.test(s.role));
  assert.equal(first.reason, 'night_acute');
  assert.equal(first.institution_id, acute.id);
  const r = await fx.api('PUT', `/api/v1/groups/${group}/network-rules`, {});
  assert.equal(r.status, 200);
});

test('the beds page lists the history of updates', async () => {
  const members = (await fx.api('GET', `/api/v1/groups/${group}`)).json.members;
  const h = members.find((m) => m.kind === 'hospital').institution_id;
  await p.open(`/beds?id=${h}`);
  await p.page.fill('#r-general', '6');
  await p.page.fill('#f-general', '4');
  await p.page.click('#beds-save');
  await p.page.waitForSelector('#page-alert.alert-info');
  await p.page.waitForFunction(() => /一般病棟 確保 6・空床 4/.test(document.querySelector('#bed-history')?.textContent || ''));
  assert.ok(await p.page.locator('#bed-history li').count() >= 2, 'earlier figures are kept');
  p.noErrors();
});

test('the record of an existing patient is edited in the same form: a bad kana is named, a cleared field stays cleared, the change is saved', async () => {
  const list = await fx.api('GET', '/api/v1/patients?q=' + encodeURIComponent('鹿嶋 花子'));
  const id = list.json.items[0].id;
  assert.equal((await fx.api('PUT', `/api/v1/patients/${id}`, { allergies: 'ペニシリン' })).status, 200);
  const before = (await fx.api('GET', `/api/v1/patients/${id}`)).json;
  await p.open(`/patient?id=${id}`);
  await p.page.click('#record-edit');
  await p.page.waitForSelector('#record-form:not([hidden]) [name=name]');
  assert.equal(await p.page.inputValue('#record-form [name=name]'), before.name);
  assert.equal(await p.page.inputValue('#record-form [name=municipality]'), before.municipality);
  assert.equal(await p.page.isChecked(`#record-form input[name=devices][value="${before.devices[0].code}"]`), true);
  assert.equal(await p.page.inputValue('#record-form [name=allergies]'), 'ペニシリン');
  await p.page.fill('#record-form [name=kana]', 'hanako');
  await p.page.click('#p-save');
  await p.page.waitForSelector('#record-form .field[data-field="kana"] .field-error');
  assert.match(await p.page.textContent('#record-form .field[data-field="kana"]'), /全角カタカナ/);
  await p.page.fill('#record-form [name=kana]', before.kana);
  await p.page.fill('#record-form [name=phone]', '0299-99-0000');
  await p.page.fill('#record-form [name=allergies]', '');
  await p.page.click('#p-save');
  await p.page.waitForFunction(() => /患者の記録を保存しました/.test(document.getElementById('page-alert').textContent));
  assert.match(await p.page.textContent('#record'), /0299-99-0000/);
  const after = (await fx.api('GET', `/api/v1/patients/${id}`)).json;
  assert.equal(after.phone, '0299-99-0000');
  assert.equal(after.allergies, '');
  assert.deepEqual(after.devices, before.devices);
  assert.equal(after.lat, before.lat);
  await p.shot('record-edit');
  p.noErrors();
});
