import type { AppointmentSnapshot, ReferralSnapshot, StationHeader, SlipPatient } from './snapshot.js';

/** Invented slips with every field filled (full Vietnamese diacritics), for tests and layout checks. */

export const SAMPLE_STATION: StationHeader = {
  code: '15123',
  name: 'Trạm Y tế xã Bảo Thắng',
  governingBody: 'UBND xã Bảo Thắng',
  provinceName: 'Tỉnh Lào Cai',
  communeName: 'Xã Bảo Thắng',
};

export const SAMPLE_PATIENT: SlipPatient = {
  personId: '0190a000-0000-7000-8000-000000000001',
  fullName: 'Nguyễn Thị Hường',
  sex: 'F',
  birthDate: '1968-04-23',
  address: 'Số 7, Thôn Phú Hà, Xã Bảo Thắng, Tỉnh Lào Cai',
  ethnicityCode: '02',
  ethnicityName: 'Tày',
  nationality: 'Việt Nam',
  occupation: 'Nông dân',
  workplace: 'Hợp tác xã Phú Hà',
  cccd: '015168000123',
  bhytCardCode: 'GD4151234567890',
  bhytValidFrom: '2026-01-01',
  bhytValidTo: '2026-12-31',
};

export function sampleReferral(over: Partial<ReferralSnapshot> = {}): ReferralSnapshot {
  return {
    kind: 'referral',
    referralId: '0190a000-0000-7000-8000-0000000000a1',
    formVersion: 'tt01_2025',
    version: 1,
    number: '12/2026/PCCSKBCB',
    seq: 12,
    year: 2026,
    recordNumber: '2026-0345',
    issuedAt: '2026-03-15T03:20:00.000Z',
    station: SAMPLE_STATION,
    patient: SAMPLE_PATIENT,
    destination: { code: '15001', name: 'Bệnh viện Đa khoa tỉnh Lào Cai', level: 'chuyên sâu' },
    episodeId: '0190a000-0000-7000-8000-0000000000b1',
    episodeStart: '2026-03-15T01:05:00.000Z',
    priorCare: [{ place: 'Trạm Y tế xã Bảo Thắng', level: 'ban đầu', from: '2026-03-15', to: '2026-03-15' }],
    clinicalSigns: 'Sốt 39°C, ho khạc đờm, khó thở nhẹ, ran nổ đáy phổi phải',
    diseaseCourse: 'Ho, sốt 3 ngày, tự dùng thuốc hạ sốt không đỡ; hôm nay khó thở tăng',
    mainResults: 'SpO2 93%, bạch cầu tăng (test nhanh)',
    diagnosisText: 'Viêm phổi thùy dưới phải; tăng huyết áp',
    diagnoses: [
      { icdCode: 'J18.9', icdName: 'Viêm phổi, không đặc hiệu', isMain: true },
      { icdCode: 'I10', icdName: 'Bệnh lý tăng huyết áp vô căn (nguyên phát)', isMain: false },
    ],
    procedures: [{ name: 'Thở oxy qua gọng mũi', startAt: '2026-03-15T09:10', endAt: '2026-03-15T10:05' }],
    treatment: 'Paracetamol 500 mg uống; thở oxy 2 lít/phút',
    medicines: ['Paracetamol 500 mg × 2 viên', 'Amoxicilin 500 mg × 3 viên'],
    stateAtTransfer: 'Tỉnh, tiếp xúc tốt; mạch 96 lần/phút, huyết áp 150/90 mmHg',
    reason: '2',
    treatmentDirection: 'Điều trị kháng sinh, theo dõi suy hô hấp',
    transferAt: '2026-03-15T10:20',
    transport: 'Xe cứu thương của Trung tâm Y tế khu vực',
    escortName: 'Lò Văn Đức',
    escortTitle: 'Điều dưỡng, trình độ cao đẳng',
    validOneYear: false,
    physician: { name: 'Hoàng Văn Khải', code: '001234/LC-CCHN', title: 'Y sĩ' },
    signer: { name: 'Đặng Thị Ngọc Ánh', code: '1512345678', title: 'Trạm trưởng' },
    ...over,
  };
}

export function sampleAppointment(over: Partial<AppointmentSnapshot> = {}): AppointmentSnapshot {
  return {
    kind: 'appointment',
    appointmentId: '0190a000-0000-7000-8000-0000000000c1',
    formVersion: 'tt01_2025_pl5',
    number: '5/2026',
    seq: 5,
    year: 2026,
    issuedAt: '2026-03-15T03:30:00.000Z',
    station: SAMPLE_STATION,
    patient: SAMPLE_PATIENT,
    episodeId: '0190a000-0000-7000-8000-0000000000b1',
    visitAt: '2026-03-15T01:05:00.000Z',
    visitEndAt: '2026-03-15T03:25:00.000Z',
    returnDate: '2026-03-29',
    diagnosisText: 'Tăng huyết áp vô căn',
    diagnoses: [
      { icdCode: 'I10', icdName: 'Bệnh lý tăng huyết áp vô căn (nguyên phát)', isMain: true },
      { icdCode: 'E11.9', icdName: 'Đái tháo đường típ 2 không có biến chứng', isMain: false },
    ],
    comorbidities: 'Đái tháo đường típ 2',
    note: 'Mang theo sổ theo dõi huyết áp',
    physician: { name: 'Hoàng Văn Khải', code: '001234/LC-CCHN', title: 'Y sĩ' },
    signer: { name: 'Đặng Thị Ngọc Ánh', code: '1512345678', title: 'Trạm trưởng' },
    ...over,
  };
}
