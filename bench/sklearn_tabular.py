"""scikit-learn side of bench/tabular.ts: cross-validation on the fold assignment lexnet's side wrote.

usage: sklearn_tabular.py TASK DATA.csv FOLDS.txt
  TASK       classify (accuracy) | regress (R²)
  DATA.csv   plain CSV, label in the last column
  FOLDS.txt  one fold index (0..k-1) per data row: row i is tested in fold FOLDS[i]

Each fold runs the pipeline a user would write with the library's defaults:
  classify: make_pipeline(StandardScaler(), LogisticRegression())   (lbfgs, C=1, max_iter=100)
  regress:  make_pipeline(StandardScaler(), Ridge())                (alpha=1), and LinearRegression as a second reference
Prints one JSON object: per-fold scores, per-fold seconds, and how many fits warned that they
had not converged.
"""
import json, sys, time, warnings
import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LinearRegression, LogisticRegression, Ridge
from sklearn.metrics import accuracy_score, r2_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

task, data_path, folds_path = sys.argv[1], sys.argv[2], sys.argv[3]
data = np.loadtxt(data_path, delimiter=',', ndmin=2)
folds = np.loadtxt(folds_path, dtype=int, ndmin=1)
x, y = data[:, :-1], data[:, -1]
out = {'scores': [], 'seconds': [], 'notConverged': 0}
if task == 'regress':
    out['linearRegression'] = []
for k in range(folds.max() + 1):
    test, train = folds == k, folds != k
    t0 = time.perf_counter()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter('always', ConvergenceWarning)
        if task == 'classify':
            model = make_pipeline(StandardScaler(), LogisticRegression()).fit(x[train], y[train])
            out['scores'].append(accuracy_score(y[test], model.predict(x[test])))
        else:
            model = make_pipeline(StandardScaler(), Ridge()).fit(x[train], y[train])
            out['scores'].append(r2_score(y[test], model.predict(x[test])))
    out['seconds'].append(time.perf_counter() - t0)
    out['notConverged'] += sum(issubclass(w.category, ConvergenceWarning) for w in caught)
    if task == 'regress':
        ols = make_pipeline(StandardScaler(), LinearRegression()).fit(x[train], y[train])
        out['linearRegression'].append(r2_score(y[test], ols.predict(x[test])))
print(json.dumps(out))
