import type { viReports } from './reports.vi.js';

export const enReports: Record<keyof typeof viReports, string> = {
  'reports.intro': "The station's registers and reports; each opens the screen that builds it, to print or export.",
  'reports.open': 'Open',
  'reports.visitRegister': 'Visit register (A1/CSYT)',
  'reports.visitRegister.body': 'Every visit in the chosen date range, in the columns of register A1; .xlsx export.',
  'reports.ncdIndicators': 'Chronic-disease indicators',
  'reports.ncdIndicators.body': 'By month or quarter, program and hamlet: under care, controlled, lost to follow-up, 12-month trend; PDF and .xlsx.',
  'reports.ncdPatients': 'Patients under management',
  'reports.ncdPatients.body': 'By program and hamlet: last follow-up, BP against target, next appointment; also those whose management ended.',
  'reports.ncdOverdue': 'Overdue patients',
  'reports.ncdOverdue.body': 'Patients past their appointment, high risk first, with phone and hamlet; printed call list, .xlsx.',
  'reports.ncdLost': 'Lost to follow-up (> 12 months)',
  'reports.ncdLost.body': 'Patients without a follow-up for more than 12 months; print, .xlsx.',
  'reports.immRegister': 'Immunization register (A2.1)',
  'reports.immRegister.body': 'Children by birth year and hamlet with their doses; PDF and .xlsx.',
  'reports.immCoverage': 'Monthly immunization coverage',
  'reports.immCoverage.body': 'Coverage by vaccine and hamlet with the trend; export for the national immunization system (NIIS).',
  'reports.immStock': 'Vaccine stock',
  'reports.immStock.body': 'Stock on hand by lot, expiry, movements and wastage.',
  'reports.referrals': 'Referrals',
  'reports.referrals.body': 'Referral slips and appointment slips; XML export (QĐ 130/QĐ-BYT).',
};
