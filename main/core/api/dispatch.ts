/**
 * The single entry from any transport into the core: checks the method name against the
 * contract, validates params with its schema, and turns every failure into data.
 */
import { methodParams, type ContractHandlers, type MethodName } from '../../../shared/contract';
import { fail, ok, type Result } from '../../../shared/result';

/** An error a handler throws on purpose; its code reaches the renderer unchanged. */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const isMethodName = (name: string): name is MethodName => Object.hasOwn(methodParams, name);

/** Takes any subset of the contract's handlers (a single terminal answers all but the session methods). */
export async function dispatch(handlers: Partial<ContractHandlers>, method: unknown, params: unknown): Promise<Result<unknown>> {
  if (typeof method !== 'string' || !isMethodName(method) || !handlers[method]) {
    return fail('UNKNOWN_METHOD', `No such method: ${JSON.stringify(method)}`);
  }
  const parsed = methodParams[method].safeParse(params ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(params)'}: ${i.message}`).join('; ');
    return fail('INVALID_PARAMS', `${method}: ${issues}`);
  }
  try {
    const handler = handlers[method] as (p: unknown) => Promise<unknown>;
    return ok(await handler(parsed.data));
  } catch (error) {
    if (error instanceof DomainError) return fail(error.code, error.message);
    return fail('INTERNAL', error instanceof Error ? error.message : String(error));
  }
}
