import type { ProcedureInput } from '../../../shared/contract/index.js';
import type { ReferralFieldsInput } from '../../../shared/contract/referrals.js';
import type { TestStation } from '../testing/station.js';
import { seedFamily } from '../visits/testing.js';

/** The seeded receiving facility used in tests (Bệnh viện Đa khoa tỉnh Lào Cai). */
export const SEED_HOSPITAL = '01900000-0000-7000-8000-00000000f001';

/** A family and a finished visit of its head (pneumonia, oxygen, two medicines), through the real procedures. */
export async function seedVisit(t: TestStation, token: string) {
  const family = await seedFamily(t, token);
  const { visit } = await t.ok('visits.receive', { personId: family.head.id, reason: 'Sốt cao, ho, khó thở', insured: true }, { token });
  const save: ProcedureInput<'visits.save'> = {
    id: visit.id,
    vitals: { pulse: 96, temperature: 39, systolic: 150, diastolic: 90, respiratoryRate: 26, spo2: 93 },
    symptoms: 'Sốt 39°C, ho khạc đờm, khó thở',
    history: 'Ho, sốt 3 ngày, tự dùng thuốc hạ sốt không đỡ',
    findings: 'Ran nổ đáy phổi phải',
    diagnoses: [
      { icdCode: 'J18.9', icdName: 'Viêm phổi, không đặc hiệu', isMain: true },
      { icdCode: 'I10', icdName: 'Bệnh lý tăng huyết áp vô căn (nguyên phát)', isMain: false },
    ],
    prescription: [{ medicineName: 'Paracetamol', strength: '500 mg', unit: 'viên', dose: '1 viên', quantity: 2, days: 1 }],
    treatment: 'Hạ sốt, thở oxy 2 lít/phút',
    advice: 'Chuyển tuyến',
    finish: true,
    outcome: 'referred',
  };
  await t.ok('visits.save', save, { token });
  return { family, visitId: visit.id, personId: family.head.id };
}

/** Referral fields filled as a physician would (every XML13-required field present). */
export function referralFields(over: Partial<ReferralFieldsInput> = {}): ReferralFieldsInput {
  return {
    destinationId: SEED_HOSPITAL,
    reason: '2',
    clinicalSigns: 'Sốt 39°C, ho khạc đờm, khó thở, ran nổ đáy phổi phải',
    diseaseCourse: 'Ho, sốt 3 ngày, tự dùng thuốc hạ sốt không đỡ',
    mainResults: 'SpO2 93%',
    diagnosisText: 'Viêm phổi thùy dưới phải; tăng huyết áp',
    diagnoses: [
      { icdCode: 'J18.9', icdName: 'Viêm phổi, không đặc hiệu', isMain: true },
      { icdCode: 'I10', icdName: 'Bệnh lý tăng huyết áp vô căn (nguyên phát)', isMain: false },
    ],
    procedures: [{ name: 'Thở oxy qua gọng mũi', startAt: '2026-03-15T09:10', endAt: '2026-03-15T09:50' }],
    treatment: 'Paracetamol 500 mg; thở oxy 2 lít/phút',
    medicines: ['Paracetamol 500 mg × 2 viên'],
    stateAtTransfer: 'Tỉnh, mạch 96 lần/phút, huyết áp 150/90 mmHg',
    treatmentDirection: 'Điều trị kháng sinh, theo dõi suy hô hấp',
    transferAt: '2026-03-15T10:20',
    transport: 'Xe cứu thương',
    escortName: 'Lò Văn Đức',
    escortTitle: 'Điều dưỡng cao đẳng',
    physicianName: 'Hoàng Văn Khải',
    physicianTitle: 'Y sĩ',
    physicianLicense: '001234/LC-CCHN',
    priorCare: [{ place: 'Trạm Y tế xã Hòa Bình', level: 'ban đầu', from: '2026-03-15', to: '2026-03-15' }],
    ...over,
  };
}

/** The station's signer (MA_TTDV is required by XML13 and XML14). */
export async function configureSigner(t: TestStation, adminToken: string) {
  await t.ok('referrals.setConfig', { signerName: 'Đặng Thị Ngọc Ánh', signerTitle: 'Trạm trưởng', signerCode: '1512345678' }, { token: adminToken });
}
