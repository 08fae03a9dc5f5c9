// /signin — sign in with username, password and (admin, prefecture: mandatory) a TOTP code.
// POST /api/v1/session sets the HttpOnly session cookie; then back to ?next= (same site only).
import { start, api, errorMessage, showError, clearAlert } from './common.js';

function nextPage() {
  const n = new URLSearchParams(location.search).get('next') || '/';
  return n.startsWith('/') && !n.startsWith('//') ? n : '/';
}

start(() => {
  const form = document.getElementById('signin');
  const button = document.getElementById('signin-submit');
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearAlert();
    for (const i of form.querySelectorAll('[aria-invalid]')) i.removeAttribute('aria-invalid');
    const body = { username: form.username.value.trim(), password: form.password.value };
    if (form.totp.value.trim()) body.totp = form.totp.value.trim();
    button.disabled = true;
    const r = await api('POST', '/api/v1/session', body);
    button.disabled = false;
    if (r.status === 200) {
      location.assign(nextPage());
      return;
    }
    showError(errorMessage(r));
    const field = r.json && r.json.error && r.json.error.field;
    const input = field && form.querySelector(`[name="${field}"]`);
    if (input) {
      input.setAttribute('aria-invalid', 'true');
      input.focus();
    }
  });
});
