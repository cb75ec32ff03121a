import { useState } from 'preact/hooks';
import { NOTICE_STATES, type NoticeCountsResponse, type NoticeState, type NoticeView } from '../../api-types.js';
import { formatDateTime, formatNumber } from '../../format-vi.js';
import { ConfirmDialog } from '../components/ConfirmDialog.js';
import { SelectField } from '../components/inputs.js';
import { LoadState, Page, TableWrap } from '../components/Page.js';
import { api } from '../lib/api.js';
import { CHANNEL_WORDS, DOSSIER_STATUS_WORDS, reasonWords, STATE_WORDS } from '../lib/notice-words.js';
import { say } from '../lib/store.js';
import { useLoad } from '../lib/use-load.js';

/** Settled without reaching the citizen: a person may send it again. */
const RETRYABLE: ReadonlySet<NoticeState> = new Set(['unreachable', 'failed', 'uncertain']);
/** Still on its way (retry, night, check): it can be run now. */
const WAITING: ReadonlySet<NoticeState> = new Set(['retrying', 'held', 'checking']);

/** Every dossier notice: the channel that reached the citizen, or why none did, and a retry. */
export function NoticesPage() {
  const [state, setState] = useState<'' | NoticeState>('');
  const [retrying, setRetrying] = useState<NoticeView | null>(null);
  const list = useLoad(() => api<{ notices: NoticeView[] }>('GET', `/notices?limit=200${state ? `&state=${state}` : ''}`), [state], 15_000);
  const counts = useLoad(() => api<NoticeCountsResponse>('GET', '/analytics/notices?days=30'), []);
  const t = counts.data?.totals;
  const waiting = t ? t.states.pending + t.states.retrying + t.states.held + t.states.checking : 0;
  const stat = (label: string, value: number | undefined, key: string) => (
    <div class="stat" data-stat={key}>
      <b>{formatNumber(value)}</b>
      <span>{label}</span>
    </div>
  );
  return (
    <Page
      title="Thông báo hồ sơ"
      intro="Mỗi lần hồ sơ được theo dõi đổi tình trạng, trợ lý báo cho người dân: tin tư vấn nếu người dân nhắn trong 7 ngày, nếu không thì tin mẫu theo người dùng, rồi ZNS tới số điện thoại người dân đã chia sẻ. Một thông báo không bao giờ được gửi hai lần."
    >
      <LoadState loading={counts.loading && !counts.data} error={counts.error}>
        {t ? (
          <div class="stats">
            {stat('Thông báo (30 ngày)', t.total, 'total')}
            {stat('Qua tin tư vấn', t.channels.consultation, 'consultation')}
            {stat('Qua tin mẫu', t.channels.template, 'template')}
            {stat('Qua ZNS', t.channels.zns, 'zns')}
            {stat('Không liên lạc được', t.states.unreachable, 'unreachable')}
            {stat('Gửi lỗi hoặc chưa rõ', t.states.failed + t.states.uncertain, 'failed')}
            {stat('Đang chờ gửi', waiting, 'waiting')}
          </div>
        ) : null}
      </LoadState>
      <div class="row">
        <SelectField
          label="Trạng thái"
          value={state}
          options={[{ value: '', label: 'Tất cả' }, ...NOTICE_STATES.map((s) => ({ value: s, label: STATE_WORDS[s] }))]}
          onValue={(v) => setState(v as '' | NoticeState)}
        />
      </div>
      <LoadState loading={list.loading && !list.data} error={list.error}>
        {(list.data?.notices.length ?? 0) === 0 ? (
          <p class="muted">Chưa có thông báo nào.</p>
        ) : (
          <TableWrap label="Danh sách thông báo hồ sơ">
            <table>
              <thead>
                <tr>
                  <th scope="col">Thời gian</th>
                  <th scope="col">Hồ sơ</th>
                  <th scope="col">Tình trạng mới</th>
                  <th scope="col">Trạng thái</th>
                  <th scope="col">Kênh</th>
                  <th scope="col">Lý do, các bước</th>
                  <th scope="col">Thao tác</th>
                </tr>
              </thead>
              <tbody>
                {list.data!.notices.map((n) => (
                  <tr key={n.id} data-notice={n.id} data-state={n.state}>
                    <td>{formatDateTime(n.createdAt)}</td>
                    <td>{n.code}</td>
                    <td>{DOSSIER_STATUS_WORDS[n.status] ?? n.status}</td>
                    <td>
                      {STATE_WORDS[n.state]}
                      {n.nextAt && WAITING.has(n.state) ? <span class="muted"> (lúc {formatDateTime(n.nextAt)})</span> : null}
                    </td>
                    <td>{n.channel ? CHANNEL_WORDS[n.channel] : '—'}</td>
                    <td>
                      {n.reason ? <span>{reasonWords(n.reason)}</span> : null}
                      {n.error ? <span class="muted"> (mã lỗi {n.error})</span> : null}
                      <details>
                        <summary>Các bước ({n.steps.length})</summary>
                        <ol>
                          {n.steps.map((s, i) => (
                            <li key={i}>
                              {formatDateTime(s.at)} · {CHANNEL_WORDS[s.channel]}: {s.result === 'sent' ? 'đã gửi' : s.result === 'skipped' ? 'bỏ qua' : 'lỗi'}
                              {s.reason ? ` – ${reasonWords(s.reason)}` : ''}
                              {s.code ? ` (${s.code})` : ''}
                            </li>
                          ))}
                        </ol>
                      </details>
                    </td>
                    <td>
                      {RETRYABLE.has(n.state) || WAITING.has(n.state) ? (
                        <button type="button" aria-label={`Gửi lại thông báo hồ sơ ${n.code}`} onClick={() => setRetrying(n)}>
                          {RETRYABLE.has(n.state) ? 'Gửi lại…' : 'Gửi ngay…'}
                        </button>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </LoadState>
      {retrying ? (
        <ConfirmDialog
          title="Gửi lại thông báo hồ sơ"
          confirmLabel="Gửi lại"
          onClose={() => setRetrying(null)}
          onConfirm={async () => {
            const after = await api<NoticeView>('POST', `/notices/${retrying.id}/retry`);
            say(after.state === 'sent' && after.channel ? `Đã gửi thông báo hồ sơ ${after.code} qua ${CHANNEL_WORDS[after.channel].toLowerCase()}.` : `Thông báo hồ sơ ${after.code}: ${STATE_WORDS[after.state].toLowerCase()}${after.reason ? ` (${reasonWords(after.reason)})` : ''}.`, after.state === 'sent' ? 'ok' : 'error');
            await list.reload();
            await counts.reload();
          }}
        >
          <p>
            Trợ lý chạy lại chuỗi kênh cho hồ sơ {retrying.code} ({DOSSIER_STATUS_WORDS[retrying.status] ?? retrying.status}): tin tư vấn nếu người dân còn trong 7 ngày, rồi tin mẫu, rồi ZNS.
          </p>
          {retrying.state === 'uncertain' ? <p class="errors">Lần trước chưa rõ tin đã đến chưa: người dân có thể nhận hai lần.</p> : null}
        </ConfirmDialog>
      ) : null}
    </Page>
  );
}
