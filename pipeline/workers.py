"""Running many documents: worker processes with a per-document time limit and memory bound, a
journal that survives a killed run, and resuming from it.

Each document runs in a worker process (``--jobs N`` of them). The parent watches the clock: a
document over ``timeout`` seconds has its worker killed and replaced, and gets an error entry
(``timeout``); a worker that dies (a crash in a native library, the memory limit) costs only its
document (``worker_died``). Every result is appended to ``OUT/.journal.jsonl`` as it arrives, so a
run killed at any point can be started again with ``--resume``: documents already in the journal
or in the previous outputs (same path and sha256) are not read again.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing as mp
import os
import queue
import signal
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from pipeline.emit import TEXTS, Emitted, dumps, emitted, read_texts

JOURNAL = ".journal.jsonl"


@dataclass(frozen=True, slots=True, kw_only=True)
class RunSettings:
    """Settings of a batch run (see README "Settings")."""

    jobs: int = 1
    timeout: float = 300.0  # seconds per document
    memory_mb: int = 3072  # address-space limit per worker; 0 = none


Result = tuple[str, dict, bool]  # (path, record or error entry, ok)
# (path, its journal line: the result as JSON, ok, the record ready for the outputs or None)
Done = tuple[str, str, bool, "Emitted | None"]


def journal_line(path: str, item: dict | Emitted, ok: bool, text: str | None = None) -> str:
    """A result as one journal line, compact, keys sorted: ``{"item":…,"ok":…,"path":…}``,
    and ``"text"`` (the document's normalized text) when given. A record's part is its ready
    output line, so making the line costs no JSON encoding of the record again."""
    body = item.line if isinstance(item, Emitted) else dumps(item)
    tail = f',"text":{dumps(text)}' if text is not None else ""
    return f'{{"item":{body},"ok":{"true" if ok else "false"},"path":{dumps(path)}{tail}}}'


def done(result: Result, text: str | None = None, line: bool = True) -> Done:
    """A finished document as the parent takes it; ``text``: its normalized text. ``line=False``
    (a worker) leaves a record's journal line to :func:`with_line`: the record travels to the
    parent once, not twice."""
    path, rec, ok = result
    em = emitted(rec, text) if ok else None
    if em is not None and not line:
        return path, "", ok, em
    return path, journal_line(path, em if em is not None else rec, ok, text), ok, em


def with_line(d: Done) -> Done:
    """``d`` with its journal line, made from the record's output line and its text."""
    path, line, ok, em = d
    if line or em is None:
        return d
    texts = em.rows.get(TEXTS) or [{}]
    return path, journal_line(path, em, ok, texts[0].get("text")), ok, em


def outcome(path: str, res: object, line: bool = True) -> Done:
    """:func:`pipeline.run.process`'s result for ``path`` as a :data:`Done` (``line``: as in
    :func:`done`)."""
    from pipeline.run import Failure

    if isinstance(res, Failure):
        return done((path, res.record(), False))
    return done((path, res.record, True), res.document.text,  # type: ignore[attr-defined]
                line=line)


def parse(d: Done) -> Result:
    return d[0], json.loads(d[1])["item"], d[2]


def sha256_of(path: Path) -> str | None:
    h = hashlib.sha256()
    try:
        with open(path, "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
    except OSError:
        return None
    return h.hexdigest()


def _limit_memory(mb: int) -> None:
    if mb <= 0:
        return
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (mb * 1024 * 1024, mb * 1024 * 1024))
    except (ImportError, ValueError, OSError):
        pass


PARENT_CHECK = 1.0  # seconds an idle worker waits for a task before it looks at its parent


def _worker(tasks: mp.Queue, results: mp.Queue, settings: object, memory_mb: int) -> None:
    from pipeline.run import process

    _limit_memory(memory_mb)
    try:  # a group of its own: killing it kills the tesseract / soffice it started too
        os.setpgrp()
    except OSError:
        pass
    parent = mp.parent_process()
    while True:
        try:
            item = tasks.get(timeout=PARENT_CHECK)
        except queue.Empty:
            # a run killed outright (kill -9) never says stop: a worker that outlives it ends
            if parent is not None and not parent.is_alive():
                return
            continue
        if item is None:
            return
        idx, path = item
        results.put(("start", idx, None))
        try:
            d = outcome(path, process(Path(path), settings), line=False)  # type: ignore[arg-type]
        except MemoryError:
            d = done((path, {"path": path, "reason": "out_of_memory",
                             "message": f"over the {memory_mb} MB memory limit",
                             "sha256": sha256_of(Path(path)), "doc_id": None}, False))
        results.put(("done", idx, d))


def _kill(proc: mp.process.BaseProcess) -> None:
    """Kill a worker and the processes it started (its process group)."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (OSError, TypeError):  # not a group leader (yet), or gone
        proc.kill()


def _error(path: str, reason: str, message: str) -> dict:
    sha = sha256_of(Path(path))
    return {"path": path, "reason": reason, "message": message, "sha256": sha,
            "doc_id": sha[:16] if sha else None}


def _context() -> mp.context.BaseContext:
    """Workers forked from a clean server process that has the pipeline imported already (fast
    to start, nothing inherited from this process's threads); spawned where there is no fork."""
    if "forkserver" in mp.get_all_start_methods():
        ctx = mp.get_context("forkserver")
        ctx.set_forkserver_preload(["pipeline.run", "pipeline.extract", "extractors.units",
                                    "extractors.metadata", "extractors.citations"])
        return ctx
    return mp.get_context("spawn")


AHEAD = 2  # tasks queued to a worker at once: the next is there when one ends, no round trip


def run_parallel(paths: list[str], settings: object, run: RunSettings,
                 on_result: Callable[[Done], None]) -> None:
    """Process ``paths`` in worker processes; call ``on_result`` for each, in completion order.

    Each worker has up to ``AHEAD`` tasks queued, so it never waits for the parent between two
    documents. A worker that goes over the time limit on a document, or dies, is killed; that
    document gets an error entry, the tasks still queued to it go back to the pending list, and
    a new worker takes its place.
    """
    if not paths:
        return
    ctx = _context()
    results: mp.Queue = ctx.Queue()
    n = max(1, min(run.jobs, len(paths)))
    workers: dict[int, tuple[mp.process.BaseProcess, mp.Queue]] = {}
    queued: dict[int, list[int]] = {}  # worker id -> its tasks not yet done, in order
    started: dict[int, float] = {}  # worker id -> when its current task (queued[wid][0]) began
    owner: dict[int, int] = {}  # task idx -> worker id
    pending = list(enumerate(paths))
    pending.reverse()
    finished: set[int] = set()
    next_id = 0

    def spawn() -> int:
        nonlocal next_id
        tq: mp.Queue = ctx.Queue()
        p = ctx.Process(target=_worker, args=(tq, results, settings, run.memory_mb), daemon=True)
        p.start()
        wid = next_id
        workers[wid] = (p, tq)
        queued[wid] = []
        next_id += 1
        return wid

    def feed(wid: int) -> None:
        while pending and len(queued[wid]) < AHEAD:
            idx, path = pending.pop()
            owner[idx] = wid
            queued[wid].append(idx)
            workers[wid][1].put((idx, path))

    def retire(wid: int, reason: str, message: str) -> None:
        """Kill worker ``wid``: its current task fails with ``reason``, the others are requeued."""
        proc = workers.pop(wid)[0]
        _kill(proc)
        proc.join(5)
        tasks = queued.pop(wid)
        started.pop(wid, None)
        idx, rest = tasks[0], tasks[1:]
        finished.add(idx)
        on_result(done((paths[idx], _error(paths[idx], reason, message), False)))
        pending.extend((k, paths[k]) for k in reversed(rest))
        if pending:
            feed(spawn())

    for _ in range(n):
        spawn()
    for wid in list(workers):
        feed(wid)
    checked = time.monotonic()
    try:
        while len(finished) < len(paths):
            try:
                kind, idx, out = results.get(timeout=0.2)
            except queue.Empty:
                kind = None
            wid = owner.get(idx) if kind else None
            if wid not in workers:
                kind = None  # a late message from a worker already retired
            if kind == "start":
                started[wid] = time.monotonic()
            elif kind == "done" and idx not in finished:
                finished.add(idx)
                queued[wid].remove(idx)
                started.pop(wid, None)
                feed(wid)  # first: the worker's next task is on its way while this one is taken
                on_result(with_line(out))
            now = time.monotonic()
            # the workers are looked at once the messages are read (a worker's "done" may wait
            # in the queue behind its death), or at least each second when messages keep coming
            if kind is not None and now - checked < 1.0:
                continue
            checked = now
            for w in list(workers):
                if not queued[w]:
                    continue
                proc = workers[w][0]
                if w in started and now - started[w] > run.timeout:
                    retire(w, "timeout", f"took over {run.timeout:g} s")
                elif not proc.is_alive():
                    retire(w, "worker_died", f"the reader crashed (exit {proc.exitcode})")
    finally:
        for _proc, tq in workers.values():
            try:
                tq.put(None)
            except (OSError, ValueError):
                pass
        for p, _ in workers.values():
            p.join(2)
            if p.is_alive():
                _kill(p)


class Journal:
    """Append-only record of finished documents in the output folder (one JSON line each)."""

    def __init__(self, out_dir: Path) -> None:
        self.path = out_dir / JOURNAL
        out_dir.mkdir(parents=True, exist_ok=True)
        self._fh = open(self.path, "a", encoding="utf-8")

    def add(self, d: Done) -> None:
        self._fh.write(d[1] + "\n")
        # flushed to the OS at once: a killed process loses nothing (fsync only guards against
        # power loss, and costs milliseconds a document)
        self._fh.flush()

    def close(self) -> None:
        if not self._fh.closed:
            self._fh.flush()
            os.fsync(self._fh.fileno())
            self._fh.close()

    def remove(self) -> None:
        self.close()
        self.path.unlink(missing_ok=True)


def previous(out_dir: Path) -> tuple[list[Result], dict[str, str]]:
    """Results of an earlier run in ``out_dir`` (its outputs and its journal; a line cut short
    by a kill is skipped), and the texts of its documents (doc_id -> text)."""
    found: dict[tuple[str, str | None], Result] = {}
    texts = read_texts(out_dir)

    def lines(p: Path) -> Iterable[dict]:
        if not p.exists():
            return
        for line in p.read_text(encoding="utf-8", errors="replace").splitlines():
            try:
                yield json.loads(line)
            except json.JSONDecodeError:
                continue

    for rec in lines(out_dir / "documents.jsonl"):
        path = rec["source"]["path"]
        found[(path, rec["source"]["sha256"])] = (path, rec, True)
    for err in lines(out_dir / "errors.jsonl"):
        found[(err["path"], err.get("sha256"))] = (err["path"], err, False)
    for j in lines(out_dir / JOURNAL):
        item = j["item"]
        sha = item["source"]["sha256"] if j["ok"] else item.get("sha256")
        found[(j["path"], sha)] = (j["path"], item, j["ok"])
        if j["ok"] and j.get("text") is not None:
            texts[item["doc_id"]] = j["text"]
    return list(found.values()), texts
