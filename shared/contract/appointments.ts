import { z } from 'zod';
import { XML_VARIANTS } from '../xml130/variants.js';
import { idSchema, optionalText } from './common.js';
import { procedure } from './procedure.js';
import { pdfOutputSchema, printOutputSchema, xmlOutputSchema } from './referrals.js';
import { diagnosisSchema } from './visits.js';

/** Re-exam appointment slips (phiếu hẹn khám lại, TT 01/2025 Phụ lục V): one active per finished visit. */

/** upcoming: return date today or later; kept: the person came back after the visit; missed: the date passed without a visit. */
export const APPOINTMENT_STATES = ['upcoming', 'kept', 'missed', 'cancelled'] as const;
export const appointmentStateSchema = z.enum(APPOINTMENT_STATES);
export type AppointmentState = z.infer<typeof appointmentStateSchema>;

const isoDate = z.string().trim().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'v.date' });
const nullable = z.string().nullable();

export const appointmentSchema = z.object({
  id: z.string(),
  personId: z.string(),
  personName: z.string(),
  birthDate: z.string(),
  phone: nullable,
  visitId: z.string(),
  visitDate: z.string(),
  number: z.string(),
  returnDate: z.string(),
  diagnosisText: nullable,
  diagnoses: z.array(diagnosisSchema),
  comorbidities: nullable,
  note: nullable,
  physicianName: nullable,
  state: appointmentStateSchema,
  issuedAt: z.string(),
  printCount: z.number().int(),
});
export type Appointment = z.infer<typeof appointmentSchema>;

const clinical = ['admin', 'physician', 'nurse'] as const;

export const appointmentsProcedures = {
  'appointments.prefill': procedure({
    kind: 'read',
    access: 'anyUser',
    summary: "A new appointment's fields from a visit: its return date, diagnoses, the examiner; and the visit's active appointment if any.",
    input: z.object({ visitId: idSchema }),
    output: z.object({
      personId: z.string(),
      personName: z.string(),
      visitDate: z.string(),
      returnDate: nullable,
      diagnosisText: nullable,
      diagnoses: z.array(diagnosisSchema),
      comorbidities: nullable,
      physicianName: nullable,
      physicianTitle: nullable,
      physicianLicense: nullable,
      active: appointmentSchema.nullable(),
    }),
  }),
  'appointments.create': procedure({
    kind: 'write',
    access: clinical,
    summary: 'Issue an appointment slip for a visit (numbered in the yearly series). Refused while the visit has an active one.',
    input: z.object({
      visitId: idSchema,
      returnDate: isoDate,
      diagnosisText: optionalText(2000),
      diagnoses: z.array(diagnosisSchema).max(13).optional(),
      comorbidities: optionalText(1000),
      note: optionalText(500),
      physicianName: optionalText(100),
      physicianTitle: optionalText(60),
      physicianLicense: optionalText(255),
    }),
    output: z.object({ appointment: appointmentSchema }),
  }),
  'appointments.cancel': procedure({
    kind: 'write',
    access: clinical,
    summary: 'Cancel an appointment slip (a new one can then be issued for the visit).',
    input: z.object({ id: idSchema }),
    output: z.object({ appointment: appointmentSchema }),
  }),
  'appointments.list': procedure({
    kind: 'read',
    access: 'anyUser',
    summary: 'Appointments by state: upcoming (return date in a range, default from today), missed, or all; soonest first.',
    input: z.object({ view: z.enum(['upcoming', 'missed', 'all']).default('upcoming'), from: isoDate.optional(), to: isoDate.optional(), limit: z.number().int().min(1).max(500).default(200) }),
    output: z.object({ appointments: z.array(appointmentSchema) }),
  }),
  'appointments.get': procedure({ kind: 'read', access: 'anyUser', summary: 'One appointment slip.', input: z.object({ id: idSchema }), output: z.object({ appointment: appointmentSchema }) }),
  'appointments.forPerson': procedure({ kind: 'read', access: 'anyUser', summary: "A person's appointment slips, newest first.", input: z.object({ personId: idSchema }), output: z.object({ appointments: z.array(appointmentSchema) }) }),
  'appointments.preview': procedure({ kind: 'read', access: 'anyUser', summary: 'The PDF of an appointment slip (A5); not logged as a print.', input: z.object({ id: idSchema }), output: pdfOutputSchema }),
  'appointments.print': procedure({ kind: 'write', access: clinical, summary: 'Log a print of the slip; the PDF is `appointments.preview` (same content and number every time).', input: z.object({ id: idSchema }), output: printOutputSchema }),
  'appointments.exportXml14': procedure({
    kind: 'read',
    access: clinical,
    summary: 'XML14 of an appointment slip in the GIAMDINHHS envelope; refused with the list of what is missing.',
    input: z.object({ id: idSchema, variant: z.enum(XML_VARIANTS).optional() }),
    output: xmlOutputSchema,
  }),
};
