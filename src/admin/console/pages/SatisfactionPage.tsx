import { useState } from 'preact/hooks';
import { MonthRangeQuery, type SatisfactionResponse } from '../../api-types.js';
import { formatNumber, formatPercent, vnToday } from '../../format-vi.js';
import { BarChart } from '../charts/BarChart.js';
import { TextField } from '../components/inputs.js';
import { LoadState, Page, TableWrap } from '../components/Page.js';
import { api } from '../lib/api.js';
import { LEVEL_WORDS } from '../lib/notice-words.js';
import { useLoad } from '../lib/use-load.js';

const LEVELS = ['very_satisfied', 'satisfied', 'unsatisfied'] as const;

/** "2026-03" → "2025-10": the month `back` months before. */
function monthsBack(month: string, back: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const i = y * 12 + (m - 1) - back;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}

/** How satisfied citizens were with their finished dossiers, by month, agency and procedure; a CSV for reports. */
export function SatisfactionPage() {
  const thisMonth = vnToday().slice(0, 7);
  const [from, setFrom] = useState(monthsBack(thisMonth, 5));
  const [to, setTo] = useState(thisMonth);
  const range = MonthRangeQuery.safeParse({ from, to });
  const query = range.success ? `from=${range.data.from}&to=${range.data.to}` : null;
  const data = useLoad(async () => (query ? api<SatisfactionResponse>('GET', `/satisfaction?${query}`) : null), [query]);
  const s = data.data;
  const total = s ? s.months.reduce((n, m) => n + m.total, 0) : 0;
  const sum = (level: (typeof LEVELS)[number]) => (s ? s.months.reduce((n, m) => n + m[level], 0) : 0);
  const rangeError = range.success ? undefined : range.error.issues[0]!.message;
  return (
    <Page title="Mức độ hài lòng" intro="Khi hồ sơ được theo dõi có kết quả cuối cùng, thông báo hỏi người dân: “Anh/chị có hài lòng với việc giải quyết hồ sơ?”. Góp ý kèm “Chưa hài lòng” được chuyển thành phản ánh.">
      <div class="row">
        <TextField label="Từ tháng" hint="Dạng YYYY-MM, ví dụ 2026-01" value={from} onValue={setFrom} error={rangeError} />
        <TextField label="Đến tháng" hint="Dạng YYYY-MM" value={to} onValue={setTo} />
        {query ? (
          <a class="btn" href={`/admin/api/satisfaction/export.csv?${query}`} download>
            Tải tệp CSV
          </a>
        ) : null}
      </div>
      <LoadState loading={data.loading && !data.data} error={data.error}>
        {s ? (
          <>
            <div class="stats">
              <div class="stat" data-stat="answers">
                <b>{formatNumber(total)}</b>
                <span>Lượt đánh giá</span>
              </div>
              {LEVELS.map((l) => (
                <div class="stat" data-stat={l} key={l}>
                  <b>{formatPercent(total ? sum(l) / total : null)}</b>
                  <span>
                    {LEVEL_WORDS[l]} ({formatNumber(sum(l))})
                  </span>
                </div>
              ))}
            </div>
            {total === 0 ? (
              <p class="muted">Chưa có lượt đánh giá nào trong khoảng này.</p>
            ) : (
              <>
                <section class="card">
                  <h3>Đánh giá trong khoảng đã chọn</h3>
                  <BarChart title="Đánh giá trong khoảng đã chọn" unit="lượt" rows={LEVELS.map((l) => ({ label: LEVEL_WORDS[l], value: sum(l) }))} />
                </section>
                <TableWrap label="Đánh giá theo tháng, cơ quan và thủ tục">
                  <table>
                    <thead>
                      <tr>
                        <th scope="col">Tháng</th>
                        <th scope="col">Cơ quan</th>
                        <th scope="col">Thủ tục</th>
                        {LEVELS.map((l) => (
                          <th scope="col" key={l}>
                            {LEVEL_WORDS[l]}
                          </th>
                        ))}
                      </tr>
                    </thead>
                    <tbody>
                      {s.rows.map((r) => (
                        <tr key={`${r.month}|${r.agency}|${r.procedure}`}>
                          <td>{r.month.split('-').reverse().join('/')}</td>
                          <td>{r.agency || '—'}</td>
                          <td>{r.procedure || '—'}</td>
                          {LEVELS.map((l) => (
                            <td key={l}>{formatNumber(r[l])}</td>
                          ))}
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </TableWrap>
              </>
            )}
          </>
        ) : null}
      </LoadState>
    </Page>
  );
}
