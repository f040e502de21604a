"""A TCP relay between the application and PostgreSQL that can cut the line and restore it: the database
"restarts" for the application (every connection drops, new ones are refused) without touching the server
that the rest of the suite uses."""
import socket
import threading


class Relay:
    def __init__(self, target: tuple[str, int]):
        self.target = target
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.up = threading.Event()
        self.up.set()
        self.open: set[socket.socket] = set()
        self.lock = threading.Lock()
        self.closing = False
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while not self.closing:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            if not self.up.is_set():
                client.close()  # the database is "down": refuse at once
                continue
            try:
                server = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            with self.lock:
                self.open |= {client, server}
            for source, sink in ((client, server), (server, client)):
                threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            self._drop(source, sink)

    def _drop(self, *sockets: socket.socket) -> None:
        with self.lock:
            for one in sockets:
                self.open.discard(one)
                try:
                    one.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                one.close()

    def cut(self) -> None:
        """Drop every connection and refuse new ones, as a stopped server would."""
        self.up.clear()
        with self.lock:
            current = list(self.open)
        self._drop(*current)

    def restore(self) -> None:
        self.up.set()

    def close(self) -> None:
        self.closing = True
        self.cut()
        self.listener.close()
