// docs/api.md documents exactly the routes of the route table in src/http/routes.c (issue 2 §7:
// "documented with examples in docs/api.md"), one heading per route: "### METHOD /path".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './lib.mjs';

const METHODS = 'GET|HEAD|POST|PUT|PATCH|DELETE';

/** Routes of the `routes[]` table: "METHOD /path" strings, comments stripped. */
export function tableRoutes(src) {
  const code = src.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/[^\n]*/g, '');
  const start = code.search(/const\s+struct\s+route\s+routes\s*\[\s*\]\s*=\s*\{/);
  assert.ok(start >= 0, 'routes[] table found in src/http/routes.c');
  const end = code.indexOf('};', start);
  const table = code.slice(start, end);
  const re = new RegExp(`\\{\\s*"(${METHODS})"\\s*,\\s*"([^"]+)"`, 'g');
  return [...table.matchAll(re)].map((m) => `${m[1]} ${m[2]}`);
}

/** Headings "### METHOD /path" of the doc. */
export function docRoutes(md) {
  const re = new RegExp(`^###\\s+(${METHODS})\\s+(/\\S+)\\s*$`, 'gm');
  return [...md.matchAll(re)].map((m) => `${m[1]} ${m[2]}`);
}

const dupes = (xs) => xs.filter((x, i) => xs.indexOf(x) !== i);

test('the parsers read the formats they are meant for', () => {
  const src = 'const struct route routes[] = {\n\t{"GET", "/api/v1/a/{id}", h_a, ROUTE_PUBLIC, 0},\n' +
    '\t/* {"POST", "/api/v1/old", h_old, ROUTE_SIGNED, 0}, */\n\t{"DELETE", "/api/v1/a/{id}", h_d, ROUTE_SIGNED, 0},\n};\n' +
    'static const char *x[] = {"GET", "/not/a/route"};';
  assert.deepEqual(tableRoutes(src), ['GET /api/v1/a/{id}', 'DELETE /api/v1/a/{id}']);
  assert.deepEqual(docRoutes('# t\n### GET /api/v1/a/{id}\ntext ### GET /no\n#### GET /api/v1/deeper\n### DELETE /api/v1/a/{id}\n'),
    ['GET /api/v1/a/{id}', 'DELETE /api/v1/a/{id}']);
});

test('every route of src/http/routes.c is documented in docs/api.md, and nothing else', () => {
  const table = tableRoutes(readFileSync(join(ROOT, 'src/http/routes.c'), 'utf8'));
  const doc = docRoutes(readFileSync(join(ROOT, 'docs/api.md'), 'utf8'));
  assert.ok(table.length >= 12, `route table parsed (${table.length} routes)`);
  assert.deepEqual(dupes(table), [], 'route table has no duplicates');
  assert.deepEqual(dupes(doc), [], 'docs/api.md has one heading per route');
  const missing = table.filter((r) => !doc.includes(r));
  const stale = doc.filter((r) => !table.includes(r));
  assert.deepEqual(missing, [], 'routes missing from docs/api.md (add a "### METHOD /path" section)');
  assert.deepEqual(stale, [], 'docs/api.md lists routes that are not in src/http/routes.c');
});
