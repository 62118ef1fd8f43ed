"""What the edges (CLI, later the web app) call: one function per task, I/O included."""
