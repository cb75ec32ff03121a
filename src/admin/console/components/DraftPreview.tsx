import { useState } from 'preact/hooks';
import type { NluTestResult } from '../../api-types.js';
import { api, explain } from '../lib/api.js';
import { TurnResult } from './TurnResult.js';

/** "Xem thử với bản nháp": a question answered with every unpublished draft applied, nothing sent. */
export function DraftPreview() {
  const [text, setText] = useState('');
  const [result, setResult] = useState<NluTestResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  async function run(e: Event) {
    e.preventDefault();
    if (!text.trim()) return;
    try {
      setResult(await api<NluTestResult>('POST', '/nlu/test', { text, draft: true }));
      setError(null);
    } catch (err) {
      setError(explain(err));
    }
  }
  return (
    <form class="card" onSubmit={(e) => void run(e)}>
      <h3>Xem thử với bản nháp</h3>
      <div class="row">
        <div class="grow field">
          <label for="preview-text">Câu hỏi thử</label>
          <input id="preview-text" placeholder="Ví dụ: lệ phí bao nhiêu" value={text} onInput={(e) => setText(e.currentTarget.value)} />
        </div>
        <button type="submit">Thử</button>
      </div>
      <div id="preview-result" aria-live="polite">
        {error ? <p class="errors">{error}</p> : null}
        {result ? <TurnResult r={result} /> : null}
      </div>
    </form>
  );
}
