import { describe, expect, it } from 'vitest';
import { findPayload } from './useCardWedge.js';

const CCCD = '079185900002||Trần Thị B|12071985|Nữ|Ấp Mẫu, Xã Bình Chánh, Thành phố Hồ Chí Minh|20052022';
const BHYT = '7900000002|5472e1baa76e205468e1bb8b2042|12/07/1985|2|-|79 - 024|01/01/2024|31/12/2024|20/12/2023|79057900000002|-|4|-|81a8f530f718994d-1202|$';

describe('a card payload typed into a form field', () => {
  it('is found after what the field already held', () => {
    expect(findPayload(`Giáo viên${BHYT}`)).toMatchObject({ before: 'Giáo viên', card: { kind: 'bhyt', fullName: 'Trần Thị B' } });
    expect(findPayload(`0912${CCCD}`, '0912')).toMatchObject({ before: '0912', card: { kind: 'cccd', cccd: '079185900002' } });
    expect(findPayload(CCCD)).toMatchObject({ before: '', card: { cccd: '079185900002' } });
  });

  it('is not seen in ordinary text', () => {
    expect(findPayload('Nguyễn Văn A')).toBeNull();
    expect(findPayload('a|b|c|d|e|f')).toBeNull();
  });
});
