import { useEffect, useState } from 'preact/hooks';
import type { AnalyticsSummary, AnnouncementReport } from '../../api-types.js';
import { formatNumber, formatPercent } from '../../format-vi.js';
import { BarChart } from '../charts/BarChart.js';
import { DayChart } from '../charts/DayChart.js';
import { LoadState, Page } from '../components/Page.js';
import { api } from '../lib/api.js';
import { loadProcedureNames, procedureName } from '../lib/names.js';
import { useLoad } from '../lib/use-load.js';

const PERIODS = [7, 30, 90] as const;

/** How the bot is doing: rates in Vietnamese formats, messages per day, the procedures asked most. */
export function AnalyticsPage() {
  const [days, setDays] = useState<(typeof PERIODS)[number]>(30);
  const data = useLoad(async () => {
    const [summary, ann] = await Promise.all([api<AnalyticsSummary>('GET', `/analytics?days=${days}`), api<{ announcements: AnnouncementReport[] }>('GET', '/announcements?limit=200').catch(() => null)]);
    return { summary, sent: ann ? ann.announcements.reduce((s, a) => s + a.sent, 0) : null };
  }, [days]);
  useEffect(() => void loadProcedureNames(), []);
  const a = data.data?.summary;
  const stat = (label: string, value: string, key: string) => (
    <div class="stat" data-stat={key}>
      <b>{value}</b>
      <span>{label}</span>
    </div>
  );
  return (
    <Page title="Thống kê">
      <div class="row period" role="group" aria-label="Khoảng thời gian">
        {PERIODS.map((p) => (
          <button key={p} type="button" aria-pressed={days === p} onClick={() => setDays(p)}>
            {p} ngày
          </button>
        ))}
      </div>
      <LoadState loading={data.loading && !data.data} error={data.error}>
        {a ? (
          <>
            <div class="stats">
              {stat('Tin nhắn', formatNumber(a.totals.messages), 'messages')}
              {stat('Trả lời được', formatPercent(a.rates.answer), 'answer')}
              {stat('Phải hỏi lại', formatPercent(a.rates.clarify), 'clarify')}
              {stat('Không hiểu', formatPercent(a.rates.fallback), 'fallback')}
              {stat('Tra cứu hồ sơ', formatNumber(a.totals.lookups), 'lookups')}
              {stat(`Đánh giá hữu ích (${formatNumber(a.totals.feedbackUp)} có, ${formatNumber(a.totals.feedbackDown)} không)`, formatPercent(a.rates.helpful), 'helpful')}
              {stat('Thông báo đã gửi', formatNumber(data.data?.sent), 'announcements')}
            </div>
            <section class="card">
              <h3>Tin nhắn mỗi ngày</h3>
              <DayChart
                title="Tin nhắn mỗi ngày"
                days={a.days.map((d) => ({ date: d.date, segments: [{ key: 'answer', value: d.answer }, { key: 'clarify', value: d.clarify }, { key: 'fallback', value: d.fallback }] }))}
                series={[
                  { key: 'answer', label: 'Trả lời được', className: 's-answer' },
                  { key: 'clarify', label: 'Phải hỏi lại', className: 's-clarify' },
                  { key: 'fallback', label: 'Không hiểu', className: 's-fallback' },
                ]}
              />
            </section>
            <section class="card">
              <h3>Thủ tục được hỏi nhiều nhất</h3>
              {a.topProcedures.length ? (
                <BarChart title="Thủ tục được hỏi nhiều nhất" unit="câu hỏi" rows={a.topProcedures.map((t) => ({ label: procedureName(t.procedureId), value: t.count }))} />
              ) : (
                <p class="muted">Chưa có dữ liệu.</p>
              )}
            </section>
          </>
        ) : null}
      </LoadState>
    </Page>
  );
}
