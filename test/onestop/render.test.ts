import { beforeAll, describe, expect, it } from 'vitest';
import type { Language, Translate } from '../../src/dialogue/types.js';
import { renderDossierStatus, renderStatusNotice } from '../../src/onestop/render.js';
import type { DossierLookupResult } from '../../src/onestop/types.js';
import { loadTFor } from './helpers.js';

let tFor: (lng: Language) => Translate;
beforeAll(async () => {
  tFor = await loadTFor();
});

const CODE = '000.00.53.H48-251120-0004';

function dossier(over: Partial<DossierLookupResult> = {}): DossierLookupResult {
  return {
    code: CODE,
    source: 'igate',
    procedureName: 'Đăng ký khai sinh',
    status: 'dang_xu_ly',
    statusLabel: 'Đang xử lý',
    dueAt: new Date('2025-11-25T10:00:00+07:00'),
    overdue: true,
    ...over,
  };
}

describe('a late dossier', () => {
  it('apologises once, says whom to ask, and no longer says there is nothing to do', () => {
    const reply = renderDossierStatus(dossier({ agencyName: 'UBND xã Bình Sơn', ownerVerified: true }), tFor('vi'), {});
    expect(reply.text).toContain('Ngày hẹn trả: 25/11/2025');
    expect(reply.text).toContain('Hồ sơ đã quá ngày hẹn trả.');
    expect(reply.text).toContain('xin lỗi');
    expect(reply.text).toContain('liên hệ UBND xã Bình Sơn');
    expect(reply.text).not.toContain('chưa cần làm gì');
    expect(reply.text.match(/xin lỗi/g)).toHaveLength(2); // "thành thật xin lỗi" and the letter of apology ("phiếu xin lỗi")
    expect(reply.buttons).toContainEqual({ kind: 'query', title: 'Gặp cán bộ', payload: '#i:handoff' });
  });

  it('before the owner is verified: the same apology, without the dates or the agency a stranger should not read', () => {
    const reply = renderDossierStatus(dossier({ agencyName: 'UBND xã Bình Sơn', ownerVerified: false }), tFor('vi'), {});
    expect(reply.text).toContain('thành thật xin lỗi');
    expect(reply.text).toContain('Bộ phận Một cửa nơi đã nộp hồ sơ');
    expect(reply.text).not.toContain('Bình Sơn');
    expect(reply.text).not.toContain('25/11/2025');
    expect(reply.text).not.toContain('chưa cần làm gì');
  });

  it('without an agency name, points to the one-stop desk where it was filed', () => {
    const reply = renderDossierStatus(dossier(), tFor('en'), {});
    expect(reply.text).toContain('We sincerely apologise');
    expect(reply.text).toContain('the one-stop desk where you filed');
    expect(reply.text).not.toContain('You do not need to do anything');
  });

  it('waiting on the citizen (documents, fees): what to do, and no apology for a delay that is not the office’s', () => {
    const reply = renderDossierStatus(dossier({ status: 'cho_bo_sung', statusLabel: 'Chờ bổ sung' }), tFor('vi'), {});
    expect(reply.text).toContain('Việc anh/chị cần làm');
    expect(reply.text).toContain('ngày trả kết quả mới');
    expect(reply.text).not.toContain('xin lỗi');
  });

  it('on time: the usual next step and no hand-off button', () => {
    const reply = renderDossierStatus(dossier({ overdue: false }), tFor('vi'), {});
    expect(reply.text).toContain('chưa cần làm gì');
    expect(reply.text).not.toContain('xin lỗi');
    expect(reply.buttons.some((b) => b.kind === 'query' && b.payload === '#i:handoff')).toBe(false);
  });

  it('the status notice of a followed dossier says the same, with or without the second factor', () => {
    for (const ownerVerified of [true, false]) {
      const notice = renderStatusNotice(dossier({ agencyName: 'UBND xã Bình Sơn', ownerVerified }), tFor('vi'), { following: true, ownerVerified });
      expect(notice.text).toContain('xin lỗi');
      expect(notice.text).not.toContain('chưa cần làm gì');
      // The agency is named only after the second factor.
      expect(notice.text.includes('UBND xã Bình Sơn')).toBe(ownerVerified);
    }
  });
});
