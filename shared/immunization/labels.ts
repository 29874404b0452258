/** Vietnamese wording of the engine's states and reason codes, for the immunization tab and due lists. */
import type { InvalidReason, SeriesState } from './types.js';

export const SERIES_STATE_VI: Readonly<Record<SeriesState, string>> = {
  complete: 'Đã tiêm đủ',
  'not-yet-eligible': 'Chưa đến tuổi / chưa đủ khoảng cách',
  eligible: 'Có thể tiêm (chưa đến hạn)',
  due: 'Đến hạn tiêm',
  overdue: 'Quá hạn tiêm',
  expired: 'Quá tuổi, không tiêm nữa',
  'not-applicable': 'Không áp dụng',
  unknown: 'Không tính được (thiếu ngày sinh đầy đủ)',
};

export const INVALID_REASON_VI: Readonly<Record<InvalidReason, string>> = {
  'too-early-age': 'Tiêm khi chưa đủ tuổi tối thiểu: mũi này không được tính',
  'interval-too-short': 'Chưa đủ khoảng cách tối thiểu với mũi trước: mũi này không được tính',
  'live-vaccine-interval': 'Quá gần một vắc xin sống tiêm khác ngày (dưới khoảng cách tối thiểu): mũi này không được tính',
  'after-maximum-age': 'Tiêm khi đã quá tuổi tối đa: mũi này không được tính',
  'series-complete': 'Loạt đã tiêm đủ: mũi thừa',
  'invalid-date': 'Ngày tiêm không hợp lệ',
  'unknown-vaccine': 'Vắc xin không thuộc lịch này',
  'unknown-birth-date': 'Không đánh giá được vì thiếu ngày sinh đầy đủ',
  'after-evaluation-date': 'Sau ngày đang xem: chưa tính',
};
