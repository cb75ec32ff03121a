import { useState } from 'preact/hooks';
import { ZaloUserId, type PublicUser } from '../../api-types.js';
import { formatDate } from '../../format-vi.js';
import { ConfirmDialog } from '../components/ConfirmDialog.js';
import { SelectField, TextField } from '../components/inputs.js';
import { LoadState, Page, TableWrap } from '../components/Page.js';
import { api, ApiError, explain } from '../lib/api.js';
import { session, say } from '../lib/store.js';
import { useLoad } from '../lib/use-load.js';

const ROLE_WORDS = { admin: 'Quản trị', staff: 'Cán bộ' } as const;

/** Console accounts: who has which role, their test-send Zalo id; create and delete (admins only). */
export function UsersPage() {
  const users = useLoad(() => api<{ users: PublicUser[] }>('GET', '/users'), []);
  const [removing, setRemoving] = useState<PublicUser | null>(null);
  const [changing, setChanging] = useState<{ user: PublicUser; role: PublicUser['role'] } | null>(null);
  const me = session.value?.user.username;
  return (
    <Page title="Tài khoản">
      <LoadState loading={users.loading && !users.data} error={users.error}>
        <TableWrap label="Tài khoản">
          <table>
            <thead>
              <tr>
                <th scope="col">Tên đăng nhập</th>
                <th scope="col">Vai trò</th>
                <th scope="col">Mã Zalo nhận tin thử</th>
                <th scope="col">Tạo ngày</th>
                <th scope="col">Người tạo</th>
                <th scope="col">Thao tác</th>
              </tr>
            </thead>
            <tbody>
              {(users.data?.users ?? []).map((u) => (
                <tr key={u.username} data-user={u.username}>
                  <td>{u.username}</td>
                  <td>
                    {u.username === me ? (
                      ROLE_WORDS[u.role]
                    ) : (
                      <select aria-label={`Vai trò của ${u.username}`} value={u.role} onChange={(e) => setChanging({ user: u, role: e.currentTarget.value as PublicUser['role'] })}>
                        <option value="staff">{ROLE_WORDS.staff}</option>
                        <option value="admin">{ROLE_WORDS.admin}</option>
                      </select>
                    )}
                  </td>
                  <td>
                    <TestRecipient user={u} onDone={() => void users.reload()} />
                  </td>
                  <td>{formatDate(u.createdAt)}</td>
                  <td>{u.createdBy}</td>
                  <td>
                    {u.username === me ? null : (
                      <button type="button" class="danger" onClick={() => setRemoving(u)}>
                        Xoá…
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      </LoadState>
      <CreateUser onDone={() => void users.reload()} />
      {changing ? (
        <ConfirmDialog
          title="Đổi vai trò"
          confirmLabel={`Đổi thành ${ROLE_WORDS[changing.role].toLowerCase()}`}
          onClose={() => (setChanging(null), void users.reload())}
          onConfirm={async () => {
            await api('PATCH', `/users/${encodeURIComponent(changing.user.username)}`, { role: changing.role });
            say(`Đã đổi vai trò của ${changing.user.username} thành ${ROLE_WORDS[changing.role].toLowerCase()}.`);
          }}
        >
          <p>
            {changing.user.username}: {ROLE_WORDS[changing.user.role].toLowerCase()} → {ROLE_WORDS[changing.role].toLowerCase()}. Phiên đăng nhập hiện tại của tài khoản này sẽ kết thúc; lần đăng nhập sau dùng vai trò mới.
          </p>
        </ConfirmDialog>
      ) : null}
      {removing ? (
        <ConfirmDialog
          title="Xoá tài khoản"
          confirmLabel={`Xoá ${removing.username}`}
          danger
          onClose={() => setRemoving(null)}
          onConfirm={async () => {
            await api('DELETE', `/users/${encodeURIComponent(removing.username)}`);
            say(`Đã xoá tài khoản ${removing.username}.`);
            await users.reload();
          }}
        >
          <p>
            Tài khoản {removing.username} ({ROLE_WORDS[removing.role].toLowerCase()}) sẽ không đăng nhập được nữa.
          </p>
        </ConfirmDialog>
      ) : null}
    </Page>
  );
}

/** The Zalo id a user receives test sends on ("gửi thử cho tôi"): only that id, so a test never reaches a citizen. */
function TestRecipient({ user, onDone }: { user: PublicUser; onDone: () => void }) {
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState(user.testRecipientId ?? '');
  const [error, setError] = useState<string | undefined>();
  async function save(e: Event) {
    e.preventDefault();
    const v = value.trim();
    if (v && !ZaloUserId.safeParse(v).success) return setError('Mã Zalo: chỉ gồm chữ, số, “_” hoặc “-”.');
    try {
      await api('PUT', `/users/${encodeURIComponent(user.username)}/test-recipient`, { userId: v || null });
      say(v ? `Đã đăng ký mã Zalo nhận tin thử cho ${user.username}.` : `Đã bỏ mã Zalo nhận tin thử của ${user.username}.`);
      setEditing(false);
      onDone();
    } catch (err) {
      setError(explain(err));
    }
  }
  if (!editing)
    return (
      <div class="row">
        <span>{user.testRecipientId ?? 'Chưa đăng ký'}</span>
        <button type="button" onClick={() => setEditing(true)} aria-label={`Sửa mã Zalo nhận tin thử của ${user.username}`}>
          Sửa
        </button>
      </div>
    );
  return (
    <form class="row" onSubmit={(e) => void save(e)} noValidate>
      <TextField label={`Mã Zalo của ${user.username}`} value={value} onValue={setValue} error={error} />
      <button type="submit">Lưu</button>
      <button type="button" onClick={() => setEditing(false)}>
        Thôi
      </button>
    </form>
  );
}

function CreateUser({ onDone }: { onDone: () => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState('staff');
  const [errors, setErrors] = useState<Record<string, string>>({});
  async function submit(e: Event) {
    e.preventDefault();
    const found: Record<string, string> = {};
    if (!username.trim()) found.username = 'Tên đăng nhập: bắt buộc nhập';
    if (password.length < 8) found.password = 'Mật khẩu: cần ít nhất 8 ký tự';
    setErrors(found);
    if (Object.keys(found).length) return;
    try {
      await api('POST', '/users', { username, password, role });
      say(`Đã tạo tài khoản ${username.trim().toLowerCase()}.`);
      setUsername('');
      setPassword('');
      onDone();
    } catch (err) {
      const field = err instanceof ApiError ? err.body.errors?.[0]?.field : undefined;
      if (field && err instanceof ApiError) setErrors({ [field]: err.body.errors![0]!.message });
      else say(explain(err), 'error');
    }
  }
  return (
    <form class="card" onSubmit={(e) => void submit(e)} noValidate>
      <h3>Thêm tài khoản</h3>
      <div class="grid">
        <TextField label="Tên đăng nhập" autoComplete="off" value={username} onValue={setUsername} error={errors.username} hint="Chữ thường không dấu, số, “.”, “_” hoặc “-”." />
        <TextField label="Mật khẩu" type="password" autoComplete="new-password" value={password} onValue={setPassword} error={errors.password} hint="Ít nhất 8 ký tự." />
        <SelectField label="Vai trò" value={role} onValue={setRole} options={[{ value: 'staff', label: 'Cán bộ (thông báo, hộp thư)' }, { value: 'admin', label: 'Quản trị (mọi việc)' }]} />
      </div>
      <button class="primary" type="submit">
        Tạo tài khoản
      </button>
    </form>
  );
}
