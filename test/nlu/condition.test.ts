import { beforeAll, describe, expect, it } from 'vitest';
import { buildMatcher } from '../../src/nlu/matcher.js';
import type { Matcher } from '../../src/nlu/types.js';
import { shippedKnowledge } from '../support/content.js';

let matcher: Matcher;
beforeAll(async () => {
  matcher = buildMatcher(await shippedKnowledge());
});

describe('"nếu X thì Y": the need is Y, X the case', () => {
  it('answers the procedure the "thì" clause names, marked narrow for review', () => {
    const u = matcher.understand('neu duoc cong nhan ho ngheo thi co duoc cap the bhyt khong chau');
    expect(u).toMatchObject({ decision: 'answer', procedureId: 'the-bhyt', narrow: true });
  });

  it('keeps the whole reading when the case tells twins apart, or the "thì" clause names nothing of its own', () => {
    expect(matcher.understand('nếu con dưới 6 tuổi thì làm căn cước ở đâu')).toMatchObject({ procedureId: 'can-cuoc-duoi-6-tuoi', aspect: 'place' });
    expect(matcher.understand('nếu chồng là người Nhật thì đăng ký kết hôn ở đâu').procedureId).toBe('ket-hon-yeu-to-nuoc-ngoai');
    expect(matcher.understand('nếu mất giấy khai sinh thì làm lại thế nào').procedureId).not.toBe('dang-ky-khai-sinh');
  });
});

describe('"có X rồi thì Y": X is held already, the need is Y', () => {
  it('answers the procedure the "thì" clause names, even where the whole message only asked which', () => {
    const u = matcher.understand('Có giấy xác nhận khuyết tật rồi thì xin trợ cấp xã hội hằng tháng cho ông nộp ở đâu');
    expect(u).toMatchObject({ decision: 'answer', procedureId: 'tro-cap-xa-hoi', aspect: 'place', narrow: true });
    expect(matcher.understand('có sổ đỏ rồi thì xin giấy phép xây dựng ở đâu')).toMatchObject({ decision: 'answer', procedureId: 'giay-phep-xay-dung', aspect: 'place' });
  });
});
