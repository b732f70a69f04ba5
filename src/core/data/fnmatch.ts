// Shell-style globs with Python fnmatch's rules: `*` matches anything including '/',
// `?` one character, `[seq]` / `[!seq]` character sets; matching is case-sensitive.

const cache = new Map<string, RegExp>();

export function globToRegExp(pattern: string): RegExp {
  let re = cache.get(pattern);
  if (re) return re;
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') out += '[\\s\\S]*';
    else if (c === '?') out += '[\\s\\S]';
    else if (c === '[') {
      let j = i + 1;
      if (pattern[j] === '!') j++;
      if (pattern[j] === ']') j++;
      while (j < pattern.length && pattern[j] !== ']') j++;
      if (j >= pattern.length) {
        out += '\\[';
        continue;
      }
      let body = pattern.slice(i + 1, j).replaceAll('\\', '\\\\');
      const negated = body.startsWith('!');
      if (negated) body = body.slice(1);
      // A ']' first in the set is a literal in fnmatch; a JS class would end there.
      if (body.startsWith(']')) body = '\\' + body;
      if (negated) body = '^' + body;
      else if (body.startsWith('^')) body = '\\' + body;
      out += `[${body}]`;
      i = j;
    } else out += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  re = new RegExp(`^${out}$`, 'u');
  cache.set(pattern, re);
  return re;
}

export function fnmatch(name: string, pattern: string): boolean {
  return globToRegExp(pattern).test(name);
}
