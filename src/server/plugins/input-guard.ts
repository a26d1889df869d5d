import type { FastifyInstance } from 'fastify';
import { AppError, type FieldErrors } from '../../shared/errors';

/**
 * Characters no field may carry: NUL (PostgreSQL text refuses it) and lone UTF-16 surrogates such as "\ud800"
 * (not Unicode: jsonb refuses them, and no browser sends them from a form). Checked on every request's params,
 * query and JSON body before schema validation, so every route answers 400 instead of failing in the database.
 */
const NUL = '\u0000';
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function badString(s: string): string | null {
  if (s.includes(NUL)) return '含有不允许的空字符（\\u0000），请删除后重试';
  if (LONE_SURROGATE.test(s)) return '含有无法识别的字符（不成对的代理字符），请重新输入';
  return null;
}

/** Every bad string in `value`, keyed by field path ("contact.name", "items.0"); keys are checked too. */
export function badCharacters(value: unknown, path: string[] = [], out: FieldErrors = {}): FieldErrors {
  if (typeof value === 'string') {
    const problem = badString(value);
    if (problem) out[path.join('.') || '_'] = problem;
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => badCharacters(v, [...path, String(i)], out));
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      const keyProblem = badString(k);
      if (keyProblem) out[[...path, '_key'].join('.')] = keyProblem;
      else badCharacters(v, [...path, k], out);
    }
  }
  return out;
}

export function inputGuardPlugin(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const fieldErrors = {
      ...badCharacters(request.params),
      ...badCharacters(request.query),
      ...badCharacters(request.body),
    };
    if (Object.keys(fieldErrors).length) {
      throw AppError.of('UNSAVEABLE_CHARACTERS', {}, fieldErrors);
    }
  });
}
