"""gensim side of bench/commands.ts: what `lexnet similar`, `lexnet analogy` and `lexnet eval-vectors`
do, as one whole script each (load, normalise, search), for timing and memory side by side.

usage: gensim_vectors_query.py FILE similar WORD TOPN
       gensim_vectors_query.py FILE analogy A B C TOPN
       gensim_vectors_query.py FILE eval ANALOGIES PAIRS RESTRICT
FILE ending in .bin is read as word2vec's binary format, anything else as its text format.
Prints one JSON object: the answers as [word, similarity] pairs, or the evaluation's numbers.
"""
import json, sys
from gensim.models import KeyedVectors

path, what = sys.argv[1], sys.argv[2]
kv = KeyedVectors.load_word2vec_format(path, binary=path.endswith('.bin'))
if what == 'similar':
    print(json.dumps({'answers': kv.most_similar(sys.argv[3], topn=int(sys.argv[4]))}))
elif what == 'analogy':
    a, b, c = sys.argv[3:6]
    print(json.dumps({'answers': kv.most_similar(positive=[b, c], negative=[a], topn=int(sys.argv[6]))}))
elif what == 'eval':
    accuracy, _ = kv.evaluate_word_analogies(sys.argv[3], restrict_vocab=int(sys.argv[5]), case_insensitive=True)
    pearson, spearman, oov = kv.evaluate_word_pairs(sys.argv[4], case_insensitive=True)
    print(json.dumps({'accuracy': accuracy, 'spearman': spearman[0]}))
else:
    sys.exit(f'unknown query {what}')
