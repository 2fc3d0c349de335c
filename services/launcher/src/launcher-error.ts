import type { LauncherErrorClass } from '@rollcall/contracts';

/** A start the launcher refuses or cannot carry out; `errorClass` goes on the wire as `error.class`. */
export class LauncherError extends Error {
  override readonly name = 'LauncherError';
  readonly errorClass: LauncherErrorClass;

  constructor(errorClass: LauncherErrorClass, message: string, options?: ErrorOptions) {
    super(message, options);
    this.errorClass = errorClass;
  }
}
