// Write load for bench/failover.sh: WORKERS loops POST a new institution each, one request at a
// time, for SECONDS; every 2xx reply is an acknowledged write recorded with its id. Afterwards
// every acknowledged id is read back (GET, retried while the server answers 503) and counted lost
// when absent. Prints one line:
//   FAILOVER acked=N lost=N non2xx=N timeouts=N unavailable_s=S outage_first_fail=T outage_503=N
// unavailable_s is the longest gap between two consecutive acknowledged writes (all workers).
// Usage: node bench/failover_load.mjs BASE_URL TOKEN SECONDS WORKERS
const [base, token, secondsArg, workersArg] = process.argv.slice(2);
const seconds = Number(secondsArg || 40), workers = Number(workersArg || 4);
const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
const acked = [];    // {id, at}
const statuses = {}; // non-2xx status → count
let timeouts = 0, neterr = 0;
const failAt = []; // times of refused or unanswered writes
const perSecond = {}; // second of the run → {ok, fail}
const mark = (what) => {
  const sec = Math.floor((Date.now() - t0) / 1000);
  perSecond[sec] = perSecond[sec] || { ok: 0, fail: 0 };
  perSecond[sec][what]++;
};
let firstOther = null; // the first refusal other than 503, with its body
const t0 = Date.now(), end = t0 + seconds * 1000;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function worker(w) {
  for (let n = 0; Date.now() < end; n++) {
    const body = JSON.stringify({ kind: 'clinic', name: `切替試験診療所 ${w}-${n}`, municipality: '082228' });
    try {
      const r = await fetch(`${base}/api/v1/facilities`, { method: 'POST', headers, body, signal: AbortSignal.timeout(5000) });
      const text = await r.text();
      if (r.status >= 200 && r.status < 300) {
        acked.push({ id: JSON.parse(text).id, at: Date.now() });
        mark('ok');
      } else {
        mark('fail');
        if (r.status !== 503 && firstOther === null) firstOther = `${r.status} at ${((Date.now() - t0) / 1000).toFixed(1)} s: ${text}`;
        statuses[r.status] = (statuses[r.status] || 0) + 1;
        failAt.push(Date.now());
        await sleep(100);
      }
    } catch (e) {
      if (e.name === 'TimeoutError') timeouts++; else neterr++;
      failAt.push(Date.now());
      mark('fail');
      await sleep(100);
    }
  }
}

await Promise.all(Array.from({ length: workers }, (_, w) => worker(w)));
const times = acked.map((a) => a.at).sort((a, b) => a - b);
let gap = 0;
for (let i = 1; i < times.length; i++) gap = Math.max(gap, times[i] - times[i - 1]);
let lost = 0;
for (const { id } of acked) {
  for (let attempt = 0; ; attempt++) {
    const r = await fetch(`${base}/api/v1/facilities/${id}`, { headers, signal: AbortSignal.timeout(5000) }).catch(() => null);
    if (r && r.status === 200) { await r.arrayBuffer(); break; }
    if (r && r.status === 404) { lost++; console.error(`lost: institution ${id}`); break; }
    if (r) await r.arrayBuffer();
    if (attempt > 50) { lost++; console.error(`unreadable: institution ${id}`); break; }
    await sleep(200);
  }
}
const non2xx = Object.values(statuses).reduce((a, b) => a + b, 0);
const firstFail = Math.min(...[...failAt, Infinity]);
const before = acked.filter((a) => a.at < firstFail).length;
console.log(`load began at ${new Date(t0).toISOString().slice(11, 19)} UTC`);
console.log(`acknowledged before the first failure: ${before} in ${((firstFail - t0) / 1000).toFixed(1)} s; ` +
  `first failure at ${((firstFail - t0) / 1000).toFixed(1)} s, last at ${((Math.max(...failAt, t0) - t0) / 1000).toFixed(1)} s`);
const secs = Object.keys(perSecond).map(Number).sort((a, b) => a - b);
console.log('per second (ok/refused): ' + secs.map((k) => `${k}:${perSecond[k].ok}/${perSecond[k].fail}`).join(' '));
if (firstOther) console.log(`first refusal other than 503: ${firstOther}`);
console.log(`non-2xx by status: ${JSON.stringify(statuses)}; network errors ${neterr}`);
console.log(`FAILOVER acked=${acked.length} lost=${lost} non2xx=${non2xx} timeouts=${timeouts} ` +
  `unavailable_s=${(gap / 1000).toFixed(1)} writes_per_s=${(acked.length / seconds).toFixed(1)}`);
