"""A held-out similarity proxy from WordNet (Debian wordnet-base): synonym pairs (same synset,
single-word lemmas, both among the top-N words of the vectors) scored by
  auc: P(cos(a, syn) > cos(a, random word of similar frequency))
  mrr: mean reciprocal rank of the synonym among a's neighbours (top 30k)."""
import sys, random, numpy as np
from gensim.models import KeyedVectors
pairs = set()
for pos in ['noun', 'verb', 'adj', 'adv']:
    for line in open(f'/usr/share/wordnet/data.{pos}', encoding='latin-1'):
        if line.startswith('  '): continue
        f = line.split()
        n = int(f[3], 16)
        ws = [f[4 + 2 * i].lower() for i in range(n)]
        ws = [w.split('(')[0] for w in ws if '_' not in w and '-' not in w]
        ws = sorted(set(ws))
        for i in range(len(ws)):
            for j in range(i + 1, len(ws)):
                pairs.add((ws[i], ws[j]))
for path in sys.argv[1:]:
    kv = KeyedVectors.load_word2vec_format(path, binary=path.endswith('.bin'))
    top = 10000
    idx = {w: i for i, w in enumerate(kv.index_to_key[:top])}
    P = sorted((a, b) for a, b in pairs if a in idx and b in idx and idx[a] > 100 and idx[b] > 100)
    M = kv.vectors[:top] / np.linalg.norm(kv.vectors[:top], axis=1, keepdims=True)
    rng = random.Random(0)
    wins = 0; total = 0; rr = []
    for a, b in P:
        ia, ib = idx[a], idx[b]
        s = M[ia] @ M[ib]
        sims = M @ M[ia]
        for _ in range(10):
            r = rng.randrange(101, top)
            if r in (ia, ib): continue
            wins += s > sims[r]; total += 1
        sims[ia] = -2
        rank = int((sims > s).sum()) + 1
        rr.append(1 / rank)
    print(f'{path.split("/")[-1]}: pairs {len(P)} auc {wins/total:.4f} mrr {np.mean(rr):.4f}')
