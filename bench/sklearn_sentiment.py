"""scikit-learn side of bench/sentiment.ts: bag-of-words (unigrams and bigrams) logistic regression,
C chosen on dev from a small grid. usage: sklearn_sentiment.py TRAIN.tsv DEV.tsv -> JSON {dev_accuracy, C}"""
import csv, json, sys
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.linear_model import LogisticRegression

def read(path):
    with open(path, newline='') as f:
        rows = list(csv.DictReader(f, delimiter='\t', quoting=csv.QUOTE_NONE))
    return [r['sentence'] for r in rows], [r['label'] for r in rows]

xtr, ytr = read(sys.argv[1])
xdv, ydv = read(sys.argv[2])
vec = CountVectorizer(ngram_range=(1, 2), token_pattern=r'\S+', lowercase=True)
Xtr, Xdv = vec.fit_transform(xtr), vec.transform(xdv)
best = (0, None)
for C in [0.1, 0.3, 1, 3, 10]:
    acc = LogisticRegression(C=C, max_iter=2000).fit(Xtr, ytr).score(Xdv, ydv)
    best = max(best, (acc, C), key=lambda t: t[0])
print(json.dumps({'dev_accuracy': best[0], 'C': best[1]}))
