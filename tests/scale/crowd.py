"""Many people at once: a thread each, released together by a barrier, or a small pool for the preliminaries."""
import threading
from concurrent.futures import ThreadPoolExecutor


def together(actions, timeout: float = 300) -> list:
    """Run every action in its own thread, all released at the same moment; their results in order. An
    exception in any of them is raised here, after every thread has finished."""
    barrier = threading.Barrier(len(actions), timeout=timeout)
    results, errors = [None] * len(actions), []

    def run(index, action):
        try:
            barrier.wait()
            results[index] = action()
        except BaseException as error:  # noqa: BLE001 - reported below, in the test's thread
            errors.append(error)

    threads = [threading.Thread(target=run, args=(n, action), daemon=True) for n, action in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout)
    if any(thread.is_alive() for thread in threads):
        raise TimeoutError(f"{sum(t.is_alive() for t in threads)} of {len(threads)} threads still running")
    if errors:
        raise errors[0]
    return results


def in_parallel(function, items, workers: int = 8) -> list:
    """function(index, item) for every item on a few threads (sign-ins, set-up requests); results in order."""
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(function, range(len(items)), items))
