// Tasks for IsolatedPool tests: one that never ends, one that traps, one that answers.
export function hang(): never {
  for (;;);
}

export function trap(): never {
  throw new WebAssembly.RuntimeError('unreachable');
}

export function echo<T>(value: T): T {
  return value;
}
