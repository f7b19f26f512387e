"""The real data builds."""


def test_real_data_loads(curated):
    assert {s.record.id for s in curated.sources} >= {"s000", "s002"}
