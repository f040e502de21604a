"""Running actions at the same moment from several threads, for race tests."""
import threading


def at_once(*actions) -> list:
    """Start every action together (a barrier), wait for all, and return their results in order."""
    barrier, results = threading.Barrier(len(actions)), [None] * len(actions)

    def run(index, action):
        barrier.wait()
        results[index] = action()

    threads = [threading.Thread(target=run, args=(n, action)) for n, action in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results
