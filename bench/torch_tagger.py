"""PyTorch side of bench/tagger.ts: the same window network (word, caps, prefix, suffix embeddings, sparse gradients;
tanh hidden layer; softmax over tags), trained with plain SGD on the same windows, timed per epoch.

usage: torch_tagger.py WINDOWS.bin META.json THREADS
WINDOWS.bin holds int32 ids (tokens × window × 4) then int32 labels; META.json the sizes.
Prints JSON: tokens_per_second (training only), torch version and threads.
"""
import json, sys, time
import numpy as np
import torch

meta = json.load(open(sys.argv[2]))
threads = int(sys.argv[3])
torch.set_num_threads(threads)
raw = np.fromfile(sys.argv[1], dtype=np.int32)
n, C = meta['tokens'], meta['window']
windows = torch.from_numpy(raw[: n * C * 4].reshape(n, C, 4).astype(np.int64))
labels = torch.from_numpy(raw[n * C * 4:].astype(np.int64))
torch.manual_seed(1)

class Window(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.tables = torch.nn.ModuleList([torch.nn.Embedding(v, d, sparse=True) for v, d in zip(meta["vocab"], meta["dims"])])
        self.hidden = torch.nn.Linear(C * sum(meta['dims']), meta['hidden'])
        self.out = torch.nn.Linear(meta['hidden'], meta['tags'])
    def forward(self, x):
        e = torch.cat([t(x[:, :, f]) for f, t in enumerate(self.tables)], dim=2)
        return self.out(torch.tanh(self.hidden(e.reshape(x.shape[0], -1))))

model = Window()
opt = torch.optim.SGD(model.parameters(), lr=0.1)
loss_fn = torch.nn.CrossEntropyLoss()
B = meta['batch']
perm = torch.randperm(n)
limit = meta.get('limit', n)
t0 = time.perf_counter()
for b in range(0, limit, B):
    idx = perm[b:b + B]
    opt.zero_grad()
    loss = loss_fn(model(windows[idx]), labels[idx])
    loss.backward()
    opt.step()
seconds = time.perf_counter() - t0
print(json.dumps({'tokens_per_second': limit / seconds, 'torch': torch.__version__, 'threads': torch.get_num_threads()}))
