"""Stage 6: questions to the graph. The catalogue of ``queries/*.rq`` (:mod:`.catalogue`,
its README :mod:`.readme`, blocks generated from the context registry
:mod:`.generated`), typed parameters bound as VALUES (:mod:`.params`), parsing with
SERVICE and updates refused (:mod:`.parse`), running on the embedded store
(:mod:`.local`) or an endpoint (:mod:`.remote`), checking ids against the graph
(:mod:`.lookup`), and the result formats (:mod:`.results`)."""
