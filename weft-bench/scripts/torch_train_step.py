"""One training step of the digits MLP in PyTorch on the CPU: the peer of weft's TrainStepBench.

Same model (64 -> 64 -> relu -> 10), loss (cross-entropy), optimizer (Adam, lr 0.003) and batch
(32 random digits-like rows). Prints the median and minimum microseconds per step over repeats.
"""
import statistics
import sys
import time

import torch

threads = int(sys.argv[1]) if len(sys.argv) > 1 else 2
torch.set_num_threads(threads)
torch.manual_seed(1)
model = torch.nn.Sequential(torch.nn.Linear(64, 64), torch.nn.ReLU(), torch.nn.Linear(64, 10))
opt = torch.optim.Adam(model.parameters(), lr=0.003)
loss_fn = torch.nn.CrossEntropyLoss()
x = torch.rand(32, 64)
y = torch.randint(0, 10, (32,))


def step():
    opt.zero_grad()
    loss = loss_fn(model(x), y)
    loss.backward()
    opt.step()
    return loss.item()


for _ in range(2000):
    step()
times = []
for _ in range(20):
    n = 500
    t0 = time.perf_counter()
    for _ in range(n):
        step()
    times.append((time.perf_counter() - t0) / n * 1e6)
print(f"torch {torch.__version__} threads={threads}: median {statistics.median(times):.1f} us/step, min {min(times):.1f} us/step")
