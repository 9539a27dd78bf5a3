"""gensim side of bench/word2vec.ts: trains Word2Vec with the given settings and saves the vectors.

usage: gensim_word2vec.py CORPUS OUT.bin|OUT.txt SEED THREADS [cbow]
OUT.txt (or .vec) is written in word2vec's text format, anything else in its binary format.
Prints one JSON object: train_seconds (training only, vocabulary excluded), words (corpus words
in the vocabulary), vocab.
"""
import json, sys, time
from gensim.models import Word2Vec
from gensim.models.word2vec import LineSentence

corpus, out, seed, threads = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
sg = 0 if len(sys.argv) > 5 and sys.argv[5] == 'cbow' else 1
model = Word2Vec(vector_size=100, window=5, negative=5, sample=1e-3, min_count=5, sg=sg, workers=threads, seed=seed)
model.build_vocab(LineSentence(corpus))
t0 = time.perf_counter()
model.train(LineSentence(corpus), total_examples=model.corpus_count, epochs=5)
seconds = time.perf_counter() - t0
model.wv.save_word2vec_format(out, binary=not out.endswith(('.txt', '.vec')))
print(json.dumps({'train_seconds': seconds, 'vocab': len(model.wv), 'words': int(model.corpus_total_words)}))
