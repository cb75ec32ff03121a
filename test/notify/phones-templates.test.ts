import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decryptPhone, encryptPhone, maskPhone, normalisePhone, PhoneVault } from '../../src/notify/phones.js';
import { renderTemplateData, TemplateInputSchema, TemplateStore } from '../../src/notify/templates.js';
import { MemoryStore } from '../../src/store/memory-store.js';

const KEY = randomBytes(32).toString('base64');

describe('phones for ZNS', () => {
  it('normalises Vietnamese mobile numbers to 84xxxxxxxxx and refuses the rest', () => {
    expect(normalisePhone('0912 345 678')).toBe('84912345678');
    expect(normalisePhone('+84 912.345.678')).toBe('84912345678');
    expect(normalisePhone('84912345678')).toBe('84912345678');
    expect(normalisePhone('912345678')).toBe('84912345678');
    expect(normalisePhone('0212345678')).toBeNull(); // not a mobile prefix
    expect(normalisePhone('12345')).toBeNull();
    expect(normalisePhone('09123abc78')).toBeNull();
  });

  it('shows a phone masked: the country code and the last 3 digits', () => {
    expect(maskPhone('84912345678')).toBe('84******678');
  });

  it('encrypts with AES-256-GCM bound to the user: another user, another key or a changed byte does not decrypt', () => {
    const key = Buffer.from(KEY, 'base64');
    const sealed = encryptPhone(key, 'u1', '84912345678');
    expect(sealed).not.toContain('912345678');
    expect(sealed).not.toBe(encryptPhone(key, 'u1', '84912345678')); // fresh IV each time
    expect(decryptPhone(key, 'u1', sealed)).toBe('84912345678');
    expect(decryptPhone(key, 'u2', sealed)).toBeNull();
    expect(decryptPhone(randomBytes(32), 'u1', sealed)).toBeNull();
    const raw = Buffer.from(sealed.slice(3), 'base64');
    raw[raw.length - 1]! ^= 1;
    expect(decryptPhone(key, 'u1', `v1:${raw.toString('base64')}`)).toBeNull();
  });

  it('keeps only ciphertext in the store, gives the phone back for ZNS, and forgets it', async () => {
    const store = new MemoryStore();
    const vault = new PhoneVault(store, KEY);
    expect(await vault.save('u1', '0912345678', 1000)).toBe('84******678');
    const stored = await store.hgetall('notify:phone:u1');
    expect(JSON.stringify(stored)).not.toContain('912345678');
    expect(await vault.phoneOf('u1')).toBe('84912345678');
    expect(await vault.consent('u1')).toEqual({ masked: '84******678', at: 1000 });
    expect(await vault.save('u1', 'not a phone', 1000)).toBeNull();
    expect(await vault.forget('u1')).toBe(true);
    expect(await vault.phoneOf('u1')).toBeNull();
  });

  it('drops a record written under another key (rotated) instead of failing the notice', async () => {
    const store = new MemoryStore();
    await new PhoneVault(store, KEY).save('u1', '0912345678', 1);
    const rotated = new PhoneVault(store, randomBytes(32).toString('base64'));
    expect(await rotated.phoneOf('u1')).toBeNull();
    expect(await store.exists('notify:phone:u1')).toBe(false);
  });

  it('without a key keeps nothing', async () => {
    const store = new MemoryStore();
    const vault = new PhoneVault(store, undefined);
    expect(vault.enabled).toBe(false);
    expect(await vault.save('u1', '0912345678', 1)).toBeNull();
    expect(await store.exists('notify:phone:u1')).toBe(false);
  });
});

describe('templates as configuration', () => {
  const base = { name: 'Thông báo hồ sơ', templateId: '251234', channel: 'template', tag: 1, params: [{ name: 'ma_ho_so', field: 'code' }] };

  it('validates with messages that name the field', () => {
    const bad = TemplateInputSchema.safeParse({ ...base, templateId: 'abc', channel: 'sms', params: [{ name: 'x y', field: 'owner' }] });
    expect(bad.success).toBe(false);
    const paths = bad.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['templateId', 'channel', 'params.0.name', 'params.0.field']));
    const promo = TemplateInputSchema.safeParse({ ...base, tag: 3, active: true });
    expect(promo.error!.issues[0]).toMatchObject({ path: ['active'], message: 'Chỉ mẫu Tag 1 (Giao dịch) mới dùng để báo tình trạng hồ sơ' });
    const dup = TemplateInputSchema.safeParse({ ...base, params: [{ name: 'a', field: 'code' }, { name: 'a', field: 'status' }] });
    expect(dup.error!.issues[0]!.message).toBe('Tên tham số không được trùng nhau');
  });

  it('keeps one active template per channel', async () => {
    const store = new TemplateStore(new MemoryStore());
    const a = await store.save(TemplateInputSchema.parse({ ...base, active: true }), 'admin', 1);
    const b = await store.save(TemplateInputSchema.parse({ ...base, templateId: '251235', active: true }), 'admin', 2);
    await store.save(TemplateInputSchema.parse({ ...base, templateId: '9', channel: 'zns', active: true }), 'admin', 3);
    expect((await store.active('template'))!.id).toBe(b.id);
    expect((await store.get(a.id))!.active).toBe(false);
    expect((await store.active('zns'))!.templateId).toBe('9');
    await expect(store.save(TemplateInputSchema.parse(base), 'admin', 4, true)).rejects.toThrow('đã được đăng ký');
  });

  it('fills parameters from dossier fields, says what was empty or cut', () => {
    const t = { params: [{ name: 'ma', field: 'code' as const }, { name: 'han', field: 'due_date' as const }, { name: 'tt', field: 'procedure_name' as const, maxLength: 10 }] };
    const out = renderTemplateData(t, { code: 'H48-1', statusCode: 'dang_xu_ly', procedure_name: 'Đăng ký biến động quyền sử dụng đất' }, 'Chưa có');
    expect(out.data).toEqual({ ma: 'H48-1', han: 'Chưa có', tt: 'Đăng ký b…' });
    expect(out.warnings).toEqual(['han: due_date is empty', 'tt: cut to 10 characters']);
  });
});
