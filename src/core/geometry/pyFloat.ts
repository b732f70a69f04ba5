// Float text the way Python and numpy write it, so .geom files we write diff
// cleanly against EXtra-geom's. JS and Python both pick the shortest digits
// that round-trip; only the layout (exponent thresholds, '.0') differs.

/** Shortest round-trip digits and decimal exponent: value = 0.DIGITS × 10^exp10. */
function shortestDigits(v: number): { digits: string; exp10: number } {
  const [mant, exp] = Math.abs(v).toExponential().split('e');
  return { digits: mant.replace('.', ''), exp10: Number(exp) + 1 };
}

function positional(digits: string, exp10: number): { int: string; frac: string } {
  if (exp10 <= 0) return { int: '0', frac: '0'.repeat(-exp10) + digits };
  if (exp10 >= digits.length) return { int: digits + '0'.repeat(exp10 - digits.length), frac: '' };
  return { int: digits.slice(0, exp10), frac: digits.slice(exp10) };
}

/** Python's `repr(float)`: `-525.0`, `0.0075`, `1.3e-05`, `1e+16`. */
export function pyRepr(v: number): string {
  if (Number.isNaN(v)) return 'nan';
  if (!Number.isFinite(v)) return v > 0 ? 'inf' : '-inf';
  const sign = v < 0 || Object.is(v, -0) ? '-' : '';
  if (v === 0) return `${sign}0.0`;
  const { digits, exp10 } = shortestDigits(v);
  const sciExp = exp10 - 1;
  if (sciExp < -4 || sciExp >= 16) {
    const mant = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const e = Math.abs(sciExp).toString().padStart(2, '0');
    return `${sign}${mant}e${sciExp < 0 ? '-' : '+'}${e}`;
  }
  const { int, frac } = positional(digits, exp10);
  return `${sign}${int}.${frac || '0'}`;
}

/** numpy's `format_float_positional(v, sign=True)`: `+1.`, `-0.003556`, never an exponent. */
export function npPositionalSigned(v: number): string {
  const sign = v < 0 || Object.is(v, -0) ? '-' : '+';
  if (v === 0) return `${sign}0.`;
  const { digits, exp10 } = shortestDigits(v);
  const { int, frac } = positional(digits, exp10);
  return `${sign}${int}.${frac}`;
}

/** A number given by the caller: integers as Python ints (`9300`), others as floats. */
export function pyNumber(v: number): string {
  return Number.isInteger(v) && !Object.is(v, -0) ? String(v) : pyRepr(v);
}

/** numpy's round-half-to-even (`np.around`), which `Math.round` is not. */
export function roundHalfEven(v: number): number {
  const r = Math.round(v);
  return Math.abs(v % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}
