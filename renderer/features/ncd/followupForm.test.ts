import { describe, expect, it } from 'vitest';
import { translate, type MessageKey } from '../../../shared/i18n/index.js';
import { BUILT_IN_PROGRAMS } from '../../../shared/ncd/programs.js';
import { emptyFollowup, followupFormErrors, followupInputOf, glucoseMgdl, liveMean, programFields, type FollowupFormValues } from './followupForm.js';

const t = (key: MessageKey, params?: Record<string, string | number>) => translate('vi', key, params);
const program = (code: string) => BUILT_IN_PROGRAMS.find((p) => p.code === code)!;

function values(patch: Partial<FollowupFormValues>): FollowupFormValues {
  return { ...emptyFollowup('2026-03-10', 30), ...patch };
}

describe('fast follow-up form model', () => {
  it('proposes today and the next appointment after the interval', () => {
    const v = emptyFollowup('2026-03-10', 30);
    expect(v.date).toBe('10/03/2026');
    expect(v.nextAppointment).toBe('09/04/2026');
    expect(v.glucose.unit).toBe('mmol_l');
  });

  it('shows the mean of the readings typed so far, unrounded', () => {
    expect(liveMean(values({}))).toBeNull();
    expect(liveMean(values({ bp1: { systolic: 150, diastolic: 95 }, bp2: { systolic: 129, diastolic: '' } }))).toEqual({ systolic: 150, diastolic: 95 });
    expect(liveMean(values({ bp1: { systolic: 135, diastolic: 85 }, bp2: { systolic: 128, diastolic: 82 } }))).toEqual({ systolic: 131.5, diastolic: 83.5 });
  });

  it('converts glucose typed in mmol/L to mg/dL (× 18)', () => {
    expect(glucoseMgdl(values({ glucose: { value: 7, unit: 'mmol_l', type: 'fasting' } }))).toBe(126);
    expect(glucoseMgdl(values({ glucose: { value: 8.2, unit: 'mmol_l', type: 'fasting' } }))).toBe(147.6);
    expect(glucoseMgdl(values({ glucose: { value: 180, unit: 'mg_dl', type: 'random' } }))).toBe(180);
    expect(glucoseMgdl(values({}))).toBeNull();
  });

  it('asks for the other half of a BP reading and for readable dates, before sending', () => {
    const errors = followupFormErrors(values({ bp1: { systolic: 150, diastolic: '' }, bp2: { systolic: '', diastolic: 80 }, nextAppointment: '31/02/2026' }), t);
    expect(errors).toEqual({ 'bp1.diastolic': 'Không được để trống', 'bp2.systolic': 'Không được để trống', nextAppointment: 'Ngày dạng dd/mm/yyyy' });
    expect(followupFormErrors(values({}), t)).toEqual({});
  });

  it('sends only the fields of the program: no glucose for hypertension, everything for diabetes', () => {
    const v = values({
      bp1: { systolic: 150, diastolic: 95 },
      glucose: { value: 8.2, unit: 'mmol_l', type: 'fasting' },
      hba1c: 7.4,
      adherence: 'good',
      medicines: [{ medicineId: 'm1', name: 'Amlodipin 5 mg', unit: 'viên', quantity: 30, days: 30 }],
    });
    const hypertension = followupInputOf('e1', v, programFields(program('hypertension')));
    expect(hypertension).toMatchObject({ enrollmentId: 'e1', date: '2026-03-10', nextAppointment: '2026-04-09', bp1: { systolic: 150, diastolic: 95 }, bp2: null, adherence: 'good' });
    expect(hypertension.glucose).toBeUndefined();
    expect(hypertension.hba1c).toBeUndefined();
    expect(hypertension.medicines).toEqual([{ medicineId: 'm1', name: 'Amlodipin 5 mg', unit: 'viên', quantity: 30, days: 30 }]);
    const diabetes = followupInputOf('e2', v, programFields(program('diabetes_t2')));
    expect(diabetes.glucose).toEqual({ value: 8.2, unit: 'mmol_l', type: 'fasting' });
    expect(diabetes.hba1c).toBe(7.4);
  });

  it("sends a program's own fields in `extra`, leaving out those not entered", () => {
    const copd = program('copd');
    const fields = programFields(copd);
    expect(fields.has('bp')).toBe(false);
    expect(fields.extra.map((f) => f.key)).toEqual(['peakFlow']);
    expect(followupInputOf('e3', values({ extra: { peakFlow: 320 } }), fields).extra).toEqual({ peakFlow: 320 });
    expect(followupInputOf('e3', values({ extra: { peakFlow: '' } }), fields).extra).toEqual({});
  });

  it('an emptied appointment is sent as none, not as the default', () => {
    expect(followupInputOf('e1', values({ nextAppointment: ' ' }), programFields(program('hypertension'))).nextAppointment).toBeNull();
  });
});
