"""Talking to other machines: credentials and URL rules (:mod:`.auth`) and one-line
messages for what went wrong (:mod:`.http_errors`), shared by remote queries and
publishing."""
