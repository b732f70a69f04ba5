// Parses the Python `call` strings of the references (a small expression subset:
// names, attributes, calls with keyword arguments, subscripts with slices and '...',
// str/int/float literals, lists, tuples, dicts and sets).

export type PyNode =
  | { t: 'name'; name: string }
  | { t: 'str'; value: string }
  | { t: 'num'; value: number }
  | { t: 'list' | 'tuple' | 'set'; items: PyNode[] }
  | { t: 'dict'; entries: Array<[PyNode, PyNode]> }
  | { t: 'ellipsis' }
  | { t: 'star' }
  | { t: 'slice'; start: PyNode | null; stop: PyNode | null; step: PyNode | null }
  | { t: 'attr'; obj: PyNode; name: string }
  | { t: 'call'; fn: PyNode; args: PyNode[]; kwargs: Record<string, PyNode> }
  | { t: 'index'; obj: PyNode; items: PyNode[] };

const TOKEN = /\s*(\.\.\.|[A-Za-z_][A-Za-z0-9_]*|-?\d+(?:\.\d+)?(?:e-?\d+)?|'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|[()[\]{}.,:=*])/y;

function tokenize(src: string): string[] {
  const out: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < src.trimEnd().length) {
    const m = TOKEN.exec(src);
    if (!m) throw new SyntaxError(`cannot tokenize ${src} at ${TOKEN.lastIndex}`);
    out.push(m[1]);
  }
  return out;
}

export function parsePython(src: string): PyNode {
  const toks = tokenize(src);
  let i = 0;
  const peek = () => toks[i];
  const expect = (t: string) => {
    if (toks[i] !== t) throw new SyntaxError(`expected ${t} at token ${i} in ${src}, got ${toks[i]}`);
    i++;
  };
  const seq = (close: string, item: () => PyNode): PyNode[] => {
    const items: PyNode[] = [];
    while (peek() !== close) {
      items.push(item());
      if (peek() === ',') i++;
      else break;
    }
    expect(close);
    return items;
  };
  const primary = (): PyNode => {
    const t = toks[i++];
    if (t === '...') return { t: 'ellipsis' };
    if (t === '*') return { t: 'star' };
    if (t === '[') return { t: 'list', items: seq(']', expr) };
    if (t === '(') {
      const items = seq(')', expr);
      return items.length === 1 && toks[i - 2] !== ',' ? items[0] : { t: 'tuple', items };
    }
    if (t === '{') {
      if (peek() === '}') {
        i++;
        return { t: 'dict', entries: [] };
      }
      const first = expr();
      if (peek() === ':') {
        i++;
        const entries: Array<[PyNode, PyNode]> = [[first, expr()]];
        while (peek() === ',') {
          i++;
          if (peek() === '}') break;
          const k = expr();
          expect(':');
          entries.push([k, expr()]);
        }
        expect('}');
        return { t: 'dict', entries };
      }
      const items = [first];
      if (peek() === ',') {
        i++;
        items.push(...seq('}', expr));
      } else expect('}');
      return { t: 'set', items };
    }
    if (t.startsWith("'") || t.startsWith('"')) return { t: 'str', value: t.slice(1, -1).replace(/\\(.)/g, '$1') };
    if (/^-?\d/.test(t)) return { t: 'num', value: Number(t) };
    return { t: 'name', name: t };
  };
  const subscriptItem = (): PyNode => {
    const part = () => (peek() === ':' || peek() === ']' || peek() === ',' ? null : expr());
    const start = part();
    if (peek() !== ':') return start ?? { t: 'ellipsis' };
    i++;
    const stop = part();
    let step: PyNode | null = null;
    if (peek() === ':') {
      i++;
      step = part();
    }
    return { t: 'slice', start, stop, step };
  };
  const expr = (): PyNode => {
    let node = primary();
    for (;;) {
      if (peek() === '.') {
        i++;
        node = { t: 'attr', obj: node, name: toks[i++] };
      } else if (peek() === '(') {
        i++;
        const args: PyNode[] = [];
        const kwargs: Record<string, PyNode> = {};
        while (peek() !== ')') {
          if (/^[A-Za-z_]\w*$/.test(peek()) && toks[i + 1] === '=') {
            const k = toks[i];
            i += 2;
            kwargs[k] = expr();
          } else args.push(expr());
          if (peek() === ',') i++;
          else break;
        }
        expect(')');
        node = { t: 'call', fn: node, args, kwargs };
      } else if (peek() === '[') {
        i++;
        node = { t: 'index', obj: node, items: seq(']', subscriptItem) };
      } else return node;
    }
  };
  const node = expr();
  if (i !== toks.length) throw new SyntaxError(`trailing tokens in ${src}: ${toks.slice(i).join(' ')}`);
  return node;
}
