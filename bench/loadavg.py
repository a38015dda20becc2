"""The machine's load while a bench runs (it is shared): ``os.getloadavg`` sampled in a thread.

``with LoadSampler() as load: ...`` then ``load.summary()``: the 1-minute load average at the start, at the
end, its mean and peak over the run, and the core count, so a number measured on a busy machine says so.
"""

from __future__ import annotations

import os
import threading


class LoadSampler:
    def __init__(self, every_s: float = 2.0) -> None:
        self.every_s = every_s
        self.samples: list[float] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while True:
            self.samples.append(os.getloadavg()[0])
            if self._stop.wait(self.every_s):
                return

    def __enter__(self) -> LoadSampler:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.samples.append(os.getloadavg()[0])

    def summary(self) -> dict[str, float | int]:
        samples = self.samples or [os.getloadavg()[0]]
        return {
            "load1_start": round(samples[0], 2),
            "load1_end": round(samples[-1], 2),
            "load1_mean": round(sum(samples) / len(samples), 2),
            "load1_peak": round(max(samples), 2),
            "cores": os.cpu_count() or 0,
        }
