// The coordinator's surveys (issue 18 §1, seed 002 STEP1 地域の現状把握): the list of the district's
// surveys and a new one from a shipped template (the seed's clinic questionnaire, the post-training
// questionnaire). The API decides who may do what (survey_read, survey_write).
import { api, el, errorMessage, may, requireCan, showError, start } from './common.js';

start(async () => {
  const s = await requireCan('survey_read', 'アンケート');
  if (!s) return;
  if (may(s, 'survey_write')) {
    const t = await api('GET', '/api/v1/survey-templates');
    if (t.status === 200) {
      document.getElementById('c-template').replaceChildren(...t.json.map((x) => el('option', { value: x.name }, x.title)));
      document.getElementById('create-panel').hidden = false;
    }
    document.getElementById('create-form').addEventListener('submit', async (ev) => {
      ev.preventDefault();
      const body = { template: document.getElementById('c-template').value };
      const title = document.getElementById('c-title').value.trim();
      if (title) body.title = title;
      const r = await api('POST', '/api/v1/surveys', body);
      if (r.status !== 201) { showError(errorMessage(r)); return; }
      location.assign(`/survey?id=${r.json.id}`);
    });
  }
  const r = await api('GET', '/api/v1/surveys');
  if (r.status !== 200) { showError(errorMessage(r)); return; }
  const rows = r.json.surveys.map((x) => el('tr', {},
    el('td', {}, el('a', { href: `/survey?id=${x.id}` }, x.title)),
    el('td', {}, x.association_name),
    el('td', {}, x.state_label),
    el('td', {}, `${x.responses}／${x.targets}`),
    el('td', {}, x.expires_on || '—')));
  document.querySelector('#surveys tbody').replaceChildren(...rows);
  document.getElementById('surveys-empty').hidden = rows.length > 0;
});
