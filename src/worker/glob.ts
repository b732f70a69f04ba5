// Python fnmatch semantics (as select() uses): `*` also matches `/`.
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') re += '.*';
    else if (c === '?') re += '.';
    else if (c === '[') {
      const end = glob.indexOf(']', i + 2);
      if (end < 0) re += '\\[';
      else {
        let body = glob.slice(i + 1, end);
        if (body.startsWith('!')) body = '^' + body.slice(1);
        re += `[${body.replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/** A filter box entry: `src-glob` or `src-glob key-glob`; a bare word matches as a substring. */
export function sourceKeyFilter(text: string): (source: string, key?: string) => boolean {
  const [srcPart, keyPart] = text.trim().split(/\s+/, 2);
  if (!srcPart) return () => true;
  const wrap = (g: string) => globToRegExp(/[*?[]/.test(g) ? g : `*${g}*`);
  const src = wrap(srcPart);
  const key = keyPart ? wrap(keyPart) : null;
  return (s, k) => src.test(s) && (!key || k === undefined || key.test(k));
}
