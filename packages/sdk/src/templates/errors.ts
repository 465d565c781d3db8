import { SealcallError } from '../errors.js';

/** The codes the templates module throws, besides INVALID_ARGUMENT. */
export type TemplateErrorCode = 'TEMPLATE_VARIABLE_MISSING' | 'TEMPLATE_UNKNOWN_LOCALE' | 'TEMPLATE_UNSAFE_LINK' | 'TEMPLATE_TOO_LONG';

/**
 * Messages name variables and limits, never values: a value may be a link with its secret or a
 * customer's name.
 */
export function templateError(code: TemplateErrorCode | 'INVALID_ARGUMENT', message: string): SealcallError {
  return new SealcallError(code, message);
}
