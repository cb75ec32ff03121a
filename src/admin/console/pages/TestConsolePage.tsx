import { useEffect, useRef, useState } from 'preact/hooks';
import type { ReplyButton } from '../../../dialogue/types.js';
import { EvalCaseBody, type ConversationResult, type EvalCase, type NluTestResult } from '../../api-types.js';
import { formatDateTime } from '../../format-vi.js';
import { ConfirmDialog } from '../components/ConfirmDialog.js';
import { SelectField, TextField } from '../components/inputs.js';
import { LoadState, Page } from '../components/Page.js';
import { TurnResult } from '../components/TurnResult.js';
import { api, explain } from '../lib/api.js';
import { loadProcedureNames, procedureList } from '../lib/names.js';
import { INTENT_WORDS } from '../lib/nlu-words.js';
import { hasRole, say } from '../lib/store.js';
import { useLoad } from '../lib/use-load.js';

interface Turn {
  /** What reaches the bot: typed text, or a button's payload. */
  text: string;
  /** What the citizen did, in words: the text typed, or the button tapped. */
  shown: string;
}

/** A conversation of several turns run exactly as the bot would, each turn explained; saved as an evaluation case. */
export function TestConsolePage() {
  const [turns, setTurns] = useState<Turn[]>([]);
  const [results, setResults] = useState<NluTestResult[]>([]);
  const [text, setText] = useState('');
  const [draft, setDraft] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const cases = useLoad(() => api<{ cases: EvalCase[] }>('GET', '/eval-cases'), []);
  useEffect(() => {
    void loadProcedureNames();
    inputRef.current?.focus();
  }, []);

  async function run(next: Turn[], useDraft = draft) {
    try {
      const res = await api<ConversationResult>('POST', '/nlu/conversation', { turns: next.map((t) => t.text), draft: useDraft });
      setTurns(next);
      setResults(res.turns);
      setError(null);
    } catch (err) {
      setError(explain(err));
    }
  }
  function send(e: Event) {
    e.preventDefault();
    if (!text.trim()) return;
    void run([...turns, { text: text.trim(), shown: text.trim() }]).then(() => setText(''));
    inputRef.current?.focus();
  }
  const tap = (b: ReplyButton & { kind: 'query' }) => void run([...turns, { text: b.payload, shown: `Bấm nút “${b.title}”` }]);

  return (
    <Page title="Thử trợ lý" intro="Gõ như người dân, nhiều lượt liên tiếp trong một cuộc trò chuyện; bấm nút trong câu trả lời để đi tiếp. Không gửi gì cho người dân.">
      <div class="conversation" aria-live="polite" id="test-result">
        {results.map((r, i) => (
          <section class="card turn" key={i} aria-label={`Lượt ${i + 1}`}>
            <h3>Lượt {i + 1}</h3>
            <p class="bubble citizen-bubble">{turns[i]?.shown}</p>
            <TurnResult r={r} onTap={i === results.length - 1 ? tap : undefined} />
          </section>
        ))}
      </div>
      {error ? (
        <p class="errors" role="alert">
          {error}
        </p>
      ) : null}
      <form class="card" onSubmit={send}>
        <div class="row">
          <div class="grow field">
            <label for="test-text">Tin nhắn thử</label>
            <input id="test-text" ref={inputRef} placeholder="Ví dụ: lam cccd can giay to gi" value={text} onInput={(e) => setText(e.currentTarget.value)} />
          </div>
          <button class="primary" type="submit">
            Gửi
          </button>
        </div>
        <div class="row">
          <label class="check-inline">
            <input
              type="checkbox"
              checked={draft}
              onChange={(e) => {
                setDraft(e.currentTarget.checked);
                if (turns.length) void run(turns, e.currentTarget.checked);
              }}
            />{' '}
            Dùng các bản nháp chưa xuất bản
          </label>
          <button type="button" disabled={!turns.length} onClick={() => (setTurns([]), setResults([]))}>
            Cuộc trò chuyện mới
          </button>
          <button type="button" disabled={!turns.length} onClick={() => setSaving(true)}>
            Lưu thành ca kiểm thử…
          </button>
        </div>
      </form>

      <section class="card">
        <h3>Ca kiểm thử đã lưu</h3>
        <LoadState loading={cases.loading && !cases.data} error={cases.error}>
          {cases.data?.cases.length ? (
            <ul class="cases">
              {cases.data.cases.map((c) => (
                <li key={c.id} data-case={c.id}>
                  <strong>{c.title}</strong> — {c.turns.length} lượt, {c.createdBy}, {formatDateTime(c.createdAt)}{' '}
                  <button type="button" onClick={() => void run(c.turns.map((t) => ({ text: t.text, shown: t.text.startsWith('#') ? `Bấm nút (${t.text})` : t.text })))}>
                    Chạy lại
                  </button>
                  {hasRole('admin') ? <DeleteCase c={c} onDone={() => void cases.reload()} /> : null}
                </li>
              ))}
            </ul>
          ) : (
            <p class="muted">Chưa có ca nào.</p>
          )}
        </LoadState>
      </section>
      {saving ? <SaveCaseDialog turns={turns} results={results} onClose={() => setSaving(false)} onSaved={() => void cases.reload()} /> : null}
    </Page>
  );
}

function DeleteCase({ c, onDone }: { c: EvalCase; onDone: () => void }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" class="danger" onClick={() => setOpen(true)} aria-label={`Xoá ca ${c.title}`}>
        Xoá…
      </button>
      {open ? (
        <ConfirmDialog
          title="Xoá ca kiểm thử"
          confirmLabel="Xoá"
          danger
          onClose={() => setOpen(false)}
          onConfirm={async () => {
            await api('DELETE', `/eval-cases/${c.id}`);
            say(`Đã xoá ca “${c.title}”.`);
            onDone();
          }}
        >
          <p>Xoá ca “{c.title}” ({c.turns.length} lượt)?</p>
        </ConfirmDialog>
      ) : null}
    </>
  );
}

/** Each turn's expected procedure and intent, pre-filled with what the bot understood; the editor corrects them. */
function SaveCaseDialog({ turns, results, onClose, onSaved }: { turns: Turn[]; results: NluTestResult[]; onClose: () => void; onSaved: () => void }) {
  const [title, setTitle] = useState('');
  const [expected, setExpected] = useState(results.map((r) => ({ procedureId: r.procedureId ?? '', intent: r.intent })));
  const [error, setError] = useState<string | null>(null);
  const procs = (procedureList.value ?? []).map((p) => ({ value: p.id, label: p.name }));
  const intents = Object.entries(INTENT_WORDS).map(([value, label]) => ({ value, label }));
  return (
    <ConfirmDialog
      title="Lưu thành ca kiểm thử"
      confirmLabel="Lưu ca kiểm thử"
      onClose={onClose}
      onConfirm={async () => {
        const body = {
          title,
          turns: turns.map((t, i) => ({ text: t.text, expected: { procedureId: expected[i]!.procedureId || null, intent: expected[i]!.intent, aspect: results[i]?.aspect ?? null } })),
        };
        const checked = EvalCaseBody.safeParse(body);
        if (!checked.success) {
          setError('Tên ca kiểm thử: bắt buộc nhập');
          return false;
        }
        await api('POST', '/eval-cases', checked.data);
        say(`Đã lưu ca kiểm thử “${title}” (${turns.length} lượt).`);
        onSaved();
      }}
    >
      <TextField label="Tên ca kiểm thử" value={title} onValue={setTitle} required error={error ?? undefined} />
      <p>Kết quả đúng của từng lượt (đã điền theo cách trợ lý hiểu; sửa nếu trợ lý hiểu sai):</p>
      <ol class="expected">
        {turns.map((t, i) => (
          <li key={i}>
            <p class="muted">“{t.shown}”</p>
            <div class="grid">
              <SelectField label={`Thủ tục đúng, lượt ${i + 1}`} value={expected[i]!.procedureId} options={procs} placeholder="Không có thủ tục" onValue={(v) => setExpected(expected.map((x, j) => (j === i ? { ...x, procedureId: v } : x)))} />
              <SelectField label={`Ý đúng, lượt ${i + 1}`} value={expected[i]!.intent} options={intents} onValue={(v) => setExpected(expected.map((x, j) => (j === i ? { ...x, intent: v } : x)))} />
            </div>
          </li>
        ))}
      </ol>
    </ConfirmDialog>
  );
}
