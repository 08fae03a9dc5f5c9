// The Excel round trip from the UI's API (issue 12 §5): the registry (or the current filter)
// exported as XLSX and CSV with Japanese headings and codes as text; one cell edited by a script
// and the file imported back changes exactly that field — the preview says so, the audit shows
// it, every other institution keeps its updated_at; CP932 replaces what it lacks by 〓 and says so.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync, rmSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withServer, execAsync } from './lib.mjs';

/** Runs cmd to completion without blocking the server's replies; throws on failure (as execFileSync did). */
async function sh(cmd, args, opts = {}) {
  const r = await execAsync(cmd, args, opts);
  if (r.status !== 0) throw new Error(`${cmd} exited ${r.status}: ${r.stderr}`);
  return r.stdout;
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function download(srv, auth, path) {
  const r = await fetch(srv.base + path, { headers: auth });
  assert.equal(r.status, 200, path);
  return { headers: r.headers, bytes: Buffer.from(await r.arrayBuffer()) };
}

function upload(srv, auth, query, body, type) {
  return fetch(`${srv.base}/api/v1/imports/facilities?${query}`, {
    method: 'POST', headers: { ...auth, 'Content-Type': type }, body,
  }).then(async (r) => ({ status: r.status, json: await r.json() }));
}

/** Replaces text in the XML parts of an .xlsx (unzip, edit, zip), as a user editing one cell would. */
async function editXlsx(bytes, from, to) {
  const dir = mkdtempSync(join(tmpdir(), 'zt-xlsx-'));
  try {
    writeFileSync(join(dir, 'in.xlsx'), bytes);
    await sh('unzip', ['-q', 'in.xlsx', '-d', 'x'], { cwd: dir });
    let hits = 0;
    for (const part of ['xl/sharedStrings.xml', 'xl/worksheets/sheet1.xml']) {
      const p = join(dir, 'x', part);
      let xml;
      try { xml = readFileSync(p, 'utf8'); } catch { continue; }
      if (xml.includes(from)) { hits++; writeFileSync(p, xml.replace(from, to)); }
    }
    assert.equal(hits, 1, `${from} found once`);
    await sh('zip', ['-q', '-r', '-X', '../out.xlsx', ...readdirSync(join(dir, 'x'))], { cwd: join(dir, 'x') });
    return readFileSync(join(dir, 'out.xlsx'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function checkOneChange(srv, auth, api, body, type, field, before, after) {
  const all0 = (await api('GET', '/api/v1/facilities?limit=500')).json.items;
  const p = await upload(srv, auth, 'dry_run=1', body, type);
  assert.equal(p.status, 200, JSON.stringify(p.json));
  assert.equal(p.json.counts.changed, 1, JSON.stringify(p.json.changed));
  assert.equal(p.json.counts.new, 0);
  assert.equal(p.json.counts.unchanged, all0.length - 1);
  const ch = p.json.changed[0];
  assert.deepEqual(ch.before, { [field]: before });
  assert.deepEqual(ch.after, { [field]: after });
  const c = await upload(srv, auth, `confirm=${p.json.registry_hash}&file_name=edited`, body, type);
  assert.equal(c.status, 200, JSON.stringify(c.json));
  assert.equal(c.json.counts.changed, 1);
  const all1 = (await api('GET', '/api/v1/facilities?limit=500')).json.items;
  for (const f of all1) {
    const old = all0.find((x) => x.id === f.id);
    if (f.id === ch.id) {
      assert.equal(f[field], after);
      const { updated_at: _a, [field]: _b, ...rest1 } = f;
      const { updated_at: _c, [field]: _d, ...rest0 } = old;
      assert.deepEqual(rest1, rest0, 'only the edited field changed');
    } else {
      assert.deepEqual(f, old, 'every other institution untouched (no updated_at churn)');
    }
  }
  const audit = (await api('GET', `/api/v1/audit?object_type=facility&object_id=${ch.id}&limit=5`)).json;
  const row = audit.items.find((a) => a.action === 'update');
  assert.ok(row, JSON.stringify(audit));
  assert.deepEqual(row.before, { [field]: before });
  assert.deepEqual(row.after, { [field]: after });
  return ch.id;
}

test('XLSX and CSV: export, edit one cell, import back: exactly that field changes', async () => {
  await withServer({ demo: true }, async ({ srv, auth, api }) => {
    // XLSX: title with 和暦, Japanese headings, codes as text
    const x = await download(srv, auth, '/api/v1/facilities.xlsx');
    assert.match(x.headers.get('content-type'), /spreadsheetml/);
    const dir = mkdtempSync(join(tmpdir(), 'zt-xlsx-'));
    writeFileSync(join(dir, 'a.xlsx'), x.bytes);
    const strings = await sh('unzip', ['-p', join(dir, 'a.xlsx'), 'xl/sharedStrings.xml']);
    rmSync(dir, { recursive: true, force: true });
    assert.match(strings, /医療機関一覧 令和\d+年\d+月\d+日現在/);
    for (const h of ['ID', '種別', '名称', '医療機関コード', '郵便番号', '施設基準']) assert.ok(strings.includes(`>${h}<`), h);
    assert.ok(strings.includes('>0812110005<'), 'the 医療機関コード is a text cell with its leading zero');
    const edited = await editXlsx(x.bytes, '>0299-00-1003<', '>0299-11-2222<');
    await checkOneChange(srv, auth, api, edited, XLSX, 'phone', '0299-00-1003', '0299-11-2222');
    // the same file again: nothing left to change
    const again = await upload(srv, auth, 'dry_run=1', edited, XLSX);
    assert.equal(again.json.counts.changed, 0);

    // CSV (UTF-8 with BOM): one note edited
    const csv = (await download(srv, auth, '/api/v1/facilities.csv')).bytes;
    assert.deepEqual([...csv.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const text = csv.toString('utf8');
    assert.match(text, /^\uFEFFID,種別,名称,/);
    const editedCsv = Buffer.from(text.replace('小児科外来のみ', '小児科外来のみ（土曜午後休診）'), 'utf8');
    await checkOneChange(srv, auth, api, editedCsv, 'text/csv', 'note', '小児科外来のみ', '小児科外来のみ（土曜午後休診）');

    // Excel dropped the leading zero of a code: read back as the same code, nothing changes
    const noZero = Buffer.from(text.replace(/,0812110005,/, ',812110005,').replace('小児科外来のみ', '小児科外来のみ（土曜午後休診）'), 'utf8');
    const z = await upload(srv, auth, 'dry_run=1', noZero, 'text/csv');
    assert.equal(z.status, 200, JSON.stringify(z.json));
    assert.equal(z.json.counts.changed, 0);

    // a preview made stale by an edit in between is refused (409), nothing stored
    const edit2 = Buffer.from(text.replace('外来のみ（訪問診療なし）', '外来のみ'), 'utf8');
    const p2 = await upload(srv, auth, 'dry_run=1', edit2, 'text/csv');
    await api('PUT', '/api/v1/facilities/1', { note: '割り込み2' });
    const c2 = await upload(srv, auth, `confirm=${p2.json.registry_hash}`, edit2, 'text/csv');
    assert.equal(c2.status, 409);
    assert.equal((await api('GET', '/api/v1/facilities/1')).json.note, '割り込み2');

    // bad cell: line and column named, nothing stored
    const bad = Buffer.from(text.replace(/\r\n2,病院,/, '\r\n2,宇宙船,'), 'utf8');
    const b = await upload(srv, auth, '', bad, 'text/csv');
    assert.equal(b.status, 422);
    assert.equal(b.json.errors[0].line, 3);
    assert.equal(b.json.errors[0].field, 'kind');
  });
});

test('export follows the filter; CP932 replaces what it lacks by 〓 and reports it', async () => {
  await withServer({ demo: true }, async ({ srv, auth, api }) => {
    const r = await api('POST', '/api/v1/facilities', { kind: 'pharmacy', name: '𠮷田薬局', municipality: '082228' });
    assert.equal(r.status, 201, r.text);
    const f = await download(srv, auth, '/api/v1/facilities.csv?kind=pharmacy');
    const rows = f.bytes.toString('utf8').trim().split('\r\n').slice(1);
    assert.ok(rows.length >= 3);
    for (const row of rows) assert.match(row, /^\d+,薬局,/);
    const s = await download(srv, auth, '/api/v1/facilities.csv?kind=pharmacy&encoding=cp932');
    assert.equal(s.headers.get('x-zaitaku-replaced'), '1');
    const line = Number(s.headers.get('x-zaitaku-replaced-lines'));
    const text = new TextDecoder('shift_jis').decode(s.bytes);
    assert.match(text.split('\r\n')[line - 1], /〓田薬局/);
    assert.match(text, /^ID,種別,名称,/);
    // signed-out and non-staff users cannot export
    assert.equal((await fetch(srv.base + '/api/v1/facilities.xlsx')).status, 401);
  });
});
