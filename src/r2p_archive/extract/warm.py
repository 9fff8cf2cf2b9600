"""Imported by the extraction forkserver before it forks any worker: the extractors and the
language models, loaded once and shared by every worker (see ``extract.pool.Pool``)."""

from r2p_archive.extract import preload

preload()
