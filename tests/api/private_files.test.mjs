// Private files (issue 11 §3; docs/security.md "Private files and keys"): the binary sets umask 077,
// so the database, its WAL and SHM, backups and exports are 0600; key files are created 0600 by
// init; TOTP secrets are sealed with the secret key (never plaintext in the database file), older
// plaintext secrets are sealed on open, and a missing or foreign key file is refused with what to do.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, readdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { tempDb, startServer, api, run, totp, sqlCli } from './lib.mjs';

const sql = (db, q) => spawnSync(...sqlCli(db, q), { encoding: 'utf8' }).stdout.trim();
const mode = (p) => statSync(p).mode & 0o777;
const PW = 'correct horse battery';
const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

/** Every file the database consists of (main, -wal, -shm) as one buffer, to look for a text. */
function dbBytes(db) {
  return Buffer.concat(['', '-wal', '-shm'].filter((s) => existsSync(db + s)).map((s) => readFileSync(db + s)));
}

test('database, WAL, SHM, key files, backups and exports are created 0600', async () => {
  const old = process.umask(0o022); // what a default shell gives; the binary narrows it itself
  const t = tempDb({ demo: true });
  try {
    for (const f of ['z.db', 'z.db.audit-key', 'z.db.secret-key']) assert.equal(mode(join(t.dir, f)), 0o600, f);
    const srv = await startServer(t.db);
    try {
      const r = await api(srv.base, 'GET', '/api/v1/health');
      assert.equal(r.status, 200);
      assert.ok(existsSync(t.db + '-wal') && existsSync(t.db + '-shm'), 'the server holds the database in WAL mode');
      assert.equal(mode(t.db + '-wal'), 0o600);
      assert.equal(mode(t.db + '-shm'), 0o600);
      const backup = join(t.dir, 'b.db');
      assert.equal(run(t.db, ['backup', backup]).status, 0);
      assert.equal(mode(backup), 0o600);
      for (const args of [['audit', 'export', '--output', join(t.dir, 'a.csv')],
        ['export', 'facilities', '--format', 'csv', '--output', join(t.dir, 'f.csv')],
        ['audit', 'checkpoints', 'export', '--output', join(t.dir, 'cp.json')]]) {
        const r2 = run(t.db, args);
        assert.equal(r2.status, 0, args.join(' ') + ': ' + r2.stderr);
        assert.equal(mode(args.at(-1)), 0o600, args.join(' '));
      }
    } finally {
      await srv.stop();
    }
    const left = readdirSync(t.dir).filter((f) => !/\.(csv|json)$/.test(f));
    for (const f of left) assert.equal(mode(join(t.dir, f)), 0o600, f);
  } finally {
    process.umask(old);
    t.cleanup();
  }
});

test('TOTP secrets are sealed at rest: no plaintext secret in the database files', () => {
  const t = tempDb({ demo: true });
  try {
    const secrets = sql(t.db, 'SELECT totp_secret FROM account WHERE totp_secret IS NOT NULL').split('\n').filter(Boolean);
    assert.ok(secrets.length >= 3, 'init admin and demo admins are enrolled');
    for (const s of secrets) assert.match(s, /^v1:[A-Za-z0-9+/=]+$/);
    // The published demo secrets and the admin's printed one appear nowhere in the files.
    const t2 = tempDb();
    try {
      const init = run(join(t2.dir, 'y.db'), ['init']);
      const printed = /TOTP secret: ([A-Z2-7]+)/.exec(init.stdout)[1];
      const d = run(join(t2.dir, 'y.db'), ['demo']);
      assert.equal(d.status, 0, d.stderr);
      const published = [...d.stdout.matchAll(/TOTP secret ([A-Z2-7]{16,})/g)].map((m) => m[1]);
      assert.ok(published.length >= 1, d.stdout);
      const bytes = dbBytes(join(t2.dir, 'y.db'));
      for (const s of [printed, ...published]) assert.equal(bytes.includes(s), false, `${s} found in the database files`);
    } finally {
      t2.cleanup();
    }
  } finally {
    t.cleanup();
  }
});

test('a plaintext secret left by an older version is sealed on open, and TOTP sign-in still works', async () => {
  const t = tempDb();
  try {
    let r = run(t.db, ['user', 'add', 'old-adm', '--role', 'admin', '--password-stdin'], { input: PW + '\n' });
    assert.equal(r.status, 0, r.stderr);
    // What a database of the previous version holds: the base32 secret in clear.
    sql(t.db, `UPDATE account SET totp_secret = '${SECRET}' WHERE username = 'old-adm'`);
    assert.ok(dbBytes(t.db).includes(SECRET));
    r = run(t.db, ['user', 'list']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(sql(t.db, "SELECT totp_secret FROM account WHERE username = 'old-adm'"), /^v1:/);
    assert.equal(dbBytes(t.db).includes(SECRET), false, 'no copy left in the pages or the WAL');
    assert.match(sql(t.db, "SELECT action || ' ' || after_json FROM audit_log ORDER BY id DESC LIMIT 1"), /^encrypt .*accounts_sealed/);
    const srv = await startServer(t.db);
    try {
      const s = await api(srv.base, 'POST', '/api/v1/session', { username: 'old-adm', password: PW, totp: totp(SECRET) });
      assert.equal(s.status, 200, s.text);
    } finally {
      await srv.stop();
    }
  } finally {
    t.cleanup();
  }
});

test('a missing or foreign key file is refused with what to do; init never replaces a recorded key', () => {
  const t = tempDb();
  const other = tempDb();
  try {
    renameSync(t.db + '.secret-key', join(t.dir, 'kept-secret-key'));
    let r = run(t.db, ['user', 'list']);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /z\.db\.secret-key/);
    assert.match(r.stderr, /バックアップから戻す|restore it/);
    r = run(t.db, ['init']);
    assert.equal(r.status, 1, 'init does not make a new key for a database that recorded one');
    assert.equal(existsSync(t.db + '.secret-key'), false);
    // Another database's key file: refused.
    copyFileSync(other.db + '.secret-key', t.db + '.secret-key');
    r = run(t.db, ['user', 'list']);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /このデータベースの鍵ではありません|belongs to another database/);
    // The right one given by --secret-key (and the environment variable) works.
    assert.equal(run(t.db, ['--secret-key', join(t.dir, 'kept-secret-key'), 'user', 'list']).status, 0);
    r = run(t.db, ['user', 'list'], { env: { ...process.env, ZAITAKU_SECRET_KEY: join(t.dir, 'kept-secret-key') } });
    assert.equal(r.status, 0, r.stderr);
    // A key file readable by others is refused.
    const loose = join(t.dir, 'loose-key');
    copyFileSync(join(t.dir, 'kept-secret-key'), loose);
    spawnSync('chmod', ['644', loose]);
    r = run(t.db, ['--secret-key', loose, 'user', 'list']);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /chmod 600/);
  } finally {
    t.cleanup();
    other.cleanup();
  }
});

test('a database from before the key files: serve says to run init, init creates them', () => {
  const t = tempDb();
  try {
    // As the previous version left it: no key files, nothing recorded, nothing sealed.
    sql(t.db, "DELETE FROM key_info; UPDATE account SET totp_secret = NULL;");
    for (const k of ['.audit-key', '.secret-key']) renameSync(t.db + k, t.db + k + '.gone');
    let r = run(t.db, ['serve', '--listen', '127.0.0.1:1']);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /init/);
    r = run(t.db, ['init', '--if-absent']);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(mode(t.db + '.audit-key'), 0o600);
    assert.equal(mode(t.db + '.secret-key'), 0o600);
    assert.equal(run(t.db, ['user', 'list']).status, 0);
  } finally {
    t.cleanup();
  }
});
