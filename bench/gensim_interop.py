"""Interop check: gensim loads vectors written by lexnet (binary and text) and reports neighbours.

usage: gensim_interop.py VECTORS.bin VECTORS.txt OUT.bin WORD [WORD...]
Writes OUT.bin with gensim (for lexnet to read back) and prints JSON {word: [neighbours]}.
"""
import json, sys
from gensim.models import KeyedVectors

binary = KeyedVectors.load_word2vec_format(sys.argv[1], binary=True)
text = KeyedVectors.load_word2vec_format(sys.argv[2], binary=False)
binary.save_word2vec_format(sys.argv[3], binary=True)
out = {}
for w in sys.argv[4:]:
    a = [x for x, _ in binary.most_similar(w, topn=10)]
    b = [x for x, _ in text.most_similar(w, topn=10)]
    out[w] = {'binary': a, 'text': b}
print(json.dumps(out))
