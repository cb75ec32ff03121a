/**
 * Sample dossiers of the demo one-stop server, one or more per citizen bucket, in the iGate JSON shape
 * (reference §2.3). Names, ID numbers and phones are invented; they exist so masking and the second
 * factor can be tried.
 */

export interface DemoStatus {
  id: number;
  name: string;
}

/** iGate-style status names the demo uses (ids are the demo's own; the bot maps by name). */
export const DEMO_STATUSES: readonly DemoStatus[] = [
  { id: 0, name: 'Mới đăng ký' },
  { id: 1, name: 'Đã tiếp nhận' },
  { id: 2, name: 'Đang xử lý' },
  { id: 3, name: 'Yêu cầu bổ sung giấy tờ' },
  { id: 4, name: 'Chờ thực hiện nghĩa vụ tài chính' },
  { id: 5, name: 'Tạm dừng xử lý' },
  { id: 6, name: 'Có kết quả - chờ trả' },
  { id: 7, name: 'Đã trả kết quả' },
  { id: 8, name: 'Không được tiếp nhận' },
  { id: 9, name: 'Công dân yêu cầu rút hồ sơ' },
];

export interface DemoDossier {
  code: string;
  procedure: { code: string; translate: { name: string }[] };
  dossierStatus: DemoStatus;
  applicant: { data: { fullname: string; ownerFullname: string; identityNumber: string; phoneNumber: string; address: string } };
  agency: { id: string; code: string; name: string };
  applyMethod: { id: number; name: string };
  appliedDate: string;
  acceptedDate?: string;
  appointmentDate?: string;
  completedDate?: string;
  returnedDate?: string;
  updatedDate: string;
}

const DAY = 24 * 3600_000;

/** ISO in Vietnam time with a "+0700" offset, the way iGate writes dates. */
export function igateDate(ms: number): string {
  const local = new Date(ms + 7 * 3600_000).toISOString().replace('Z', '');
  return `${local}+0700`;
}

const PROCEDURES = {
  birth: { code: '1.001193.000.00.00.H48', translate: [{ name: 'Đăng ký khai sinh' }] },
  business: { code: '2.000720.000.00.00.H48', translate: [{ name: 'Đăng ký thành lập hộ kinh doanh' }] },
  marriage: { code: '1.000894.000.00.00.H48', translate: [{ name: 'Cấp Giấy xác nhận tình trạng hôn nhân' }] },
  land: { code: '1.004227.000.00.00.H48', translate: [{ name: 'Đăng ký biến động quyền sử dụng đất' }] },
  copy: { code: '2.000815.000.00.00.H48', translate: [{ name: 'Chứng thực bản sao từ bản chính' }] },
};

const AGENCY = { id: 'a53', code: '000.00.53.H48', name: 'Trung tâm Phục vụ hành chính công xã Bình Sơn' };

interface Seed {
  seq: string;
  status: number;
  procedure: keyof typeof PROCEDURES;
  name: string;
  id: string;
  phone: string;
  /** Appointment relative to now, in days (negative = already past). */
  dueInDays?: number;
}

const SEEDS: Seed[] = [
  { seq: '0001', status: 0, procedure: 'birth', name: 'Nguyễn Văn An', id: '051090001234', phone: '0905111234', dueInDays: 3 },
  { seq: '0002', status: 1, procedure: 'business', name: 'Trần Thị Bình', id: '051190002345', phone: '0905222345', dueInDays: 5 },
  { seq: '0003', status: 2, procedure: 'land', name: 'Lê Văn Cường', id: '051080003456', phone: '0905333456', dueInDays: 10 },
  { seq: '0004', status: 2, procedure: 'land', name: 'Phạm Thị Dung', id: '051085004567', phone: '0905444567', dueInDays: -4 },
  { seq: '0005', status: 3, procedure: 'business', name: 'Hoàng Văn Em', id: '051095005678', phone: '0905555678', dueInDays: 6 },
  { seq: '0006', status: 4, procedure: 'land', name: 'Võ Thị Phương', id: '051070006789', phone: '0905666789', dueInDays: 8 },
  { seq: '0007', status: 5, procedure: 'marriage', name: 'Đặng Văn Giang', id: '051099007890', phone: '0905777890', dueInDays: 2 },
  { seq: '0008', status: 6, procedure: 'birth', name: 'Bùi Thị Hoa', id: '051092008901', phone: '0905888901', dueInDays: 1 },
  { seq: '0009', status: 7, procedure: 'copy', name: 'Đỗ Văn Khoa', id: '051088009012', phone: '0905999012', dueInDays: -2 },
  { seq: '0010', status: 8, procedure: 'marriage', name: 'Ngô Thị Lan', id: '051091000123', phone: '0906000123' },
  { seq: '0011', status: 9, procedure: 'business', name: 'Dương Văn Minh', id: '051087001122', phone: '0906111122', dueInDays: 4 },
];

/** Fresh sample dossiers (codes 000.00.53.H48-251120-0001…0011), dated relative to `now`. */
export function sampleDossiers(now: number = Date.now()): DemoDossier[] {
  return SEEDS.map((s) => {
    const applied = now - 3 * DAY;
    const status = DEMO_STATUSES[s.status]!;
    const d: DemoDossier = {
      code: `000.00.53.H48-251120-${s.seq}`,
      procedure: PROCEDURES[s.procedure],
      dossierStatus: { ...status },
      applicant: { data: { fullname: s.name, ownerFullname: s.name, identityNumber: s.id, phoneNumber: s.phone, address: 'Thôn 1, xã Bình Sơn, tỉnh Quảng Ngãi' } },
      agency: AGENCY,
      applyMethod: s.status === 0 ? { id: 0, name: 'Trực tuyến' } : { id: 1, name: 'Trực tiếp' },
      appliedDate: igateDate(applied),
      updatedDate: igateDate(now),
    };
    if (s.status !== 0 && s.status !== 8) d.acceptedDate = igateDate(applied + 3600_000);
    if (s.dueInDays !== undefined) d.appointmentDate = igateDate(now + s.dueInDays * DAY);
    if (s.status === 6 || s.status === 7) d.completedDate = igateDate(now - DAY);
    if (s.status === 7) d.returnedDate = igateDate(now - DAY / 2);
    return d;
  });
}
