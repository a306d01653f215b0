/**
 * An expected failure whose message is written for the person who caused it
 * (bad input, bad option). Adapters show the message as is; anything else
 * is unexpected and gets a generic apology.
 */
export class UserFacingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserFacingError';
  }
}
