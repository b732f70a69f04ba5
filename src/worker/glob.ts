// The filter box takes the same globs as select(): Python fnmatch rules, from the core.
import { globToRegExp } from '../core/data/fnmatch';

/** A filter box entry: `src-glob` or `src-glob key-glob`; a bare word matches as a substring. */
export function sourceKeyFilter(text: string): (source: string, key?: string) => boolean {
  const [srcPart, keyPart] = text.trim().split(/\s+/, 2);
  if (!srcPart) return () => true;
  const wrap = (g: string) => globToRegExp(/[*?[]/.test(g) ? g : `*${g}*`);
  const src = wrap(srcPart);
  const key = keyPart ? wrap(keyPart) : null;
  return (s, k) => src.test(s) && (!key || k === undefined || key.test(k));
}
