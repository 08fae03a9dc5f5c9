// Issue 12 §7 through the real binary: `zaitaku import boundaries` reads 国土数値情報 N03 GeoJSON
// (a tiny hand-made file), stores nothing from a bad one, and GET /api/v1/boundaries serves the
// municipality outlines and the prefecture's outline as GeoJSON.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, run, withServer } from './lib.mjs';

const TINY = join(ROOT, 'tests/data/n03_tiny.geojson');

test('N03 import, then the boundaries of a prefecture as GeoJSON', async () => {
  await withServer({ role: null, prepare: (t) => {
    // a bad file first: a code with no municipality — nothing is stored, the feature is named
    const bad = join(t.dir, 'bad.geojson');
    writeFileSync(bad, JSON.stringify({ type: 'FeatureCollection', features: [
      { type: 'Feature', properties: { N03_007: '08234' }, geometry: { type: 'Polygon', coordinates: [[[140.6, 35.9], [140.7, 35.9], [140.7, 36], [140.6, 35.9]]] } },
      { type: 'Feature', properties: { N03_007: '08999' }, geometry: { type: 'Polygon', coordinates: [[[140.6, 35.9], [140.7, 35.9], [140.7, 36], [140.6, 35.9]]] } }] }));
    let r = run(t.db, ['import', 'boundaries', bad]);
    assert.equal(r.status, 1, r.stdout);
    assert.match(r.stderr, /08999/);
    r = run(t.db, ['import', 'boundaries', TINY]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /市町村 4/);
  } }, async ({ srv }) => {
    const get = async (q) => { const r = await fetch(`${srv.base}/api/v1/boundaries${q}`); return { status: r.status, json: await r.json() }; };
    let r = await get('?prefecture=08');
    assert.equal(r.status, 200);
    assert.equal(r.json.type, 'FeatureCollection');
    const munis = r.json.features.filter((f) => f.properties.kind === 'municipality');
    assert.deepEqual(munis.map((f) => f.properties.code), ['082228', '082236', '082325']); // no 鉾田市 (082341): the bad file stored nothing
    assert.deepEqual(munis.map((f) => f.properties.name), ['鹿嶋市', '潮来市', '神栖市']);
    assert.equal(munis[2].geometry.type, 'MultiPolygon');
    assert.equal(munis[2].geometry.coordinates.length, 2); // 神栖 and its island
    const outline = r.json.features.find((f) => f.properties.kind === 'prefecture');
    assert.equal(outline.properties.code, '08');
    assert.equal(outline.properties.name, '茨城県');
    assert.equal(outline.geometry.type, 'MultiLineString');
    r = await get('?prefecture=12');
    assert.deepEqual(r.json.features.map((f) => f.properties.code), ['122025', '12']);
    r = await get('?prefecture=13');
    assert.deepEqual(r.json.features, []);
    r = await get('');
    assert.equal(r.status, 400);
    assert.equal(r.json.error.field, 'prefecture');
  });
});
