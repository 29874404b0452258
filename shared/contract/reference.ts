import { z } from 'zod';
import { emptyInput } from './common.js';
import { procedure } from './procedure.js';

export const provinceSchema = z.object({ code: z.string(), name: z.string() });
export const communeSchema = z.object({ code: z.string(), name: z.string(), type: z.string() });

export const referenceProcedures = {
  'reference.provinces': procedure({
    kind: 'read',
    access: 'public',
    summary: 'The 34 provinces of the 2025 administrative list (QĐ 19/2025/QĐ-TTg).',
    input: emptyInput,
    output: z.object({ provinces: z.array(provinceSchema) }),
  }),
  'reference.communes': procedure({
    kind: 'read',
    access: 'public',
    summary: 'Communes, wards and special zones of one province.',
    input: z.object({ provinceCode: z.string().regex(/^\d{2}$/) }),
    output: z.object({ communes: z.array(communeSchema) }),
  }),
};
