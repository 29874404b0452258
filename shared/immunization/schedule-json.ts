/**
 * Writes a schedule version as JSON in the layout of resources/schedules/*.json: keys in the schema's order, short
 * values (durations, code lists) on one line. Used to produce the shipped files from the TS copies and to let an
 * administrator export a version, edit it and load it back.
 */
import { scheduleSchema, type Schedule } from './schedule-schema.js';

const WIDTH = 118;

function render(value: unknown, indent: string): string {
  const flat = JSON.stringify(value, null, 1)?.replace(/\n\s*/g, ' ').replace(/\[ /g, '[').replace(/ \]/g, ']') ?? 'null';
  if (value === null || typeof value !== 'object' || indent.length + flat.length <= WIDTH) return flat;
  const inner = `${indent}  `;
  if (Array.isArray(value)) return `[\n${value.map((v) => inner + render(v, inner)).join(',\n')}\n${indent}]`;
  // Short entries are packed several to a line; an entry that does not fit alone gets its own lines.
  const lines: string[] = [];
  let line = '';
  for (const [k, v] of Object.entries(value)) {
    if (v === undefined) continue;
    const text = `${JSON.stringify(k)}: ${render(v, inner)}`;
    if (line !== '' && (text.includes('\n') || inner.length + line.length + text.length + 2 > WIDTH)) {
      lines.push(line);
      line = '';
    }
    line = line === '' ? text : `${line}, ${text}`;
    if (text.includes('\n')) {
      lines.push(line);
      line = '';
    }
  }
  if (line !== '') lines.push(line);
  return `{\n${lines.map((l) => inner + l).join(',\n')}\n${indent}}`;
}

export function formatScheduleJson(schedule: Schedule): string {
  const parsed = scheduleSchema.safeParse(schedule);
  return `${render(parsed.success ? parsed.data : schedule, '')}\n`;
}
