"""Counting requests per client and minute, in memory (one server) or in Redis (several servers)."""
import threading
import time

from flask import Flask, current_app, request


class MemoryCounter:
    """Fixed one-minute windows kept in this process."""

    def __init__(self):
        self._lock = threading.Lock()
        self._counts: dict[tuple[str, int], int] = {}

    def hit(self, key: str, window: int) -> int:
        with self._lock:
            for old in [k for k in self._counts if k[1] < window]:
                del self._counts[old]
            self._counts[(key, window)] = self._counts.get((key, window), 0) + 1
            return self._counts[(key, window)]


class RedisCounter:
    """The same windows in Redis, shared by every application server."""

    def __init__(self, url: str, prefix: str):
        import redis

        self._redis = redis.Redis.from_url(url)
        self._prefix = prefix

    def hit(self, key: str, window: int) -> int:
        name = f"{self._prefix}:rate:{key}:{window}"
        with self._redis.pipeline() as pipe:
            count, _ = pipe.incr(name).expire(name, 120).execute()
        return int(count)


def init_app(app: Flask) -> None:
    url = app.config.get("RATE_LIMIT_STORE", "memory")
    app.extensions["rate_counter"] = (MemoryCounter() if url == "memory"
                                      else RedisCounter(url, app.config.get("RATE_LIMIT_PREFIX", "lms")))


def too_many(bucket: str, limit: int) -> bool:
    """Count this request for the client; True when it is over `limit` in the current minute."""
    client = request.remote_addr or "unknown"
    count = current_app.extensions["rate_counter"].hit(f"{bucket}:{client}", int(time.time() // 60))
    return count > limit
