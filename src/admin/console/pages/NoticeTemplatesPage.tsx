import { useState } from 'preact/hooks';
import { DOSSIER_FIELDS, TemplateInputSchema, type DossierField, type NoticeTemplate, type NotifyStatus, type TemplatesResponse } from '../../api-types.js';
import { vnToday } from '../../format-vi.js';
import { ConfirmDialog } from '../components/ConfirmDialog.js';
import { SelectField, TextField } from '../components/inputs.js';
import { LoadState, Page, TableWrap } from '../components/Page.js';
import { api, ApiError, explain } from '../lib/api.js';
import { CHANNEL_WORDS, FIELD_WORDS, TAG_WORDS } from '../lib/notice-words.js';
import { say } from '../lib/store.js';
import { useLoad } from '../lib/use-load.js';

interface ParamRow {
  name: string;
  field: DossierField | '';
  maxLength: string;
}

interface Draft {
  name: string;
  templateId: string;
  channel: 'template' | 'zns';
  tag: '1' | '2' | '3';
  params: ParamRow[];
  active: boolean;
}

const EMPTY: Draft = { name: '', templateId: '', channel: 'template', tag: '1', params: [{ name: '', field: 'code', maxLength: '' }], active: true };

/** Sample dossier fields for a preview without a live dossier. */
const SAMPLE = { code: '000.00.53.H48-251120-0001', procedure_name: 'Đăng ký khai sinh', status: 'Đã có kết quả, chờ trả', due_date: vnToday().split('-').reverse().join('/'), agency: 'UBND xã Bình Sơn', link: 'https://dichvucong.quangngai.gov.vn' };

function fieldErrorsOf(issues: readonly { path: PropertyKey[]; message: string }[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const i of issues) out[i.path.map(String).join('.') || 'form'] ??= i.message;
  return out;
}

/** The Zalo templates the notice chain uses after the 7-day window (admins): register, switch, preview, test. */
export function NoticeTemplatesPage() {
  const data = useLoad(async () => ({ ...(await api<TemplatesResponse>('GET', '/notify/templates')), status: await api<NotifyStatus>('GET', '/notify/status') }), []);
  const [removing, setRemoving] = useState<NoticeTemplate | null>(null);
  const templates = data.data?.templates ?? [];
  async function toggle(t: NoticeTemplate) {
    try {
      const { id: _id, createdAt: _c, updatedAt: _u, updatedBy: _b, ...input } = t;
      await api('PUT', `/notify/templates/${t.id}`, { ...input, active: !t.active });
      say(t.active ? `Đã ngừng dùng mẫu “${t.name}”.` : `Đang dùng mẫu “${t.name}” cho ${CHANNEL_WORDS[t.channel].toLowerCase()}.`);
      await data.reload();
    } catch (err) {
      say(explain(err), 'error');
    }
  }
  return (
    <Page
      title="Mẫu thông báo Zalo"
      intro="Sau 7 ngày người dân không nhắn tin, Zalo chỉ cho gửi tin theo mẫu đã được duyệt: tin mẫu theo người dùng (Tag 1, trong 1 năm kể từ lần tương tác cuối), rồi ZNS tới số điện thoại người dân đã chia sẻ. Đăng ký ở đây mã mẫu Zalo đã duyệt và cách điền từng tham số từ hồ sơ."
    >
      <LoadState loading={data.loading && !data.data} error={data.error}>
        {data.data ? (
          <section class="card" aria-label="Các bước đang chạy">
            <h3>Chuỗi kênh hiện nay</h3>
            <ul data-steps="">
              {(['consultation', 'template', 'zns'] as const).map((c) => {
                const s = data.data!.status.steps[c];
                return (
                  <li key={c} data-step={c}>
                    {CHANNEL_WORDS[c]}: {s.enabled ? `đang dùng${s.templateId ? ` (mẫu ${s.templateId})` : ''}` : `bỏ qua – ${stepWords(s.reason)}`}
                  </li>
                );
              })}
            </ul>
          </section>
        ) : null}
        {templates.length === 0 ? (
          <p class="muted">Chưa đăng ký mẫu nào: sau 7 ngày, người dân chỉ nhận được thông báo nếu họ nhắn tin lại.</p>
        ) : (
          <TableWrap label="Mẫu đã đăng ký">
            <table>
              <thead>
                <tr>
                  <th scope="col">Tên</th>
                  <th scope="col">Kênh</th>
                  <th scope="col">Mã mẫu</th>
                  <th scope="col">Tag</th>
                  <th scope="col">Tham số</th>
                  <th scope="col">Đang dùng</th>
                  <th scope="col">Thao tác</th>
                </tr>
              </thead>
              <tbody>
                {templates.map((t) => (
                  <tr key={t.id} data-template={t.id}>
                    <td>{t.name}</td>
                    <td>{CHANNEL_WORDS[t.channel]}</td>
                    <td>{t.templateId}</td>
                    <td>{TAG_WORDS[t.tag]}</td>
                    <td>{t.params.map((p) => `${p.name} ← ${FIELD_WORDS[p.field]}`).join('; ')}</td>
                    <td>{t.active ? 'Có' : 'Không'}</td>
                    <td class="row">
                      <button type="button" onClick={() => void toggle(t)} aria-label={`${t.active ? 'Ngừng dùng' : 'Dùng mẫu này'}: ${t.name}`}>
                        {t.active ? 'Ngừng dùng' : 'Dùng mẫu này'}
                      </button>
                      <button type="button" class="danger" onClick={() => setRemoving(t)} aria-label={`Xoá mẫu: ${t.name}`}>
                        Xoá mẫu
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </LoadState>
      <div class="cols">
        <RegisterTemplate onDone={() => void data.reload()} />
        <PreviewTemplate templates={templates} />
      </div>
      {removing ? (
        <ConfirmDialog
          title="Xoá mẫu"
          confirmLabel="Xoá mẫu"
          danger
          onClose={() => setRemoving(null)}
          onConfirm={async () => {
            await api('DELETE', `/notify/templates/${removing.id}`);
            say(`Đã xoá mẫu “${removing.name}”.`);
            await data.reload();
          }}
        >
          <p>
            Mẫu “{removing.name}” ({CHANNEL_WORDS[removing.channel]}, mã {removing.templateId}) sẽ bị xoá.{removing.active ? ' Đây là mẫu đang dùng: bước này sẽ bị bỏ qua cho đến khi có mẫu khác.' : ''}
          </p>
        </ConfirmDialog>
      ) : null}
    </Page>
  );
}

function stepWords(reason: string | undefined): string {
  if (!reason) return 'chưa cấu hình';
  if (reason.startsWith('NOTIFY_PHONE_KEY')) return 'chưa cấu hình khoá mã hoá số điện thoại (NOTIFY_PHONE_KEY)';
  if (reason.includes('ZNS')) return 'chưa có mẫu ZNS đang dùng';
  return 'chưa có mẫu tin theo người dùng đang dùng';
}

function RegisterTemplate({ onDone }: { onDone: () => void }) {
  const [d, setD] = useState<Draft>(EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const set = (patch: Partial<Draft>) => setD({ ...d, ...patch });
  const setParam = (i: number, patch: Partial<ParamRow>) => set({ params: d.params.map((p, j) => (j === i ? { ...p, ...patch } : p)) });
  async function submit(e: Event) {
    e.preventDefault();
    const input = {
      name: d.name,
      templateId: d.templateId.trim(),
      channel: d.channel,
      tag: Number(d.tag),
      active: d.active,
      params: d.params.map((p) => ({ name: p.name.trim(), field: p.field, ...(p.maxLength.trim() ? { maxLength: Number(p.maxLength) } : {}) })),
    };
    const checked = TemplateInputSchema.safeParse(input);
    if (!checked.success) return setErrors(fieldErrorsOf(checked.error.issues));
    setErrors({});
    try {
      await api('POST', '/notify/templates', checked.data);
      say(`Đã đăng ký mẫu “${checked.data.name}”.`);
      setD(EMPTY);
      onDone();
    } catch (err) {
      if (err instanceof ApiError && err.body.fields) return setErrors(err.body.fields);
      say(explain(err), 'error');
    }
  }
  return (
    <form class="card" onSubmit={(e) => void submit(e)} noValidate aria-label="Đăng ký mẫu">
      <h3>Đăng ký mẫu</h3>
      <TextField label="Tên mẫu" value={d.name} onValue={(v) => set({ name: v })} error={errors.name} maxLength={100} required />
      <TextField label="Mã mẫu Zalo" hint="Mã Zalo cấp khi duyệt mẫu, chỉ gồm chữ số." inputMode="numeric" value={d.templateId} onValue={(v) => set({ templateId: v })} error={errors.templateId} required />
      <SelectField label="Kênh" value={d.channel} options={[{ value: 'template', label: CHANNEL_WORDS.template }, { value: 'zns', label: CHANNEL_WORDS.zns }]} onValue={(v) => set({ channel: v as Draft['channel'] })} error={errors.channel} />
      <SelectField label="Tag của mẫu" value={d.tag} options={([1, 2, 3] as const).map((n) => ({ value: String(n), label: TAG_WORDS[n] }))} onValue={(v) => set({ tag: v as Draft['tag'] })} error={errors.tag} />
      <fieldset class="card repeat-list" data-field="params">
        <legend>Tham số của mẫu</legend>
        {errors.params ? <p class="ferr">{errors.params}</p> : null}
        {d.params.map((p, i) => (
          <div class="repeat" key={i} role="group" aria-label={`Tham số ${i + 1}`}>
            <div class="grid">
              <TextField label={`Tên tham số ${i + 1}`} value={p.name} onValue={(v) => setParam(i, { name: v })} error={errors[`params.${i}.name`]} maxLength={50} />
              <SelectField label={`Lấy từ (tham số ${i + 1})`} value={p.field} options={DOSSIER_FIELDS.map((f) => ({ value: f, label: FIELD_WORDS[f] }))} onValue={(v) => setParam(i, { field: v as DossierField })} error={errors[`params.${i}.field`]} />
              <TextField label={`Độ dài tối đa (tham số ${i + 1})`} hint="Bỏ trống nếu mẫu không giới hạn." inputMode="numeric" value={p.maxLength} onValue={(v) => setParam(i, { maxLength: v })} error={errors[`params.${i}.maxLength`]} />
            </div>
            <button type="button" class="danger" aria-label={`Xoá tham số ${i + 1}`} onClick={() => set({ params: d.params.filter((_p, j) => j !== i) })}>
              Xoá tham số
            </button>
          </div>
        ))}
        <button type="button" onClick={() => set({ params: [...d.params, { name: '', field: '', maxLength: '' }] })}>
          Thêm tham số
        </button>
      </fieldset>
      <div class={`field${errors.active ? ' invalid' : ''}`}>
        <label>
          <input type="checkbox" checked={d.active} onChange={(e) => set({ active: e.currentTarget.checked })} /> Dùng mẫu này cho kênh đã chọn (thay mẫu đang dùng)
        </label>
        {errors.active ? <p class="ferr">{errors.active}</p> : null}
      </div>
      <button type="submit" class="primary">
        Đăng ký mẫu
      </button>
    </form>
  );
}

function PreviewTemplate({ templates }: { templates: NoticeTemplate[] }) {
  const [id, setId] = useState('');
  const [code, setCode] = useState('');
  const [to, setTo] = useState('');
  const [preview, setPreview] = useState<{ endpoint: string; body: unknown; warnings: string[] } | null>(null);
  const [confirming, setConfirming] = useState(false);
  const chosen = templates.find((t) => t.id === id) ?? null;
  const filling = () => (code.trim() ? { code: code.trim() } : { facts: SAMPLE });
  async function show(e: Event) {
    e.preventDefault();
    if (!chosen) return say('Hãy chọn một mẫu.', 'error');
    try {
      setPreview(await api('POST', `/notify/templates/${chosen.id}/preview`, filling()));
    } catch (err) {
      say(explain(err), 'error');
    }
  }
  return (
    <form class="card" onSubmit={(e) => void show(e)} noValidate aria-label="Xem trước và gửi thử">
      <h3>Xem trước, gửi thử</h3>
      <SelectField label="Mẫu" value={id} placeholder="Chọn mẫu…" options={templates.map((t) => ({ value: t.id, label: `${t.name} (${CHANNEL_WORDS[t.channel]})` }))} onValue={(v) => (setId(v), setPreview(null))} />
      <TextField label="Mã hồ sơ để điền thử" hint="Bỏ trống để dùng dữ liệu mẫu." value={code} onValue={setCode} />
      <button type="submit">Xem trước</button>
      {preview ? (
        <div aria-live="polite" data-preview="">
          <p class="muted">{preview.endpoint}</p>
          <pre>{JSON.stringify(preview.body, null, 2)}</pre>
          {preview.warnings.length ? (
            <ul class="errors">
              {preview.warnings.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
          ) : null}
          {chosen ? (
            <>
              <TextField
                label={chosen.channel === 'zns' ? 'Số điện thoại của quản trị viên OA' : 'Mã Zalo của cán bộ nhận tin thử'}
                hint={chosen.channel === 'zns' ? 'Chế độ thử của ZNS chỉ gửi tới quản trị viên OA.' : 'Mã người dùng Zalo, chỉ gồm chữ số.'}
                value={to}
                onValue={setTo}
              />
              <button type="button" disabled={!to.trim()} onClick={() => setConfirming(true)}>
                Gửi thử…
              </button>
            </>
          ) : null}
        </div>
      ) : null}
      {confirming && chosen ? (
        <ConfirmDialog
          title="Gửi thử mẫu"
          confirmLabel="Gửi thử"
          onClose={() => setConfirming(false)}
          onConfirm={async () => {
            const res = await api<{ messageId: string }>('POST', `/notify/templates/${chosen.id}/test`, { ...filling(), ...(chosen.channel === 'zns' ? { phone: to.trim() } : { userId: to.trim() }) });
            say(`Zalo đã nhận tin thử (mã tin ${res.messageId}).`);
          }}
        >
          <p>
            Gửi mẫu “{chosen.name}” tới {to.trim()}
            {chosen.channel === 'zns' ? ' ở chế độ thử (chỉ quản trị viên OA nhận được).' : '.'}
          </p>
        </ConfirmDialog>
      ) : null}
    </form>
  );
}
