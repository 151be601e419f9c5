"""The local demo: the summary printed after `make demo` and the static HTML report."""
