import type { viNcd } from './ncd.vi.js';

/** English strings of chronic-disease follow-up (spread into en.ts). */
export const enNcd: Record<keyof typeof viNcd, string> = {
  'v.ncdBpFirst': 'Enter the first BP reading before the second',
  'v.ncdWeight': 'Weight must be between {min} and {max} kg',
  'v.ncdGlucoseMgdl': 'Blood glucose must be between {min} and {max} mg/dL',
  'v.ncdGlucoseMmol': 'Blood glucose must be between {min} and {max} mmol/L',
  'v.ncdHba1c': 'HbA1c must be between {min} and {max} %',
  'v.ncdProgram': 'No such program: {code}',
  'v.ncdAlreadyEnrolled': 'This person is already enrolled in this program',
  'v.ncdEnrollmentEnded': 'This enrollment has ended',
  'v.ncdDateBeforeEnrollment': 'The date cannot be before the enrollment date ({date})',
  'v.ncdAppointmentAfter': 'The next appointment must be after the visit date',
  'v.ncdRemindDate': 'A call-back date after today is needed',
  'v.ncdRemoveReason': 'A reason for removing from the list is needed',
  'v.ncdPeriod': 'Invalid reporting period (yyyy-mm or yyyy-Qn)',
};
