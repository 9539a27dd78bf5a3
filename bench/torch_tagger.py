"""PyTorch side of bench/tagger.ts: the same window network (word, caps, prefix, suffix and word-shape embeddings,
sparse gradients; tanh hidden layer; scores over tags), trained with plain SGD on the same windows, timed per epoch.
With the window decoder the loss is softmax cross-entropy per token; with crf, whole sentences are packed into
batches of at most `batch` tokens as lexnet does, and the loss is the sentence-level log-likelihood (learned start
and transition scores, the forward algorithm in log space, batched over the padded sentences of a batch).

usage: torch_tagger.py WINDOWS.bin META.json THREADS
WINDOWS.bin holds int32 ids (tokens × window × features), then int32 labels, then int32 sentence starts (sentences + 1).
META.json the sizes. Prints JSON: tokens_per_second (training only), torch version and threads.
"""
import json, sys, time
import numpy as np
import torch

meta = json.load(open(sys.argv[2]))
threads = int(sys.argv[3])
torch.set_num_threads(threads)
raw = np.fromfile(sys.argv[1], dtype=np.int32)
n, C, F = meta['tokens'], meta['window'], meta['features']
windows = torch.from_numpy(raw[: n * C * F].reshape(n, C, F).astype(np.int64))
labels = torch.from_numpy(raw[n * C * F: n * C * F + n].astype(np.int64))
starts = raw[n * C * F + n:].astype(np.int64)
torch.manual_seed(1)
T = meta['tags']

class Window(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.tables = torch.nn.ModuleList([torch.nn.Embedding(v, d, sparse=True) for v, d in zip(meta["vocab"], meta["dims"])])
        self.hidden = torch.nn.Linear(C * sum(meta['dims']), meta['hidden'])
        self.out = torch.nn.Linear(meta['hidden'], T)
    def forward(self, x):
        e = torch.cat([t(x[:, :, f]) for f, t in enumerate(self.tables)], dim=2)
        return self.out(torch.tanh(self.hidden(e.reshape(x.shape[0], -1))))

class Crf(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.start = torch.nn.Parameter(torch.zeros(T))
        self.transitions = torch.nn.Parameter(torch.zeros(T, T))  # [from, to]
    def forward(self, e, y, mask):
        """Summed sentence losses: log Z − score(gold); e (S × L × T), y (S × L), mask (S × L)."""
        S, L, _ = e.shape
        alpha = self.start + e[:, 0]  # α_0 = a0 + e_0
        for t in range(1, L):
            nxt = torch.logsumexp(alpha.unsqueeze(2) + self.transitions, dim=1) + e[:, t]  # α_t(j) = e_t[j] + logsumexp_i(α_{t−1}(i) + A[i, j])
            alpha = torch.where(mask[:, t].unsqueeze(1), nxt, alpha)
        m = mask.to(e.dtype)
        # score(gold) = a0[y_0] + Σ_t e_t[y_t] + Σ_{t≥1} A[y_{t−1}, y_t]
        gold = self.start[y[:, 0]] + (e.gather(2, y.unsqueeze(2)).squeeze(2) * m).sum(1) + (self.transitions[y[:, :-1], y[:, 1:]] * m[:, 1:]).sum(1)
        return (torch.logsumexp(alpha, dim=1) - gold).sum()

model = Window()
crf = Crf() if meta['decoder'] == 'crf' else None
params = list(model.parameters()) + (list(crf.parameters()) if crf else [])
opt = torch.optim.SGD(params, lr=0.1)
loss_fn = torch.nn.CrossEntropyLoss()
B = meta['batch']
limit = meta.get('limit', n)

def crf_batches():
    """Sentences in random order, packed into batches of at most B tokens (a longer sentence alone)."""
    batch, size = [], 0
    for s in torch.randperm(len(starts) - 1).tolist():
        a, b = int(starts[s]), int(starts[s + 1])
        if size + (b - a) > B and batch:
            yield batch, size
            batch, size = [], 0
        batch.append((a, b))
        size += b - a
    if batch:
        yield batch, size

t0 = time.perf_counter()
done = 0
if crf is None:
    perm = torch.randperm(n)
    for b in range(0, limit, B):
        idx = perm[b:b + B]
        opt.zero_grad()
        loss = loss_fn(model(windows[idx]), labels[idx])
        loss.backward()
        opt.step()
    done = limit
else:
    for batch, size in crf_batches():
        if done >= limit:
            break
        idx = torch.cat([torch.arange(a, b) for a, b in batch])
        opt.zero_grad()
        scores = model(windows[idx])
        lengths = [b - a for a, b in batch]
        e = torch.nn.utils.rnn.pad_sequence(scores.split(lengths), batch_first=True)
        y = torch.nn.utils.rnn.pad_sequence(labels[idx].split(lengths), batch_first=True)
        mask = torch.nn.utils.rnn.pad_sequence([torch.ones(k, dtype=torch.bool) for k in lengths], batch_first=True)
        loss = crf(e, y, mask) / size
        loss.backward()
        opt.step()
        done += size
seconds = time.perf_counter() - t0
print(json.dumps({'tokens_per_second': done / seconds, 'torch': torch.__version__, 'threads': torch.get_num_threads(), 'decoder': meta['decoder']}))
