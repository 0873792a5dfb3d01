import { badUserInput } from '../../contract/errors.ts';

/** The length of a client's idempotency key, as the agencies accept it. */
const MAX_KEY_LENGTH = 200;

/** A client's idempotency key: 1 to 200 characters, or BAD_USER_INPUT on `field`. `per` names what one key stands for. */
export function checkIdempotencyKey(key: string, field: string, per: string): void {
  if (key.length < 1 || key.length > MAX_KEY_LENGTH) {
    throw badUserInput(
      field,
      key.length < 1 ? 'REQUIRED' : 'OUT_OF_RANGE',
      `idempotencyKey must be 1 to ${MAX_KEY_LENGTH} characters, generated once per ${per} (got ${key.length}).`,
    );
  }
}
