/**
 * 统一社会信用代码 (unified social credit code), GB 32100-2015.
 * 18 characters from a 31-symbol alphabet (digits and capitals without I, O, S, V, Z):
 * 1 registration authority, 1 organisation type, 6 region (GB/T 2260), 9 organisation code, 1 check character.
 * The check character is C18 = 31 − (Σ Ci·Wi mod 31), with Wi = 3^(i−1) mod 31; a result of 31 is written 0.
 */
const alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const shape = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

export type UsccProblem = "length" | "characters" | "checksum";

/** The check character for the first 17 characters of a code. */
export function usccCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += alphabet.indexOf(first17.charAt(i)) * (weights[i] ?? 0);
  const check = (31 - (sum % 31)) % 31;
  return alphabet.charAt(check);
}

/** Why a code is not a valid USCC, or null when it is. Lower-case input is accepted and upper-cased. */
export function usccProblem(input: string): UsccProblem | null {
  const code = input.trim().toUpperCase();
  if (code.length !== 18) return "length";
  if (!shape.test(code)) return "characters";
  return usccCheckCharacter(code.slice(0, 17)) === code.charAt(17) ? null : "checksum";
}
