"""Loads a word2vec vector file with gensim, as the vector-loading benchmark's reference.

usage: gensim_load_vectors.py FILE binary|text
Prints the number of vectors and their dimension.
"""
import sys
from gensim.models import KeyedVectors

kv = KeyedVectors.load_word2vec_format(sys.argv[1], binary=sys.argv[2] == 'binary')
print(len(kv.index_to_key), kv.vector_size)
