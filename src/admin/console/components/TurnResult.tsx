import type { ReplyButton } from '../../../dialogue/types.js';
import type { NluTestResult } from '../../api-types.js';
import { formatPercent } from '../../format-vi.js';
import { procedureName } from '../lib/names.js';
import { actionWords, ASPECT_WORDS, candidates, DECISION_WORDS, INTENT_WORDS, whySentence } from '../lib/nlu-words.js';
import { ReplyBubbles } from './ReplyBubbles.js';

/** One turn of a test: what was decided, about which procedure and aspect, the reply as the citizen sees it, and why. */
export function TurnResult({ r, onTap }: { r: NluTestResult; onTap?: (b: ReplyButton & { kind: 'query' }) => void }) {
  const others = r.actions.map(actionWords).filter((x): x is string => x !== null);
  const cands = candidates(r);
  return (
    <div class="turn-result">
      <dl class="kv">
        <dt>Quyết định</dt>
        <dd data-k="decision" data-value={r.decision}>
          {DECISION_WORDS[r.decision] ?? r.decision}
        </dd>
        <dt>Ý của người dân</dt>
        <dd>{INTENT_WORDS[r.intent] ?? r.intent}</dd>
        <dt>Thủ tục</dt>
        <dd data-k="procedure" data-value={r.procedureId ?? ''}>
          {r.procedureId ? procedureName(r.procedureId) : 'Không có'}
        </dd>
        <dt>Khía cạnh</dt>
        <dd>{r.aspect ? (ASPECT_WORDS[r.aspect] ?? r.aspect) : 'Không có'}</dd>
        {r.dossierCode ? (
          <>
            <dt>Mã hồ sơ</dt>
            <dd>{r.dossierCode}</dd>
          </>
        ) : null}
      </dl>
      <p class="why">
        <strong>Vì sao:</strong> {whySentence(r, procedureName)}
      </p>
      {cands.length ? (
        <ol class="candidates" aria-label="Các thủ tục trợ lý đã cân nhắc">
          {cands.map((c) => (
            <li key={c.procedureId}>
              <span>{procedureName(c.procedureId)}</span>
              <meter min={0} max={1} value={c.confidence} aria-label={`Độ khớp ${procedureName(c.procedureId)}`} />
              <span class="pct">{formatPercent(c.confidence)}</span>
            </li>
          ))}
        </ol>
      ) : null}
      <h4>Người dân nhận được</h4>
      {r.replies.length ? <ReplyBubbles replies={r.replies} onTap={onTap} /> : <p class="muted">Không có tin nhắn trả lời trực tiếp.</p>}
      {others.length ? <p class="muted">Việc khác trợ lý làm: {others.join('; ')}.</p> : null}
      <p class="muted small">
        Nội dung {r.content === 'draft' ? 'bản nháp' : 'đang dùng'} ({r.contentVersion}).
      </p>
    </div>
  );
}
