"""gensim side of bench/subwords.ts: trains gensim's FastText (skip-gram, negative sampling,
character n-grams) with the given settings and saves it in fastText's .bin format.

usage: gensim_fasttext.py CORPUS OUT.bin SEED THREADS MINN MAXN BUCKET
Prints one JSON object: train_seconds (training only, vocabulary excluded), vocab.
"""
import json, sys, time
from gensim.models import FastText
from gensim.models.fasttext import save_facebook_model
from gensim.models.word2vec import LineSentence

corpus, out, seed, threads = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
minn, maxn, bucket = int(sys.argv[5]), int(sys.argv[6]), int(sys.argv[7])
model = FastText(vector_size=100, window=5, negative=5, sample=1e-3, min_count=5, sg=1, workers=threads, seed=seed,
                 min_n=minn, max_n=maxn, bucket=bucket)
model.build_vocab(LineSentence(corpus))
t0 = time.perf_counter()
model.train(LineSentence(corpus), total_examples=model.corpus_count, epochs=5)
seconds = time.perf_counter() - t0
save_facebook_model(model, out)
print(json.dumps({'train_seconds': seconds, 'vocab': len(model.wv)}))
