/**
 * Enhancements of /employers. The page works without this script; with it:
 * - the live "your offer sits at the Nth percentile" while pay, settings and location are typed;
 * - the API key leaves the form body: forms marked data-auth-form are sent with fetch, the key
 *   in an `Authorization: Bearer` header only, and the answer replaces the page's <main>; the key
 *   is kept in this page's memory (never in storage) to fill the next form;
 * - a copy button for a new key, and focus on an error summary.
 */

let rememberedKey = '';

function debounce<A extends unknown[]>(fn: (...args: A) => void, ms: number): (...args: A) => void {
  let timer: number | undefined;
  return (...args: A) => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => fn(...args), ms);
  };
}

function setupMarket(root: ParentNode): void {
  const form = root.querySelector<HTMLFormElement>('form[data-market-form]');
  const out = root.querySelector<HTMLElement>('[data-market-output]');
  if (!form || !out) return;
  out.hidden = false;
  let asked = 0;
  const ask = async () => {
    const data = new FormData(form);
    const q = new URLSearchParams();
    const text = (v: FormDataEntryValue | null) => (typeof v === 'string' ? v : '');
    for (const name of ['payMin', 'payMax', 'payPeriod', 'location']) q.set(name, text(data.get(name)));
    for (const s of data.getAll('settings')) q.append('setting', text(s));
    if (!q.get('payMin')) {
      out.textContent = 'Enter the pay, settings and location to see where your offer sits among comparable postings.';
      return;
    }
    const mine = ++asked;
    try {
      const res = await fetch(`/employers/market-position?${q.toString()}`, { headers: { accept: 'application/json' } });
      const body = (await res.json()) as { sentence?: string; error?: string };
      if (mine !== asked) return; // a newer answer is on its way
      out.textContent = body.sentence ?? `To see where your offer sits: ${body.error ?? 'check the pay'}.`;
    } catch {
      if (mine === asked) out.textContent = 'The comparison is not available right now.';
    }
  };
  const update = debounce(() => void ask(), 300);
  form.addEventListener('input', (e) => {
    if ((e.target as HTMLElement).hasAttribute('data-market-input')) update();
  });
  form.addEventListener('change', (e) => {
    if ((e.target as HTMLElement).hasAttribute('data-market-input')) update();
  });
  update();
}

function setupAuthForms(root: ParentNode): void {
  for (const form of root.querySelectorAll<HTMLFormElement>('form[data-auth-form]')) {
    const keyField = form.querySelector<HTMLInputElement>('input[data-api-key]');
    if (keyField && rememberedKey && !keyField.value) keyField.value = rememberedKey;
    form.addEventListener('submit', (event) => {
      const field = form.querySelector<HTMLInputElement>('input[data-api-key]');
      const key = field?.value.trim() ?? '';
      if (!key) return; // let the server say the key is missing, next to the field
      event.preventDefault();
      rememberedKey = key;
      const body = new URLSearchParams();
      for (const [name, value] of new FormData(form)) if (name !== 'apiKey' && typeof value === 'string') body.append(name, value);
      const button = form.querySelector<HTMLButtonElement>('button[type=submit]');
      if (button) button.disabled = true;
      void fetch(form.action, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-www-form-urlencoded' },
        body,
        credentials: 'same-origin',
      })
        .then(async (res) => {
          const doc = new DOMParser().parseFromString(await res.text(), 'text/html');
          const next = doc.querySelector('main');
          const current = document.querySelector('main');
          if (!next || !current) throw new Error('no page in the answer');
          current.replaceWith(next);
          document.title = doc.title;
          enhance(next);
          const summary = next.querySelector<HTMLElement>('[data-error-summary]');
          const status = next.querySelector<HTMLElement>('.success-panel');
          (summary ?? status ?? next).focus();
          if (!summary && status) status.setAttribute('tabindex', '-1');
          window.scrollTo(0, 0);
        })
        .catch(() => {
          // Fall back to the plain form post (the key then goes in the form body, as without JavaScript).
          if (button) button.disabled = false;
          form.submit();
        });
    });
  }
}

function setupCopy(root: ParentNode): void {
  const button = root.querySelector<HTMLButtonElement>('[data-copy-key]');
  const value = root.querySelector<HTMLInputElement>('[data-key-value]');
  const status = root.querySelector<HTMLElement>('[data-copy-status]');
  if (!button || !value) return;
  button.hidden = false;
  button.addEventListener('click', () => {
    const done = (ok: boolean) => {
      if (status) status.textContent = ok ? 'Copied. Paste it somewhere safe.' : 'Could not copy: select the key and copy it.';
    };
    if (navigator.clipboard) {
      navigator.clipboard.writeText(value.value).then(
        () => done(true),
        () => done(false),
      );
    } else {
      value.select();
      done(document.execCommand('copy'));
    }
  });
}

function enhance(root: ParentNode): void {
  setupMarket(root);
  setupAuthForms(root);
  setupCopy(root);
}

enhance(document);
const summary = document.querySelector<HTMLElement>('[data-error-summary]');
summary?.focus();
