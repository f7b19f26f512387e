"""Writing rdflib terms as N-Quads lines, fast, for a bulk load into Oxigraph.

At a million claims the graph is tens of millions of quads: building rdflib or
pyoxigraph objects for each would dominate the build. Terms are written straight to
text (N-Quads, https://www.w3.org/TR/n-quads/) that Oxigraph's bulk loader parses in
Rust; an IRI's text is cached because the same few thousand predicates, classes and
terms make up most of the terms. Oxigraph validates every IRI and literal as it loads,
so a term this writer lets through badly formed is still caught there.
"""

from __future__ import annotations

from typing import BinaryIO, Iterable

from rdflib import BNode, Literal, URIRef

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


class QuadWriter:
    """Writes (subject, predicate, object) triples of rdflib terms into a named graph."""

    def __init__(self, out: BinaryIO, counted: int = 0):
        self.out = out
        self.count = counted  # quads written before, to other files of the same build
        self._iris: dict[str, str] = {}

    def _iri(self, iri: str) -> str:
        text = self._iris.get(iri)
        if text is None:
            if len(self._iris) > 1_000_000:  # claim IRIs are rarely repeated: stay bounded
                self._iris.clear()
            text = self._iris[iri] = f"<{iri}>"
        return text

    def term(self, term: object) -> str:
        if type(term) is URIRef:
            return self._iri(term)
        if isinstance(term, Literal):
            text = '"' + str(term).translate(_ESCAPES) + '"'
            if term.language:
                return f"{text}@{term.language}"
            if term.datatype is not None and str(term.datatype) != XSD_STRING:
                return f"{text}^^{self._iri(str(term.datatype))}"
            return text
        if isinstance(term, BNode):
            return f"_:{term}"
        if isinstance(term, URIRef):  # a subclass (rdflib namespaces' terms)
            return self._iri(str(term))
        raise TypeError(f"not an RDF term: {term!r}")

    def write(self, graph: URIRef, triples: Iterable[tuple[object, object, object]],
              sort: bool = False) -> int:
        """Write the triples into ``graph``; how many were written. ``sort`` writes them in
        sorted order (for a graph whose triples come from a set, in the hash seed's order)."""
        g = self._iri(graph)
        term = self.term
        if sort:
            lines = sorted({f"{term(s)} {term(p)} {term(o)} {g} .\n" for s, p, o in triples})
            written = self._flush(lines)
            self.count += written
            return written
        written, lines = 0, []
        for s, p, o in triples:
            lines.append(f"{term(s)} {term(p)} {term(o)} {g} .\n")
            if len(lines) == 50_000:  # a big graph (the derived one) is written in parts
                written += self._flush(lines)
        written += self._flush(lines)
        self.count += written
        return written

    def _flush(self, lines: list[str]) -> int:
        n = len(lines)
        self.out.write("".join(lines).encode("utf-8"))
        lines.clear()
        return n
