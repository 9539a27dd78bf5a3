"""scikit-learn side of bench/tabular.ts: trains the reference model on the same train/test files.

usage: sklearn_tabular.py MODEL TRAIN.csv TEST.csv SEED   (MODEL: logistic | mlp | regressor)
Prints one JSON object: accuracy (classifiers) or rmse and r2 (regressor), and seconds.
"""
import json, sys, time
import numpy as np
from sklearn.preprocessing import StandardScaler
from sklearn.linear_model import LogisticRegression
from sklearn.neural_network import MLPClassifier, MLPRegressor
from sklearn.metrics import accuracy_score, mean_squared_error, r2_score

model, train_path, test_path, seed = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
tr = np.loadtxt(train_path, delimiter=',')
te = np.loadtxt(test_path, delimiter=',')
scaler = StandardScaler().fit(tr[:, :-1])
xtr, ytr = scaler.transform(tr[:, :-1]), tr[:, -1]
xte, yte = scaler.transform(te[:, :-1]), te[:, -1]
t0 = time.perf_counter()
if model == 'logistic':
    clf = LogisticRegression(C=1.0, max_iter=1000).fit(xtr, ytr)
    out = {'accuracy': accuracy_score(yte, clf.predict(xte))}
elif model == 'mlp':
    clf = MLPClassifier(hidden_layer_sizes=(100,), random_state=seed, max_iter=200).fit(xtr, ytr)
    out = {'accuracy': accuracy_score(yte, clf.predict(xte))}
else:
    ym, ys = ytr.mean(), ytr.std()
    reg = MLPRegressor(hidden_layer_sizes=(100,), activation='logistic', random_state=seed, max_iter=2000,
                       early_stopping=True, n_iter_no_change=20).fit(xtr, (ytr - ym) / ys)
    pred = reg.predict(xte) * ys + ym
    out = {'rmse': float(np.sqrt(mean_squared_error(yte, pred))), 'r2': r2_score(yte, pred)}
out['seconds'] = time.perf_counter() - t0
print(json.dumps(out))
