// The clinic's answer page (issue 18 §1): reached by the personal link /survey/answer?token=…
// (no account), it shows that one survey with the clinic's answers so far and saves them. The token
// is the credential: the page sends it only to /api/v1/survey-links/{token}.
import { api, clearAlert, errorMessage, showError, showNotice, start, fmtDateTime } from './common.js';
import { renderSurveyForm } from './survey-form.js';

start(async () => {
  const token = new URLSearchParams(location.search).get('token') || '';
  if (!/^[0-9a-f]{64}$/.test(token)) {
    showError('このリンクは無効か、回答期限を過ぎています。お手元のURLをご確認ください。');
    return;
  }
  const path = `/api/v1/survey-links/${token}`;
  const r = await api('GET', path);
  if (r.status !== 200) { showError(errorMessage(r)); return; }
  let view = r.json;
  document.getElementById('sa-title').textContent = view.survey.title;
  document.getElementById('sa-assoc').textContent = `${view.survey.association_name}からのアンケート`;
  document.title = `${view.survey.title} — 在宅医療・介護 地域資源`;
  document.getElementById('sa-clinic').textContent = `${view.clinic_name} 様`;
  const meta = () => {
    document.getElementById('sa-meta').textContent = `回答期限: ${view.expires_on}` +
      (view.answered_at ? `　最終回答: ${fmtDateTime(view.answered_at)}` : '　まだ回答していません');
  };
  meta();
  const form = renderSurveyForm(document.getElementById('sa-questions'), view.survey.questions, view.answers, view.notes);
  document.getElementById('sa-panel').hidden = false;
  document.getElementById('sa-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearAlert();
    const btn = document.getElementById('sa-submit');
    btn.disabled = true;
    const res = await api('PUT', path, form.collect());
    btn.disabled = false;
    if (res.status !== 200) {
      showError(errorMessage(res));
      if (res.json && res.json.error) form.markError(res.json.error.field);
      return;
    }
    view = res.json;
    meta();
    showNotice('回答を受け付けました。ご協力ありがとうございました。締切までは修正して再送信できます。');
    document.getElementById('page-alert').scrollIntoView({ block: 'start' });
  });
});
