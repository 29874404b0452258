/** Vietnamese strings of chronic-disease follow-up (spread into vi.ts). */
export const viNcd = {
  'v.ncdBpFirst': 'Nhập lần đo huyết áp thứ nhất trước lần thứ hai',
  'v.ncdWeight': 'Cân nặng phải từ {min} đến {max} kg',
  'v.ncdGlucoseMgdl': 'Đường huyết phải từ {min} đến {max} mg/dL',
  'v.ncdGlucoseMmol': 'Đường huyết phải từ {min} đến {max} mmol/L',
  'v.ncdHba1c': 'HbA1c phải từ {min} đến {max} %',
  'v.ncdProgram': 'Chương trình không tồn tại: {code}',
  'v.ncdAlreadyEnrolled': 'Người này đang được quản lý trong chương trình này',
  'v.ncdEnrollmentEnded': 'Hồ sơ quản lý đã kết thúc',
  'v.ncdDateBeforeEnrollment': 'Ngày không được trước ngày đăng ký quản lý ({date})',
  'v.ncdAppointmentAfter': 'Ngày hẹn tái khám phải sau ngày khám',
  'v.ncdRemindDate': 'Cần ngày gọi lại, sau hôm nay',
  'v.ncdRemoveReason': 'Cần lý do đưa ra khỏi danh sách',
  'v.ncdPeriod': 'Kỳ báo cáo không hợp lệ (yyyy-mm hoặc yyyy-Qn)',
} as const;
