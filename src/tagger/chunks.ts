/**
 * Entity chunks as conlleval finds them. A tag is `O`, or `B-TYPE` / `I-TYPE` (also `E-`, `S-`
 * and bracket forms, as conlleval accepts). The rules below are conlleval's startOfChunk and
 * endOfChunk, so IOB1 (`I-` may start a chunk) and IOB2 (`B-` starts every chunk) both work.
 */
export interface Chunk {
  type: string;
  start: number;
  /** Exclusive. */
  end: number;
}

function split(tag: string): [string, string] {
  if (tag === 'O' || tag === '' ) return ['O', ''];
  const m = /^([BIESO])-(.+)$/.exec(tag);
  if (m) return [m[1]!, m[2]!];
  return ['I', tag]; // a bare type counts as inside, as conlleval does with its default
}

function endOfChunk(prevTag: string, tag: string, prevType: string, type: string): boolean {
  return (prevTag === 'B' && tag === 'B') || (prevTag === 'B' && tag === 'O') || (prevTag === 'I' && tag === 'B') ||
    (prevTag === 'I' && tag === 'O') || (prevTag === 'E' && tag === 'E') || (prevTag === 'E' && tag === 'I') ||
    (prevTag === 'E' && tag === 'O') || (prevTag === 'I' && tag === 'O') || (prevTag === 'S') ||
    (prevTag !== 'O' && prevTag !== '' && prevType !== type);
}

function startOfChunk(prevTag: string, tag: string, prevType: string, type: string): boolean {
  return (prevTag === 'B' && tag === 'B') || (prevTag === 'I' && tag === 'B') || (prevTag === 'O' && tag === 'B') ||
    (prevTag === 'O' && tag === 'I') || (prevTag === 'E' && tag === 'E') || (prevTag === 'E' && tag === 'I') ||
    (prevTag === 'O' && tag === 'E') || (prevTag === 'O' && tag === 'I') || tag === 'S' ||
    (tag !== 'O' && tag !== '' && prevType !== type);
}

/** The maximal chunks of a tag sequence. */
export function chunks(tags: readonly string[]): Chunk[] {
  const out: Chunk[] = [];
  let prevTag = 'O', prevType = '';
  let open: Chunk | null = null;
  for (let i = 0; i <= tags.length; i++) {
    const [tag, type] = i < tags.length ? split(tags[i]!) : ['O', ''];
    if (open && endOfChunk(prevTag, tag, prevType, type)) {
      open.end = i;
      out.push(open);
      open = null;
    }
    if (i < tags.length && startOfChunk(prevTag, tag, prevType, type)) open = { type, start: i, end: -1 };
    prevTag = tag;
    prevType = type;
  }
  return out;
}
