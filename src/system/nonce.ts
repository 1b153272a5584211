// The CSP nonce of both webview panels. node:crypto is taken when the first panel opens, not when the
// extension loads: requiring it costs several milliseconds of activation in a fresh process.

/** 18 random bytes in base64: 144 bits, and base64 of a multiple of 3 bytes has no '=' padding. */
export function createNonce(): string {
  return process.getBuiltinModule('node:crypto').randomBytes(18).toString('base64');
}
