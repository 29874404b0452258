import { z } from 'zod';
import type { ApiError, ErrorCode, FieldIssue } from '../../../shared/errors.js';
import { isMessageKey, translate, type Locale } from '../../../shared/i18n/index.js';

const zodLocales = { vi: z.locales.vi(), en: z.locales.en() };

/** Parses input with zod's built-in messages in the caller's language; our own `v.*` keys are translated after. */
export function parseInput(schema: z.ZodType, input: unknown, locale: Locale) {
  return schema.safeParse(input, { error: zodLocales[locale].localeError });
}

export function fieldIssues(error: z.ZodError, locale: Locale): FieldIssue[] {
  return error.issues.map((issue) => {
    const params = (issue as { params?: Record<string, string | number> }).params ?? {};
    const message = isMessageKey(issue.message) ? translate(locale, issue.message, params) : issue.message;
    return { path: issue.path.map(String).join('.'), message };
  });
}

export function apiError(
  code: ErrorCode,
  locale: Locale,
  params: Record<string, string | number> = {},
  details?: ApiError['details'],
): ApiError {
  const message = translate(locale, `error.${code}`, params);
  if (!details) return { code, message };
  const fieldParams = (details.params as Record<string, string | number> | undefined) ?? params;
  const fields = details.fields?.map((f) => ({
    path: f.path,
    message: f.message === '' ? message : isMessageKey(f.message) ? translate(locale, f.message, fieldParams) : f.message,
  }));
  const { params: _omit, ...rest } = details;
  return { code, message, details: { ...rest, ...(fields ? { fields } : {}) } };
}
