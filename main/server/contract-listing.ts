import { z } from 'zod';
import { contract, eventContract, type ProcedureDef } from '../../shared/contract/index.js';

/** `GET /api/_contract`: every procedure with its JSON schemas, so tools and tests can discover the API. */
export function contractListing() {
  const toSchema = (schema: z.ZodType, io: 'input' | 'output') => z.toJSONSchema(schema, { io, unrepresentable: 'any' });
  return {
    procedures: Object.entries(contract).map(([name, def]) => {
      const d = def as ProcedureDef;
      return {
        name,
        kind: d.kind,
        access: d.access,
        summary: d.summary,
        input: toSchema(d.input, 'input'),
        output: toSchema(d.output, 'output'),
      };
    }),
    events: Object.entries(eventContract).map(([name, schema]) => ({ name, payload: toSchema(schema, 'output') })),
  };
}
